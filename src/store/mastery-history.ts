// Mastery snapshots for `pathbook diff`: mastery.csv as it was in a commit, or as the folder stands now.
import type { SnapshotRow } from '../domain/mastery-diff.ts';
import type { Book, Diagnostic } from '../domain/types.ts';
import { parseCsvText } from './csv.ts';
import { MASTERY_FILE, masteryRows } from './mastery-store.ts';

/** mastery.csv text → rows; a damaged old snapshot gives diagnostics, never an exception. */
export function parseMasterySnapshot(text: string, file = MASTERY_FILE): { rows: SnapshotRow[]; diagnostics: Diagnostic[] } {
  const { table, diagnostics } = parseCsvText(text, file);
  if (!table) return { rows: [], diagnostics: diagnostics.filter((d) => d.message !== 'the file is empty') };
  const col = (n: string) => table.header.indexOf(n);
  const [sid, std, score, level, label] = ['student_id', 'standard', 'score', 'level', 'label'].map(col) as [number, number, number, number, number];
  if (sid < 0 || std < 0 || score < 0) {
    return { rows: [], diagnostics: [...diagnostics, { check: 'mastery', severity: 'error', source: { file, line: 1 }, message: `${file} lacks student_id, standard or score`, hint: 'rewrite it with `pathbook mastery --write`' }] };
  }
  const num = (v: string | undefined) => (v === undefined || v.trim() === '' || !Number.isFinite(Number(v)) ? null : Number(v));
  const rows = table.rows.map((r) => ({
    studentId: r.values[sid] ?? '', standard: r.values[std] ?? '',
    score: num(r.values[score]), level: level >= 0 ? num(r.values[level]) : null, label: label >= 0 ? (r.values[label] ?? '') : '',
  }));
  return { rows, diagnostics };
}

/** The folder's mastery now, computed from its evidence (what mastery.csv should hold). */
export function snapshotOfBook(book: Book): SnapshotRow[] {
  return masteryRows(book).map((r) => ({ studentId: r.student_id, standard: r.standard, score: r.score, level: r.level, label: r.label }));
}

export { MASTERY_FILE };
