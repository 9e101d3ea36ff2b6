// The multi-week conflict search (planner.ts) and planning ahead (ahead.ts): why a repeat-free week can
// still be the wrong choice, and that the engine finds the right one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { avoidRepeats, planAhead, repeatCost, repeatFloor, weeksAhead } from '../../src/domain/grouping/ahead.ts';
import { buildProblem, pairKey, partitionStudents, type EngineInput, type EngineStudent, type RecentWeek } from '../../src/domain/grouping/engine.ts';
import { WeekPlanner, type PastRow } from '../../src/domain/grouping/planner.ts';
import { mulberry32 } from '../../src/domain/grouping/random.ts';
import type { Layout } from '../../src/domain/grouping/search.ts';

const id = (i: number) => `S${String(i + 1).padStart(2, '0')}`;
const students = (n: number, section = 'P1'): EngineStudent[] =>
  Array.from({ length: n }, (_, i) => ({ id: id(i), section, scores: [((i * 7) % n) / n], band: (i * 7) % 4, interests: [] }));
const layout = (n: number, groups: number, size: number): Layout =>
  ({ units: Array.from({ length: n }, (_, i) => [i]), groups, min: size, max: size, balanced: new Array<number>(groups).fill(size) });
/** Unit → group arrays as lists of student indices per group. */
const groupsOf = (a: Int32Array, groups: number) => Array.from({ length: groups }, (_, g) => [...a.keys()].filter((u) => a[u] === g));
const pairs = (groups: number[][]) => groups.flatMap((m) => m.flatMap((a, i) => m.slice(i + 1).map((b) => `${a} ${b}`)));

// 16 students on a 4 × 4 grid: week 1 groups the rows, week 2 the columns.
const cell = (r: number, c: number) => 4 * r + c;
const rows = Int32Array.from({ length: 16 }, (_, s) => Math.floor(s / 4));
const cols = Int32Array.from({ length: 16 }, (_, s) => s % 4);
/** Week 3 as the cyclic Latin square: group (r + c) mod 4. */
const cyclic = Int32Array.from({ length: 16 }, (_, s) => (Math.floor(s / 4) + (s % 4)) % 4);

describe('planning weeks together', () => {
  it('finds an affine plane: 16 students in fours for 5 weeks, every pair exactly once', () => {
    const p = buildProblem({ mode: 'mixed', students: students(16), bands: 4, size: {}, seed: 0 }, students(16));
    const planner = new WeekPlanner(p, layout(16, 4, 4), [], 4, 5, mulberry32(3));
    for (let j = 0; j < 5; j++) expect(planner.greedyWeek(j)).toBe(true);
    expect(planner.search(200000)).toBe(0);
    const all = planner.unitGroup.flatMap((a) => pairs(groupsOf(a, 4)));
    expect(all).toHaveLength(120);
    expect(new Set(all).size).toBe(120);
  });

  it('plans until the window is full, and always the next week', () => {
    const row = (back: number): PastRow => ({ back, group: rows });
    expect(weeksAhead([], 3)).toBe(3);
    expect(weeksAhead([row(1)], 3)).toBe(2);
    expect(weeksAhead([row(1), row(2)], 3)).toBe(1);
    expect(weeksAhead([row(1), row(2), row(3)], 3)).toBe(1);
    expect(weeksAhead([row(1), row(4)], 3)).toBe(2);
    expect(weeksAhead([], 9)).toBe(4);
  });

  it('knows that 20 students in fives repeat at least 4 pairs a week for each earlier week, and 13 in 5-4-4 at least 4', () => {
    const five: PastRow = { back: 1, group: Int32Array.from({ length: 20 }, (_, s) => s % 4) };
    expect(repeatFloor(layout(20, 4, 5), [five], 3, 20)).toBe(4);
    expect(repeatFloor(layout(20, 4, 5), [five, { ...five, back: 2 }], 3, 20)).toBe(8);
    const thirteen: PastRow = { back: 1, group: Int32Array.from({ length: 13 }, (_, s) => s % 3) };
    expect(repeatFloor({ ...layout(13, 3, 4), min: 4, max: 5, balanced: [5, 4, 4] }, [thirteen], 3, 13)).toBe(4);
    // Out of the window, or a class with room: no floor.
    expect(repeatFloor(layout(20, 4, 5), [{ ...five, back: 4 }], 3, 20)).toBe(0);
    expect(repeatFloor(layout(16, 4, 4), [{ back: 1, group: rows }], 3, 16)).toBe(0);
  });
});

