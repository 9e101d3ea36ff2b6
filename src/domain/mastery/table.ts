// Mastery per student per standard: evidence → method → rounded score → level (DESIGN.md § Mastery).
import { compareText, roundHalfAway } from '../numbers.ts';
import { levelFor, masteryPoints, NOT_ASSESSED, NOT_YET } from '../scale.ts';
import type { Book, Level, MethodName, MethodSpec, Standard, Student } from '../types.ts';
import { collectEvidence, type DroppedEvidence, type Evidence } from './evidence.ts';
import { applyMethod, type MethodContext } from './methods.ts';

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
  method: MethodName;
  /** Fewer pieces of evidence than minEvidence (but some). */
  thin: boolean;
  /** The level was set by a teacher override still in force. */
  override: boolean;
  evidence: Evidence[];
  dropped: DroppedEvidence[];
  steps: string[];
  fallback?: MethodName;
}

export interface MasteryOptions {
  /** See the class under another method without changing the folder (`--method`). */
  method?: Partial<MethodSpec> & { method: MethodName };
  asOf?: string;
}

export interface MasteryTable {
  students: Student[];
  standards: Standard[];
  /** cells.get(studentId)!.get(standardId) */
  cells: Map<string, Map<string, MasteryCell>>;
}

export function methodFor(book: Book, std: Standard, opts: MasteryOptions): MethodSpec {
  const base = book.settings.mastery;
  if (opts.method) return { method: opts.method.method, w: opts.method.w ?? base.w, n: opts.method.n ?? base.n };
  return std.method ?? { method: base.method, w: base.w, n: base.n };
}

export function methodContext(book: Book): MethodContext {
  const scale = book.settings.scale;
  return { masteryPoints: masteryPoints(scale), min: 0, max: scale.max };
}

/** One cell from its ordered evidence: the method over the scores, unless an override is the newest. */
export function scoreCell(book: Book, studentId: string, std: Standard, evidence: Evidence[], dropped: DroppedEvidence[], spec: MethodSpec): MasteryCell {
  const scale = book.settings.scale;
  const last = evidence[evidence.length - 1];
  const base = {
    studentId, standard: std.id, evidenceCount: evidence.length, lastDate: last ? last.date : null,
    method: spec.method, evidence, dropped,
    thin: evidence.length > 0 && evidence.length < book.settings.mastery.minEvidence,
  };
  if (!last) {
    return { ...base, score: null, level: null, label: NOT_ASSESSED, mastered: false, override: false, steps: ['no evidence'] };
  }
  if (last.kind === 'override') {
    const score = roundHalfAway(last.score, 2);
    const level = levelFor(score, scale);
    return {
      ...base, score, level, label: level.label, mastered: level.mastery || score >= masteryPoints(scale), override: true,
      steps: [`teacher override on ${last.date}: ${score.toFixed(2)} (in force until newer evidence)`],
    };
  }
  const scores = evidence.filter((e) => e.kind !== 'override').map((e) => e.score);
  const r = applyMethod(scores, spec, methodContext(book));
  if (r.score === null) {
    return { ...base, score: null, level: null, label: NOT_YET, mastered: false, override: false, steps: r.steps, fallback: r.fallback };
  }
  const score = roundHalfAway(r.score, 2);
  const level = levelFor(score, scale);
  return {
    ...base, score, level, label: level.label, mastered: score >= masteryPoints(scale), override: false,
    steps: r.steps, fallback: r.fallback,
  };
}

/** Mastery for every active student (or all, with includeWithdrawn) on every standard. */
export function masteryTable(book: Book, opts: MasteryOptions = {}, includeWithdrawn = false): MasteryTable {
  const evidence = collectEvidence(book, { asOf: opts.asOf });
  const students = book.students
    .filter((s) => includeWithdrawn || s.status === 'active')
    .sort((a, b) => compareText(a.id, b.id));
  const cells = new Map<string, Map<string, MasteryCell>>();
  for (const s of students) {
    const se = evidence.get(s.id);
    const row = new Map<string, MasteryCell>();
    for (const std of book.standards) {
      if (std.children.length) continue;
      row.set(std.id, scoreCell(book, s.id, std, se?.byStandard.get(std.id) ?? [], se?.dropped.get(std.id) ?? [], methodFor(book, std, opts)));
    }
    for (const std of book.standards) {
      if (std.children.length) row.set(std.id, rollupCell(book, s.id, std, row, methodFor(book, std, opts)));
    }
    cells.set(s.id, row);
  }
  return { students, standards: book.standards, cells };
}

/** A parent standard from its children's cells (Moodle's "all children", PowerTeacher's mean and min). */
function rollupCell(book: Book, studentId: string, std: Standard, row: Map<string, MasteryCell>, spec: MethodSpec): MasteryCell {
  const scale = book.settings.scale;
  const kids = std.children.map((c) => row.get(c)).filter((c): c is MasteryCell => !!c);
  const scored = kids.filter((c) => c.score !== null);
  const rule = std.rollup ?? 'mean';
  const evidence = kids.flatMap((c) => c.evidence);
  const lastDate = kids.reduce<string | null>((d, c) => (c.lastDate && (!d || c.lastDate > d) ? c.lastDate : d), null);
  const base = {
    studentId, standard: std.id, evidenceCount: evidence.length, lastDate, method: spec.method, evidence, dropped: [],
    thin: kids.some((c) => c.thin), override: false,
  };
  if (!scored.length) return { ...base, score: null, level: null, label: NOT_ASSESSED, mastered: false, steps: ['no child standard has a score'] };
  const list = scored.map((c) => `${c.standard} ${c.score!.toFixed(2)}`).join(', ');
  let score: number;
  let mastered: boolean;
  const steps: string[] = [];
  if (rule === 'min') {
    score = Math.min(...scored.map((c) => c.score!));
    steps.push(`lowest of the children (${list}) = ${score.toFixed(2)}`);
    mastered = scored.length === kids.length && score >= masteryPoints(scale);
  } else {
    score = roundHalfAway(scored.reduce((t, c) => t + c.score!, 0) / scored.length, 2);
    steps.push(`mean of the children (${list}) = ${score.toFixed(2)}`);
    if (rule === 'all-mastered') {
      mastered = kids.length > 0 && kids.every((c) => c.mastered);
      steps.push(mastered ? 'every child is mastered' : 'mastered only when every child is mastered');
    } else {
      mastered = score >= masteryPoints(scale);
    }
  }
  if (scored.length < kids.length) steps.push(`${kids.length - scored.length} child standard(s) not yet assessed`);
  let level = levelFor(score, scale);
  // all-mastered caps the level below mastery until every child is there.
  if (rule === 'all-mastered' && !mastered && score >= masteryPoints(scale)) {
    level = scale.levels.find((l) => l.min < masteryPoints(scale)) ?? level;
  }
  return { ...base, score, level, label: level.label, mastered, steps };
}
