// Who moved up or down on what between two mastery snapshots (mastery.csv then and now): the
// teacher's audit of a week, read from git history (DESIGN.md: "its git history is the mastery history").
import { compareIds, compareText } from './numbers.ts';
import { dayNumber, formatDate } from './weeks.ts';

/** One row of a mastery snapshot, as mastery.csv holds it. */
export interface SnapshotRow {
  studentId: string;
  standard: string;
  score: number | null;
  level: number | null;
  label: string;
}

export type MoveKind = 'up' | 'down' | 'first' | 'removed' | 'score';

export interface MasteryMove {
  studentId: string;
  standard: string;
  kind: MoveKind;
  before: { score: number | null; level: number | null; label: string } | null;
  after: { score: number | null; level: number | null; label: string } | null;
  /** after − before, when both have a score. */
  delta: number | null;
}

export interface MasteryDiff {
  moves: MasteryMove[];
  counts: Record<MoveKind, number>;
}

const key = (r: Pick<SnapshotRow, 'studentId' | 'standard'>) => `${r.studentId}\u0000${r.standard}`;

/**
 * Compares two snapshots. A level change is a move up or down; a first score is "first"; a score
 * that disappeared (evidence deleted, student removed) is "removed"; a score that changed within
 * its level is "score" (reported only when `scores` is asked for). `standardOrder` keeps the
 * curriculum order of standards.yaml; unknown standards follow, sorted.
 */
export function diffMastery(before: readonly SnapshotRow[], after: readonly SnapshotRow[], opts: { scores?: boolean; standardOrder?: readonly string[] } = {}): MasteryDiff {
  const old = new Map(before.map((r) => [key(r), r]));
  const now = new Map(after.map((r) => [key(r), r]));
  const keys = new Set([...old.keys(), ...now.keys()]);
  const moves: MasteryMove[] = [];
  const snap = (r: SnapshotRow | undefined) => (r && r.score !== null ? { score: r.score, level: r.level, label: r.label } : null);
  for (const k of keys) {
    const o = old.get(k);
    const n = now.get(k);
    const b = snap(o);
    const a = snap(n);
    if (!b && !a) continue;
    let kind: MoveKind;
    if (!b) kind = 'first';
    else if (!a) kind = 'removed';
    else if ((a.level ?? -Infinity) > (b.level ?? -Infinity)) kind = 'up';
    else if ((a.level ?? -Infinity) < (b.level ?? -Infinity)) kind = 'down';
    else if (a.score !== b.score) kind = 'score';
    else continue;
    if (kind === 'score' && !opts.scores) continue;
    const r = (n ?? o)!;
    moves.push({ studentId: r.studentId, standard: r.standard, kind, before: b, after: a, delta: a && b ? round2(a.score! - b.score!) : null });
  }
  const rank = new Map((opts.standardOrder ?? []).map((s, i) => [s, i]));
  const pos = (s: string) => rank.get(s) ?? Number.MAX_SAFE_INTEGER;
  moves.sort((x, y) => pos(x.standard) - pos(y.standard) || compareText(x.standard, y.standard) || KIND_ORDER[x.kind] - KIND_ORDER[y.kind] || compareIds(x.studentId, y.studentId));
  const counts: Record<MoveKind, number> = { up: 0, down: 0, first: 0, removed: 0, score: 0 };
  for (const m of moves) counts[m.kind]++;
  return { moves, counts };
}

const KIND_ORDER: Record<MoveKind, number> = { up: 0, first: 1, score: 2, down: 3, removed: 4 };

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** "last-week", "yesterday", "last-month", or a YYYY-MM-DD date, as the date whose start is meant. */
export function sinceDate(spec: string, today: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(spec)) return spec;
  const days = { yesterday: 1, 'last-week': 7, 'last-month': 30 }[spec];
  if (days === undefined) return undefined;
  return addDays(today, -days);
}

/** Calendar arithmetic on YYYY-MM-DD without the clock or time zones (days from civil, H. Hinnant). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return formatDate(dayNumber(y, m, d) + n);
}
