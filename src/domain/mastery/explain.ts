// `pathbook explain`: one student's figure on one standard, with everything needed to check it by
// hand (DESIGN.md: "Every mastery figure is explainable"), and what every other method would give.
import { masteryPoints } from '../scale.ts';
import { METHODS, type Book, type MethodName, type Standard, type Student } from '../types.ts';
import { collectEvidence } from './evidence.ts';
import { scoreCell, studentCells, type MasteryCell, type MasteryOptions } from './table.ts';

export interface MethodOutcome {
  method: MethodName;
  cell: MasteryCell;
  /** While an override holds: what the method gives on the rest of the evidence. */
  withoutOverride?: MasteryCell;
}

export interface Explanation {
  student: Student;
  standard: Standard;
  /** Exactly the cell `pathbook mastery` shows under the same options. */
  cell: MasteryCell;
  masteryPoints: number;
  max: number;
  minEvidence: number;
  /** Every method on the same evidence, with the same parameters (overrides hold for all of them). */
  others: MethodOutcome[];
}

export function explainMastery(book: Book, student: Student, standard: Standard, options: MasteryOptions = {}): Explanation {
  const opts = { ...options, trace: true };
  const se = collectEvidence(book, { asOf: opts.asOf, detail: true, students: new Set([student.id]) }).get(student.id);
  const cell = studentCells(book, student.id, se, opts).get(standard.id)!;
  const others = METHODS.map((method): MethodOutcome => {
    const o = studentCells(book, student.id, se, { ...opts, method: { ...opts.method, method } }).get(standard.id)!;
    if (!o.override) return { method, cell: o };
    const rest = o.evidence.filter((e) => e.kind !== 'override');
    return { method, cell: o, withoutOverride: scoreCell(book, student.id, standard, rest, o.dropped, o.spec) };
  });
  return {
    student, standard, cell, others,
    masteryPoints: masteryPoints(book.settings.scale), max: book.settings.scale.max, minEvidence: book.settings.mastery.minEvidence,
  };
}
