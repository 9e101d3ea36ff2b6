// The compact class table (src/domain/mastery/class-table.ts) says of every cell what masteryTable says:
// score, level, label, mastered, evidence count, last date, method, thin and override, under every
// method and --as-of, with retakes, overrides and parent standards; and mastery.csv written from it is
// byte for byte the rows masteryTable gives.
import { describe, expect, it } from 'vitest';
import { cellSummary, classMastery, summaryOf } from '../../src/domain/mastery/class-table.ts';
import { masteryTable, type MasteryOptions } from '../../src/domain/mastery/table.ts';
import { METHODS, type Book } from '../../src/domain/types.ts';
import { loadBook } from '../../src/store/book-store.ts';
import { masteryCsvFrom, masteryCsvText, masteryRow } from '../../src/store/mastery-store.ts';
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
    expect(masteryCsvFrom(classMastery(example), example.settings.scale)).toBe(masteryCsvText(rows));
  });
});
