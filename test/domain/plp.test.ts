// The PLP view model: goals with the levels of their standards, what comes next, recent evidence,
// trend lines, and nothing about another student. Small gradebooks go through the real loaders.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { masteryTable } from '../../src/domain/mastery/table.ts';
import { buildPlp } from '../../src/domain/plp.ts';
import type { Book } from '../../src/domain/types.ts';
import { loadBook } from '../../src/store/book-store.ts';
import { tempDir } from '../helpers.ts';

function bookFrom(files: Record<string, string>): Book {
  const root = tempDir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const { book, diagnostics } = loadBook(root);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => `${d.source?.file}:${d.source?.line} ${d.message}`).join('\n'));
  return book;
}

const STANDARDS = `
- { id: A.1, statement: Add, student_statement: I can add., unit: one, prerequisites: [] }
- { id: A.2, statement: Subtract, student_statement: I can subtract., unit: one, prerequisites: [A.1] }
- { id: B.1, statement: Multiply, student_statement: I can multiply., unit: two, prerequisites: [A.2] }
- { id: B.2, statement: Divide, student_statement: I can divide., unit: two, prerequisites: [] }
`;

function quiz(id: string, date: string, stds: string[], rows: string): Record<string, string> {
  const items = stds.map((s, i) => `  - { id: q${i + 1}, standards: [${s}], points: 4 }`).join('\n');
  return {
    [`assessments/${id}.yaml`]: `id: ${id}\ntitle: "Quiz ${id.slice(11)}"\ndate: ${date}\nkind: quiz\nitems:\n${items}\n`,
    [`assessments/${id}.csv`]: `student_id,${stds.map((_, i) => `q${i + 1}`).join(',')}\n${rows}`,
  };
}

const CLASS = {
  'pathbook.yaml': 'class: "Test class"\n',
  'roster.csv': 'id,given_name,family_name,section,email,status\nS1,Ana,Ruiz,P1,,active\nS2,Ben,Okoro,P1,,active\nS3,Cy,Lee,P2,,withdrawn\n',
  'standards.yaml': STANDARDS,
  ...quiz('2026-10-01-first', '2026-10-01', ['A.1', 'A.2'], 'S1,2,1\nS2,4,4\nS3,1,1\n'),
  ...quiz('2026-10-08-second', '2026-10-08', ['A.1', 'A.2', 'B.1'], 'S1,4,2,1\nS2,4,4,4\nS3,2,2,2\n'),
  'observations.csv': 'student_id,standard,date,score,source,note\nS1,B.1,2026-10-08,2,conference,Used an array with help\nS2,B.1,2026-10-09,4,rubric,Ben explained it to the class\n',
  'students/S1.yaml': `interests: [soccer]
strengths: [persistent]
accommodations: [extended-time]
goals:
  - { id: g1, text: Master subtraction, author: student, set: 2026-10-01, target: 2026-12-01, status: active, standards: [A.2] }
  - { id: g2, text: Add fast, author: teacher, set: 2026-10-01, status: met, standards: [A.1, B.2] }
reflections:
  - { date: 2026-10-02, text: one }
  - { date: 2026-10-03, text: two }
  - { date: 2026-10-04, text: three }
  - { date: 2026-10-05, text: four }
`,
  'students/S2.yaml': 'interests: [chess]\naccommodations: [captions]\n',
};

