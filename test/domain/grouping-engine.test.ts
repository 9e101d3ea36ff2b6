// The grouping engine against the vectors in algorithms.md §6 and the hard constraints as properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partitionStudents, type EngineInput, type EngineStudent } from '../../src/domain/grouping/engine.ts';
import { pairHistory, type PastWeek } from '../../src/domain/grouping/history.ts';
import { balancedSizes, planSizes, sizesForTarget } from '../../src/domain/grouping/sizes.ts';
import { addWeeks } from '../../src/domain/weeks.ts';

const id = (i: number) => `S${String(i + 1).padStart(3, '0')}`;
const student = (i: number, score: number, section = 'P1', interests: string[] = []): EngineStudent =>
  ({ id: id(i), section, scores: [score], band: Math.min(3, Math.floor(score * 4)), interests });
const sizesOf = (groups: { members: string[] }[]) => groups.map((g) => g.members.length).sort((a, b) => b - a);
const asPast = (week: string, groups: { members: string[] }[]): PastWeek => ({ week, groups: groups.map((g) => ({ members: g.members.map((x) => ({ id: x })) })) });

describe('sizing (algorithms.md §6 vector 10)', () => {
  it('26 students around 4: smaller 4,4,4,4,4,3,3, bigger 5,5,4,4,4,4', () => {
    expect(sizesForTarget(26, 4, 'smaller')).toEqual([4, 4, 4, 4, 4, 3, 3]);
    expect(sizesForTarget(26, 4, 'bigger')).toEqual([5, 5, 4, 4, 4, 4]);
    // Where GroupEng and HBS disagree (29 and 30), ours follows HBS: ⌈n/s⌉ or ⌊n/s⌋ groups, balanced.
    expect(sizesForTarget(29, 4, 'smaller')).toEqual([4, 4, 4, 4, 4, 3, 3, 3]);
    expect(sizesForTarget(29, 4, 'bigger')).toEqual([5, 4, 4, 4, 4, 4, 4]);
    expect(sizesForTarget(30, 4, 'bigger')).toEqual([5, 5, 4, 4, 4, 4, 4]);
  });

  it('places 26 students in those sizes', () => {
    const students = Array.from({ length: 26 }, (_, i) => student(i, (i * 7 % 26) / 26));
    for (const [policy, sizes] of [['smaller', [4, 4, 4, 4, 4, 3, 3]], ['bigger', [5, 5, 4, 4, 4, 4]]] as const) {
      for (const mode of ['readiness', 'mixed'] as const) {
        const r = partitionStudents({ mode, students, bands: 4, size: { target: 4, policy }, seed: 1 });
        expect(r.ok && sizesOf(r.groups)).toEqual(sizes);
      }
    }
  });

  it('chooses the count for bounds and says when the class is too small', () => {
    expect(planSizes(26, { min: 3, max: 5 }, false)).toEqual({ groups: 7, min: 3, max: 4, balanced: [4, 4, 4, 4, 4, 3, 3] });
    expect(planSizes(26, { min: 3, max: 5 }, true)).toMatchObject({ groups: 7, min: 3, max: 5 });
    expect(planSizes(2, { min: 3, max: 5 }, true)).toMatch(/2 present students are too few for groups of 3–5/);
    expect(planSizes(7, { min: 4, max: 5 }, true)).toMatch(/cannot be split into groups of 4–5/);
    expect(planSizes(10, { groups: 11 }, false)).toMatch(/cannot make 11 groups/);
  });

  it('keeps balanced sizes within 1 of each other and within the bounds', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 6 }), (n, min, extra) => {
      const plan = planSizes(n, { min, max: min + extra }, false);
      if (typeof plan === 'string') return;
      expect(plan.balanced.reduce((a, b) => a + b, 0)).toBe(n);
      expect(Math.max(...plan.balanced) - Math.min(...plan.balanced)).toBeLessThanOrEqual(1);
      expect(Math.min(...plan.balanced)).toBeGreaterThanOrEqual(min);
      expect(Math.max(...plan.balanced)).toBeLessThanOrEqual(min + extra);
    }));
    expect(balancedSizes(10, 3)).toEqual([4, 3, 3]);
  });
});

