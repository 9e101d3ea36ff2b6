// The Personalized Learning Plan of one student as plain values (DESIGN.md § PLPs): the profile
// joined with mastery, what comes next and recent evidence. Words, dates and layout are the
// templates' business; nothing here is about any other student.
import type { Evidence } from './mastery/evidence.ts';
import { nextReady } from './mastery/next-ready.ts';
import type { MasteryCell, MasteryTable } from './mastery/table.ts';
import { compareText, roundHalfAway } from './numbers.ts';
import type { Playlist } from './playlists.ts';
import { masteryPoints } from './scale.ts';
import type { Book, Goal, Profile, Reflection, Standard } from './types.ts';

export type Direction = 'up' | 'down' | 'steady';

export interface PlpStandard {
  id: string;
  statement: string;
  studentStatement: string;
  unit: string;
  score: number | null;
  level: number | null;
  /** The scale's label for the level, or "Not yet assessed" / "Not yet". */
  label: string;
  mastered: boolean;
  thin: boolean;
  override: boolean;
  evidenceCount: number;
  lastDate: string | null;
  /** Each evidence score in evidence order, rounded to 2 decimals: the trend line. */
  trend: number[];
  /** First to last evidence score, when there are two or more. */
  direction: Direction | null;
}

export interface PlpUnit {
  unit: string;
  standards: PlpStandard[];
  mastered: number;
}

export interface PlpGoalStandard {
  id: string;
  label: string;
  level: number | null;
  score: number | null;
  mastered: boolean;
}

export interface PlpGoal extends Omit<Goal, 'standards'> {
  standards: PlpGoalStandard[];
  /** How many of its linked standards are mastered. */
  mastered: number;
}

export interface PlpEvidence {
  date: string;
  kind: Evidence['kind'];
  /** The assessment's title, or the observation's source (conference, rubric…). */
  title: string;
  from: string;
  standard: string;
  score: number;
  note: string;
}

export interface PlpModel {
  asOf: string;
  className: string;
  subject: string;
  grade: string;
  student: { id: string; givenName: string; familyName: string; section: string; status: string };
  interests: string[];
  strengths: string[];
  preferences: string[];
  /** The student's own words, oldest first. */
  reflections: Reflection[];
  goals: PlpGoal[];
  units: PlpUnit[];
  summary: { mastered: number; assessed: number; of: number };
  next: { ready: PlpStandard[]; playlist: Playlist | null };
  accommodations: string[];
  /** Newest first. */
  recent: PlpEvidence[];
  scale: { max: number; masteryPoints: number; levels: { level: number; min: number; label: string; color: string; mastery: boolean }[] };
}

export interface PlpOptions {
  /** ctx.today: the "as of" date printed on the report. */
  today: string;
  /** The student's current playlist (playlists/<id>.yaml), for "what comes next". */
  playlist?: Playlist;
  recent?: number;
  reflections?: number;
  ready?: number;
}

/** A direction only when the change is worth a word: a sixteenth of the scale (0.25 on 0–4). */
function direction(trend: readonly number[], max: number): Direction | null {
  if (trend.length < 2) return null;
  const d = trend[trend.length - 1]! - trend[0]!;
  const eps = max / 16;
  return d >= eps ? 'up' : d <= -eps ? 'down' : 'steady';
}

/**
 * roundHalfAway to 2 decimals, fast for the common case: a class's PLPs round ~100 000 evidence
 * scores, and only values within a hair of a half need roundHalfAway's careful path.
 */
export function round2(x: number): number {
  const y = x * 100;
  const frac = Math.abs(y - Math.trunc(y));
  return Math.abs(frac - 0.5) > 1e-6 ? Math.round(y) / 100 : roundHalfAway(x, 2);
}

function standardRow(std: Standard, cell: MasteryCell, max: number): PlpStandard {
  const trend = cell.evidence.map((e) => round2(e.score));
  return {
    id: std.id, statement: std.statement, studentStatement: std.studentStatement, unit: std.unit,
    score: cell.score, level: cell.level ? cell.level.level : null, label: cell.label, mastered: cell.mastered,
    thin: cell.thin, override: cell.override, evidenceCount: cell.evidenceCount, lastDate: cell.lastDate,
    trend, direction: direction(trend, max),
  };
}

