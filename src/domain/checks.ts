// Checks across files (bean-check's role): each returns diagnostics that name the record's file and line.
import { assessmentIdProblem, fileNameKey, genericIdProblem } from './ids.ts';
import { formatPoints } from './numbers.ts';
import { checkScale } from './scale.ts';
import type { Assessment, Book, Diagnostic, Source } from './types.ts';

export const error = (check: string, source: Source | undefined, message: string, hint?: string): Diagnostic => ({ check, severity: 'error', message, hint, source });
export const warning = (check: string, source: Source | undefined, message: string, hint?: string): Diagnostic => ({ check, severity: 'warning', message, hint, source });

/** Ids that repeat, exactly or up to letter case and Unicode normalisation (they would share a file). */
function duplicates<T>(items: readonly T[], id: (t: T) => string, src: (t: T) => Source, what: string): Diagnostic[] {
  const seen = new Map<string, T>();
  const out: Diagnostic[] = [];
  for (const t of items) {
    const key = fileNameKey(id(t));
    const first = seen.get(key);
    if (first) {
      const same = id(first) === id(t);
      const at = src(first);
      out.push(error('ids', src(t), same ? `duplicate ${what} id ${JSON.stringify(id(t))} (first at ${at.file}:${at.line})` : `${what} id ${JSON.stringify(id(t))} differs from ${JSON.stringify(id(first))} (${at.file}:${at.line}) only by letter case or accents`, 'give each one its own id'));
    } else seen.set(key, t);
  }
  return out;
}

export interface CheckOptions {
  /**
   * false: leave out each assessment's score rows (checkAssessmentScores), for a caller that checks
   * them itself, one assessment at a time (the store keeps them with the files they came from).
   */
  scores?: boolean;
}

export function checkBook(book: Book, opts: CheckOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { settings } = book;
  out.push(...checkScale(settings.scale, settings.source));

  out.push(...duplicates(book.students, (s) => s.id, (s) => s.source, 'student'));
  const students = new Set(book.students.map((s) => s.id));

  out.push(...duplicates(book.standards.filter((s) => s.id), (s) => s.id, (s) => s.source, 'standard'));
  const standards = new Map(book.standards.map((s) => [s.id, s]));
  for (const s of book.standards) {
    const p = s.id ? genericIdProblem(s.id) : undefined;
    if (p) out.push(error('ids', s.source, `standard id ${JSON.stringify(s.id)}: ${p}`));
    for (const pre of s.prerequisites) {
      if (!standards.has(pre)) out.push(error('standards', s.source, `${s.id} lists the prerequisite ${pre}, which is not in standards.yaml`, 'add that standard or remove the prerequisite'));
    }
    for (const c of s.children) {
      if (!standards.has(c)) out.push(error('standards', s.source, `${s.id} lists the child ${c}, which is not in standards.yaml`, 'add that standard or remove it from children'));
      else if (standards.get(c)!.children.length) out.push(error('standards', s.source, `${s.id}'s child ${c} has children of its own`, 'roll up one level at a time: list the leaf standards'));
    }
  }
  out.push(...prerequisiteCycles(book));

  out.push(...duplicates(book.assessments, (a) => a.id, (a) => a.source, 'assessment'));
  const assessmentIds = new Set(book.assessments.map((a) => a.id));
  const max = settings.scale.max;
  for (const a of book.assessments) {
    const idp = assessmentIdProblem(a.id);
    if (idp) out.push(error('ids', a.source, `assessment id ${JSON.stringify(a.id)}: ${idp}`, 'rename the assessment (both files) to YYYY-MM-DD-slug'));
    if (a.retakeOf && !assessmentIds.has(a.retakeOf)) out.push(error('assessment', a.source, `${a.id} is a retake of ${a.retakeOf}, which does not exist`, 'fix retakeOf, or set it to null'));
    if (a.retakeOf === a.id) out.push(error('assessment', a.source, `${a.id} cannot be a retake of itself`));
    out.push(...duplicates(a.items, (i) => i.id, (i) => i.source, 'item'));
    for (const item of a.items) {
      if (!item.standards.length) out.push(warning('assessment', item.source, `item ${item.id} of ${a.id} is aligned to no standard, so it counts for nothing`, 'add `standards: [..]` to the item'));
      for (const std of item.standards) {
        if (!standards.has(std)) out.push(error('alignment', item.source, `item ${item.id} of ${a.id} is aligned to ${std}, which is not in standards.yaml`, 'add the standard to standards.yaml or fix the code'));
        else if (standards.get(std)!.children.length) out.push(error('alignment', item.source, `item ${item.id} is aligned to ${std}, a parent standard that rolls up from its children`, 'align the item to one of its children'));
      }
    }
    if (opts.scores !== false) out.push(...checkAssessmentScores(a, students));
  }

  for (const o of book.observations) {
    if (!students.has(o.studentId)) out.push(error('observations', o.source, `observation for ${JSON.stringify(o.studentId)}, who is not in roster.csv`, 'fix the student id'));
    if (!standards.has(o.standard)) out.push(error('observations', o.source, `observation on ${JSON.stringify(o.standard)}, which is not in standards.yaml`, 'fix the standard code'));
    else if (standards.get(o.standard)!.children.length) out.push(error('observations', o.source, `observation on ${o.standard}, a parent standard that rolls up from its children`, 'record it on one of its children'));
    if (o.score < 0 || o.score > max) out.push(error('observations', o.source, `score ${formatPoints(o.score)} is outside the scale 0–${formatPoints(max)}`, 'observations carry a score on the mastery scale'));
  }

  out.push(...duplicates(book.activities, (a) => a.id, (a) => a.source, 'activity'));
  for (const act of book.activities) {
    const p = act.id ? genericIdProblem(act.id) : undefined;
    if (p) out.push(error('ids', act.source, `activity id ${JSON.stringify(act.id)}: ${p}`));
    for (const std of act.standards) {
      if (!standards.has(std)) out.push(error('activities', act.source, `activity ${act.id} is aligned to ${std}, which is not in standards.yaml`, 'fix the standard code'));
    }
  }
  if (book.activities.length) {
    for (const s of book.standards) {
      if (s.children.length) continue;
      for (const tier of ['reteach', 'extend'] as const) {
        if (!book.activities.some((a) => a.tier === tier && a.kind !== 'quiz' && a.standards.includes(s.id))) {
          out.push(warning('activities', s.source, `${s.id} has no ${tier} activity in activities.yaml`, `add one so playlists can offer ${tier === 'extend' ? 'an extension' : 'a reteach track'}`));
        }
      }
      // A playlist ends each must-do standard with a checkpoint: a quiz aligned to it.
      if (!book.activities.some((a) => a.kind === 'quiz' && a.standards.includes(s.id))) {
        out.push(warning('activities', s.source, `${s.id} has no checkpoint (an activity of kind quiz) in activities.yaml`, 'add one so playlists can end with a mastery check'));
      }
    }
  }

  for (const p of book.profiles) {
    if (!students.has(p.studentId)) out.push(warning('profiles', p.source, `profile for ${p.studentId}, who is not in roster.csv`, 'rename the file to a roster id, or remove it'));
    for (const g of p.goals) for (const std of g.standards) {
      if (!standards.has(std)) out.push(error('profiles', p.source, `goal ${g.id} links ${std}, which is not in standards.yaml`, 'fix the standard code'));
    }
  }

  for (const [key, pairs] of [['keepApart', settings.grouping.keepApart], ['keepTogether', settings.grouping.keepTogether]] as const) {
    for (const pair of pairs) for (const id of pair) {
      if (!students.has(id)) out.push(error('settings', settings.source, `grouping.${key} names ${JSON.stringify(id)}, who is not in roster.csv`, 'fix the student id'));
    }
  }
  return out;
}

