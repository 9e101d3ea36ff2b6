// The grouping engine on plain numbers, independent of the gradebook (the benchmark calls it directly):
// students with scores, levels and interests in → groups per section out, or the conflicts that stop it.
// Groups never cross sections: a class taught in periods 2 and 4 meets in two rooms.
import { compareIds } from '../numbers.ts';
import { avoidRepeats, type PastRow } from './ahead.ts';
import { buildUnits, unitConflicts, type GroupingConflict } from './constraints.ts';
import { addParts, CostScratch, DEFAULT_WEIGHTS, groupParts, NO_PARTS, type CostParts, type GroupMode, type Problem, type Weights } from './objective.ts';
import { mulberry32, seedFromText } from './random.ts';
import { anneal, interestStart, packStart, readinessStart, snakeStart, type Layout } from './search.ts';
import { planAlternatives, planSizes, type SizePlan, type SizeRequest } from './sizes.ts';

export interface EngineStudent {
  id: string;
  section: string;
  /** Scores on the chosen standards as fractions of the scale (0–1), missing ones already filled in. */
  scores: number[];
  /** Level of the student's mean score, 0 = the lowest level. */
  band: number;
  /** Interests, already normalised (lower case, trimmed). */
  interests: string[];
}

export interface EngineInput {
  mode: GroupMode;
  /** The present students. */
  students: EngineStudent[];
  /** How many levels `band` ranges over. */
  bands: number;
  size: SizeRequest;
  keepApart?: string[][];
  keepTogether?: string[][];
  /** Times each pair worked together in the weeks to avoid, keyed by pairKey (default: from `recent`). */
  history?: ReadonlyMap<string, number>;
  /**
   * Pairs are avoided over this many weeks (avoidRepeatWeeks): the engine then also plans as many
   * weeks ahead, so that this week's groups leave the next weeks a repeat-free choice.
   */
  avoidWeeks?: number;
  /** The earlier weeks' groups (student ids), with how many weeks before this one each was. */
  recent?: readonly RecentWeek[];
  seed: number;
  /** Search iterations per section; the default grows with the section's size. */
  iterations?: number;
  weights?: Partial<Weights>;
}

export interface RecentWeek {
  /** 1 for last week. */
  back: number;
  groups: readonly (readonly string[])[];
}

export interface EngineGroup {
  section: string;
  /** Student ids, sorted. */
  members: string[];
}

export interface EngineStats extends CostParts {
  /** fit + repeat: the value the search minimised (keep-apart aside). */
  objective: number;
}

export type EngineResult =
  | { ok: true; groups: EngineGroup[]; stats: EngineStats }
  | { ok: false; conflicts: GroupingConflict[] };

export function pairKey(a: string, b: string): string {
  return compareIds(a, b) <= 0 ? `${a} ${b}` : `${b} ${a}`;
}

/** The default budget: enough for a class to settle, linear in size for a grade level. */
export function defaultIterations(n: number): number {
  return 20000 + 200 * n;
}

/**
 * The conflict search's budget (steps of planner.ts, each weighing every move of a few students):
 * generous for a small class, whose repeat-free weeks are few and hard to find, and a step is cheap.
 */
export function repeatIterations(n: number): number {
  return Math.min(40000, Math.max(4000, Math.round(800000 / Math.max(1, n))));
}

/** Pair counts from the recent weeks inside the window, keyed by pairKey. */
export function recentPairs(recent: readonly RecentWeek[], window: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const w of recent) {
    if (w.back < 1 || w.back > window) continue;
    for (const m of w.groups) for (let i = 0; i < m.length; i++) for (let j = i + 1; j < m.length; j++) {
      const key = pairKey(m[i]!, m[j]!);
      out.set(key, (out.get(key) ?? 0) + 1);
    }
  }
  return out;
}

/** The recent weeks as each section student's group index (-1 when not in that week). */
function pastRows(recent: readonly RecentWeek[] | undefined, window: number, students: readonly EngineStudent[]): PastRow[] {
  const index = new Map(students.map((s, i) => [s.id, i]));
  return (recent ?? []).filter((w) => w.back >= 1 && w.back <= window).map((w) => {
    const group = new Int32Array(students.length).fill(-1);
    w.groups.forEach((m, g) => { for (const id of m) { const i = index.get(id); if (i !== undefined) group[i] = g; } });
    return { back: w.back, group };
  });
}

interface Section {
  name: string;
  students: EngineStudent[];
}

function sections(students: readonly EngineStudent[]): Section[] {
  const by = new Map<string, EngineStudent[]>();
  for (const s of students) {
    const list = by.get(s.section);
    if (list) list.push(s);
    else by.set(s.section, [s]);
  }
  return [...by.entries()].sort((a, b) => compareIds(a[0], b[0])).map(([name, list]) => ({ name, students: list.sort((a, b) => compareIds(a.id, b.id)) }));
}

