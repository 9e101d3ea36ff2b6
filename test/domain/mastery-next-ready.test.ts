// nextReady: standards not yet mastered whose prerequisites are all mastered (algorithms.md §5.2).
import { describe, expect, it } from 'vitest';
import { nextReady } from '../../src/domain/mastery/next-ready.ts';
import { masteryTable } from '../../src/domain/mastery/table.ts';
import { sparkline } from '../../src/render/sparkline.ts';
import { assessmentYaml, bookFrom } from './book-fixture.ts';

const book = bookFrom({
  roster: 'id,given_name,family_name,section,email,status\nS1,A,B,P1,,active\nS2,C,D,P1,,active\n',
  standards: `
    - { id: A, statement: a, unit: u, prerequisites: [] }
    - { id: B, statement: b, unit: u, prerequisites: [A] }
    - { id: C, statement: c, unit: u, prerequisites: [A, B] }
    - { id: D, statement: d, unit: v, prerequisites: [P] }
    - { id: P, statement: parent, unit: u, children: [A, B], rollup: all-mastered }
  `,
  assessments: {
    // S1 masters A only; S2 masters A and B.
    '2026-10-01-quiz': [assessmentYaml('2026-10-01-quiz', [['q1', ['A'], 4], ['q2', ['B'], 4], ['q3', ['C'], 4]]), 'student_id,q1,q2,q3\nS1,4,1,\nS2,4,4,1\n'],
  },
});
const ids = (s: string) => nextReady(book, masteryTable(book), s).map((n) => n.standard.id);

describe('nextReady', () => {
  it('offers unmastered standards whose prerequisites are all mastered, in curriculum order', () => {
    expect(ids('S1')).toEqual(['B']);
    expect(ids('S2')).toEqual(['C', 'D']);
  });
  it('treats a parent prerequisite as mastered when its roll-up is, and never offers the parent itself', () => {
    expect(ids('S2')).toContain('D');
    expect(ids('S1')).not.toContain('D');
    expect(ids('S1')).not.toContain('P');
  });
  it('offers standards without prerequisites that are not mastered yet, including unassessed ones', () => {
    const fresh = bookFrom({ roster: 'id,given_name,family_name\nS1,A,B\n', standards: '- { id: A, statement: a }\n- { id: B, statement: b, prerequisites: [A] }\n' });
    expect(nextReady(fresh, masteryTable(fresh), 'S1').map((n) => n.standard.id)).toEqual(['A']);
  });
  it('is empty for a student not in the table', () => {
    expect(nextReady(book, masteryTable(book), 'S9')).toEqual([]);
  });
});

describe('sparkline', () => {
  it('maps 0..max onto the eight glyphs', () => {
    expect(sparkline([0, 4 / 7, 8 / 7, 12 / 7, 16 / 7, 20 / 7, 24 / 7, 4], 4)).toBe('▁▂▃▄▅▆▇█');
  });
  it('rounds to the nearest glyph and clamps out-of-range values', () => {
    expect(sparkline([2, 3, 3.5, -1, 9], 4)).toBe('▅▆▇▁█');
  });
  it('is empty without values or range', () => {
    expect(sparkline([], 4)).toBe('');
    expect(sparkline([1], 0)).toBe('');
  });
});