describe('starts and objectives (algorithms.md §1.8)', () => {
  it('snake-drafts 95…60 into two groups with sums 310 and 310 (vector 11)', () => {
    const scores = [95, 90, 85, 80, 75, 70, 65, 60];
    const students = scores.map((s, i) => student(i, s / 100));
    const r = partitionStudents({ mode: 'mixed', students, bands: 4, size: { groups: 2 }, seed: 1 }, { search: false });
    if (!r.ok) throw new Error('no groups');
    const sums = r.groups.map((g) => g.members.reduce((t, m) => t + scores[Number(m.slice(1)) - 1]!, 0));
    expect(sums).toEqual([310, 310]);
    expect(r.groups.map((g) => g.members.map((m) => scores[Number(m.slice(1)) - 1]))).toEqual([[95, 80, 75, 60], [90, 85, 70, 65]]);
    // The search keeps it: the means are already equal.
    const searched = partitionStudents({ mode: 'mixed', students, bands: 1, size: { groups: 2 }, seed: 1 });
    expect(searched.ok && searched.stats.fit).toBeCloseTo(0, 12);
  });

  it('finds the optimal contiguous readiness groups, SSE 0.04902 (vector 12)', () => {
    const p = [0.12, 0.18, 0.25, 0.31, 0.44, 0.52, 0.55, 0.61, 0.70, 0.74, 0.81, 0.88, 0.93, 0.96, 0.97, 0.99];
    const students = p.map((x, i) => student(i, x));
    for (const search of [false, true]) {
      const r = partitionStudents({ mode: 'readiness', students, bands: 4, size: { groups: 4, min: 3, max: 6 }, seed: 7 }, { search });
      if (!r.ok) throw new Error('no groups');
      const values = r.groups.map((g) => g.members.map((m) => p[Number(m.slice(1)) - 1]!)).sort((a, b) => a[0]! - b[0]!);
      expect(values).toEqual([[0.12, 0.18, 0.25, 0.31], [0.44, 0.52, 0.55, 0.61], [0.70, 0.74, 0.81], [0.88, 0.93, 0.96, 0.97, 0.99]]);
      expect(r.stats.fit).toBeCloseTo(0.04902, 5);
    }
  });

  it('repeats no pair in four weeks of 9 students in threes (vector 9)', () => {
    const students = Array.from({ length: 9 }, (_, i) => student(i, [0.2, 0.9, 0.5, 0.7, 0.3, 0.6, 0.8, 0.4, 0.55][i]!));
    const past: PastWeek[] = [];
    let week = '2026-W49';
    for (let w = 0; w < 4; w++) {
      const r = partitionStudents({ mode: 'mixed', students, bands: 4, size: { target: 3 }, seed: 12 + w, history: pairHistory(past, week, 3) });
      if (!r.ok) throw new Error('no groups');
      expect(r.stats.repeatedPairs).toBe(0);
      past.push(asPast(week, r.groups));
      week = addWeeks(week, 1);
    }
    const all = pairHistory(past, week, 4);
    expect(all.size).toBe(36);
    expect([...all.values()].every((n) => n === 1)).toBe(true);
  });

  it('keeps readiness groups by the data despite last week, while mixed groups avoid every repeat', () => {
    // Four clear levels: repeating last week's readiness groups is right, the data has not moved.
    const students = Array.from({ length: 16 }, (_, i) => student(i, [0.1, 0.4, 0.6, 0.9][i % 4]! + Math.floor(i / 4) * 0.01));
    const first = partitionStudents({ mode: 'readiness', students, bands: 4, size: { target: 4 }, seed: 3 });
    if (!first.ok) throw new Error('no groups');
    const history = pairHistory([asPast('2026-W48', first.groups)], '2026-W49', 1);
    const again = partitionStudents({ mode: 'readiness', students, bands: 4, size: { target: 4 }, seed: 3, history });
    expect(again.ok && again.groups).toEqual(first.groups);
    expect(again.ok && again.stats.repeatedPairs).toBe(24);
    const mixed = partitionStudents({ mode: 'mixed', students, bands: 4, size: { target: 4 }, seed: 3, history });
    expect(mixed.ok && mixed.stats.repeatedPairs).toBe(0);
  });

  it('breaks near-ties in readiness groups toward new partners', () => {
    // Two groups a hundredth apart: swapping students costs next to nothing, so last week's pairs give way.
    const xs = [0.2, 0.2, 0.2, 0.2, 0.21, 0.21, 0.21, 0.21];
    const students = xs.map((x, i) => student(i, x));
    const first = partitionStudents({ mode: 'readiness', students, bands: 4, size: { target: 4 }, seed: 3 });
    if (!first.ok) throw new Error('no groups');
    expect(first.groups.map((g) => g.members)).toEqual([['S001', 'S002', 'S003', 'S004'], ['S005', 'S006', 'S007', 'S008']]);
    const history = pairHistory([asPast('2026-W48', first.groups)], '2026-W49', 1);
    const again = partitionStudents({ mode: 'readiness', students, bands: 4, size: { target: 4 }, seed: 3, history });
    // Two groups of four drawn from two old groups of four share at least 2 + 2 old pairs.
    expect(again.ok && again.stats.repeatedPairs).toBe(4);
  });

  it('puts students who share an interest together', () => {
    const students = [
      student(0, 0.5, 'P1', ['soccer']), student(1, 0.6, 'P1', ['music']), student(2, 0.4, 'P1', ['soccer', 'art']),
      student(3, 0.7, 'P1', ['music', 'anime']), student(4, 0.3, 'P1', ['art']), student(5, 0.5, 'P1'),
    ];
    const r = partitionStudents({ mode: 'interest', students, bands: 4, size: { target: 3 }, seed: 5 });
    if (!r.ok) throw new Error('no groups');
    const together = (a: string, b: string) => r.groups.some((g) => g.members.includes(a) && g.members.includes(b));
    expect(together('S001', 'S003') || together('S002', 'S004')).toBe(true);
    expect(together('S002', 'S004')).toBe(true);
  });
});

