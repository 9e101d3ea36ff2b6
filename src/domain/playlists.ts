// Learning playlists (DESIGN.md § Playlists; reference/algorithms.md §5): per student and unit, a must-do
// track for each standard not yet mastered, a checkpoint per must-do standard, may-do extensions for the
// mastered ones, next-ready standards first, and a "complete N of M" rule. Pure: mastery comes in as a table.
import { isCheckpoint, learnerFor, rankActivities, type Choice, type Learner } from './activity-choice.ts';
import type { MasteryCell, MasteryTable } from './mastery/table.ts';
import { isNextReady } from './mastery/next-ready.ts';
import { compareText } from './numbers.ts';
import { levelFor, masteryPoints, NOT_ASSESSED } from './scale.ts';
import type { Activity, Book, Scale, Standard } from './types.ts';

export type TrackType = 'must' | 'may' | 'checkpoint';
export const TRACK_TYPES: readonly TrackType[] = ['must', 'may', 'checkpoint'];

/** One line of a playlist. Keys and their order are the playlists/<id>.yaml format (the PLP reads it). */
export interface Track {
  activity: string;
  title: string;
  /** The standards this track was chosen for, in playlist order. */
  standards: string[];
  type: TrackType;
  tier: string;
  kind: string;
  minutes: number;
  link: string;
  /** YYYY-MM-DD when the student finished it, recorded by `pathbook done`. */
  done: string | null;
  /** For the student: a support they need that this activity lacks. */
  note?: string;
  /** For the teacher: why this activity, in one line (algorithms.md §5.5). */
  why?: string;
}

export interface Playlist {
  student: string;
  unit: string | null;
  standards: string[];
  /**
   * Finish `n` of the `of` must-do tracks before the checkpoints. `of` counts tracks of type must only
   * (not checkpoints, not may-dos); `n` is `--must N` capped at `of`, and `of` itself by default.
   */
  complete: { n: number; of: number };
  tracks: Track[];
  /** Gaps in the bank the student and teacher should know about (no activity, no checkpoint). */
  notes: string[];
}

/** What a playlist covers: a unit's standards, or the standards named with --standard. */
export interface PlaylistScope {
  unit: string | null;
  /** Leaf standards in curriculum order. */
  standards: string[];
}

export interface PlaylistOptions {
  /** --must N: how many must-do tracks to finish before the checkpoints (default: all). */
  must?: number;
}

const byId = (book: Book) => new Map(book.standards.map((s) => [s.id, s]));

/** The standards of a unit that take evidence (parents roll up from them), in curriculum order. */
export function unitScope(book: Book, unit: string): PlaylistScope {
  return { unit, standards: book.standards.filter((s) => s.unit === unit && !s.children.length).map((s) => s.id) };
}

/** Named standards, a parent standing for its children, in curriculum order. */
export function standardsScope(book: Book, ids: readonly string[]): PlaylistScope {
  const std = byId(book);
  const want = new Set(ids.flatMap((id) => {
    const s = std.get(id);
    return s && s.children.length ? s.children : [id];
  }));
  return { unit: null, standards: book.standards.filter((s) => want.has(s.id)).map((s) => s.id) };
}

/**
 * A rank per standard that puts prerequisites first and otherwise keeps curriculum order
 * (Kahn's algorithm, always taking the earliest standard in standards.yaml that is free).
 */
export function prerequisiteOrder(book: Book): Map<string, number> {
  const std = byId(book);
  const index = new Map(book.standards.map((s, i) => [s.id, i]));
  const waiting = new Map(book.standards.map((s) => [s.id, s.prerequisites.filter((p) => std.has(p) && p !== s.id).length]));
  const after = new Map<string, string[]>();
  for (const s of book.standards) for (const p of s.prerequisites) if (std.has(p)) after.set(p, [...(after.get(p) ?? []), s.id]);
  const free = book.standards.filter((s) => waiting.get(s.id) === 0).map((s) => s.id);
  const rank = new Map<string, number>();
  while (free.length) {
    free.sort((a, b) => index.get(a)! - index.get(b)!);
    const id = free.shift()!;
    rank.set(id, rank.size);
    for (const next of after.get(id) ?? []) {
      const left = waiting.get(next)! - 1;
      waiting.set(next, left);
      if (left === 0) free.push(next);
    }
  }
  // A cycle (which `check` reports as an error) leaves standards unranked: they go last, in file order.
  for (const s of book.standards) if (!rank.has(s.id)) rank.set(s.id, rank.size);
  return rank;
}

