// Mastery per student per standard: evidence → method → rounded score → level (DESIGN.md § Mastery).
//
// Decisions DESIGN.md leaves open, fixed here (and tested in test/domain/mastery-*.test.ts):
// - The level and `mastered` come from the score rounded to 2 decimals, the figure every report shows,
//   so a printed 3.00 is never "Approaching".
// - An `override` observation is not an input of the method; while it is the newest piece of evidence
//   its score is the cell's score ("sets the level until newer evidence arrives"). It still counts as a
//   piece of evidence (evidence_count, last_date, the thin flag): it is a row of observations.csv.
// - Rows cover active students only (withdrawn students' history stays in the files).
// - n-mastery gives no score ("Not yet") until n scores reach mastery.
// - `--method`/`--w`/`--n` replace the method and its parameters for every standard; a parameter not
//   given on the command line comes from the standard's own `w`/`n`, then from pathbook.yaml.
import { compareText, roundHalfAway } from '../numbers.ts';
import { levelFor, masteryPoints, NOT_ASSESSED, NOT_YET } from '../scale.ts';
import type { Book, Level, MethodName, MethodSpec, RollupRule, Standard, Student } from '../types.ts';
import { collectEvidence, type DroppedEvidence, type Evidence, type StudentEvidence } from './evidence.ts';
import { applyMethod, type MethodContext } from './methods.ts';

/** What a row's `method` column says: the calculation method, or how a parent standard rolls up. */
export type CellMethod = MethodName | `rollup:${RollupRule}`;

export interface MasteryCell {
  studentId: string;
  standard: string;
  /** Rounded to 2 decimals; null when there is no score (no evidence, or "not yet"). */
  score: number | null;
  level: Level | null;
  label: string;
  mastered: boolean;
  evidenceCount: number;
  lastDate: string | null;
  method: CellMethod;
  /** The method and parameters used (for a parent standard: those it would use, unused). */
  spec: MethodSpec;
  /** Fewer pieces of evidence than minEvidence (but some). */
  thin: boolean;
  /** The score was set by a teacher override still in force. */
  override: boolean;
  evidence: Evidence[];
  dropped: DroppedEvidence[];
  /** The unrounded result of the method (null when none), for `explain`. */
  raw: number | null;
  steps: string[];
  fallback?: MethodName;
  /** n-mastery: scores at mastery so far and how many are needed. */
  progress?: { have: number; need: number };
  /** For a parent standard: its rule and its children's cells. */
  rollup?: { rule: RollupRule; children: MasteryCell[] };
}

export interface MethodOverride {
  method?: MethodName;
  w?: number;
  n?: number;
}

export interface MasteryOptions {
  /** See the class under another method or parameters without changing the folder (`--method`, `--w`, `--n`). */
  method?: MethodOverride;
  /** Only evidence dated on or before this day (`--as-of`). */
  asOf?: string;
  /** Keep each method's working in `steps` (explain does; class tables skip it, it is most of their cost). */
  trace?: boolean;
}

export interface MasteryTable {
  students: Student[];
  standards: Standard[];
  /** cells.get(studentId)!.get(standardId) */
  cells: Map<string, Map<string, MasteryCell>>;
}

export function methodFor(book: Book, std: Standard, opts: MasteryOptions = {}): MethodSpec {
  const base = book.settings.mastery;
  const own = std.method;
  const o = opts.method ?? {};
  return {
    method: o.method ?? own?.method ?? base.method,
    w: o.w ?? own?.w ?? base.w,
    n: o.n ?? own?.n ?? base.n,
  };
}

/** The folder's method and parameters, with the command line's on top. */
export function folderMethod(book: Book, opts: MasteryOptions = {}): MethodSpec {
  const base = book.settings.mastery;
  const o = opts.method ?? {};
  return { method: o.method ?? base.method, w: o.w ?? base.w, n: o.n ?? base.n };
}

export function methodContext(book: Book): MethodContext {
  const scale = book.settings.scale;
  return { masteryPoints: masteryPoints(scale), min: 0, max: scale.max };
}

/** Score → level and mastered, from the rounded score. */
function grade(book: Book, raw: number): { score: number; level: Level; label: string; mastered: boolean } {
  const scale = book.settings.scale;
  const score = roundHalfAway(raw, 2);
  const level = levelFor(score, scale);
  return { score, level, label: level.label, mastered: score >= masteryPoints(scale) };
}

/** One cell from its ordered evidence: the method over the scores, unless an override is the newest. */
export function scoreCell(book: Book, studentId: string, std: Standard, evidence: Evidence[], dropped: DroppedEvidence[], spec: MethodSpec, trace = true): MasteryCell {
  const scale = book.settings.scale;
  const last = evidence[evidence.length - 1];
  let raw: number | null = null;
  let steps: string[];
  let fallback: MethodName | undefined;
  let progress: MasteryCell['progress'];
  let override = false;
  if (!last) {
    steps = ['no evidence'];
  } else if (last.kind === 'override') {
    override = true;
    raw = last.score;
    steps = [`teacher override on ${last.date}: ${roundHalfAway(raw, 2).toFixed(2)}, in force until newer evidence arrives (the method is not used)`];
  } else {
    const scores: number[] = [];
    for (const e of evidence) if (e.kind !== 'override') scores.push(e.score);
    const r = applyMethod(scores, spec, methodContext(book), trace);
    raw = r.score;
    steps = r.steps;
    fallback = r.fallback;
    progress = r.progress;
  }
  // The level and `mastered` come from the rounded score (see the decisions above).
  const score = raw === null ? null : roundHalfAway(raw, 2);
  const level = score === null ? null : levelFor(score, scale);
  const cell: MasteryCell = {
    studentId, standard: std.id, score, level,
    label: level ? level.label : last ? NOT_YET : NOT_ASSESSED,
    mastered: score !== null && score >= masteryPoints(scale),
    evidenceCount: evidence.length, lastDate: last ? last.date : null, method: spec.method, spec,
    thin: evidence.length > 0 && evidence.length < book.settings.mastery.minEvidence,
    override, evidence, dropped, raw, steps,
  };
  if (fallback) cell.fallback = fallback;
  if (progress) cell.progress = progress;
  return cell;
}