describe('absent students and keep-together', () => {
  it('an absent buddy frees the others of a pair, but a listed set keeps its present members together', () => {
    const students = Array.from({ length: 12 }, (_, i) => student(i, i / 12)).filter((s) => s.id !== 'S002');
    const r = partitionStudents({ mode: 'readiness', students, bands: 4, size: { min: 3, max: 4 }, seed: 1,
      keepTogether: [['S001', 'S002'], ['S002', 'S012'], ['S003', 'S002', 'S011']] });
    if (!r.ok) throw new Error(r.conflicts[0]!.message);
    const groupOf = (x: string) => r.groups.findIndex((g) => g.members.includes(x));
    expect(r.groups.flatMap((g) => g.members)).not.toContain('S002');
    expect(groupOf('S003')).toBe(groupOf('S011'));
    // S001 and S012 were linked only through S002: the lowest and the highest score part.
    expect(groupOf('S001')).not.toBe(groupOf('S012'));
  });
});

describe('hard constraints that cannot hold are named', () => {
  const ten = Array.from({ length: 10 }, (_, i) => student(i, i / 10));
  const conflict = (input: Partial<EngineInput>) => {
    const r = partitionStudents({ mode: 'mixed', students: ten, bands: 4, size: { min: 3, max: 5 }, seed: 1, ...input });
    expect(r.ok).toBe(false);
    return r.ok ? '' : r.conflicts.map((c) => c.message).join('\n');
  };

  it('a keepTogether chain larger than the largest group', () => {
    const msg = conflict({ keepTogether: [['S001', 'S002'], ['S002', 'S003'], ['S003', 'S004'], ['S004', 'S005'], ['S005', 'S006']] });
    expect(msg).toContain('joins 6 students (S001, S002, S003, S004, S005, S006), more than the largest group of 4');
  });

  it('a keepApart pair that keepTogether joins', () => {
    expect(conflict({ keepTogether: [['S001', 'S002'], ['S002', 'S003']], keepApart: [['S003', 'S001']] }))
      .toContain('S001 and S003 are in grouping.keepApart but grouping.keepTogether joins them (S001, S002, S003)');
  });

  it('too few students for the size bounds', () => {
    expect(conflict({ students: ten.slice(0, 2) })).toContain('2 present students are too few for groups of 3–5');
  });

  it('keepTogether across sections', () => {
    const two = ten.map((s, i) => ({ ...s, section: i < 5 ? 'P2' : 'P4' }));
    expect(conflict({ students: two, keepTogether: [['S001', 'S009']] })).toContain('different sections (S001 P2, S009 P4)');
  });

  it('another group count when the preferred one cannot keep a pair apart', () => {
    // 12 students in 4–6: two groups of 6 is preferred, but three keep-together pairs and three
    // keep-apart pairs only fit in three groups of 4.
    const twelve = Array.from({ length: 12 }, (_, i) => student(i, i / 12));
    const r = partitionStudents({ mode: 'readiness', students: twelve, bands: 4, size: { min: 4, max: 6 }, seed: 0,
      keepTogether: [['S001', 'S002'], ['S003', 'S004'], ['S005', 'S006']], keepApart: [['S007', 'S008'], ['S009', 'S010'], ['S011', 'S012']] });
    expect(r.ok && sizesOf(r.groups)).toEqual([4, 4, 4]);
  });

  it('more students to keep apart than there are groups', () => {
    expect(conflict({ size: { groups: 2 }, keepApart: [['S001', 'S002', 'S003']] })).toMatch(/cannot be kept apart in 2 groups/);
  });
});

