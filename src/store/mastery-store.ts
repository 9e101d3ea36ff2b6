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

const HEADER = MASTERY_COLUMNS.join(',') + '\n';

/**
 * A student's lines of mastery.csv (row i of the class table), as bytes; and each student's id as a
 * CSV cell. With `only`, for those rows alone (a patch writes 30 students of 150).
 */
function studentLines(cm: ClassMastery, scale: Scale, only?: ReadonlySet<number>): { lines: (i: number) => Buffer; idCells: (string | undefined)[] } {
  const order = byStandardId(cm);
  const width = cm.standards.length;
  const rows = only ? [...only] : cm.students.map((_, i) => i);
  // The dates those rows show (all of them for the whole file).
  let dateTexts = cm.dates;
  if (only) {
    const shown = new Set<number>();
    for (const i of rows) for (let k = i * width; k < (i + 1) * width; k++) shown.add(cm.lastDate[k]!);
    dateTexts = cm.dates.filter((_, d) => shown.has(d));
  }
  // Every text cell quoted in one call: each call to csv-stringify costs a start-up of its own.
  const texts = [...cm.standards.map((s) => s.id), ...cm.methods, ...dateTexts, ...rows.map((i) => cm.students[i]!.id), NOT_YET, NOT_ASSESSED, ...scale.levels.map((l) => l.label)];
  const quoted = csvCells(texts);
  const cell = new Map(texts.map((t, k) => [t, quoted[k]!]));
  const ids = cm.standards.map((s) => cell.get(s.id)!);
  const methods = cm.methods.map((m) => cell.get(m)!);
  const dates = cm.dates.map((d) => cell.get(d));
  const students = cm.students.map((s, i) => (!only || only.has(i) ? cell.get(s.id) : undefined));
  const label = (text: string) => cell.get(text) ?? csvCells([text])[0]!;
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
  const lines = (i: number) => {
    const sid = students[i]!;
    let out = '';
    for (let o = 0; o < order.length; o++) {
      const j = order[o]!;
      const k = i * width + j;
      const x = cm.score[k]!;
      const count = cm.evidenceCount[k]!;
      const d = cm.lastDate[k]!;
      out += `${sid},${ids[j]},${Number.isNaN(x) ? (count ? notYet : notAssessed) : grade(x)},${count},${d < 0 ? '' : dates[d]},${methods[cm.method[k]!]}\n`;
    }
    return Buffer.from(out);
  };
  return { lines, idCells: students };
}

/**
 * mastery.csv for a class table, written straight from its arrays: the same bytes as
 * masteryCsvText(classRows(...)) without a row object per cell (2,000,000 of them in a district).
 */
export function masteryCsvFrom(cm: ClassMastery, scale: Scale): Buffer {
  const { lines } = studentLines(cm, scale);
  // Bytes a student at a time: one string of a district's 129 MB would be built, copied and encoded.
  const chunks: Buffer[] = [Buffer.from(HEADER)];
  cm.students.forEach((_, i) => chunks.push(lines(i)));
  return Buffer.concat(chunks);
}

/** Row i of a typed array of a class table, as bytes (compared natively: a year has 6,000 cells). */
const rowBytes = (a: ArrayBufferView & { length: number }, i: number, width: number) => {
  const size = a.byteLength / Math.max(1, a.length);
  return new Uint8Array(a.buffer, a.byteOffset + i * width * size, width * size);
};

/** Whether one list extends the other. */
const extendsOther = <T>(x: readonly T[], y: readonly T[]): boolean => (x.length <= y.length ? x.every((v, k) => v === y[k]) : extendsOther(y, x));

/**
 * Whether student i has the same cells in both tables (of the same students and standards). Dates
 * and methods are indexes into lists: with `aligned` (one table's lists extend the other's, as an
 * update's do), equal indexes mean equal values.
 */
function sameStudent(a: ClassMastery, b: ClassMastery, i: number, aligned: boolean): boolean {
  const width = a.standards.length;
  const same = (x: ArrayBufferView & { length: number }, y: ArrayBufferView & { length: number }) => Buffer.compare(rowBytes(x, i, width), rowBytes(y, i, width)) === 0;
  if (!same(a.score, b.score) || !same(a.evidenceCount, b.evidenceCount) || !same(a.flags, b.flags)) return false;
  if (aligned && same(a.lastDate, b.lastDate) && same(a.method, b.method)) return true;
  for (let k = i * width; k < (i + 1) * width; k++) {
    if (a.methods[a.method[k]!] !== b.methods[b.method[k]!]) return false;
    const da = a.lastDate[k]!, db = b.lastDate[k]!;
    if ((da < 0 ? null : a.dates[da]) !== (db < 0 ? null : b.dates[db])) return false;
  }
  return true;
}

/**
 * mastery.csv for `after` given `old`, the file as masteryCsvFrom wrote it for `before` (the caller
 * knows it is): the lines of a student whose cells did not change are kept from `old`, the others
 * written anew. After one exit ticket that is 30 students of a year's 150. Undefined when the two
 * tables do not have the same students and standards, or `old` is not laid out as expected.
 */
export function masteryCsvPatched(before: ClassMastery, after: ClassMastery, scale: Scale, old: Buffer): Buffer | undefined {
  const same = before.students.length === after.students.length && before.standards.length === after.standards.length
    && before.students.every((s, i) => s.id === after.students[i]!.id) && before.standards.every((s, j) => s.id === after.standards[j]!.id);
  if (!same || old.toString('utf8', 0, HEADER.length) !== HEADER) return undefined;
  const n = after.students.length;
  const aligned = extendsOther(before.dates, after.dates) && extendsOther(before.methods, after.methods);
  const changed = after.students.flatMap((_, i) => (sameStudent(before, after, i, aligned) ? [] : [i]));
  if (!changed.length) return old;
  if (!after.standards.length) return undefined;
  // A student's lines are those from the first starting with their id to the first starting with the next student's.
  const { lines, idCells } = studentLines(after, scale, new Set(changed.flatMap((i) => (i + 1 < n ? [i, i + 1] : [i]))));
  const lineOf = (i: number, from: number) => (i === n ? old.length : old.indexOf(`\n${idCells[i]},`, from - 1) + 1);
  const chunks: Buffer[] = [];
  let kept = 0; // old[kept, …) is still to be copied
  for (const i of changed) {
    const start = lineOf(i, Math.max(kept, HEADER.length));
    const end = start > 0 ? lineOf(i + 1, start + 1) : 0;
    if (start <= 0 || end <= start) return undefined;
    chunks.push(old.subarray(kept, start), lines(i));
    kept = end;
  }
  chunks.push(old.subarray(kept));
  return Buffer.concat(chunks);
}

/** The change that brings mastery.csv up to date with the book (which already holds the new evidence). */
export function masteryChange(book: Book): FileChange {
  return { path: MASTERY_FILE, content: masteryCsvFrom(classMastery(book), book.settings.scale) };
}
