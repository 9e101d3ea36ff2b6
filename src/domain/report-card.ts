// Report-card marks from standards levels (mastery.md §5, Marzano's conversion): the mean of a
// student's current standard scores falls in a band (A from 3.0 …), then guards such as
// "no A while any standard is below level 3" lower the mark one band at a time.
import type { MasteryTable } from './mastery/table.ts';
import { compareText, mean, roundHalfAway } from './numbers.ts';
import type { Book, Settings, Term } from './types.ts';

/** Only the evidence dated within the term (both ends included): the rest of the book is unchanged. */
export function bookInTerm(book: Book, term: Term): Book {
  const inTerm = (d: string) => d >= term.from && d <= term.to;
  return {
    ...book,
    assessments: book.assessments.filter((a) => inTerm(a.date)),
    observations: book.observations.filter((o) => inTerm(o.date)),
  };
}

export interface MarkResult {
  mark: string | null;
  /** The mark the mean alone gives, when a guard lowered it. */
  before: string | null;
  /** Why a guard lowered it: the standards below the guard's level. */
  reasons: string[];
}

/** The mark for a mean score and the levels of the standards behind it. */
export function markFor(meanScore: number | null, levels: readonly { standard: string; level: number }[], rc: Settings['reportCard']): MarkResult {
  if (meanScore === null) return { mark: null, before: null, reasons: [] };
  const bands = [...rc.bands].sort((a, b) => b.min - a.min);
  let i = bands.findIndex((b) => meanScore >= b.min);
  if (i < 0) return { mark: null, before: null, reasons: [] };
  const first = bands[i]!.mark;
  const reasons: string[] = [];
  for (; i < bands.length; i++) {
    const mark = bands[i]!.mark;
    const failed = rc.guards
      .filter((g) => g.mark === mark)
      .flatMap((g) => levels.filter((l) => l.level < g.minStandardLevel).map((l) => ({ g, l })));
    if (!failed.length) break;
    const g = failed[0]!.g;
    reasons.push(`no ${mark} with a standard below level ${g.minStandardLevel}: ${failed.map((f) => `${f.l.standard} at level ${f.l.level}`).join(', ')}`);
  }
  // Every band failed its guard: the lowest band stands.
  const mark = bands[Math.min(i, bands.length - 1)]!.mark;
  return { mark, before: mark === first ? null : first, reasons };
}

export interface ReportCardRow {
  studentId: string;
  givenName: string;
  familyName: string;
  section: string;
  mark: string | null;
  before: string | null;
  /** Mean of the current scores of the assessed standards, 2 decimals. */
  mean: number | null;
  assessed: number;
  mastered: number;
  of: number;
  lowestLevel: number | null;
  reasons: string[];
}

export interface ReportCardOptions {
  section?: string;
}

/** One row per active student, by id. Parent standards are left out (their children already count). */
export function reportCard(book: Book, table: MasteryTable, opts: ReportCardOptions = {}): ReportCardRow[] {
  const leaves = book.standards.filter((s) => !s.children.length);
  return table.students
    .filter((s) => !opts.section || s.section === opts.section)
    .sort((a, b) => compareText(a.id, b.id))
    .map((s) => {
      const row = table.cells.get(s.id)!;
      const cells = leaves.map((std) => row.get(std.id)!).filter((c) => c.score !== null && c.level);
      const m = cells.length ? roundHalfAway(mean(cells.map((c) => c.score!)), 2) : null;
      const levels = cells.map((c) => ({ standard: c.standard, level: c.level!.level }));
      const r = markFor(m, levels, book.settings.reportCard);
      return {
        studentId: s.id, givenName: s.givenName, familyName: s.familyName, section: s.section,
        mark: r.mark, before: r.before, mean: m, assessed: cells.length,
        mastered: cells.filter((c) => c.mastered).length, of: leaves.length,
        lowestLevel: levels.length ? Math.min(...levels.map((l) => l.level)) : null, reasons: r.reasons,
      };
    });
}
