// The class's mastery in a compact form: for every active student × standard, only what mastery.csv
// and the heatmap show, in typed arrays. Each student's cells are computed by studentCells (the very
// code `explain` and every report use) and let go at once, so 10,000 students × 200 standards take
// tens of megabytes instead of a cell object with its evidence for each of 2,000,000 cells. The store
// keeps it in the cache under .pathbook/ (src/store/mastery-cache.ts).
import { compareText } from '../numbers.ts';
import { levelFor, masteryPoints, NOT_ASSESSED, NOT_YET } from '../scale.ts';
import type { Book, Level, Scale, Standard, Student } from '../types.ts';
import { evidenceIndex, studentEvidence } from './evidence.ts';
import { methodSpecs, scoreCell, studentCells, type CellMethod, type MasteryCell, type MasteryOptions } from './table.ts';

export const THIN = 1;
export const OVERRIDE = 2;

export interface ClassMastery {
  /** Active students by id, as masteryTable orders them. */
  students: Student[];
  /** In the book's (curriculum) order. */
  standards: Standard[];
  /** Cell (i, j) of student i and standard j is at i × standards.length + j. Rounded score; NaN for none. */
  score: Float64Array;
  evidenceCount: Uint32Array;
  /** Index into `dates`; -1 for none. */
  lastDate: Int32Array;
  dates: string[];
  /** Index into `methods`. */
  method: Uint8Array;
  methods: CellMethod[];
  /** THIN | OVERRIDE */
  flags: Uint8Array;
}

/** What a report reads of one cell: everything mastery.csv holds, and the heatmap's flags. */
export interface CellSummary {
  score: number | null;
  level: Level | null;
  label: string;
  mastered: boolean;
  evidenceCount: number;
  lastDate: string | null;
  method: CellMethod;
  thin: boolean;
  override: boolean;
}

function interner<T>(list: T[]): (x: T) => number {
  const at = new Map<T, number>(list.map((x, i) => [x, i]));
  return (x) => {
    let i = at.get(x);
    if (i === undefined) {
      i = list.length;
      list.push(x);
      at.set(x, i);
    }
    return i;
  };
}

/** The class's mastery: every active student on every standard (as masteryTable, without the working). */
export function classMastery(book: Book, opts: MasteryOptions = {}): ClassMastery {
  const students = activeStudents(book);
  const n = students.length * book.standards.length;
  const out: ClassMastery = {
    students, standards: book.standards,
    score: new Float64Array(n), evidenceCount: new Uint32Array(n), lastDate: new Int32Array(n), dates: [],
    method: new Uint8Array(n), methods: [], flags: new Uint8Array(n),
  };
  fillRows(out, book, opts, students.map((_, i) => i));
  return out;
}

const activeStudents = (book: Book) => book.students.filter((s) => s.status === 'active').sort((a, b) => compareText(a.id, b.id));

/** Computes the rows of these students (indexes into out.students) into the arrays. */
function fillRows(out: ClassMastery, book: Book, opts: MasteryOptions, rows: readonly number[]): void {
  const date = interner(out.dates);
  const method = interner(out.methods);
  const ix = evidenceIndex(book, { asOf: opts.asOf, detail: false, students: new Set(rows.map((i) => out.students[i]!.id)) });
  const specs = methodSpecs(book, opts);
  const plain = { ...opts, trace: false };
  const width = out.standards.length;
  const put = (k: number, c: MasteryCell) => {
    out.score[k] = c.score ?? NaN;
    out.evidenceCount[k] = c.evidenceCount;
    out.lastDate[k] = c.lastDate === null ? -1 : date(c.lastDate);
    out.method[k] = method(c.method);
    out.flags[k] = (c.thin ? THIN : 0) | (c.override ? OVERRIDE : 0);
  };
  // Without parent standards a cell needs no other cell: one with no evidence is written as
  // scoreCell would make it (no score, count 0, the standard's method), the others by scoreCell.
  const flat = !book.standards.some((s) => s.children.length);
  const unassessed = out.standards.map((std) => method(specs.get(std.id)!.method));
  for (const i of rows) {
    const id = out.students[i]!.id;
    const se = studentEvidence(ix, id);
    const base = i * width;
    if (!flat) {
      const row = studentCells(book, id, se, plain, specs);
      out.standards.forEach((std, j) => put(base + j, row.get(std.id)!));
      continue;
    }
    out.standards.forEach((std, j) => {
      const evidence = se?.byStandard.get(std.id);
      if (evidence?.length) put(base + j, scoreCell(book, id, std, evidence, se!.dropped.get(std.id) ?? [], specs.get(std.id)!, false));
      else {
        out.score[base + j] = NaN;
        out.evidenceCount[base + j] = 0;
        out.lastDate[base + j] = -1;
        out.method[base + j] = unassessed[j]!;
        out.flags[base + j] = 0;
      }
    });
  }
}

/**
 * The class table of `after`, from that of `before` (all of today's evidence, the folder's methods)
 * when `after` differs from it only by assessments added or removed. A cell depends on its own
 * evidence alone, so only the cells of the students with rows in those assessments, on the standards
 * they assess (and the parents rolling up from those), are computed again, from the assessments and
 * observations on those standards. Any other change (settings, standards, observations, students)
 * computes the whole table.
 */