describe('a repeat-free week that leaves no repeat-free week after it', () => {
  const all = students(16);
  // Week 1 (two weeks back) grouped the rows, week 2 (last week) the columns.
  const recent: RecentWeek[] = [
    { back: 2, groups: [0, 1, 2, 3].map((g) => [...rows.keys()].filter((s) => rows[s] === g).map(id)) },
    { back: 1, groups: [0, 1, 2, 3].map((g) => [...cols.keys()].filter((s) => cols[s] === g).map(id)) },
  ];
  const past: PastRow[] = [{ back: 2, group: rows }, { back: 1, group: cols }];
  const input: EngineInput = { mode: 'mixed', students: all, bands: 4, size: { target: 4 }, seed: 5, avoidWeeks: 3, recent };
  const history = new Map<string, number>();
  for (const w of recent) for (const g of w.groups) for (const a of g) for (const b of g) if (a < b) history.set(pairKey(a, b), 1);
  const p = buildProblem({ ...input, history }, all);
  const L = layout(16, 4, 4);

  it('the cyclic Latin square repeats no pair of weeks 1 and 2, yet no fourth week can avoid all three', () => {
    expect(repeatCost(p, L, cyclic)).toBe(0);
    // A fourth week would be 4 groups, each one student from every row, column and cyclic group (a
    // transversal). Try every way to pick one cell per row with distinct columns: none has 4 symbols.
    let transversals = 0;
    const perm = (cs: number[]): void => {
      if (cs.length === 4) {
        if (new Set(cs.map((c, r) => cyclic[cell(r, c)])).size === 4) transversals++;
        return;
      }
      for (let c = 0; c < 4; c++) if (!cs.includes(c)) perm([...cs, c]);
    };
    perm([]);
    expect(transversals).toBe(0);
  });

  it('planAhead replaces it by a third week that a repeat-free fourth can follow', () => {
    const plans = planAhead(p, L, cyclic, past, 3, mulberry32(9), 40000);
    expect(plans.length).toBeGreaterThan(1);
    expect(plans[0]!.week).toEqual(cyclic);
    expect(plans[0]!.conflicts[0]).toBeGreaterThan(0);
    const good = plans.filter((x) => x.conflicts.every((c) => c === 0));
    expect(good.length).toBeGreaterThan(0);
    for (const plan of good) {
      expect(repeatCost(p, L, plan.week)).toBe(0);
      const later = pairs(groupsOf(plan.later[0]!, 4));
      const earlier = [rows, cols, plan.week].flatMap((a) => pairs(groupsOf(a, 4)));
      expect(later.filter((x) => earlier.includes(x))).toEqual([]);
    }
  });

  it('avoidRepeats keeps what the engine found when it can be followed, and swaps the cyclic week for one that can', () => {
    const third = avoidRepeats(p, L, cyclic, past, 3, mulberry32(2), { search: 40000, polish: 20000 });
    expect(third).not.toEqual(cyclic);
    expect(repeatCost(p, L, third)).toBe(0);
    const planner = new WeekPlanner(p, L, past, 3, 2, mulberry32(4));
    planner.setWeek(0, third, true);
    planner.greedyWeek(1);
    expect(planner.search(50000)).toBe(0);
    // A third week that leaves room stays as it was.
    expect(avoidRepeats(p, L, third, past, 3, mulberry32(2), { search: 40000, polish: 20000 })).toEqual(third);
  });

  it('and the engine, asked for week 3, gives groups a fourth week can follow', () => {
    const r = partitionStudents(input);
    if (!r.ok) throw new Error('no groups');
    expect(r.stats.repeatedPairs).toBe(0);
    const index = new Map(all.map((s, i) => [s.id, i]));
    const week3 = new Int32Array(16);
    r.groups.forEach((g, gi) => { for (const m of g.members) week3[index.get(m)!] = gi; });
    const planner = new WeekPlanner(p, L, past, 3, 2, mulberry32(4));
    planner.setWeek(0, week3, true);
    planner.greedyWeek(1);
    expect(planner.search(50000)).toBe(0);
  });
});

describe('when the arithmetic forbids a repeat-free month', () => {
  it('20 students in fives repeat exactly the unavoidable 4, 8 and 12 pairs, and say so', () => {
    const all = students(20);
    const recent: RecentWeek[] = [];
    const counts: number[] = [];
    for (let w = 0; w < 4; w++) {
      const r = partitionStudents({ mode: 'mixed', students: all, bands: 4, size: { target: 5 }, seed: 30 + w, avoidWeeks: 3, recent });
      if (!r.ok) throw new Error('no groups');
      counts.push(r.stats.repeatedPairs);
      for (const x of recent) x.back++;
      recent.unshift({ back: 1, groups: r.groups.map((g) => g.members) });
    }
    expect(counts).toEqual([0, 4, 8, 12]);
  });
});