function profileFor(book: Book, studentId: string): Profile | undefined {
  return book.profiles.find((p) => p.studentId === studentId);
}

/** Units in curriculum order (the order standards.yaml first names them). */
function groupByUnit(rows: PlpStandard[]): PlpUnit[] {
  const units = new Map<string, PlpStandard[]>();
  for (const r of rows) {
    let list = units.get(r.unit);
    if (!list) units.set(r.unit, (list = []));
    list.push(r);
  }
  return [...units].map(([unit, standards]) => ({ unit, standards, mastered: standards.filter((s) => s.mastered).length }));
}

/** The PLP of one student. The table must hold the student (masteryTable with withdrawn students for a withdrawn one). */
export function buildPlp(book: Book, table: MasteryTable, studentId: string, opts: PlpOptions): PlpModel {
  const student = book.students.find((s) => s.id === studentId);
  const row = table.cells.get(studentId);
  if (!student || !row) throw new Error(`buildPlp: ${studentId} is not in the mastery table`);
  const profile = profileFor(book, studentId);
  const max = book.settings.scale.max;
  const rows = book.standards.filter((s) => row.has(s.id)).map((s) => standardRow(s, row.get(s.id)!, max));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const parents = new Set(book.standards.filter((s) => s.children.length).map((s) => s.id));
  const leaves = rows.filter((r) => !parents.has(r.id));

  const goals: PlpGoal[] = (profile?.goals ?? []).map((g) => {
    const standards = g.standards.map((id): PlpGoalStandard => {
      const r = byId.get(id);
      return { id, label: r?.label ?? '', level: r?.level ?? null, score: r?.score ?? null, mastered: r?.mastered ?? false };
    });
    return { ...g, standards, mastered: standards.filter((s) => s.mastered).length };
  });

  // Newest first; on one day, one assessment's standards together, in curriculum order (push order).
  const all: { e: Evidence; i: number }[] = [];
  for (const std of book.standards) {
    if (std.children.length) continue;
    for (const e of row.get(std.id)?.evidence ?? []) all.push({ e, i: all.length });
  }
  all.sort((a, b) => compareText(b.e.date, a.e.date) || compareText(a.e.from, b.e.from) || a.i - b.i);
  const recent: PlpEvidence[] = all.slice(0, opts.recent ?? 5).map(({ e }) => ({
    date: e.date, kind: e.kind, title: e.title, from: e.from, standard: e.standard, score: round2(e.score), note: e.note ?? '',
  }));

  const reflections = [...(profile?.reflections ?? [])];
  const nRefl = opts.reflections ?? 3;
  return {
    asOf: opts.today,
    className: book.settings.className, subject: book.settings.subject, grade: book.settings.grade,
    student: { id: student.id, givenName: student.givenName, familyName: student.familyName, section: student.section, status: student.status },
    interests: [...(profile?.interests ?? [])],
    strengths: [...(profile?.strengths ?? [])],
    preferences: [...(profile?.preferences ?? [])],
    reflections: reflections.slice(Math.max(0, reflections.length - nRefl)),
    goals,
    units: groupByUnit(rows),
    summary: {
      mastered: leaves.filter((r) => r.mastered).length,
      assessed: leaves.filter((r) => r.evidenceCount > 0).length,
      of: leaves.length,
    },
    next: {
      ready: nextReady(book, table, studentId).slice(0, opts.ready ?? 5).map((r) => byId.get(r.standard.id)!),
      playlist: opts.playlist ?? null,
    },
    accommodations: [...(profile?.accommodations ?? [])],
    recent,
    scale: {
      max, masteryPoints: masteryPoints(book.settings.scale),
      levels: book.settings.scale.levels.map((l) => ({ level: l.level, min: l.min, label: l.label, color: l.color, mastery: l.mastery })),
    },
  };
}
