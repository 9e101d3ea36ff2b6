// A generic wide CSV: one row per student (an id, email or name column), one column per item holding
// the points earned. An optional row whose student cell says "Points possible" (or "max") gives each
// item's points; an optional date column dates the assessment.
import type { CsvTable } from '../store/csv.ts';
import { columnDates, type ColumnDates } from './dates.ts';
import { EMAIL_HEADERS, FAMILY_HEADERS, GIVEN_HEADERS, headerKey, ID_HEADERS, isAnonymous, NAME_HEADERS, SECTION_HEADERS, type RawColumn, type RawResult, type RawStudent, type ReadOptions } from './raw.ts';
import { fileStem, type SourceMeta } from './source-meta.ts';

const STUDENT_HEADERS = new Set(['student', 'learner', 'pupil', ...ID_HEADERS, ...EMAIL_HEADERS, ...NAME_HEADERS]);
const POINTS_ROW = new Set(['pointspossible', 'maxpoints', 'max', 'outof', 'possible', 'totalpossible', 'maximum', 'points']);
const DATE_HEADERS = new Set(['date', 'datetaken', 'completed', 'datecompleted', 'submitted', 'timestamp', 'completiontime']);
/**
 * Microsoft Forms (formats.md §5): its ID is the response's number, not a student's, and its other
 * bookkeeping columns are not questions. Known by its Start time and Completion time.
 */
const MS_FORMS_EXTRA = new Set(['id', 'starttime', 'lastmodifiedtime', 'quizfeedback']);
const isMsForms = (keys: readonly string[]) => keys.includes('starttime') && keys.includes('completiontime');
const TOTAL_HEADERS = new Set(['total', 'totalscore', 'sum', 'percent', 'percentage', 'grade', 'score', 'totalpoints']);

/** The column that names the student, preferring ids, then emails, then names. */
export function studentColumn(header: readonly string[]): number {
  const keys = header.map(headerKey);
  const ms = isMsForms(keys);
  for (const set of [ID_HEADERS, EMAIL_HEADERS, new Set(['student', 'learner', 'pupil']), NAME_HEADERS]) {
    const i = keys.findIndex((k) => set.has(k) && !(ms && MS_FORMS_EXTRA.has(k)));
    if (i >= 0) return i;
  }
  return -1;
}

export function looksLikeWide(header: readonly string[]): boolean {
  return header.some((h) => STUDENT_HEADERS.has(headerKey(h))) && header.length >= 2;
}

export function readWide(table: CsvTable, meta: SourceMeta, opts: ReadOptions): RawResult {
  const keys = table.header.map(headerKey);
  const who = studentColumn(table.header);
  const ms = isMsForms(keys);
  const kind = (k: string, i: number): string | undefined => {
    if (i === who) return 'who';
    if (ms && MS_FORMS_EXTRA.has(k)) return 'skip';
    if (ms && /^feedback/.test(k)) return 'skip';
    // A question's answer text, when its "Points - <question>" column says what it earned.
    if (ms && keys.includes(`points${k}`)) return 'skip';
    if (EMAIL_HEADERS.has(k)) return 'email';
    if (NAME_HEADERS.has(k)) return 'name';
    if (GIVEN_HEADERS.has(k)) return 'given';
    if (FAMILY_HEADERS.has(k)) return 'family';
    if (SECTION_HEADERS.has(k)) return 'section';
    if (ID_HEADERS.has(k)) return 'id';
    if (DATE_HEADERS.has(k)) return 'date';
    if (TOTAL_HEADERS.has(k)) return 'total';
    return undefined;
  };
  const kinds = keys.map(kind);
  const pointsRow = table.rows.find((r) => POINTS_ROW.has(headerKey(r.values[who] ?? '')));
  const columns: RawColumn[] = [];
  const fileCols: number[] = [];
  table.header.forEach((h, i) => {
    const k = kinds[i];
    if (k && k !== 'total') return;
    const pp = pointsRow ? (pointsRow.values[i] ?? '').trim().replace(',', '.') : '';
    fileCols.push(i);
    columns.push({
      index: columns.length, header: h, title: h, holds: 'points', role: k === 'total' ? 'extra' : 'question', fileColumn: i + 1,
      ...(pp !== '' && Number.isFinite(Number(pp)) && Number(pp) > 0 ? { pointsPossible: Number(pp) } : {}),
    });
  });
  const rows = table.rows.filter((r) => r !== pointsRow);
  const dateCol = kinds.indexOf('date');
  const notes: string[] = [];
  const students: RawStudent[] = rows.map((row) => {
    const s: RawStudent = { line: row.line, cells: fileCols.map((fc) => (row.values[fc] ?? '').trim()) };
    kinds.forEach((k, i) => {
      const v = (row.values[i] ?? '').trim();
      if (!v || !k) return;
      if (isAnonymous(v)) return;
      if (k === 'who') {
        if (v.includes('@')) s.email = v;
        else if (ID_HEADERS.has(keys[i]!)) s.id = v;
        else if (NAME_HEADERS.has(keys[i]!)) s.name = v;
        // A "Student" column: a name when it reads like one ("Clarke, Zoë", "Zoë Clarke"), else an id.
        else if (/[\s,]/.test(v)) {
          const comma = v.indexOf(',');
          if (comma > 0) [s.familyName, s.givenName] = [v.slice(0, comma).trim(), v.slice(comma + 1).trim()];
          s.name = comma > 0 ? `${s.givenName} ${s.familyName}` : v;
        } else s.id = v;
      } else if (k === 'email' && !s.email && v.includes('@')) s.email = v;
      else if (k === 'name' && !s.name) s.name = v;
      else if (k === 'given') s.givenName = v;
      else if (k === 'family') s.familyName = v;
      else if (k === 'section') s.section = v;
      else if (k === 'id') (s.altIds ??= []).push(v);
    });
    if (!s.name && (s.givenName || s.familyName)) s.name = `${s.givenName ?? ''} ${s.familyName ?? ''}`.trim();
    return s;
  });
  let dated: Partial<ColumnDates> = {};
  if (dateCol >= 0) {
    dated = columnDates(rows.map((r) => ({ text: r.values[dateCol] ?? '', line: r.line })), meta.file, opts.dateFormat, notes);
    dated.stamps!.forEach((st, i) => { if (st) students[i]!.time = st.seconds; });
  }
  const { date, dateSpan, dateProblem } = dated;
  return {
    format: 'wide', file: meta.file, fileName: meta.fileName, sha256: meta.sha256, columns, students,
    assessments: [{ title: fileStem(meta.fileName), columns: columns.map((c) => c.index), ...(date ? { date } : {}), ...(dateSpan ? { dateSpan } : {}) }],
    decimalComma: table.delimiter !== ',', notes, diagnostics: [],
    ...(dateProblem ? { dateProblem } : {}),
  };
}
