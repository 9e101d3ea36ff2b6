// The compact class table (src/domain/mastery/class-table.ts) says of every cell what masteryTable says:
// score, level, label, mastered, evidence count, last date, method, thin and override, under every
// method and --as-of, with retakes, overrides and parent standards; and mastery.csv written from it is
// byte for byte the rows masteryTable gives.
import { describe, expect, it } from 'vitest';
import { cellSummary, classMastery, summaryOf, updateClassMastery, type ClassMastery } from '../../src/domain/mastery/class-table.ts';
import { masteryTable, type MasteryOptions } from '../../src/domain/mastery/table.ts';
import { METHODS, type Assessment, type Book } from '../../src/domain/types.ts';
import { loadBook } from '../../src/store/book-store.ts';
import { masteryCsvFrom, masteryCsvPatched, masteryCsvText, masteryRow } from '../../src/store/mastery-store.ts';
import { compareText } from '../../src/domain/numbers.ts';
import { EXAMPLE } from '../helpers.ts';
import { bookFrom } from './book-fixture.ts';

function expectSame(book: Book, opts: MasteryOptions = {}): void {
  const cm = classMastery(book, opts);
  const table = masteryTable(book, opts);
  expect(cm.students.map((s) => s.id)).toEqual(table.students.map((s) => s.id));
  cm.students.forEach((s, i) => cm.standards.forEach((std, j) => {
    expect(cellSummary(cm, book.settings.scale, i, j), `${s.id} ${std.id}`).toEqual(summaryOf(table.cells.get(s.id)!.get(std.id)!));
  }));
}

const example = loadBook(EXAMPLE).book;