/**
 * One assessment's score rows: one row per student, every student on the roster, every score from 0
 * to its item's points. Depends on nothing else, so a store can keep the result with the files.
 */
export function checkAssessmentScores(a: Assessment, students: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const rows = new Map<string, Source>();
  for (const row of a.scores) {
    const first = rows.get(row.studentId);
    if (first) out.push(error('scores', row.source, `${row.studentId} has two rows in ${a.id} (first at line ${first.line})`, 'keep one row per student'));
    rows.set(row.studentId, row.source);
    if (!students.has(row.studentId)) out.push(error('scores', row.source, `scores for ${JSON.stringify(row.studentId)}, who is not in roster.csv`, 'add the student to the roster or remove the row'));
    for (const item of a.items) {
      const p = row.points[item.id];
      if (p === null || p === undefined) continue;
      if (p < 0) out.push(error('scores', row.source, `${item.id} for ${row.studentId}: score ${formatPoints(p)} is negative`, 'write the points earned, from 0'));
      else if (p > item.points) out.push(error('scores', row.source, `${item.id} for ${row.studentId}: score ${formatPoints(p)} is above the item's ${formatPoints(item.points)} points`, `fix the score, or raise the item's points in ${a.source.file}`));
    }
  }
  return out;
}

/** Prerequisite cycles make "next ready" undefined: report each cycle once. */
function prerequisiteCycles(book: Book): Diagnostic[] {
  const pre = new Map(book.standards.map((s) => [s.id, s.prerequisites]));
  const state = new Map<string, 1 | 2>();
  const out: Diagnostic[] = [];
  const stack: string[] = [];
  const visit = (id: string) => {
    state.set(id, 1);
    stack.push(id);
    for (const p of pre.get(id) ?? []) {
      if (!pre.has(p)) continue;
      if (state.get(p) === 1) {
        const cycle = [...stack.slice(stack.indexOf(p)), p];
        const std = book.standards.find((s) => s.id === p)!;
        out.push(error('standards', std.source, `prerequisites form a cycle: ${cycle.join(' → ')}`, 'remove one of these prerequisites'));
      } else if (!state.has(p)) visit(p);
    }
    stack.pop();
    state.set(id, 2);
  };
  for (const s of book.standards) if (!state.has(s.id)) visit(s.id);
  return out;
}
