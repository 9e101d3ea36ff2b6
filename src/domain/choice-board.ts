// A unit's tic-tac-toe choice board (DESIGN.md § Playlists and choice boards; algorithms.md §5.3): nine
// activities across kinds, the centre a required must-do, every line of three covering the unit's standards
// where the bank allows. For one student, the centre is their first must-do and their supports come first.
import { isCheckpoint, learnerFor, NO_NEEDS, rankActivities, type Learner } from './activity-choice.ts';
import { BOARD_LINES, CENTRE, placeBoard, type PlacementItem } from './board-placement.ts';
import type { MasteryTable } from './mastery/table.ts';
import { buildPlaylist, unitScope } from './playlists.ts';
import type { Activity, Book } from './types.ts';

export interface BoardSquare {
  activity: string;
  title: string;
  kind: string;
  tier: string;
  minutes: number;
  link: string;
  /** The unit's standards this square covers. */
  standards: string[];
  required: boolean;
  note?: string;
}

export interface BoardLine {
  squares: number[];
  standards: string[];
  /** Covers every standard of the unit. */
  complete: boolean;
}

export interface ChoiceBoard {
  unit: string;
  student: string | null;
  standards: string[];
  /** Nine squares, row by row; squares[4] is the centre. */
  squares: BoardSquare[];
  lines: BoardLine[];
  /** Why the centre is the required square (for the teacher). */
  centreWhy: string;
  /** False when the search stopped at its budget (a very large bank): the board is good, not proven best. */
  exact: boolean;
}

/** The bank's learning activities (not quizzes) for the unit's standards, in bank order. */
function unitPool(book: Book, standards: readonly string[]): Activity[] {
  const set = new Set(standards);
  return book.activities.filter((a) => !isCheckpoint(a) && a.standards.some((s) => set.has(s)));
}

/** For the class: practice for the standard fewest students have mastered, covering the most of the unit. */
function classCentre(table: MasteryTable, standards: readonly string[], pool: readonly Activity[]): { activity: Activity; why: string } | undefined {
  const open = standards.map((s, i) => ({ s, i, n: table.students.filter((st) => !table.cells.get(st.id)?.get(s)?.mastered).length }));
  open.sort((a, b) => b.n - a.n || a.i - b.i);
  const set = new Set(standards);
  for (const { s, n } of open) {
    const tierRank = (a: Activity) => ['practice', 'reteach', 'extend'].indexOf(a.tier);
    const cands = pool.map((a, i) => ({ a, i })).filter(({ a }) => a.standards.includes(s));
    cands.sort((x, y) => tierRank(x.a) - tierRank(y.a)
      || y.a.standards.filter((t) => set.has(t)).length - x.a.standards.filter((t) => set.has(t)).length || x.i - y.i);
    if (cands.length) return { activity: cands[0]!.a, why: `${n} of ${table.students.length} students have not mastered ${s}` };
  }
  return undefined;
}

export type BoardResult = { board: ChoiceBoard } | { problem: string; hint: string };

export function buildChoiceBoard(book: Book, table: MasteryTable, unit: string, studentId?: string): BoardResult {
  const standards = unitScope(book, unit).standards;
  if (standards.length > 30) return { problem: `unit ${unit} has ${standards.length} standards; a choice board covers at most 30`, hint: 'split the unit' };
  const pool = unitPool(book, standards);
  if (pool.length < 9) {
    return { problem: `the bank has ${pool.length} activit${pool.length === 1 ? 'y' : 'ies'} for unit ${unit} (quizzes aside); a choice board needs 9`, hint: 'add activities for this unit to activities.yaml' };
  }
  const learner: Learner = studentId ? learnerFor(book, studentId) : NO_NEEDS;
  const byId = new Map(book.activities.map((a) => [a.id, a]));

  let centre: Activity | undefined;
  let centreWhy = '';
  let centreNote: string | undefined;
  const row = studentId ? table.cells.get(studentId) : undefined;
  if (studentId) {
    const playlist = buildPlaylist({ book, table }, studentId, { unit, standards });
    const first = playlist.tracks.find((t) => t.type === 'must') ?? playlist.tracks.find((t) => t.type === 'may');
    if (first) {
      centre = byId.get(first.activity);
      centreWhy = `the first ${first.type === 'must' ? 'must-do' : 'may-do'} on the playlist: ${first.why ?? ''}`;
      centreNote = first.note;
    }
  }
  if (!centre) {
    const c = classCentre(table, standards, pool);
    if (!c) return { problem: `no activity for unit ${unit} can be the centre square`, hint: 'add a practice activity for the unit' };
    centre = c.activity;
    centreWhy = c.why;
  }

  // The student's own fit: activities at their level (practice/reteach where not mastered, extend where
  // mastered) before the others, after supports; rankActivities already applied interests and modality.
  const fits = (a: Activity) => !row || a.standards.some((s) => {
    const cell = row.get(s);
    if (!cell || !standards.includes(s)) return false;
    return cell.mastered ? a.tier === 'extend' : a.tier !== 'extend';
  });
  const ranked = rankActivities(pool.filter((a) => a.id !== centre!.id), learner)
    .map((c, i) => ({ c, i }))
    .sort((x, y) => x.c.missing.length - y.c.missing.length || Number(fits(y.c.activity)) - Number(fits(x.c.activity)) || x.i - y.i)
    .map((x) => x.c);
  // Accommodations: those missing the fewest supports fill the board; an activity lacking more is used
  // only when there are not eight with fewer missing, and every one with fewer missing is placed first.
  const counts = ranked.map((c) => c.missing.length);
  const worst = counts[7]!;
  const usable = ranked.filter((c) => c.missing.length <= worst);
  const index = new Map(standards.map((s, i) => [s, i]));
  const maskOf = (a: Activity) => a.standards.reduce((m, s) => (index.has(s) ? m | (1 << index.get(s)!) : m), 0);
  const items: PlacementItem[] = usable.map((c) => ({ mask: maskOf(c.activity), kind: c.activity.kind, forced: c.missing.length < worst }));
  const placed = placeBoard(items, { mask: maskOf(centre), kind: centre.kind }, standards.length);
  if (!placed) return { problem: `no board fits unit ${unit}`, hint: 'add activities for this unit to activities.yaml' };

  const square = (a: Activity, required: boolean, note?: string): BoardSquare => {
    const sq: BoardSquare = {
      activity: a.id, title: a.title, kind: a.kind, tier: a.tier, minutes: a.minutes, link: a.link,
      standards: a.standards.filter((s) => index.has(s)), required,
    };
    if (note) sq.note = note;
    return sq;
  };
  const squares = placed.squares.map((i, s) => {
    if (s === CENTRE) return square(centre!, true, centreNote);
    const c = usable[i]!;
    return square(c.activity, false, c.missing.length ? `This activity does not offer ${c.missing.join(' or ')}: ask your teacher for it.` : undefined);
  });
  const lines = BOARD_LINES.map((line) => {
    const covered = new Set(line.flatMap((s) => squares[s]!.standards));
    const list = standards.filter((s) => covered.has(s));
    return { squares: [...line], standards: list, complete: list.length === standards.length };
  });
  return { board: { unit, student: studentId ?? null, standards, squares, lines, centreWhy, exact: placed.exact } };
}
