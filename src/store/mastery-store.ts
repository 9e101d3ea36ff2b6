// mastery.csv: the derived snapshot, rewritten after every change to evidence (its git history is
// the mastery history). Columns and order are fixed by DESIGN.md § Mastery.
import { compareText, formatScore } from '../domain/numbers.ts';
import { masteryTable, type MasteryCell, type MasteryOptions, type MasteryTable } from '../domain/mastery/table.ts';
import type { Book } from '../domain/types.ts';
import type { FileChange } from './atomic.ts';
import { csvText } from './csv.ts';

export const MASTERY_FILE = 'mastery.csv';
export const MASTERY_COLUMNS = ['student_id', 'standard', 'score', 'level', 'label', 'mastered', 'evidence_count', 'last_date', 'method'] as const;

export interface MasteryRow {
  student_id: string;
  standard: string;
  score: number | null;
  level: number | null;
  label: string;
  mastered: boolean;
  evidence_count: number;
  last_date: string | null;
  method: string;
}

export function masteryRow(c: MasteryCell): MasteryRow {
  return {
    student_id: c.studentId, standard: c.standard, score: c.score, level: c.level ? c.level.level : null,
    label: c.label, mastered: c.mastered, evidence_count: c.evidenceCount, last_date: c.lastDate, method: c.method,
  };
}

/** Rows sorted by student id then standard id, for mastery.csv and `mastery --json`. */
export function masteryRows(book: Book, opts: MasteryOptions = {}): MasteryRow[] {
  const t = masteryTable(book, opts);
  const rows: MasteryRow[] = [];
  for (const s of t.students) for (const c of t.cells.get(s.id)!.values()) rows.push(masteryRow(c));
  return rows.sort((a, b) => compareText(a.student_id, b.student_id) || compareText(a.standard, b.standard));
}

export function masteryCsvText(rows: readonly MasteryRow[], escapeFormulas = false): string {
  return csvText(MASTERY_COLUMNS, rows.map((r) => [
    r.student_id, r.standard, formatScore(r.score), r.level === null ? '' : String(r.level), r.label,
    r.mastered ? 'true' : 'false', String(r.evidence_count), r.last_date ?? '', r.method,
  ]), { escapeFormulas });
}

/** The change that brings mastery.csv up to date with the book (which already holds the new evidence). */
export function masteryChange(book: Book): FileChange {
  return { path: MASTERY_FILE, content: masteryCsvText(masteryRows(book)) };
}

/**
 * The same change as masteryChange, from a table already computed (import needs the cells for its
 * summary too, and a class table is the costly part). test/domain/mastery-change.test.ts keeps the two equal.
 */
export function masteryChangeFrom(table: MasteryTable): FileChange {
  const rows: MasteryRow[] = [];
  for (const s of table.students) for (const c of table.cells.get(s.id)!.values()) rows.push(masteryRow(c));
  rows.sort((a, b) => compareText(a.student_id, b.student_id) || compareText(a.standard, b.standard));
  return { path: MASTERY_FILE, content: masteryCsvText(rows) };
}
