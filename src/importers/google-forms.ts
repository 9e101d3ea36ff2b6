// Google Forms quiz responses (formats.md §2), both downloads: Forms' "Download responses" (every field
// quoted, "2026/11/20 3:05:00 PM GMT-5") and the linked Sheet's CSV (locale timestamps). One column per
// question holding the answer text; Score "7 / 10" is the form's own total, kept for cross-checking.
import type { CsvTable } from '../store/csv.ts';
import { dateRange, resolveDates } from './dates.ts';
import { EMAIL_HEADERS, FAMILY_HEADERS, GIVEN_HEADERS, headerKey, ID_HEADERS, isAnonymous, NAME_HEADERS, SECTION_HEADERS, type RawColumn, type RawResult, type RawStudent, type ReadOptions } from './raw.ts';
import { fileStem, type SourceMeta } from './source-meta.ts';

// The first column's name in the languages a teacher's Google account may use ([memory] beyond English).
export const TIMESTAMP_HEADERS = new Set(['timestamp', 'marcatemporal', 'horodateur', 'zeitstempel', 'carimbodedatahora', 'informazionicronologiche', 'tijdstempel']);
const FORMS_IDENTITY = new Set(['emailaddress', 'username', 'nombredeusuario', 'nomdutilisateur', 'nutzername', ...EMAIL_HEADERS]);
export const SCORE_HEADERS = new Set(['score', 'puntuacion', 'punktzahl', 'pontuacao', 'punteggio']);

const SCORE = /^\s*(\d+(?:[.,]\d+)?)\s*\/\s*(\d+(?:[.,]\d+)?)\s*$/;

export function looksLikeForms(header: readonly string[]): boolean {
  return header.length > 0 && TIMESTAMP_HEADERS.has(headerKey(header[0]!));
}

export function readGoogleForms(table: CsvTable, meta: SourceMeta, opts: ReadOptions): RawResult {
  const keys = table.header.map(headerKey);
  const ts = keys.findIndex((k) => TIMESTAMP_HEADERS.has(k));
  const who = keys.findIndex((k, i) => i !== ts && FORMS_IDENTITY.has(k));
  const score = keys.findIndex((k, i) => i !== ts && i !== who && SCORE_HEADERS.has(k));
  const role = (k: string) => (NAME_HEADERS.has(k) ? 'name' : GIVEN_HEADERS.has(k) ? 'given' : FAMILY_HEADERS.has(k) ? 'family' : ID_HEADERS.has(k) ? 'id' : SECTION_HEADERS.has(k) ? 'section' : EMAIL_HEADERS.has(k) ? 'email' : undefined);
  // Questions that ask who the student is identify them; they are not graded.
  const identity = new Map<number, string>();
  keys.forEach((k, i) => { if (i !== ts && i !== who && i !== score && role(k)) identity.set(i, role(k)!); });

  const columns: RawColumn[] = [];
  const fileColToIndex = new Map<number, number>();
  table.header.forEach((h, i) => {
    if (i === ts || i === who || i === score || identity.has(i)) return;
    const grid = /^(.*\S)\s*\[(.+)\]$/.exec(h);
    fileColToIndex.set(i, columns.length);
    columns.push({ index: columns.length, header: h, title: h, holds: 'answers', role: 'question', fileColumn: i + 1, ...(grid ? { grid: grid[1]! } : {}) });
  });
  let scoreIndex = -1;
  if (score >= 0) {
    scoreIndex = columns.length;
    columns.push({ index: scoreIndex, header: table.header[score]!, title: table.header[score]!, holds: 'points', role: 'extra', fileColumn: score + 1 });
  }

  const notes: string[] = [];
  const times = resolveDates(table.rows.map((r) => ({ text: ts >= 0 ? r.values[ts] ?? '' : '', line: r.line })), meta.file, 'timestamps', opts.dateFormat);
  let possible = 0;
  const students: RawStudent[] = table.rows.map((row, ri) => {
    const s: RawStudent = { line: row.line, cells: new Array(columns.length) };
    const typed = who >= 0 ? (row.values[who] ?? '').trim() : '';
    const ident = isAnonymous(typed) ? '' : typed;
    if (ident.includes('@')) s.email = ident;
    else if (ident) s.id = ident;
    for (const [i, r] of identity) {
      const v = (row.values[i] ?? '').trim();
      if (!v) continue;
      if (r === 'name') s.name = v;
      else if (r === 'given') s.givenName = v;
      else if (r === 'family') s.familyName = v;
      else if (r === 'section') s.section = v;
      else if (r === 'email' && !s.email && v.includes('@')) s.email = v;
      else if (!s.id) s.id = v;
      else (s.altIds ??= []).push(v);
    }
    if (!s.name && (s.givenName || s.familyName)) s.name = `${s.givenName ?? ''} ${s.familyName ?? ''}`.trim();
    for (const [fc, ci] of fileColToIndex) s.cells[ci] = row.values[fc] ?? '';
    if (score >= 0) {
      const m = SCORE.exec(row.values[score] ?? '');
      if (m) {
        s.score = { earned: Number(m[1]!.replace(',', '.')), possible: Number(m[2]!.replace(',', '.')) };
        possible = Math.max(possible, s.score.possible);
        s.cells[scoreIndex] = String(s.score.earned);
      } else s.cells[scoreIndex] = (row.values[score] ?? '').trim();
    }
    const st = times.stamps[ri];
    if (st) s.time = st.seconds;
    if (ts >= 0) s.timeText = (row.values[ts] ?? '').trim();
    return s;
  });
  if (scoreIndex >= 0 && possible > 0) columns[scoreIndex]!.pointsPossible = possible;
  if (times.reason) notes.push(`read the timestamps ${times.order === 'dmy' ? 'day first' : 'month first'}: ${times.reason}`);
  if (times.unreadable.length) notes.push(`${times.unreadable.length} timestamp(s) could not be read (first on line ${times.unreadable[0]!.line}: ${JSON.stringify(times.unreadable[0]!.text)}); repeated submissions fall back to file order`);
  const range = dateRange(times.stamps);
  return {
    format: 'google-forms', file: meta.file, fileName: meta.fileName, sha256: meta.sha256,
    columns, students,
    assessments: [{
      title: fileStem(meta.fileName), columns: columns.map((c) => c.index),
      ...(range ? { date: range.first } : {}), ...(range && range.first !== range.last ? { dateSpan: range } : {}),
    }],
    decimalComma: table.delimiter !== ',', notes, diagnostics: [],
    ...(times.problem ? { dateProblem: times.problem } : {}),
  };
}