/** Pair counts keyed by pairKey as per-student maps over section indices (both ways). */
function historyByStudent(pairs: ReadonlyMap<string, number> | undefined, index: ReadonlyMap<string, number>): (Map<number, number> | undefined)[] {
  const out: (Map<number, number> | undefined)[] = new Array(index.size).fill(undefined);
  for (const [key, times] of pairs ?? []) {
    const [x, y] = key.split(' ');
    const a = index.get(x!);
    const b = index.get(y!);
    if (a === undefined || b === undefined || !(times > 0)) continue;
    (out[a] ??= new Map()).set(b, times);
    (out[b] ??= new Map()).set(a, times);
  }
  return out;
}

/** One section as dense arrays for the search. */
export function buildProblem(input: EngineInput, students: readonly EngineStudent[]): Problem {
  const n = students.length;
  const dims = students[0]?.scores.length ?? 0;
  const index = new Map(students.map((s, i) => [s.id, i]));
  const scores = new Float64Array(n * dims);
  const classMean = new Float64Array(dims);
  students.forEach((s, i) => s.scores.forEach((x, d) => { scores[i * dims + d] = x; classMean[d]! += x / n; }));
  const bands = Math.max(1, input.bands);
  const bandShare = new Float64Array(bands);
  for (const s of students) bandShare[Math.min(bands - 1, Math.max(0, s.band))]! += 1 / n;
  const names = [...new Set(students.flatMap((s) => s.interests))].sort();
  const interestId = new Map(names.map((v, i) => [v, i]));
  const apart: (Set<number> | undefined)[] = new Array(n).fill(undefined);
  for (const set of input.keepApart ?? []) {
    const here = set.map((id) => index.get(id)).filter((i): i is number => i !== undefined);
    for (const a of here) for (const b of here) if (a !== b) (apart[a] ??= new Set()).add(b);
  }
  const history = historyByStudent(input.history, index);
  return {
    mode: input.mode, n, dims, scores,
    band: Int32Array.from(students.map((s) => Math.min(bands - 1, Math.max(0, s.band)))),
    bands, bandShare,
    interests: students.map((s) => [...new Set(s.interests)].map((v) => interestId.get(v)!).sort((a, b) => a - b)),
    interestCount: names.length, classMean, apart, history,
    weights: { ...DEFAULT_WEIGHTS[input.mode], ...input.weights },
  };
}

function layoutFor(students: readonly EngineStudent[], units: string[][], plan: { groups: number; min: number; max: number; balanced: number[] }): Layout {
  const index = new Map(students.map((s, i) => [s.id, i]));
  return {
    units: units.map((u) => u.map((id) => index.get(id)!)),
    groups: plan.groups, min: plan.min, max: plan.max, balanced: plan.balanced,
  };
}

function toGroups(section: Section, L: Layout, assignment: Int32Array): { members: number[]; ids: string[] }[] {
  const out = Array.from({ length: L.groups }, () => [] as number[]);
  assignment.forEach((g, u) => out[g]!.push(...L.units[u]!));
  return out.map((m) => {
    const members = m.sort((a, b) => a - b);
    return { members, ids: members.map((i) => section.students[i]!.id) };
  });
}

function prefix(multi: boolean, section: string, message: string): string {
  return multi ? `section ${section}: ${message}` : message;
}

/**
 * Groups per section under the hard constraints (sizes, keep-apart, keep-together; absent students
 * are simply not in `students`), minimising the mode's cost. Same input and seed, same groups.
 */
export function partitionStudents(given: EngineInput, opts: { search?: boolean; start?: 'mode' | 'snake' } = {}): EngineResult {
  const input = given.history || !given.recent ? given : { ...given, history: recentPairs(given.recent, given.avoidWeeks ?? 0) };
  const secs = sections(input.students);
  const multi = secs.length > 1;
  const flexible = input.mode !== 'mixed';
  const conflicts: GroupingConflict[] = [];
  const plans = new Map<string, ReturnType<typeof planSizes>>();
  for (const s of secs) {
    const plan = planSizes(s.students.length, input.size, flexible);
    plans.set(s.name, plan);
    if (typeof plan === 'string') {
      conflicts.push({ message: prefix(multi, s.name, plan), hint: 'change --size or --groups, or check --absent', students: [] });
    }
  }
  if (!secs.length) conflicts.push({ message: 'there are no present students to group', hint: 'check the roster and --absent', students: [] });
  const sectionOf = new Map(input.students.map((s) => [s.id, s.section]));
  const units = buildUnits(input.students.map((s) => s.id).sort(compareIds), input.keepTogether ?? []);
  conflicts.push(...unitConflicts(units, input.keepApart ?? [], (id) => sectionOf.get(id)!, (sec) => {
    const p = plans.get(sec);
    return p && typeof p !== 'string' ? p.max : undefined;
  }));
  if (conflicts.length) return { ok: false, conflicts };

  const groups: EngineGroup[] = [];
  let stats: CostParts = NO_PARTS;
  for (const [si, sec] of secs.entries()) {
    const ids = new Set(sec.students.map((s) => s.id));
    const mine = units.filter((u) => ids.has(u[0]!));
    let firstFailure: GroupingConflict[] | undefined;
    let solved: SectionSolution | undefined;
    for (const plan of planAlternatives(sec.students.length, input.size, flexible)) {
      const r = solveSection(input, sec, si, mine, plan, opts);
      if (r.ok) { solved = r; break; }
      firstFailure ??= r.conflicts.map((c) => ({ ...c, message: prefix(multi, sec.name, c.message) }));
    }
    if (!solved) return { ok: false, conflicts: firstFailure ?? [] };
    stats = addParts(stats, solved.parts);
    groups.push(...solved.groups);
  }
  return { ok: true, groups, stats: { ...stats, objective: stats.fit + stats.repeat } };
}