describe('keep-together partners', () => {
  it('12 students in threes with a pair kept together: that pair meets every week, no other pair twice', () => {
    const all = students(12);
    const recent: RecentWeek[] = [];
    const met = new Map<string, number>();
    for (let w = 0; w < 4; w++) {
      const r = partitionStudents({ mode: 'mixed', students: all, bands: 4, size: { target: 3 }, keepTogether: [['S01', 'S02']], seed: 70 + w, avoidWeeks: 3, recent });
      if (!r.ok) throw new Error('no groups');
      // The kept pair is the one repeated pair from the second week on.
      expect(r.stats.repeatedPairs).toBe(w === 0 ? 0 : 1);
      for (const g of r.groups) for (const pair of pairs([g.members.map((m) => Number(m.slice(1)))])) met.set(pair, (met.get(pair) ?? 0) + 1);
      for (const x of recent) x.back++;
      recent.unshift({ back: 1, groups: r.groups.map((g) => g.members) });
    }
    expect(met.get('1 2')).toBe(4);
    expect([...met].filter(([pair, n]) => pair !== '1 2' && n > 1)).toEqual([]);
  });
});

// Random classes with random earlier weeks: planning ahead never breaks a hard constraint.
const classArb = fc.record({
  n: fc.integer({ min: 6, max: 32 }),
  sections: fc.integer({ min: 1, max: 2 }),
  mode: fc.constantFrom('mixed' as const, 'interest' as const),
  min: fc.integer({ min: 2, max: 4 }),
  extra: fc.integer({ min: 0, max: 2 }),
  weeks: fc.integer({ min: 0, max: 3 }),
  window: fc.integer({ min: 1, max: 4 }),
  seed: fc.integer({ min: 0, max: 1e6 }),
});

describe('properties with earlier weeks and a window', () => {
  it('every present student once, sizes within bounds, keep-apart and keep-together held, the same for the same seed', () => {
    fc.assert(fc.property(classArb, (c) => {
      const rnd = mulberry32(c.seed);
      const all: EngineStudent[] = Array.from({ length: c.n }, (_, i) => ({
        id: id(i), section: `P${(i % c.sections) + 1}`, scores: [rnd()], band: Math.floor(rnd() * 4), interests: rnd() < 0.5 ? ['art'] : [],
      }));
      const perSection = c.n / c.sections;
      const keepTogether = perSection >= 10 ? [[id(0), id(c.sections)]] : [];
      const keepApart = perSection >= 10 ? [[id(2 * c.sections), id(3 * c.sections)]] : [];
      // Earlier weeks: random splits of the class into groups of about 3, some students away.
      const recent: RecentWeek[] = Array.from({ length: c.weeks }, (_, w) => {
        const groups: string[][] = [];
        for (const s of all) if (rnd() < 0.9) (groups[Math.floor(rnd() * Math.max(1, c.n / 3))] ??= []).push(s.id);
        return { back: w + 1, groups: groups.filter(Boolean) };
      });
      const min = keepApart.length ? Math.min(c.min, 3) : c.min;
      const input: EngineInput = { mode: c.mode, students: all, bands: 4, size: { min, max: min + c.extra }, keepApart, keepTogether, seed: c.seed, iterations: 2000, avoidWeeks: c.window, recent };
      const r = partitionStudents(input);
      if (!r.ok) {
        expect(r.conflicts.every((x) => /too few|cannot be split|cannot be fitted/.test(x.message))).toBe(true);
        return;
      }
      expect(r.groups.flatMap((g) => g.members).sort()).toEqual(all.map((s) => s.id).sort());
      for (const g of r.groups) {
        expect(g.members.length).toBeGreaterThanOrEqual(min);
        expect(g.members.length).toBeLessThanOrEqual(min + c.extra);
        expect(new Set(g.members.map((m) => all.find((s) => s.id === m)!.section))).toEqual(new Set([g.section]));
      }
      const groupOf = (x: string) => r.groups.findIndex((g) => g.members.includes(x));
      for (const [a, b] of keepApart) expect(groupOf(a!)).not.toBe(groupOf(b!));
      for (const [a, b] of keepTogether) expect(groupOf(a!)).toBe(groupOf(b!));
      expect(partitionStudents(input)).toEqual(r);
    }), { numRuns: 60 });
  });
});
