import { describe, expect, it } from 'vitest';
import { addDays, diffMastery, sinceDate, type SnapshotRow } from '../../src/domain/mastery-diff.ts';

const row = (studentId: string, standard: string, score: number | null, level: number | null, label = level ? `L${level}` : 'Not yet assessed'): SnapshotRow => ({ studentId, standard, score, level, label });

describe('diffMastery', () => {
  const before = [row('S1', 'A', 2.5, 2), row('S1', 'B', 3.2, 3), row('S2', 'A', 3.1, 3), row('S2', 'B', null, null), row('S3', 'A', 1, 1)];
  const after = [row('S1', 'A', 3.05, 3), row('S1', 'B', 3.4, 3), row('S2', 'A', 2.9, 2), row('S2', 'B', 2, 2), row('S10', 'A', 4, 4)];

  it('classifies level moves, first scores and removed scores; score changes within a level only on request', () => {
    const d = diffMastery(before, after, { standardOrder: ['B', 'A'] });
    expect(d.moves.map((m) => [m.standard, m.studentId, m.kind, m.delta])).toEqual([
      ['B', 'S2', 'first', null],
      ['A', 'S1', 'up', 0.55],
      ['A', 'S10', 'first', null],
      ['A', 'S2', 'down', -0.2],
      ['A', 'S3', 'removed', null],
    ]);
    expect(d.counts).toEqual({ up: 1, down: 1, first: 2, removed: 1, score: 0 });
    const all = diffMastery(before, after, { scores: true });
    expect(all.moves.find((m) => m.kind === 'score')).toMatchObject({ studentId: 'S1', standard: 'B', delta: 0.2 });
  });

  it('identical snapshots have no moves', () => {
    expect(diffMastery(after, after, { scores: true }).moves).toEqual([]);
  });
});

describe('dates for --since', () => {
  it.each([['last-week', '2026-11-16'], ['yesterday', '2026-11-22'], ['last-month', '2026-10-24'], ['2026-09-01', '2026-09-01'], ['HEAD~2', undefined]])('%s from 2026-11-23 → %s', (spec, want) => {
    expect(sinceDate(spec, '2026-11-23')).toBe(want);
  });
  it('crosses months, years and leap days', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-01-03', -7)).toBe('2025-12-27');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
  });
});