// A class with sparse, satisfiable constraints: keep-apart and keep-together pairs are disjoint.
const classArb = fc.record({
  n: fc.integer({ min: 6, max: 40 }),
  sections: fc.integer({ min: 1, max: 2 }),
  dims: fc.integer({ min: 1, max: 3 }),
  mode: fc.constantFrom('readiness' as const, 'mixed' as const, 'interest' as const),
  min: fc.integer({ min: 2, max: 4 }),
  extra: fc.integer({ min: 0, max: 2 }),
  seed: fc.integer({ min: 0, max: 1e6 }),
  pairs: fc.integer({ min: 0, max: 3 }),
}).chain((c) => fc.record({
  c: fc.constant(c),
  scores: fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: c.dims, maxLength: c.dims }), { minLength: c.n, maxLength: c.n }),
  interests: fc.array(fc.subarray(['art', 'music', 'soccer', 'games']), { minLength: c.n, maxLength: c.n }),
}));

describe('properties of every grouping', () => {
  it('places every present student once, within the bounds, never breaking keep-apart or keep-together, the same for the same seed', () => {
    fc.assert(fc.property(classArb, ({ c, scores, interests }) => {
      const students: EngineStudent[] = scores.map((s, i) => ({
        id: id(i), section: `P${(i % c.sections) + 1}`, scores: s, band: Math.min(3, Math.floor(s[0]! * 4)), interests: interests[i]!,
      }));
      // Pairs within a section: together (i, i+2c·k) and apart (i+1, i+1+c) so they never overlap.
      const keepTogether: string[][] = [];
      const keepApart: string[][] = [];
      for (let k = 0; k < c.pairs; k++) {
        const a = 4 * k * c.sections;
        // Sections of 10 or more, so at least two groups and room to keep a pair apart.
        if (a + 3 * c.sections < c.n && c.n / c.sections >= 10) {
          keepTogether.push([id(a), id(a + c.sections)]);
          keepApart.push([id(a + 2 * c.sections), id(a + 3 * c.sections)]);
        }
      }
      // Bounds from 3 up leave a group count where the pairs fit (see planAlternatives).
      const min = keepApart.length ? Math.min(c.min, 3) : c.min;
      const input: EngineInput = { mode: c.mode, students, bands: 4, size: { min, max: min + c.extra }, keepApart, keepTogether, seed: c.seed, iterations: 3000 };
      const r = partitionStudents(input);
      if (!r.ok) {
        // Only sizing can make these classes impossible.
        expect(r.conflicts.every((x) => /too few|cannot be split|cannot be fitted/.test(x.message))).toBe(true);
        return;
      }
      const placed = r.groups.flatMap((g) => g.members).sort();
      expect(placed).toEqual(students.map((s) => s.id).sort());
      for (const g of r.groups) {
        expect(g.members.length).toBeGreaterThanOrEqual(min);
        expect(g.members.length).toBeLessThanOrEqual(min + c.extra);
        expect(new Set(g.members.map((m) => students.find((s) => s.id === m)!.section)).size).toBe(1);
      }
      for (const sec of new Set(students.map((s) => s.section))) {
        const sizes = r.groups.filter((g) => g.section === sec).map((g) => g.members.length);
        if (c.mode === 'mixed') expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(Math.min(...sizes)).toBeGreaterThanOrEqual(min);
      }
      const groupOf = (x: string) => r.groups.findIndex((g) => g.members.includes(x));
      for (const [a, b] of keepApart) expect(groupOf(a!)).not.toBe(groupOf(b!));
      for (const [a, b] of keepTogether) expect(groupOf(a!)).toBe(groupOf(b!));
      expect(partitionStudents(input)).toEqual(r);
    }), { numRuns: 120 });
  });

  it('readiness groups on one standard are ordered tiers: no group reaches into the next', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 40 }), fc.integer({ min: 0, max: 1e6 }), (xs, seed) => {
      const students = xs.map((x, i) => student(i, x));
      const r = partitionStudents({ mode: 'readiness', students, bands: 4, size: { min: 3, max: 5 }, seed, iterations: 3000 });
      if (!r.ok) throw new Error(r.conflicts[0]!.message);
      const ranges = r.groups.map((g) => g.members.map((m) => xs[Number(m.slice(1)) - 1]!))
        .map((v) => [Math.min(...v), Math.max(...v)] as const)
        .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      for (let i = 1; i < ranges.length; i++) expect(ranges[i - 1]![1]).toBeLessThanOrEqual(ranges[i]![0]);
    }), { numRuns: 100 });
  });
});