/** Beginning or not assessed → reteach; the level just below mastery (Approaching) → practice. */
export function tierForCell(cell: MasteryCell | undefined, scale: Scale): { tier: 'reteach' | 'practice'; state: string } {
  if (!cell || cell.evidenceCount === 0) return { tier: 'reteach', state: NOT_ASSESSED.toLowerCase() };
  let level = cell.level;
  let state = cell.label;
  if (!level) {
    // n-mastery's "not yet": no score until enough evidence, so the latest piece decides the tier.
    const last = cell.evidence[cell.evidence.length - 1]!;
    level = levelFor(last.score, scale);
    state = `${cell.label} (latest ${level.label})`;
  }
  const below = scale.levels.filter((l) => l.min < masteryPoints(scale));
  return { tier: below.length > 1 && level === below[0] ? 'practice' : 'reteach', state };
}

const MUST_TIERS = { reteach: ['reteach', 'practice'], practice: ['practice', 'reteach'] } as const;

function listOr(xs: readonly string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`;
}

/** The reasons any choice shares: interest, preferred modality, the supports it has or lacks. */
function choiceWhy(c: Choice, learner: Learner, standard: string, taste = true): string[] {
  const out: string[] = [];
  if (taste && c.interest) out.push(`about ${c.interest}, an interest`);
  if (taste && c.preferred) out.push(`${c.activity.modality}, a preferred way to learn`);
  if (learner.accommodations.length && !c.missing.length) out.push(`has ${learner.accommodations.join(', ')}`);
  if (c.missing.length) out.push(`no ${taste ? 'activity' : 'checkpoint'} for ${standard} offers ${learner.accommodations.join(' and ')}; this one lacks ${c.missing.join(', ')}`);
  return out;
}

function supportNote(c: Choice): string | undefined {
  return c.missing.length ? `This activity does not offer ${listOr(c.missing)}: ask your teacher for it.` : undefined;
}

/**
 * The best choice, but one not yet on the playlist when an equally good one (same missing supports,
 * same tier) exists: each standard gets its own activity where the bank allows, else they share one.
 */
function chooseFresh(ranked: readonly Choice[], taken: ReadonlyMap<string, unknown>): Choice | undefined {
  const top = ranked[0];
  if (!top) return undefined;
  return ranked.find((c) => c.missing.length === top.missing.length && c.tierRank === top.tierRank && !taken.has(c.activity.id)) ?? top;
}

interface Bank {
  /** Non-quiz activities per standard, bank order. */
  learn: Map<string, Activity[]>;
  /** Quiz activities per standard, bank order. */
  quiz: Map<string, Activity[]>;
}

/** The bank indexed by standard once, for many students. */
export function indexBank(book: Book): Bank {
  const learn = new Map<string, Activity[]>();
  const quiz = new Map<string, Activity[]>();
  for (const a of book.activities) {
    const into = isCheckpoint(a) ? quiz : learn;
    for (const s of a.standards) into.set(s, [...(into.get(s) ?? []), a]);
  }
  return { learn, quiz };
}

export interface PlaylistContext {
  book: Book;
  table: MasteryTable;
  bank?: Bank;
  order?: Map<string, number>;
}

/** One student's playlist. The student must be in the mastery table (active). */
export function buildPlaylist(ctx: PlaylistContext, studentId: string, scope: PlaylistScope, opts: PlaylistOptions = {}): Playlist {
  const { book, table } = ctx;
  const bank = ctx.bank ?? indexBank(book);
  const order = ctx.order ?? prerequisiteOrder(book);
  const row = table.cells.get(studentId);
  if (!row) throw new Error(`no mastery row for ${studentId}`);
  const std = byId(book);
  const learner = learnerFor(book, studentId);
  const mastered = (id: string) => row.get(id)?.mastered ?? false;
  const leavesOf = (id: string) => {
    const s = std.get(id);
    return s && s.children.length ? s.children : [id];
  };

  // Must-do standards: the scope's unmastered ones, plus unmastered prerequisites from outside the
  // scope (algorithms.md §5.4 step 1: work the student can do before work they cannot do yet).
  const inScope = new Set(scope.standards);
  const needed = new Map<string, string | undefined>();
  const queue = scope.standards.filter((s) => !mastered(s));
  for (const s of queue) needed.set(s, undefined);
  for (let i = 0; i < queue.length; i++) {
    for (const p of std.get(queue[i]!)?.prerequisites ?? []) {
      for (const leaf of leavesOf(p)) {
        if (mastered(leaf) || needed.has(leaf) || inScope.has(leaf) || !std.has(leaf)) continue;
        needed.set(leaf, queue[i]);
        queue.push(leaf);
      }
    }
  }
  const ready = (id: string) => isNextReady(std.get(id)!, mastered);
  const mustStandards = [...needed.keys()].sort((a, b) =>
    Number(ready(b)) - Number(ready(a)) || order.get(a)! - order.get(b)! || compareText(a, b));

  const tracks: Track[] = [];
  const byActivity = new Map<string, Track>();
  const notes: string[] = [];
  const add = (c: Choice, type: TrackType, standard: string, why: string[]) => {
    const existing = byActivity.get(c.activity.id);
    if (existing) {
      if (!existing.standards.includes(standard)) existing.standards.push(standard);
      return;
    }
    const a = c.activity;
    const t: Track = {
      activity: a.id, title: a.title, standards: [standard], type, tier: a.tier, kind: a.kind,
      minutes: a.minutes, link: a.link, done: null,
    };
    const note = supportNote(c);
    if (note) t.note = note;
    t.why = why.join('; ');
    byActivity.set(a.id, t);
    tracks.push(t);
  };

  for (const s of mustStandards) {
    const { tier, state } = tierForCell(row.get(s), book.settings.scale);
    const pool = bank.learn.get(s) ?? [];
    const c = chooseFresh(rankActivities(pool, learner, MUST_TIERS[tier]), byActivity);
    const context: string[] = [];
    const waiting = (std.get(s)?.prerequisites ?? []).filter((p) => !mastered(p));
    if (waiting.length) context.push(`needs ${waiting.join(', ')} first`);
    const before = needed.get(s);
    if (before) context.push(`needed before ${before}`);
    if (c) {
      const why = [`${s} is ${state}: ${c.activity.tier}`];
      if (c.tierRank > 0) {
        why.push(pool.some((a) => a.tier === tier) ? `the ${tier} activities lack ${listOr(learner.accommodations)}` : `no ${tier} activity in the bank`);
      }
      add(c, 'must', s, [...why, ...context, ...choiceWhy(c, learner, s)]);
    } else {
      notes.push(`The bank has no reteach or practice activity for ${s}: ask your teacher what to do first.`);
    }
    const q = chooseFresh(rankActivities(bank.quiz.get(s) ?? [], learner), byActivity);
    if (q) add(q, 'checkpoint', s, [`shows mastery of ${s}`, ...choiceWhy(q, learner, s, false)]);
    else notes.push(`The bank has no checkpoint quiz for ${s}: ask your teacher how to show what you know.`);
  }

  for (const s of scope.standards) {
    if (!mastered(s)) continue;
    const pool = (bank.learn.get(s) ?? []).filter((a) => a.tier === 'extend');
    const c = chooseFresh(rankActivities(pool, learner), byActivity);
    if (c) add(c, 'may', s, [`${s} is ${row.get(s)?.label ?? 'mastered'}: an extension`, ...choiceWhy(c, learner, s)]);
  }

  const of = tracks.filter((t) => t.type === 'must').length;
  const n = opts.must === undefined ? of : Math.min(Math.max(0, Math.floor(opts.must)), of);
  const standards = [...scope.standards, ...mustStandards.filter((s) => !inScope.has(s))];
  return { student: studentId, unit: scope.unit, standards, complete: { n, of }, tracks, notes };
}

/** Regenerating keeps recorded progress: a track whose activity was done before stays done. */
export function keepProgress(plan: Playlist, previous: Playlist | undefined): Playlist {
  if (!previous) return plan;
  const done = new Map<string, string>();
  for (const t of previous.tracks) if (t.done && !done.has(t.activity)) done.set(t.activity, t.done);
  return { ...plan, tracks: plan.tracks.map((t) => ({ ...t, done: done.get(t.activity) ?? t.done })) };
}

/** How many playlists use each activity (for copies and devices, algorithms.md §5.4 step 5), most used first. */
export function activityRollup(playlists: readonly Playlist[]): { activity: string; title: string; type: TrackType; students: number }[] {
  const counts = new Map<string, { activity: string; title: string; type: TrackType; students: number }>();
  for (const p of playlists) for (const t of p.tracks) {
    const c = counts.get(t.activity) ?? { activity: t.activity, title: t.title, type: t.type, students: 0 };
    c.students++;
    counts.set(t.activity, c);
  }
  return [...counts.values()].sort((a, b) => b.students - a.students || compareText(a.activity, b.activity));
}
