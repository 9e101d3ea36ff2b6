// mastery.csv: the derived snapshot, rewritten after every change to evidence (its git history is
// the mastery history). Columns and order are fixed by DESIGN.md § Mastery.
import { classMastery, cellSummary, type CellSummary, type ClassMastery } from '../domain/mastery/class-table.ts';
import { compareText, formatScore } from '../domain/numbers.ts';
import type { MasteryCell, MasteryOptions } from '../domain/mastery/table.ts';
import { levelFor, masteryPoints, NOT_ASSESSED, NOT_YET } from '../domain/scale.ts';
import type { Book, Scale } from '../domain/types.ts';
import type { FileChange } from './atomic.ts';
import { csvCells, csvText } from './csv.ts';
import { MASTERY_FILE } from './files.ts';

export { MASTERY_FILE };

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

export function masteryRow(c: MasteryCell | (CellSummary & { studentId: string; standard: string })): MasteryRow {
  return {
    student_id: c.studentId, standard: c.standard, score: c.score, level: c.level ? c.level.level : null,
    label: c.label, mastered: c.mastered, evidence_count: c.evidenceCount, last_date: c.lastDate, method: c.method,
  };
}

/** Standard indexes of a class table in standard id order, the order of mastery.csv's rows within a student. */
function byStandardId(cm: ClassMastery): number[] {
  return cm.standards.map((_, j) => j).sort((a, b) => compareText(cm.standards[a]!.id, cm.standards[b]!.id));
}

/** Rows sorted by student id then standard id, for mastery.csv and `mastery --json` (only some students and standards if given). */
export function classRows(cm: ClassMastery, scale: Scale, students?: ReadonlySet<string>, standards?: ReadonlySet<string>): MasteryRow[] {
  const order = byStandardId(cm).filter((j) => !standards || standards.has(cm.standards[j]!.id));
  const rows: MasteryRow[] = [];
  cm.students.forEach((s, i) => {
    if (students && !students.has(s.id)) return;
    for (const j of order) rows.push(masteryRow({ ...cellSummary(cm, scale, i, j), studentId: s.id, standard: cm.standards[j]!.id }));
  });
  return rows;
}

/** Rows sorted by student id then standard id, for mastery.csv and `mastery --json`. */
export function masteryRows(book: Book, opts: MasteryOptions = {}): MasteryRow[] {
  return classRows(classMastery(book, opts), book.settings.scale);
}

export function masteryCsvText(rows: readonly MasteryRow[], escapeFormulas = false): string {
  return csvText(MASTERY_COLUMNS, rows.map((r) => [
    r.student_id, r.standard, formatScore(r.score), r.level === null ? '' : String(r.level), r.label,
    r.mastered ? 'true' : 'false', String(r.evidence_count), r.last_date ?? '', r.method,
  ]), { escapeFormulas });
}

/**
 * mastery.csv for a class table, written straight from its arrays: the same bytes as
 * masteryCsvText(classRows(...)) without a row object per cell (2,000,000 of them in a district).
 */
export function masteryCsvFrom(cm: ClassMastery, scale: Scale): Buffer {
  const order = byStandardId(cm);
  const width = cm.standards.length;
  const ids = csvCells(cm.standards.map((s) => s.id));
  const methods = csvCells(cm.methods);
  const dates = csvCells(cm.dates);
  const students = csvCells(cm.students.map((s) => s.id));
  const labels = new Map<string, string>();
  const label = (text: string) => labels.get(text) ?? (labels.set(text, csvCells([text])[0]!), labels.get(text)!);
  const mp = masteryPoints(scale);
  // score, level, label and mastered follow from the score: written once per distinct score.
  const graded = new Map<number, string>();
  const grade = (x: number) => {
    let t = graded.get(x);
    if (t === undefined) {
      const level = levelFor(x, scale);
      graded.set(x, (t = `${formatScore(x)},${level.level},${label(level.label)},${x >= mp}`));
    }
    return t;
  };
  const notYet = `,,${label(NOT_YET)},false`;
  const notAssessed = `,,${label(NOT_ASSESSED)},false`;
  // Bytes a student at a time: one string of a district's 129 MB would be built, copied and encoded.
  const chunks: Buffer[] = [Buffer.from(MASTERY_COLUMNS.join(',') + '\n')];
  cm.students.forEach((_, i) => {
    const sid = students[i]!;
    let out = '';
    for (const j of order) {
      const k = i * width + j;
      const x = cm.score[k]!;
      const count = cm.evidenceCount[k]!;
      const d = cm.lastDate[k]!;
      out += `${sid},${ids[j]},${Number.isNaN(x) ? (count ? notYet : notAssessed) : grade(x)},${count},${d < 0 ? '' : dates[d]},${methods[cm.method[k]!]}\n`;
    }
    chunks.push(Buffer.from(out));
  });
  return Buffer.concat(chunks);
}

/** The change that brings mastery.csv up to date with the book (which already holds the new evidence). */
export function masteryChange(book: Book): FileChange {
  return masteryChangeFromClass(classMastery(book), book.settings.scale);
}

export function masteryChangeFromClass(cm: ClassMastery, scale: Scale): FileChange {
  return { path: MASTERY_FILE, content: masteryCsvFrom(cm, scale) };
}
