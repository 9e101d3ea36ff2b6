// Calculation methods: ordered evidence scores s1..sn → one current score (DESIGN.md § Mastery,
// formulas and vectors in reference/mastery.md). Each returns its working so `explain` can show it.
import { mean as meanOf, median as medianOf, roundHalfAway } from '../numbers.ts';
import type { MethodName, MethodSpec } from '../types.ts';

export interface MethodContext {
  /** The score that counts as mastered (n-mastery keeps scores at or above it). */
  masteryPoints: number;
  /** The scale's range, for clamping fitted values. */
  min: number;
  max: number;
}

export interface MethodResult {
  /** Unrounded; null means "not yet" (n-mastery before n scores at mastery). */
  score: number | null;
  /** The arithmetic, one line a step, for `pathbook explain`. */
  steps: string[];
  /** Set when the method could not apply and another one was used. */
  fallback?: MethodName;
}

const f = (x: number) => String(roundHalfAway(x, 4));
const list = (xs: readonly number[]) => xs.map(f).join(', ');
const clamp = (x: number, c: MethodContext) => Math.min(c.max, Math.max(c.min, x));

export function decayingAverage(s: readonly number[], w: number): MethodResult {
  let d = s[0]!;
  const steps = [`d1 = s1 = ${f(d)}`];
  for (let k = 1; k < s.length; k++) {
    const next = (1 - w) * d + w * s[k]!;
    steps.push(`d${k + 1} = ${f(1 - w)}·${f(d)} + ${f(w)}·${f(s[k]!)} = ${f(next)}`);
    d = next;
  }
  return { score: d, steps };
}

export function weightedAverage(s: readonly number[], w: number): MethodResult {
  if (s.length === 1) return { score: s[0]!, steps: [`one score: ${f(s[0]!)}`] };
  const earlier = s.slice(0, -1);
  const m = meanOf(earlier);
  const last = s[s.length - 1]!;
  const score = w * last + (1 - w) * m;
  return {
    score,
    steps: [`mean of earlier (${list(earlier)}) = ${f(m)}`, `${f(w)}·${f(last)} + ${f(1 - w)}·${f(m)} = ${f(score)}`],
  };
}

/** Evidence scores are quotients (earned ÷ possible × max): forgive the binary noise of a score that is exactly at mastery. */
const AT_MASTERY_TOLERANCE = 1e-9;

/** Canvas's n_mastery: the mean of the scores at or above mastery, once there are n of them; "not yet" before. */
export function nMastery(s: readonly number[], n: number, c: MethodContext): MethodResult {
  const kept = s.filter((x) => x >= c.masteryPoints - AT_MASTERY_TOLERANCE);
  const head = `scores at or above ${f(c.masteryPoints)}: ${kept.length ? list(kept) : 'none'} (${kept.length} of ${n} needed)`;
  if (kept.length < n) return { score: null, steps: [head, 'not yet: fewer than n scores at mastery'] };
  const score = meanOf(kept);
  return { score, steps: [head, `mean = ${f(score)}`] };
}

export function latest(s: readonly number[]): MethodResult {
  return { score: s[s.length - 1]!, steps: [`most recent score: ${f(s[s.length - 1]!)}`] };
}

export function highest(s: readonly number[]): MethodResult {
  const score = Math.max(...s);
  return { score, steps: [`highest of ${list(s)} = ${f(score)}`] };
}

export function average(s: readonly number[]): MethodResult {
  const score = meanOf(s);
  return { score, steps: [`mean of ${list(s)} = ${f(score)}`] };
}

export function medianMethod(s: readonly number[]): MethodResult {
  const score = medianOf(s);
  return { score, steps: [`median of ${list(s)} = ${f(score)}`] };
}

/** The most frequent score; ties go to the one seen most recently (Educate's rule, mastery.md §3.2). */
export function mode(s: readonly number[]): MethodResult {
  const key = (x: number) => roundHalfAway(x, 6);
  const count = new Map<number, number>();
  const lastSeen = new Map<number, number>();
  s.forEach((x, i) => {
    const k = key(x);
    count.set(k, (count.get(k) ?? 0) + 1);
    lastSeen.set(k, i);
  });
  let best = key(s[0]!);
  for (const [k, c] of count) {
    const bc = count.get(best)!;
    if (c > bc || (c === bc && lastSeen.get(k)! > lastSeen.get(best)!)) best = k;
  }
  return { score: best, steps: [`most frequent of ${list(s)}: ${f(best)} (${count.get(best)} times; ties go to the most recent)`] };
}

export function mostRecentN(s: readonly number[], n: number): MethodResult {
  const recent = s.slice(-n);
  const score = meanOf(recent);
  return { score, steps: [`mean of the ${recent.length} most recent (${list(recent)}) = ${f(score)}`] };
}