describe('classMastery', () => {
  it('agrees with masteryTable on every cell of the example class, for every method and as of a past date', () => {
    expectSame(example);
    for (const method of METHODS) expectSame(example, { method: { method } });
    expectSame(example, { asOf: '2026-10-25' });
    expectSame(example, { method: { w: 0.3 }, asOf: '2026-11-10' });
  });

  it('agrees on parent standards (each roll-up rule), thin evidence and overrides', () => {
    for (const rule of ['mean', 'min', 'all-mastered']) {
      const book = bookFrom({
        settings: 'mastery:\n  minEvidence: 2\n',
        roster: 'id,given_name,family_name,section,email,status\nS1,A,B,P1,,active\nS2,C,D,P1,,active\nS3,E,F,P1,,withdrawn\n',
        standards: `- { id: A, statement: a, unit: u }\n- { id: B, statement: b, unit: u }\n- { id: P, statement: p, unit: u, children: [A, B], rollup: ${rule} }\n`,
        assessments: {
          '2026-10-01-t': ['id: 2026-10-01-t\ntitle: t\ndate: 2026-10-01\nkind: quiz\nitems:\n  - { id: q1, standards: [A], points: 4 }\n  - { id: q2, standards: [B], points: 4 }\n', 'student_id,q1,q2\nS1,4,2\nS2,3,\nS3,1,1\n'],
        },
        observations: 'student_id,standard,date,score,source,note\nS1,A,2026-10-02,1,override,\nS2,B,2026-10-03,3.5,conference,\n',
      });
      expectSame(book);
    }
  });

  it('writes mastery.csv as the rows of masteryTable, byte for byte', () => {
    const table = masteryTable(example);
    const rows = [...table.cells.values()].flatMap((row) => [...row.values()].map(masteryRow))
      .sort((a, b) => compareText(a.student_id, b.student_id) || compareText(a.standard, b.standard));
    expect(masteryCsvFrom(classMastery(example), example.settings.scale).toString('utf8')).toBe(masteryCsvText(rows));
  });

  it('updated after an import (added, replaced or retaken assessments) equals the table computed afresh', () => {
    const before = example;
    const prev = classMastery(before);
    const same = (a: ClassMastery, b: ClassMastery) => {
      expect(a.students.map((s) => s.id)).toEqual(b.students.map((s) => s.id));
      a.students.forEach((_, i) => a.standards.forEach((_, j) => expect(cellSummary(a, before.settings.scale, i, j)).toEqual(cellSummary(b, before.settings.scale, i, j))));
    };
    const base = before.assessments.find((a) => a.id === '2026-11-19-fraction-division-quiz')!;
    // A new exit ticket for a few students on one standard of the quiz.
    const ticket: Assessment = {
      ...base, id: '2026-11-24-exit', title: 'Exit', date: '2026-11-24', kind: 'exit-ticket', retakeOf: null,
      items: [{ ...base.items[0]!, id: 'q1' }],
      scores: ['S001', 'S004', 'S009'].map((id, k) => ({ studentId: id, points: { q1: k % 2 ? 0 : base.items[0]!.points }, source: { file: 'assessments/2026-11-24-exit.csv', line: k + 2 } })),
    };
    const added: Book = { ...before, students: [...before.students], assessments: [...before.assessments, ticket] };
    expect([...classMastery(added).score]).not.toEqual([...prev.score]);
    same(updateClassMastery(prev, before, added), classMastery(added));
    // The quiz imported again with other scores (--replace), and a retake of it.
    const replaced: Book = { ...before, assessments: [...before.assessments.filter((a) => a !== base), { ...base, scores: base.scores.map((r) => ({ ...r, points: Object.fromEntries(Object.keys(r.points).map((k) => [k, 0])) })) }] };
    same(updateClassMastery(prev, before, replaced), classMastery(replaced));
    const retake: Book = { ...before, assessments: [...before.assessments, { ...ticket, id: '2026-11-25-retake', date: '2026-11-25', retakeOf: base.id }] };
    expect([...classMastery(retake).score]).not.toEqual([...classMastery(added).score]);
    same(updateClassMastery(prev, before, retake), classMastery(retake));
    // A parent standard rolling up from a child the new assessment assesses.
    const parents = bookFrom({
      roster: 'id,given_name,family_name,section,email,status\nS1,A,B,P1,,active\nS2,C,D,P1,,active\n',
      standards: '- { id: A, statement: a, unit: u }\n- { id: B, statement: b, unit: u }\n- { id: C, statement: c, unit: u }\n- { id: P, statement: p, unit: u, children: [A, B], rollup: min }\n',
      assessments: { '2026-10-01-t': ['id: 2026-10-01-t\ntitle: t\ndate: 2026-10-01\nkind: quiz\nitems:\n  - { id: q1, standards: [A], points: 4 }\n  - { id: q2, standards: [B, C], points: 4 }\n', 'student_id,q1,q2\nS1,4,2\nS2,3,4\n'] },
    });
    const t = parents.assessments[0]!;
    const later: Assessment = { ...t, id: '2026-10-05-u', date: '2026-10-05', items: [t.items[0]!], scores: [{ studentId: 'S2', points: { q1: 1 }, source: { file: 'x', line: 2 } }] };
    const withLater: Book = { ...parents, assessments: [...parents.assessments, later] };
    expect([...classMastery(withLater).score]).not.toEqual([...classMastery(parents).score]);
    same(updateClassMastery(classMastery(parents), parents, withLater), classMastery(withLater));
    // Anything else (here, another decaying weight) is computed afresh.
    const other: Book = { ...added, settings: { ...before.settings, mastery: { ...before.settings.mastery, w: 0.3 } } };
    same(updateClassMastery(prev, before, other), classMastery(other));
  });

  it('mastery.csv patched from the file written before an import is byte for byte the file written afresh', () => {
    const scale = example.settings.scale;
    const prev = classMastery(example);
    const old = masteryCsvFrom(prev, scale);
    const quiz = example.assessments.find((a) => a.id === '2026-11-19-fraction-division-quiz')!;
    // Tickets for no one, for the first and last students, for one in the middle, and for all.
    const ids = prev.students.map((s) => s.id);
    for (const who of [[], [ids[0]!, ids.at(-1)!], [ids[5]!], ids]) {
      const ticket: Assessment = {
        ...quiz, id: '2026-11-24-exit', date: '2026-11-24', retakeOf: null,
        scores: who.map((id, k) => ({ studentId: id, points: Object.fromEntries(quiz.items.map((it) => [it.id, k % 2 ? 0 : it.points])), source: { file: 'x', line: k + 2 } })),
      };
      const after = classMastery({ ...example, assessments: [...example.assessments, ticket] });
      expect(masteryCsvPatched(prev, after, scale, old)!.toString('utf8'), who.join(' ')).toBe(masteryCsvFrom(after, scale).toString('utf8'));
    }
    // The lines of a student whose cells did not change are the old file's own.
    const marked = Buffer.from(old.toString('utf8').replace(`\n${ids[0]},`, `\n${ids[0]}~,`));
    const one = classMastery({ ...example, assessments: [...example.assessments, { ...quiz, id: '2026-11-24-exit', date: '2026-11-24', retakeOf: null, scores: quiz.scores.filter((r) => r.studentId === ids[5]) }] });
    expect(masteryCsvPatched(prev, one, scale, marked)!.toString('utf8')).toContain(`\n${ids[0]}~,`);
    // Not for another class, nor from a file that is not what it should be.
    const fewer = classMastery({ ...example, students: example.students.filter((s) => s.id !== ids[0]) });
    expect(masteryCsvPatched(prev, fewer, scale, masteryCsvFrom(prev, scale))).toBeUndefined();
    const first = classMastery({ ...example, assessments: [...example.assessments, { ...quiz, id: '2026-11-24-exit', date: '2026-11-24', retakeOf: null, scores: quiz.scores.filter((r) => r.studentId === ids[0]) }] });
    expect(masteryCsvPatched(prev, first, scale, masteryCsvFrom(fewer, scale))).toBeUndefined();
    expect(masteryCsvPatched(prev, first, scale, Buffer.from('student,standard\n'))).toBeUndefined();
  });
});