/** Mastery for every active student (or all, with includeWithdrawn) on every standard. */
export function masteryTable(book: Book, opts: MasteryOptions = {}, includeWithdrawn = false): MasteryTable {
  const students = book.students
    .filter((s) => includeWithdrawn || s.status === 'active')
    .sort((a, b) => compareText(a.id, b.id));
  const evidence = collectEvidence(book, { asOf: opts.asOf, detail: opts.trace ?? false, students: new Set(students.map((s) => s.id)) });
  const specs = new Map(book.standards.map((std) => [std.id, methodFor(book, std, opts)]));
  const cells = new Map<string, Map<string, MasteryCell>>();
  for (const s of students) cells.set(s.id, studentCells(book, s.id, evidence.get(s.id), opts, specs));
  return { students, standards: book.standards, cells };
}

/** One student's cells, leaf standards first, then the parents that roll up from them. */
export function studentCells(book: Book, studentId: string, se: StudentEvidence | undefined, opts: MasteryOptions = {}, specs?: Map<string, MethodSpec>): Map<string, MasteryCell> {
  const row = new Map<string, MasteryCell>();
  const spec = (std: Standard) => specs?.get(std.id) ?? methodFor(book, std, opts);
  for (const std of book.standards) {
    if (std.children.length) continue;
    row.set(std.id, scoreCell(book, studentId, std, se?.byStandard.get(std.id) ?? [], se?.dropped.get(std.id) ?? [], spec(std), opts.trace ?? false));
  }
  for (const std of book.standards) {
    if (std.children.length) row.set(std.id, rollupCell(book, studentId, std, row, spec(std)));
  }
  return row;
}

/**
 * A parent standard (`children:` in standards.yaml) from its children's cells, as Moodle and
 * PowerTeacher roll competencies up (reference/mastery.md §2.3, §3.2). Its score is always one the
 * level can be read from, so the printed figure and the level never disagree:
 * - `mean` (the default): the mean of the children that have a score; children without one are left
 *   out, as a blank item is. No child with a score → no score.
 * - `min`: the lowest child score, once every child has a score (until then: no score, "Not yet").
 * - `all-mastered` (Moodle's "all children proficient"): once every child has a score, the mean of the
 *   children when every one is mastered, otherwise the lowest child score (which is below mastery),
 *   so the parent is mastered exactly when all its children are.
 * Evidence count and last date add up the children's; the parent is thin when any child is thin.
 */
export function rollupCell(book: Book, studentId: string, std: Standard, row: Map<string, MasteryCell>, spec: MethodSpec): MasteryCell {
  const kids = std.children.map((c) => row.get(c)).filter((c): c is MasteryCell => !!c);
  const rule = std.rollup ?? 'mean';
  const scored = kids.filter((c) => c.score !== null);
  const missing = kids.filter((c) => c.score === null);
  const evidence = kids.flatMap((c) => c.evidence).sort((a, b) => compareText(a.date, b.date));
  const lastDate = kids.reduce<string | null>((d, c) => (c.lastDate && (!d || c.lastDate > d) ? c.lastDate : d), null);
  const base = {
    studentId, standard: std.id, evidenceCount: kids.reduce((t, c) => t + c.evidenceCount, 0), lastDate,
    method: `rollup:${rule}` as const, spec, evidence, dropped: [], thin: kids.some((c) => c.thin), override: false,
    rollup: { rule, children: kids },
  };
  const show = (cs: MasteryCell[]) => cs.map((c) => `${c.standard} ${c.score!.toFixed(2)}`).join(', ');
  const none = (why: string): MasteryCell => ({
    ...base, score: null, level: null, raw: null, mastered: false,
    label: kids.some((c) => c.evidenceCount > 0) ? NOT_YET : NOT_ASSESSED, steps: [why],
  });
  const unscored = `${missing.map((c) => c.standard).join(', ')} ${missing.length === 1 ? 'has' : 'have'} no score yet`;
  const meanOf = (cs: MasteryCell[]) => cs.reduce((t, c) => t + c.score!, 0) / cs.length;
  const lowest = (cs: MasteryCell[]) => Math.min(...cs.map((c) => c.score!));

  let raw: number;
  const steps: string[] = [];
  if (rule === 'mean') {
    if (!scored.length) return none('no child standard has a score');
    raw = meanOf(scored);
    steps.push(`mean of the children with a score (${show(scored)}) = ${roundHalfAway(raw, 2).toFixed(2)}`);
    if (missing.length) steps.push(`left out: ${unscored}`);
  } else {
    if (missing.length) return none(`${rule}: waits for every child; ${unscored}`);
    if (rule === 'min') {
      raw = lowest(scored);
      steps.push(`lowest of the children (${show(scored)}) = ${raw.toFixed(2)}`);
    } else if (scored.every((c) => c.mastered)) {
      raw = meanOf(scored);
      steps.push(`every child is mastered; mean (${show(scored)}) = ${roundHalfAway(raw, 2).toFixed(2)}`);
    } else {
      raw = lowest(scored);
      const notYet = scored.filter((c) => !c.mastered).map((c) => c.standard).join(', ');
      steps.push(`not every child is mastered (${notYet} not yet); the lowest child score stands: ${raw.toFixed(2)}`);
    }
  }
  return { ...base, ...grade(book, raw), raw, steps };
}
