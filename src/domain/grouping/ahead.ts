// Repeat-free weeks, planned ahead (algorithms.md §1.5). Groups are made one week at a time, yet a week
// that repeats no pair can leave the next weeks no repeat-free choice: 9 students in threes have exactly
// four repeat-free weeks, and for 16 in fours a third week laid out as the cyclic Latin square on the
// first two rules out any fourth. So when pairs are avoided over a window of weeks, the engine also plans
// the weeks until the window is full and keeps this week's groups only if those weeks can follow them;
// otherwise it plans this week together with them, then polishes the fit of this week without undoing
// that. When the sizes force repeats, the same planning keeps later weeks' repeats low. Searches: planner.ts.
import { APART_COST, type Problem } from './objective.ts';
import { WeekPlanner, type PastRow } from './planner.ts';
import { anneal, assignmentCost, type Layout } from './search.ts';

export type { PastRow } from './planner.ts';

/** The most weeks planned beyond this one. */
export const MAX_AHEAD = 4;

/**
 * How many later weeks to plan: until the window is full of this run's weeks (a class starting to avoid
 * repeats over 3 weeks plans 3 weeks ahead, then 2, then 1), and always at least the next week.
 */
export function weeksAhead(past: readonly PastRow[], window: number): number {
  const inWindow = past.filter((r) => r.back >= 1 && r.back <= window).length;
  return Math.max(1, Math.min(MAX_AHEAD, window - inWindow));
}

/** Σ C(a, 2) over a group of `size` drawn as evenly as possible from `parts` old groups. */
function leastPairs(size: number, parts: number): number {
  if (parts <= 0) return 0;
  const q = Math.floor(size / parts);
  const r = size % parts;
  return r * ((q + 1) * q) / 2 + (parts - r) * (q * (q - 1)) / 2;
}

/**
 * A floor under this week's Σ (times together)²: each new group meets each earlier week's groups, and a
 * group bigger than that week had groups shares pairs with it (20 students in fives always repeat).
 */
export function repeatFloor(L: Layout, past: readonly PastRow[], window: number, n: number): number {
  // The pairs it counts could be keep-together partners, which the repeat count leaves out.
  if (L.units.some((u) => u.length > 1)) return 0;
  let floor = 0;
  for (const r of past) {
    if (r.back > window) continue;
    const groups = new Set<number>();
    let away = 0;
    for (let s = 0; s < n; s++) {
      const g = r.group[s]!;
      if (g >= 0) groups.add(g);
      else away++;
    }
    for (const size of L.balanced) floor += leastPairs(size, groups.size + away);
  }
  return floor;
}

/**
 * Σ (times together)² of this week's groups against the earlier weeks (the engine's repeat term,
 * unweighted), leaving out keep-together partners, who are together every week by request.
 */
export function repeatCost(p: Problem, L: Layout, assignment: Int32Array): number {
  const members: number[][] = Array.from({ length: L.groups }, () => []);
  assignment.forEach((g, u) => members[g]!.push(u));
  let t = 0;
  for (const m of members) for (let a = 0; a < m.length; a++) for (let b = a + 1; b < m.length; b++) {
    for (const x of L.units[m[a]!]!) for (const y of L.units[m[b]!]!) {
      const h = p.history[x]?.get(y);
      if (h) t += h * h;
    }
  }
  return t;
}

/**
 * This week with fewer repeats than `start`, if the conflict search finds one within the budget: from
 * `start`, then from fresh greedy weeks. Null when it found nothing better.
 */
export function fewerRepeats(p: Problem, L: Layout, start: Int32Array, floor: number, rand: () => number, iterations: number, attempts = 3): Int32Array | null {
  const planner = new WeekPlanner(p, L, [], 0, 1, rand);
  planner.setWeek(0, start);
  const startCost = planner.nowCost();
  let best = startCost;
  let bestWeek: Int32Array | null = null;
  for (let a = 0; a < attempts && best > floor; a++) {
    if (a > 0 && !planner.greedyWeek(0)) planner.setWeek(0, start);
    planner.search(Math.ceil(iterations / attempts), floor);
    const cost = planner.nowCost();
    if (cost < best) { best = cost; bestWeek = Int32Array.from(planner.unitGroup[0]!); }
  }
  return bestWeek;
}

export interface AheadPlan {
  /** This week's groups (unit → group). */
  week: Int32Array;
  /** The later weeks planned with it, and their repeats, nearest week first. */
  later: Int32Array[];
  conflicts: number[];
}

/** Plans whose later weeks repeat nothing, gathered before choosing the one whose week, polished, fits best. */
const PLANS = 2;

/**
 * Plans for this week and the next ones, such that later weeks repeat as few pairs of their windows as
 * the search can manage, nearest week first: none when `start` can be followed without a repeat as it
 * is; otherwise plans that change this week too (never into more repeats of its own than `start` has),
 * with `start` and its best later weeks as the fallback.
 */