describe('buildPlp', () => {
  const book = bookFrom(CLASS);
  const table = masteryTable(book, {}, true);
  const plp = buildPlp(book, table, 'S1', { today: '2026-10-10' });

  it('shows each goal with the level of its linked standards and how many are mastered', () => {
    const [g1, g2] = plp.goals;
    // A.2 for S1: 1/4·4 = 1, then 2/4·4 = 2 → decaying average 0.35·1 + 0.65·2 = 1.65, Beginning.
    expect(g1!.standards).toEqual([{ id: 'A.2', label: 'Beginning', level: 1, score: 1.65, mastered: false }]);
    expect(g1!.mastered).toBe(0);
    // A.1: 2 then 4 → 3.30 Mastered; B.2 has no evidence.
    expect(g2!.standards.map((s) => [s.id, s.label, s.mastered])).toEqual([['A.1', 'Mastered', true], ['B.2', 'Not yet assessed', false]]);
    expect(g2!.mastered).toBe(1);
    expect(g2!.status).toBe('met');
  });

  it('groups mastery by unit in curriculum order, with the evidence scores as the trend', () => {
    expect(plp.units.map((u) => [u.unit, u.standards.map((s) => s.id), u.mastered])).toEqual([['one', ['A.1', 'A.2'], 1], ['two', ['B.1', 'B.2'], 0]]);
    const a1 = plp.units[0]!.standards[0]!;
    expect(a1.trend).toEqual([2, 4]);
    expect(a1.direction).toBe('up');
    const b1 = plp.units[1]!.standards[0]!;
    // The quiz (1 of 4 → 1.00) comes before the conference on the same day.
    expect(b1.trend).toEqual([1, 2]);
    expect(plp.summary).toEqual({ mastered: 1, assessed: 3, of: 4 });
  });

  it('offers next the standards whose prerequisites are all mastered', () => {
    // A.1 mastered; A.2 needs A.1 (mastered) → ready; B.1 needs A.2 (not) → not ready; B.2 has none → ready.
    expect(plp.next.ready.map((s) => s.id)).toEqual(['A.2', 'B.2']);
    expect(plp.next.ready[0]).toMatchObject({ label: 'Beginning', score: 1.65 });
    // Ben has mastered A.1, A.2 and B.1: only B.2 is left, and its prerequisites are none.
    expect(buildPlp(book, table, 'S2', { today: '2026-10-10' }).next.ready.map((s) => s.id)).toEqual(['B.2']);
  });

  it('lists recent evidence newest first, one assessment\'s standards together', () => {
    expect(plp.recent.map((e) => `${e.date} ${e.title} ${e.standard} ${e.score}`)).toEqual([
      '2026-10-08 Quiz second A.1 4',
      '2026-10-08 Quiz second A.2 2',
      '2026-10-08 Quiz second B.1 1',
      '2026-10-08 conference B.1 2',
      '2026-10-01 Quiz first A.1 2',
    ]);
    expect(plp.recent[3]!.note).toBe('Used an array with help');
  });

  it('keeps the three latest reflections, oldest first, and the profile as written', () => {
    expect(plp.reflections.map((r) => r.text)).toEqual(['two', 'three', 'four']);
    expect(plp.accommodations).toEqual(['extended-time']);
    expect(plp.interests).toEqual(['soccer']);
    expect(plp.asOf).toBe('2026-10-10');
  });

  it('says nothing about any other student', () => {
    const text = JSON.stringify(plp);
    for (const other of ['S2', 'Ben', 'Okoro', 'chess', 'captions', 'explained it to the class', 'S3', 'Cy']) {
      expect(text).not.toContain(other);
    }
  });

  it('gives a student without a profile empty sections, and a withdrawn student their history', () => {
    const cy = buildPlp(book, table, 'S3', { today: '2026-10-10' });
    expect(cy.goals).toEqual([]);
    expect(cy.interests).toEqual([]);
    expect(cy.student.status).toBe('withdrawn');
    expect(cy.units[0]!.standards[0]!.trend).toEqual([1, 2]);
  });

  it('carries the playlist it is given', () => {
    const playlist = { student: 'S1', unit: 'one', standards: ['A.2'], complete: { n: 2, of: 3 }, tracks: [], notes: [] };
    expect(buildPlp(book, table, 'S1', { today: '2026-10-10', playlist }).next.playlist).toEqual(playlist);
  });
});

describe('round2', () => {
  it('rounds exactly as roundHalfAway does, halves and binary noise included', async () => {
    const { roundHalfAway } = await import('../../src/domain/numbers.ts');
    const { round2 } = await import('../../src/domain/plp.ts');
    const fc = (await import('fast-check')).default;
    for (const x of [2.675, 1.005, 0.125, 0.5, 2.345, 3.995, 107 / 160 * 4, 1 / 3 * 4, 0, 4, 1e-9]) expect(round2(x)).toBe(roundHalfAway(x, 2));
    fc.assert(fc.property(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 1, max: 64 }), (e, p) => round2((Math.min(e, p) / p) * 4) === roundHalfAway((Math.min(e, p) / p) * 4, 2)));
    fc.assert(fc.property(fc.double({ min: 0, max: 4, noNaN: true }), (x) => round2(x) === roundHalfAway(x, 2)));
  });
});