export function updateClassMastery(prev: ClassMastery, before: Book, after: Book): ClassMastery {
  const students = activeStudents(after);
  const same = before.settings === after.settings && before.standards === after.standards && before.observations === after.observations
    && prev.standards.length === after.standards.length && prev.standards.every((s, j) => s === after.standards[j])
    && prev.students.length === students.length && prev.students.every((s, i) => s.id === students[i]!.id);
  if (!same) return classMastery(after);
  const kept = new Set(after.assessments);
  const was = new Set(before.assessments);
  const changed = [...before.assessments.filter((a) => !kept.has(a)), ...after.assessments.filter((a) => !was.has(a))];
  const who = new Set(changed.flatMap((a) => a.scores.map((r) => r.studentId)));
  const touched = withRollups(after.standards, new Set(changed.flatMap((a) => a.items.flatMap((it) => it.standards))));
  const focused: Book = {
    ...after,
    standards: after.standards.filter((s) => touched.has(s.id)),
    assessments: after.assessments.filter((a) => a.items.some((it) => it.standards.some((s) => touched.has(s)))),
    observations: after.observations.filter((o) => touched.has(o.standard)),
  };
  const part = classMastery({ ...focused, students: students.filter((s) => who.has(s.id)) });
  const out: ClassMastery = {
    students, standards: after.standards,
    score: prev.score.slice(), evidenceCount: prev.evidenceCount.slice(), lastDate: prev.lastDate.slice(), dates: [...prev.dates],
    method: prev.method.slice(), methods: [...prev.methods], flags: prev.flags.slice(),
  };
  const date = interner(out.dates);
  const method = interner(out.methods);
  const width = after.standards.length;
  const col = new Map(after.standards.map((s, j) => [s.id, j]));
  const row = new Map(students.map((s, i) => [s.id, i]));
  part.students.forEach((s, pi) => part.standards.forEach((std, pj) => {
    const from = pi * part.standards.length + pj;
    const to = row.get(s.id)! * width + col.get(std.id)!;
    out.score[to] = part.score[from]!;
    out.evidenceCount[to] = part.evidenceCount[from]!;
    out.lastDate[to] = part.lastDate[from]! < 0 ? -1 : date(part.dates[part.lastDate[from]!]!);
    out.method[to] = method(part.methods[part.method[from]!]!);
    out.flags[to] = part.flags[from]!;
  }));
  return out;
}

/** These standards, with every parent rolling up from one of them and all of that parent's children. */
function withRollups(standards: readonly Standard[], ids: Set<string>): Set<string> {
  const out = new Set(ids);
  for (let grew = true; grew;) {
    grew = false;
    for (const s of standards) {
      if (!s.children.length) continue;
      const involved = out.has(s.id) || s.children.some((c) => out.has(c));
      if (!involved) continue;
      for (const id of [s.id, ...s.children]) {
        if (!out.has(id)) {
          out.add(id);
          grew = true;
        }
      }
    }
  }
  return out;
}

/**
 * Cell (i, j) as reports read it. Level, label and `mastered` follow from the rounded score exactly as
 * scoreCell and rollupCell set them (test/domain/class-table.test.ts compares every field).
 */
export function cellSummary(cm: ClassMastery, scale: Scale, i: number, j: number): CellSummary {
  const k = i * cm.standards.length + j;
  const raw = cm.score[k]!;
  const score = Number.isNaN(raw) ? null : raw;
  const level = score === null ? null : levelFor(score, scale);
  const count = cm.evidenceCount[k]!;
  const d = cm.lastDate[k]!;
  return {
    score, level, label: level ? level.label : count ? NOT_YET : NOT_ASSESSED,
    mastered: score !== null && score >= masteryPoints(scale),
    evidenceCount: count, lastDate: d < 0 ? null : cm.dates[d]!, method: cm.methods[cm.method[k]!]!,
    thin: (cm.flags[k]! & THIN) !== 0, override: (cm.flags[k]! & OVERRIDE) !== 0,
  };
}

/** A reader of the cells of the class table by student and standard (undefined for one not in it). */
export function cellReader(cm: ClassMastery, scale: Scale): (student: { id: string }, standard: { id: string }) => CellSummary | undefined {
  const row = new Map(cm.students.map((s, i) => [s.id, i]));
  const col = new Map(cm.standards.map((s, j) => [s.id, j]));
  return (student, standard) => {
    const i = row.get(student.id);
    const j = col.get(standard.id);
    return i === undefined || j === undefined ? undefined : cellSummary(cm, scale, i, j);
  };
}

/** For tests and callers holding full cells: the summary of a cell of masteryTable. */
export function summaryOf(c: MasteryCell): CellSummary {
  return {
    score: c.score, level: c.level, label: c.label, mastered: c.mastered, evidenceCount: c.evidenceCount,
    lastDate: c.lastDate, method: c.method, thin: c.thin, override: c.override,
  };
}