export function planAhead(p: Problem, L: Layout, start: Int32Array, past: readonly PastRow[], window: number, rand: () => number, iterations: number): AheadPlan[] {
  const ahead = weeksAhead(past, window);
  const planner = new WeekPlanner(p, L, past, window, ahead + 1, rand);
  const plan = (): AheadPlan => ({ week: Int32Array.from(planner.unitGroup[0]!), later: planner.unitGroup.slice(1).map((a) => Int32Array.from(a)), conflicts: planner.laterConflicts() });
  planner.setWeek(0, start, true);
  const now = planner.nowCost();
  for (let j = 1; j <= ahead; j++) if (!planner.greedyWeek(j)) planner.setWeek(j, start);
  if (planner.search(Math.ceil(iterations / 8), now) <= now) return [];
  const plans = [plan()];
  // Changing one Latin square into another takes several swaps that each repeat a pair, so here this
  // week's repeats weigh little more than later ones; only plans in which this week repeats no more
  // than `start` count.
  planner.weighNow(2);
  planner.setVariable(0, true);
  let found = 0;
  for (let attempt = 0; attempt < 4 && found < PLANS; attempt++) {
    if (attempt > 0) for (let j = 0; j <= ahead; j++) if (!planner.greedyWeek(j)) planner.setWeek(j, start);
    planner.search(Math.ceil(iterations / (attempt === 0 ? 8 : 4)), 2 * now);
    if (planner.nowCost() > now) continue;
    const next = plan();
    plans.push(next);
    if (next.conflicts.every((c) => c === 0)) found++;
  }
  return plans;
}

/** Fewer conflicts in the nearest week where the two differ. */
function fewerNearer(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

/**
 * The problem with this week's pairs from earlier weeks and from the planned later weeks made as costly
 * as keep-apart (keep-together partners aside: they cost the same wherever their unit goes).
 */
function strictProblem(p: Problem, L: Layout, later: readonly Int32Array[], weight: number): Problem {
  const unitOf = new Int32Array(p.n);
  L.units.forEach((m, u) => { for (const s of m) unitOf[s] = u; });
  // An earlier week's pair weighs 9 times a later week's: this week's own repeats come first.
  const history = p.history.map((h, a) => (h ? new Map([...h].filter(([b]) => unitOf[b] !== unitOf[a]).map(([b, n]) => [b, 3 * n])) : undefined));
  for (const week of later) {
    const members: number[][] = Array.from({ length: L.groups }, () => []);
    week.forEach((g, u) => members[g]!.push(...L.units[u]!));
    for (const m of members) for (const a of m) for (const b of m) {
      if (unitOf[a] === unitOf[b]) continue;
      const h = (history[a] ??= new Map());
      h.set(b, (h.get(b) ?? 0) + 1);
    }
  }
  return { ...p, history, weights: { ...p.weights, repeat: weight } };
}

const same = (a: Int32Array, b: Int32Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * After the search: this week's groups with no more repeats than the search could avoid and, when pairs
 * are avoided over `window` weeks, groups that the next weeks can follow with as few repeats as the
 * search can manage (none, when the sizes allow it), never with more repeats of its own.
 */
export function avoidRepeats(p: Problem, L: Layout, week: Int32Array, past: readonly PastRow[], window: number, rand: () => number, budget: { search: number; polish: number }): Int32Array {
  if (L.groups < 2) return week;
  let repeats = repeatCost(p, L, week);
  const floor = repeats > 0 ? repeatFloor(L, past, window, p.n) : 0;
  if (repeats > floor) {
    const better = fewerRepeats(p, L, week, floor, rand, budget.search);
    const polished = better && anneal(p, L, better, rand, budget.polish);
    if (polished && assignmentCost(p, L, polished) < assignmentCost(p, L, week)) {
      week = polished;
      repeats = repeatCost(p, L, week);
    }
  }
  if (window <= 0) return week;
  // Polishing keeps every pair that must not meet apart: as strictly as keep-apart when none meets now,
  // else heavily enough that no better balance is worth one more (a keep-apart weight would make the
  // search first walk off to "repair" repeats that cannot be repaired).
  const strict = repeats === 0 ? APART_COST : 1000;
  // When a group is bigger than the number of groups, every later week repeats pairs whatever this week
  // does: planning ahead can only lessen that, so it gets a smaller budget.
  const everyWeekRepeats = L.balanced.some((size) => leastPairs(size, L.groups) > 0);
  // The plan whose later weeks repeat least (nearest first), and among those the best-fitting week once
  // polished without meeting an old partner or a partner of the later weeks: a short polish each, then
  // a longer one for the chosen plan.
  let best: { week: Int32Array; later: Int32Array[]; conflicts: number[]; cost: number } | null = null;
  for (const plan of planAhead(p, L, week, past, window, rand, everyWeekRepeats ? Math.ceil(budget.search / 4) : budget.search)) {
    const polished = same(plan.week, week) ? week : anneal(strictProblem(p, L, plan.later, strict), L, plan.week, rand, Math.ceil(budget.polish / 4));
    const cost = assignmentCost(p, L, polished);
    if (!best || fewerNearer(plan.conflicts, best.conflicts) || (!fewerNearer(best.conflicts, plan.conflicts) && cost < best.cost)) {
      best = { week: polished, later: plan.later, conflicts: plan.conflicts, cost };
    }
  }
  if (!best || same(best.week, week)) return week;
  const chosen = anneal(strictProblem(p, L, best.later, strict), L, best.week, rand, Math.ceil(budget.polish / 2));
  return repeatCost(p, L, chosen) <= repeats ? chosen : week;
}
