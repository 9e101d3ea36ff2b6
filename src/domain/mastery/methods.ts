// Calculation methods: ordered evidence scores s1..sn → one current score (DESIGN.md § Mastery,
// formulas and vectors in reference/mastery.md). Each can write its working for `explain`; the
// class table skips the writing (it is most of the cost on a year of evidence), never the arithmetic,
// so `explain` and `mastery` run the very same code.
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
  /** The arithmetic, one line a step, for `pathbook explain` (empty when not traced). */
  steps: string[];
  /** Set when the method could not apply and another one was used. */
  fallback?: MethodName;
  /** n-mastery: scores at mastery so far and how many are needed ("2 of 3", mastery.md §7.3). */
  progress?: { have: number; need: number };
}

/** Collects working lines when tracing; the lines are only built when they are kept. */
class Working {
  readonly steps: string[] = [];
  readonly on: boolean;
  constructor(on: boolean) {
    this.on = on;
  }
  add(line: () => string): void {
    if (this.on) this.steps.push(line());
  }
}

const f = (x: number) => String(roundHalfAway(x, 4));
const list = (xs: readonly number[]) => xs.map(f).join(', ');
const clamp = (x: number, c: MethodContext) => Math.min(c.max, Math.max(c.min, x));

/** d1 = s1, dk = (1−w)·d(k−1) + w·sk (Canvas's standard decaying average, PowerSchool's default). */
export function decayingAverage(s: readonly number[], w: number, trace = true): MethodResult {
  const t = new Working(trace);
  let d = s[0]!;
  t.add(() => `d1 = s1 = ${f(d)}`);
  for (let k = 1; k < s.length; k++) {
    const prev = d;
    d = (1 - w) * prev + w * s[k]!;
    t.add(() => `d${k + 1} = ${f(1 - w)}·${f(prev)} + ${f(w)}·${f(s[k]!)} = ${f(d)}`);
  }
  return { score: d, steps: t.steps };
}

/** One score → s1; else w·sn + (1−w)·mean(s1..s(n−1)) (Canvas's older "decaying average"). */
export function weightedAverage(s: readonly number[], w: number, trace = true): MethodResult {
  const t = new Working(trace);
  if (s.length === 1) {
    t.add(() => `one score: ${f(s[0]!)}`);
    return { score: s[0]!, steps: t.steps };
  }
  const earlier = s.slice(0, -1);
  const m = meanOf(earlier);
  const last = s[s.length - 1]!;
  const score = w * last + (1 - w) * m;
  t.add(() => `mean of earlier (${list(earlier)}) = ${f(m)}`);
  t.add(() => `${f(w)}·${f(last)} + ${f(1 - w)}·${f(m)} = ${f(score)}`);
  return { score, steps: t.steps };
}

/** Evidence scores are quotients (earned ÷ possible × max): forgive the binary noise of a score that is exactly at mastery. */
const AT_MASTERY_TOLERANCE = 1e-9;

/** Canvas's n_mastery: the mean of the scores at or above mastery, once there are n of them; "not yet" before. */
export function nMastery(s: readonly number[], n: number, c: MethodContext, trace = true): MethodResult {
  const t = new Working(trace);
  const kept = s.filter((x) => x >= c.masteryPoints - AT_MASTERY_TOLERANCE);
  t.add(() => `scores at or above ${f(c.masteryPoints)}: ${kept.length ? list(kept) : 'none'} (${kept.length} of ${n} needed)`);
  if (kept.length < n) {
    t.add(() => 'not yet: fewer than n scores at mastery');
    return { score: null, steps: t.steps, progress: { have: kept.length, need: n } };
  }
  const score = meanOf(kept);
  t.add(() => `mean = ${f(score)}`);
  return { score, steps: t.steps, progress: { have: kept.length, need: n } };
}

export function latest(s: readonly number[], trace = true): MethodResult {
  const t = new Working(trace);
  const score = s[s.length - 1]!;
  t.add(() => `most recent score: ${f(score)}`);
  return { score, steps: t.steps };
}

export function highest(s: readonly number[], trace = true): MethodResult {
  const t = new Working(trace);
  const score = Math.max(...s);
  t.add(() => `highest of ${list(s)} = ${f(score)}`);
  return { score, steps: t.steps };
}

export function average(s: readonly number[], trace = true): MethodResult {
  const t = new Working(trace);
  const score = meanOf(s);
  t.add(() => `mean of ${list(s)} = ${f(score)}`);
  return { score, steps: t.steps };
}

/** The middle score; an even count averages the two middle ones (Common Goal, PowerTeacher). */
export function medianMethod(s: readonly number[], trace = true): MethodResult {
  const t = new Working(trace);
  const score = medianOf(s);
  t.add(() => `median of ${list(s)} = ${f(score)}`);
  return { score, steps: t.steps };
}

/** The most frequent score; ties go to the one seen most recently (Educate's rule, mastery.md §3.2). */
export function mode(s: readonly number[], trace = true): MethodResult {
  const t = new Working(trace);
  // Scores equal to 6 decimals are the same score (2/3·4 from two quizzes may differ in the last bit).
  const key = (x: number) => roundHalfAway(x, 6);
  const count = new Map<number, number>();
  const lastSeen = new Map<number, number>();
  s.forEach((x, i) => {
    const k = key(x);
    count.set(k, (count.get(k) ?? 0) + 1);
    lastSeen.set(k, i);
  });
  let best = key(s[0]!);
  for (const [k, n] of count) {
    const bn = count.get(best)!;
    if (n > bn || (n === bn && lastSeen.get(k)! > lastSeen.get(best)!)) best = k;
  }
  t.add(() => `most frequent of ${list(s)}: ${f(best)} (${count.get(best)} time${count.get(best) === 1 ? '' : 's'}; ties go to the most recent)`);
  return { score: best, steps: t.steps };
}

