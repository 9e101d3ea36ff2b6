// What a good set of groups means, per mode, as a cost to minimise (algorithms.md §1.5–1.7):
// - readiness: the spread of mastery inside groups (sum of squared distances to the group's mean
//   score vector, scores as fractions of the scale);
// - mixed: the spread between group means (squared distance of each group's mean vector from the
//   class mean), plus a small term that spreads the levels over the groups so each one spans them;
// - interest: members with interests who share no interest with the group's most common one (a lone
//   enthusiast counts as unmatched), plus the mixed
//   term as a tie-breaker, which also decides where students without a profile go;
// - all modes: Σ over pairs in a group of (times together in the weeks to avoid)², good-enough-golfers'
//   repeat cost; and a prohibitive cost per keep-apart pair sharing a group.
// Every term is a sum over groups, so a swap only re-costs the two groups it touches.

export type GroupMode = 'readiness' | 'mixed' | 'interest';
export const GROUP_MODES: readonly GroupMode[] = ['readiness', 'mixed', 'interest'];

export interface Weights {
  /** Per (times together)² of a pair in the weeks to avoid. */
  repeat: number;
  /** Per squared deviation of a level's count in a group from its share (mixed, interest). */
  levels: number;
  /** The mixed balance term inside interest mode. */
  balance: number;
}

/**
 * Readiness keeps groups by data and uses repeats only to choose among near-equal splits (a student
 * moves to escape three old partners only when that costs less than about a quarter of a point of
 * spread on a 4-point scale); mixed and interest groups put avoiding repeats first (one repeated pair
 * outweighs any imbalance of means).
 */
export const DEFAULT_WEIGHTS: Record<GroupMode, Weights> = {
  readiness: { repeat: 0.002, levels: 0, balance: 0 },
  mixed: { repeat: 1, levels: 0.002, balance: 1 },
  interest: { repeat: 1, levels: 0.002, balance: 1 },
};

/** A keep-apart pair together costs more than any arrangement could save. */
export const APART_COST = 1e6;

/** One section's students as dense arrays, ready for fast re-costing. */
export interface Problem {
  mode: GroupMode;
  n: number;
  dims: number;
  /** scores[i * dims + d], fractions of the scale with missing values already filled in. */
  scores: Float64Array;
  band: Int32Array;
  bands: number;
  /** Share of the section at each band. */
  bandShare: Float64Array;
  /** Interest ids per student. */
  interests: number[][];
  interestCount: number;
  classMean: Float64Array;
  apart: (Set<number> | undefined)[];
  history: (Map<number, number> | undefined)[];
  weights: Weights;
}

export interface CostParts {
  fit: number;
  repeat: number;
  /** Pairs sharing a group that were together before, and keep-apart pairs sharing one. */
  repeatedPairs: number;
  maxRepeat: number;
  apartPairs: number;
}

/** Scratch space reused by every costing (no allocation inside the search loop). */
export class CostScratch {
  readonly sum: Float64Array;
  readonly bandCount: Float64Array;
  readonly interestCount: Int32Array;
  constructor(p: Problem) {
    this.sum = new Float64Array(p.dims);
    this.bandCount = new Float64Array(p.bands);
    this.interestCount = new Int32Array(Math.max(1, p.interestCount));
  }
}

function readinessFit(p: Problem, m: ArrayLike<number>, len: number): number {
  const { dims, scores } = p;
  let sse = 0;
  for (let d = 0; d < dims; d++) {
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < len; i++) {
      const x = scores[m[i]! * dims + d]!;
      sum += x;
      sq += x * x;
    }
    sse += sq - (sum * sum) / len;
  }
  return sse < 0 ? 0 : sse;
}

function balanceFit(p: Problem, m: ArrayLike<number>, len: number, s: CostScratch): number {
  const { dims, scores } = p;
  let cost = 0;
  for (let d = 0; d < dims; d++) {
    let sum = 0;
    for (let i = 0; i < len; i++) sum += scores[m[i]! * dims + d]!;
    const dev = sum / len - p.classMean[d]!;
    cost += dev * dev;
  }
  if (p.weights.levels > 0 && p.bands > 1) {
    const bc = s.bandCount;
    bc.fill(0);
    for (let i = 0; i < len; i++) bc[p.band[m[i]!]!]!++;
    let spread = 0;
    for (let b = 0; b < p.bands; b++) {
      const dev = bc[b]! - p.bandShare[b]! * len;
      spread += dev * dev;
    }
    cost += p.weights.levels * spread;
  }
  return cost;
}

function interestFit(p: Problem, m: ArrayLike<number>, len: number, s: CostScratch): number {
  const counts = s.interestCount;
  let withInterests = 0;
  let best = 0;
  for (let i = 0; i < len; i++) {
    const list = p.interests[m[i]!]!;
    if (list.length) withInterests++;
    for (const v of list) {
      const c = ++counts[v]!;
      if (c > best) best = c;
    }
  }
  for (let i = 0; i < len; i++) for (const v of p.interests[m[i]!]!) counts[v] = 0;
  // A member counts as matched only when someone else shares the group's top interest.
  return withInterests - (best >= 2 ? best : 0) + p.weights.balance * balanceFit(p, m, len, s);
}

export function fitCost(p: Problem, m: ArrayLike<number>, len: number, s: CostScratch): number {
  if (len === 0) return 0;
  if (p.mode === 'readiness') return readinessFit(p, m, len);
  if (p.mode === 'mixed') return balanceFit(p, m, len, s);
  return interestFit(p, m, len, s);
}

/** The full cost of one group (members as student indices). History and apart are stored both ways. */
export function groupCost(p: Problem, m: ArrayLike<number>, len: number, s: CostScratch): number {
  let pairs = 0;
  for (let i = 0; i < len; i++) {
    const a = m[i]!;
    const h = p.history[a];
    const ap = p.apart[a];
    if (!h && !ap) continue;
    for (let j = i + 1; j < len; j++) {
      const b = m[j]!;
      if (ap && ap.has(b)) pairs += APART_COST;
      if (h) {
        const w = h.get(b);
        if (w) pairs += p.weights.repeat * w * w;
      }
    }
  }
  return fitCost(p, m, len, s) + pairs;
}

/** The parts of one group's cost, for reports and the benchmark. */
export function groupParts(p: Problem, m: readonly number[], s: CostScratch): CostParts {
  const parts: CostParts = { fit: fitCost(p, m, m.length, s), repeat: 0, repeatedPairs: 0, maxRepeat: 0, apartPairs: 0 };
  for (let i = 0; i < m.length; i++) for (let j = i + 1; j < m.length; j++) {
    const a = m[i]!;
    const b = m[j]!;
    if (p.apart[a]?.has(b)) parts.apartPairs++;
    const w = p.history[a]?.get(b) ?? 0;
    if (w > 0) {
      parts.repeatedPairs++;
      parts.repeat += p.weights.repeat * w * w;
      parts.maxRepeat = Math.max(parts.maxRepeat, w);
    }
  }
  return parts;
}

export function addParts(a: CostParts, b: CostParts): CostParts {
  return {
    fit: a.fit + b.fit, repeat: a.repeat + b.repeat, repeatedPairs: a.repeatedPairs + b.repeatedPairs,
    maxRepeat: Math.max(a.maxRepeat, b.maxRepeat), apartPairs: a.apartPairs + b.apartPairs,
  };
}

export const NO_PARTS: CostParts = { fit: 0, repeat: 0, repeatedPairs: 0, maxRepeat: 0, apartPairs: 0 };