/** A repeat weight from which repeats come before the fit (mixed, interest; not readiness's tie-break). */
const AVOIDS_REPEATS = 0.1;

type SectionSolution = { ok: true; groups: EngineGroup[]; parts: CostParts };

/** One section with one size plan: the start, the search, and a check that keep-apart held. */
function solveSection(input: EngineInput, sec: Section, si: number, units: string[][], plan: SizePlan, opts: { search?: boolean; start?: 'mode' | 'snake' }): SectionSolution | { ok: false; conflicts: GroupingConflict[] } {
  const L = layoutFor(sec.students, units, plan);
  const p = buildProblem(input, sec.students);
  const mode = opts.start === 'snake' ? 'mixed' : input.mode;
  const start = (mode === 'readiness' ? readinessStart(p, L) : mode === 'mixed' ? snakeStart(p, L) : interestStart(p, L)) ?? packStart(L);
  const sets = units.filter((u) => u.length > 1);
  if (!start) {
    return { ok: false, conflicts: [{
      message: `the keepTogether sets (${sets.map((u) => u.join('+')).join(', ')}) cannot be fitted into ${plan.groups} groups of ${plan.min}–${plan.max}`,
      hint: 'shorten the keepTogether sets in pathbook.yaml, or change --size or --groups',
      students: sets.flat(),
    }] };
  }
  const rand = mulberry32((input.seed >>> 0) ^ seedFromText(`${si}:${sec.name}`));
  const iterations = input.iterations ?? defaultIterations(sec.students.length);
  let best = opts.search === false ? start : anneal(p, L, start, rand, iterations);
  // Mixed and interest groups put avoiding repeats first (objective.ts): when the search left some, or
  // when later weeks must also avoid this week's pairs, the conflict search takes over (ahead.ts).
  if (opts.search !== false && p.weights.repeat >= AVOIDS_REPEATS) {
    const window = input.avoidWeeks ?? 0;
    best = avoidRepeats(p, L, best, pastRows(input.recent, window, sec.students), window, rand,
      { search: repeatIterations(sec.students.length), polish: iterations });
  }
  const scratch = new CostScratch(p);
  const broken: string[][] = [];
  const groups: EngineGroup[] = [];
  let parts: CostParts = NO_PARTS;
  for (const g of toGroups(sec, L, best)) {
    const gp = groupParts(p, g.members, scratch);
    parts = addParts(parts, gp);
    if (gp.apartPairs) {
      for (let i = 0; i < g.members.length; i++) for (let j = i + 1; j < g.members.length; j++) {
        if (p.apart[g.members[i]!]?.has(g.members[j]!)) broken.push([g.ids[i]!, g.ids[j]!]);
      }
    }
    groups.push({ section: sec.name, members: g.ids });
  }
  if (broken.length) {
    return { ok: false, conflicts: broken.map(([a, b]) => ({
      message: `${a} and ${b} cannot be kept apart in ${plan.groups} groups of ${plan.min}–${plan.max} with the other constraints`,
      hint: 'allow more groups (--groups or a smaller --size), or relax grouping.keepApart / keepTogether in pathbook.yaml',
      students: [a!, b!],
    })) };
  }
  return { ok: true, groups, parts };
}

/** The objective of any given grouping of the same students, for comparisons (bench, tests). */
export function scoreGroups(input: EngineInput, groups: readonly { members: readonly string[] }[]): EngineStats {
  const bySection = new Map<string, EngineStudent[]>();
  for (const s of input.students) {
    const list = bySection.get(s.section);
    if (list) list.push(s);
    else bySection.set(s.section, [s]);
  }
  const secOf = new Map(input.students.map((s) => [s.id, s.section]));
  let stats: CostParts = NO_PARTS;
  for (const [, list] of [...bySection.entries()].sort((a, b) => compareIds(a[0], b[0]))) {
    list.sort((a, b) => compareIds(a.id, b.id));
    const p = buildProblem(input, list);
    const index = new Map(list.map((s, i) => [s.id, i]));
    const scratch = new CostScratch(p);
    for (const g of groups) {
      if (!g.members.length || secOf.get(g.members[0]!) !== list[0]!.section) continue;
      stats = addParts(stats, groupParts(p, g.members.map((id) => index.get(id)!), scratch));
    }
  }
  return { ...stats, objective: stats.fit + stats.repeat };
}