interface Fit {
  at: (x: number) => number;
  describe: string;
}

/** Least squares of ln(score) on ln(attempt): y = a·x^b (Marzano, as JumpRope computes it). */
function fitPower(s: readonly number[]): Fit {
  const X = s.map((_, i) => Math.log(i + 1));
  const Y = s.map((y) => Math.log(y));
  const { slope: b, intercept: lna } = leastSquares(X, Y);
  const a = Math.exp(lna);
  return { at: (x) => a * x ** b, describe: `a = ${f(a)}, b = ${f(b)}` };
}

function fitLinear(s: readonly number[]): Fit {
  const X = s.map((_, i) => i + 1);
  const { slope, intercept } = leastSquares(X, s);
  return { at: (x) => intercept + slope * x, describe: `slope ${f(slope)}, intercept ${f(intercept)}` };
}

function leastSquares(X: readonly number[], Y: readonly number[]): { slope: number; intercept: number } {
  const mx = meanOf(X);
  const my = meanOf(Y);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < X.length; i++) {
    sxy += (X[i]! - mx) * (Y[i]! - my);
    sxx += (X[i]! - mx) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

export function powerLaw(s: readonly number[], w: number, c: MethodContext): MethodResult {
  if (s.length < 3 || s.some((x) => x <= 0)) {
    const why = s.length < 3 ? `only ${s.length} score${s.length === 1 ? '' : 's'} (power law needs 3)` : 'a score of 0 (ln 0 is undefined)';
    const r = decayingAverage(s, w);
    return { score: r.score, steps: [`power law not used: ${why}; decaying average instead`, ...r.steps], fallback: 'decaying-average' };
  }
  const fit = fitPower(s);
  const n = s.length;
  const raw = fit.at(n);
  const score = clamp(raw, c);
  const steps = [`fit ln(score) on ln(attempt 1..${n}): ${fit.describe}`, `a·${n}^b = ${f(raw)}`];
  if (score !== raw) steps.push(`clamped to the scale: ${f(score)}`);
  return { score, steps };
}

/** Empower's true-score estimator: linear, power-law and average fitted; the least squared error wins. */
export function bestFit(s: readonly number[], c: MethodContext): MethodResult {
  if (s.length === 1) return { score: s[0]!, steps: [`one score: ${f(s[0]!)}`] };
  const n = s.length;
  const candidates: { name: string; fit: Fit }[] = [];
  candidates.push({ name: 'linear', fit: fitLinear(s) });
  if (n >= 3 && s.every((x) => x > 0)) candidates.push({ name: 'power law', fit: fitPower(s) });
  const m = meanOf(s);
  candidates.push({ name: 'average', fit: { at: () => m, describe: `mean ${f(m)}` } });
  const steps: string[] = [];
  let best: { name: string; sse: number; value: number } | undefined;
  for (const { name, fit } of candidates) {
    let sse = 0;
    s.forEach((y, i) => (sse += (y - fit.at(i + 1)) ** 2));
    const value = fit.at(n);
    steps.push(`${name} (${fit.describe}): squared error ${f(sse)}, value at ${n} = ${f(value)}`);
    // Strictly better only, so ties keep the simpler-listed model deterministically.
    if (!best || sse < best.sse - 1e-12) best = { name, sse, value };
  }
  const score = clamp(best!.value, c);
  steps.push(`least error: ${best!.name}${score !== best!.value ? `, clamped to ${f(score)}` : ''}`);
  return { score, steps };
}

/** "decaying-average (w 0.65)": the method with the parameter it uses, for reports. */
export function describeMethod(spec: MethodSpec): string {
  switch (spec.method) {
    case 'decaying-average':
    case 'weighted-average':
      return `${spec.method} (w ${f(spec.w)})`;
    case 'n-mastery':
    case 'most-recent-n':
      return `${spec.method} (n ${spec.n})`;
    default:
      return spec.method;
  }
}

export function applyMethod(scores: readonly number[], spec: MethodSpec, c: MethodContext): MethodResult {
  if (scores.length === 0) return { score: null, steps: ['no evidence'] };
  switch (spec.method) {
    case 'decaying-average': return decayingAverage(scores, spec.w);
    case 'weighted-average': return weightedAverage(scores, spec.w);
    case 'n-mastery': return nMastery(scores, spec.n, c);
    case 'latest': return latest(scores);
    case 'highest': return highest(scores);
    case 'average': return average(scores);
    case 'power-law': return powerLaw(scores, spec.w, c);
    case 'median': return medianMethod(scores);
    case 'mode': return mode(scores);
    case 'most-recent-n': return mostRecentN(scores, spec.n);
    case 'best-fit': return bestFit(scores, c);
  }
}
