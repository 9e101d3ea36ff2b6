// How many groups, and how big. GroupEng and HBS team-formation disagree at the edges
// (algorithms.md §1.1), so ours is spelt out here:
// - a target size s ("--size 4"): "smaller" makes ⌈n/s⌉ groups, "bigger" ⌊n/s⌋ groups;
// - bounds ("--size 3-5"): the number of groups whose mean size is nearest the middle of the bounds
//   (ties: fewer groups);
// - a count ("--groups K"): K groups.
// The balanced sizes (differing by at most 1, larger first) always come back. Mixed groups keep
// them; readiness and interest groups may vary within the bounds so a tier is not split to even out.

export type SizePolicy = 'smaller' | 'bigger';

export interface SizeRequest {
  min?: number;
  max?: number;
  target?: number;
  policy?: SizePolicy;
  groups?: number;
}

export interface SizePlan {
  groups: number;
  /** Every group's size stays within [min, max]. */
  min: number;
  max: number;
  /** Sizes differing by at most 1, largest first. */
  balanced: number[];
}

export const DEFAULT_SIZE = { min: 3, max: 5 } as const;

/** n students in k groups whose sizes differ by at most 1, largest first. */
export function balancedSizes(n: number, k: number): number[] {
  if (k <= 0) return [];
  const base = Math.floor(n / k);
  const extra = n % k;
  return Array.from({ length: k }, (_, i) => base + (i < extra ? 1 : 0));
}

/** The vectors in algorithms.md §6: 26 students, target 4 → smaller 4,4,4,4,4,3,3; bigger 5,5,4,4,4,4. */
export function sizesForTarget(n: number, target: number, policy: SizePolicy): number[] {
  if (n <= 0) return [];
  const k = policy === 'smaller' ? Math.ceil(n / target) : Math.max(1, Math.floor(n / target));
  return balancedSizes(n, k);
}

export function describeSize(req: SizeRequest): string {
  if (req.groups !== undefined) return `${req.groups} groups`;
  if (req.target !== undefined) return `groups of ${req.target}${req.policy === 'bigger' ? '+' : ''}`;
  const min = req.min ?? DEFAULT_SIZE.min;
  const max = req.max ?? DEFAULT_SIZE.max;
  return min === max ? `groups of ${min}` : `groups of ${min}–${max}`;
}

/**
 * The sizes for n present students. `flexible` lets sizes vary within the bounds (readiness and
 * interest); otherwise the bounds are the balanced sizes. A string names why it cannot be done.
 */
export function planSizes(n: number, req: SizeRequest, flexible: boolean): SizePlan | string {
  if (n <= 0) return 'there are no present students to group';
  if (req.groups !== undefined) {
    const k = req.groups;
    if (k < 1) return 'the number of groups must be at least 1';
    if (k > n) return `${n} present student${n === 1 ? '' : 's'} cannot make ${k} groups`;
    const balanced = balancedSizes(n, k);
    const lo = Math.floor(n / k);
    const hi = Math.ceil(n / k);
    let min = req.min ?? (flexible ? Math.max(1, lo - 1) : lo);
    let max = req.max ?? (flexible ? hi + 1 : hi);
    if (!flexible) {
      min = Math.max(min, lo);
      max = Math.min(max, hi);
    }
    if (k * (req.min ?? 1) > n || k * (req.max ?? n) < n || min > max) {
      return `${n} present students cannot make ${k} groups of ${req.min ?? 1}–${req.max ?? n}`;
    }
    return { groups: k, min, max, balanced };
  }
  if (req.target !== undefined) {
    const balanced = sizesForTarget(n, req.target, req.policy ?? 'smaller');
    return { groups: balanced.length, min: balanced[balanced.length - 1]!, max: balanced[0]!, balanced };
  }
  const min = req.min ?? DEFAULT_SIZE.min;
  const max = req.max ?? DEFAULT_SIZE.max;
  const fewest = Math.ceil(n / max);
  const most = Math.floor(n / min);
  if (fewest > most) {
    return n < min
      ? `${n} present student${n === 1 ? ' is' : 's are'} too few for groups of ${min}–${max}`
      : `${n} present students cannot be split into groups of ${min}–${max}`;
  }
  return boundedPlans(n, min, max, flexible)[0]!;
}

/** Every group count the bounds allow, the mean size nearest their middle first (ties: fewer groups). */
function boundedPlans(n: number, min: number, max: number, flexible: boolean): SizePlan[] {
  const middle = (min + max) / 2;
  const counts: number[] = [];
  for (let k = Math.ceil(n / max); k <= Math.floor(n / min); k++) counts.push(k);
  counts.sort((a, b) => Math.abs(n / a - middle) - Math.abs(n / b - middle) || a - b);
  return counts.map((k) => {
    const balanced = balancedSizes(n, k);
    return flexible
      ? { groups: k, min, max, balanced }
      : { groups: k, min: balanced[balanced.length - 1]!, max: balanced[0]!, balanced };
  });
}

/**
 * The plan, then the other group counts the bounds allow (nearest the middle first): when
 * keep-apart pairs cannot be placed in the preferred count, another count may work.
 */
export function planAlternatives(n: number, req: SizeRequest, flexible: boolean): SizePlan[] {
  const first = planSizes(n, req, flexible);
  if (typeof first === 'string') return [];
  if (req.groups !== undefined || req.target !== undefined) return [first];
  return boundedPlans(n, req.min ?? DEFAULT_SIZE.min, req.max ?? DEFAULT_SIZE.max, flexible);
}
