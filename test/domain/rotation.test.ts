// The rotation timetable: a Latin square, the neediest group with the teacher first, doubled stations.
import { describe, expect, it } from 'vitest';
import { addMinutes, buildRotation, DEFAULT_STATIONS, needOrder, teacherStation, type RotationGroup } from '../../src/domain/rotation.ts';

const g = (name: string, tier: RotationGroup['tier'], mean: number | null, section = 'P2'): RotationGroup => ({ name, section, tier, mean });

/** Station of each group in each round. */
function visits(rot: ReturnType<typeof buildRotation>, section = 0): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rot.sections[section]!.rounds) {
    for (const s of r.stations) for (const name of s.groups) out.set(name, [...(out.get(name) ?? []), s.station]);
  }
  return out;
}

describe('station rotation', () => {
  const four = [g('A', 'practice', 2.5), g('B', 'extend', 3.6), g('C', 'reteach', 1.4), g('D', 'practice', 2.2)];

  it('is a Latin square: one group per station per round, every station once per group', () => {
    const rot = buildRotation(four, { stations: [...DEFAULT_STATIONS], minutes: 15 });
    const sec = rot.sections[0]!;
    expect(sec.rounds).toHaveLength(4);
    for (const r of sec.rounds) {
      expect(r.stations.map((s) => s.groups.length)).toEqual([1, 1, 1, 1]);
    }
    for (const stations of visits(rot).values()) expect([...stations].sort()).toEqual([...DEFAULT_STATIONS].sort());
  });

  it('sends the group that most needs reteaching to the teacher first, then by need', () => {
    const rot = buildRotation(four, { stations: [...DEFAULT_STATIONS], minutes: 15 });
    expect(rot.sections[0]!.order).toEqual(['C', 'D', 'A', 'B']);
    expect(rot.sections[0]!.rounds.map((r) => r.stations[0]!.groups[0])).toEqual(['C', 'D', 'A', 'B']);
    // Everyone moves one station along each round.
    expect(visits(rot).get('C')).toEqual(['teacher', 'tech', 'collab', 'independent']);
    expect(visits(rot).get('D')).toEqual(['independent', 'teacher', 'tech', 'collab']);
  });

  it('doubles up at independent work when there are more groups than stations, the teacher still one group', () => {
    const five = [...four, g('E', 'practice', 2.9)];
    const rot = buildRotation(five, { stations: [...DEFAULT_STATIONS], minutes: 12 });
    const sec = rot.sections[0]!;
    expect(sec.rounds).toHaveLength(5);
    for (const r of sec.rounds) {
      expect(r.stations.map((s) => s.groups.length)).toEqual([1, 1, 1, 2]);
    }
    for (const stations of visits(rot).values()) {
      expect(stations.filter((s) => s === 'teacher')).toHaveLength(1);
      expect(stations.filter((s) => s === 'independent')).toHaveLength(2);
      expect(new Set(stations)).toEqual(new Set(DEFAULT_STATIONS));
    }
    const seven = [...five, g('F', 'extend', 3.9), g('G', 'reteach', 1.9)];
    const big = buildRotation(seven, { stations: [...DEFAULT_STATIONS], minutes: 10 }).sections[0]!;
    expect(big.rounds[0]!.stations.map((s) => s.groups.length)).toEqual([1, 2, 2, 2]);
  });

  it('leaves a station empty in turn when there are fewer groups than stations', () => {
    const rot = buildRotation(four.slice(0, 3), { stations: [...DEFAULT_STATIONS], minutes: 15 });
    expect(rot.sections[0]!.rounds).toHaveLength(4);
    for (const stations of visits(rot).values()) expect(new Set(stations)).toEqual(new Set(DEFAULT_STATIONS));
    for (const r of rot.sections[0]!.rounds) expect(r.stations.filter((s) => s.groups.length === 0)).toHaveLength(1);
  });

  it('builds one timetable per section and keeps clock times', () => {
    const rot = buildRotation([...four, g('E', 'reteach', 1.2, 'P4'), g('F', 'extend', 3.5, 'P4')], { stations: ['ipads', 'teacher', 'games'], minutes: 18, start: '09:10' });
    expect(rot.sections.map((s) => s.section)).toEqual(['P2', 'P4']);
    expect(rot.teacher).toBe('teacher');
    const p4 = rot.sections[1]!;
    expect(p4.rounds.map((r) => `${r.start}-${r.end}`)).toEqual(['09:10-09:28', '09:28-09:46', '09:46-10:04']);
    expect(p4.rounds[0]!.stations.find((s) => s.station === 'teacher')!.groups).toEqual(['E']);
  });

  it('picks the teacher station by name, else the first; orders need by tier then mean', () => {
    expect(teacherStation(['small-group', 'ipads'])).toBe('small-group');
    expect(teacherStation(['ipads', 'Teacher'])).toBe('Teacher');
    expect(needOrder([g('A', 'extend', 1), g('B', 'practice', null), g('C', 'practice', 2.1), g('D', 'reteach', 2.5)]).map((x) => x.name)).toEqual(['D', 'C', 'B', 'A']);
    expect(addMinutes('23:50', 15)).toBe('00:05');
  });
});