/** The mean of the n most recent scores (all of them while there are fewer than n). */
export function mostRecentN(s: readonly number[], n: number, trace = true): MethodResult {
  const t = new Working(trace);
  const recent = s.slice(-n);
  const score = meanOf(recent);
  t.add(() => `mean of the ${recent.length} most recent (${list(recent)}) = ${f(score)}`);
  return { score, steps: t.steps };
}

interface Fit {
  at: (x: number) => number;
  describe: () => string;
}

/** Least squares of ln(score) on ln(attempt): y = a·x^b (Marzano, as JumpRope computes it). */
function fitPower(s: readonly number[]): Fit {
  const X = s.map((_, i) => Math.log(i + 1));
  const Y = s.map((y) => Math.log(y));
  const { slope: b, intercept: lna } = leastSquares(X, Y);
  const a = Math.exp(lna);
  return { at: (x) => a * x ** b, describe: () => `a = ${f(a)}, b = ${f(b)}` };
}

function fitLinear(s: readonly number[]): Fit {
  const X = s.map((_, i) => i + 1);
  const { slope, intercept } = leastSquares(X, s);
  return { at: (x) => intercept + slope * x, describe: () => `slope ${f(slope)}, intercept ${f(intercept)}` };
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

/**
 * Marzano's power law evaluated at the last attempt n (JumpRope's table, mastery.md §3.1), clamped to
 * the scale. Fewer than 3 scores or any 0 (ln 0 is undefined): the decaying average, said so.
 */
export function powerLaw(s: readonly number[], w: number, c: MethodContext, trace = true): MethodResult {
  if (s.length < 3 || s.some((x) => x <= 0)) {
    const r = decayingAverage(s, w, trace);
    const t = new Working(trace);
    t.add(() => `power law not used: ${s.length < 3 ? `only ${s.length} score${s.length === 1 ? '' : 's'} (power law needs 3)` : 'a score of 0 (ln 0 is undefined)'}; decaying average instead`);
    return { score: r.score, steps: [...t.steps, ...r.steps], fallback: 'decaying-average' };
  }
  const t = new Working(trace);
  const fit = fitPower(s);
  const n = s.length;
  const raw = fit.at(n);
  const score = clamp(raw, c);
  t.add(() => `fit ln(score) on ln(attempt 1..${n}): ${fit.describe()}`);
  t.add(() => `a·${n}^b = ${f(raw)}`);
  if (score !== raw) t.add(() => `clamped to the scale: ${f(score)}`);
  return { score, steps: t.steps };
}

/** Empower's true-score estimator: linear, power-law and average fitted; the least squared error wins. */
export function bestFit(s: readonly number[], c: MethodContext, trace = true): MethodResult {
  const t = new Working(trace);
  if (s.length === 1) {
    t.add(() => `one score: ${f(s[0]!)}`);
    return { score: s[0]!, steps: t.steps };
  }
  const n = s.length;
  const candidates: { name: string; fit: Fit }[] = [];
  candidates.push({ name: 'linear', fit: fitLinear(s) });
  if (n >= 3 && s.every((x) => x > 0)) candidates.push({ name: 'power law', fit: fitPower(s) });
  const m = meanOf(s);
  candidates.push({ name: 'average', fit: { at: () => m, describe: () => `mean ${f(m)}` } });
  let best: { name: string; sse: number; value: number } | undefined;
  for (const { name, fit } of candidates) {
    let sse = 0;
    s.forEach((y, i) => (sse += (y - fit.at(i + 1)) ** 2));
    const value = fit.at(n);
    t.add(() => `${name} (${fit.describe()}): squared error ${f(sse)}, value at ${n} = ${f(value)}`);
    // Strictly better only, so ties keep the earlier-listed model deterministically.
    if (!best || sse < best.sse - 1e-12) best = { name, sse, value };
  }
  const score = clamp(best!.value, c);
  t.add(() => `least error: ${best!.name}${score !== best!.value ? `, clamped to ${f(score)}` : ''}`);
  return { score, steps: t.steps };
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

export function applyMethod(scores: readonly number[], spec: MethodSpec, c: MethodContext, trace = true): MethodResult {
  if (scores.length === 0) return { score: null, steps: trace ? ['no evidence'] : [] };
  switch (spec.method) {
    case 'decaying-average': return decayingAverage(scores, spec.w, trace);
    case 'weighted-average': return weightedAverage(scores, spec.w, trace);
    case 'n-mastery': return nMastery(scores, spec.n, c, trace);
    case 'latest': return latest(scores, trace);
    case 'highest': return highest(scores, trace);
    case 'average': return average(scores, trace);
    case 'power-law': return powerLaw(scores, spec.w, c, trace);
    case 'median': return medianMethod(scores, trace);
    case 'mode': return mode(scores, trace);
    case 'most-recent-n': return mostRecentN(scores, spec.n, trace);
    case 'best-fit': return bestFit(scores, c, trace);
  }
}
