// Canvas "Export Entire Gradebook" CSV (formats.md §4.1, from canvas-lms lib/gradebook_exporter.rb):
// assignment columns "Title (id)", a "Manual Posting"/"Muted" row and the "    Points Possible" row
// before the students, "Last, First" names, EX / N/A / blank cells, the Test Student last.
// Totals and custom columns are left alone. Every assignment becomes its own assessment.
import type { CsvTable } from '../store/csv.ts';
import { headerKey, type RawAssessment, type RawColumn, type RawResult, type RawStudent, type ReadOptions } from './raw.ts';
import type { SourceMeta } from './source-meta.ts';

const ASSIGNMENT = /^(.*\S)\s*\((\d+)\)$/;

export function looksLikeCanvas(header: readonly string[]): boolean {
  const keys = header.map(headerKey);
  const named = keys[0] === 'student' || (keys.includes('lastname') && keys.includes('firstname'));
  return named && (keys.includes('sisuserid') || keys.includes('sisloginid') || (keys.includes('id') && header.some((h) => ASSIGNMENT.test(h))));
}

/** Canvas writes a name that starts with "=" as ="…" so spreadsheets do not run it. */
function unwrapFormula(s: string): string {
  const m = /^="(.*)"$/.exec(s.trim());
  return m ? m[1]!.replace(/""/g, '"') : s.trim();
}

function isNumber(text: string, decimalComma: boolean): boolean {
  const t = decimalComma ? text.trim().replace(',', '.') : text.trim();
  return t !== '' && Number.isFinite(Number(t));
}

export function readCanvas(table: CsvTable, meta: SourceMeta, _opts: ReadOptions): RawResult {
  const keys = table.header.map(headerKey);
  const col = (k: string) => keys.indexOf(k);
  const student = col('student');
  const last = col('lastname');
  const first = col('firstname');
  const canvasId = col('id');
  const sis = col('sisuserid');
  const login = col('sisloginid');
  const integration = col('integrationid');
  const section = col('section');
  const decimalComma = table.delimiter !== ',';
  const nameAt = student >= 0 ? student : last;

  const pointsRow = table.rows.find((r) => (r.values[0] ?? '').trim().toLowerCase() === 'points possible');
  const notes: string[] = [];
  const columns: RawColumn[] = [];
  const fileCols: number[] = [];
  table.header.forEach((h, i) => {
    const m = ASSIGNMENT.exec(h);
    if (!m) return;
    const pp = pointsRow ? (pointsRow.values[i] ?? '').trim() : '';
    // Totals carry "(read only)" (or its translation) in the points row.
    if (pointsRow && pp !== '' && !isNumber(pp, decimalComma)) return;
    const points = pp === '' ? undefined : Number(decimalComma ? pp.replace(',', '.') : pp);
    if (points === 0) {
      notes.push(`left out ${JSON.stringify(m[1])}: it is worth 0 points`);
      return;
    }
    fileCols.push(i);
    columns.push({ index: columns.length, header: h, title: m[1]!, ref: m[2]!, holds: 'points', role: 'question', fileColumn: i + 1, ...(points !== undefined ? { pointsPossible: points } : {}) });
  });

  const students: RawStudent[] = [];
  let testStudents = 0;
  for (const row of table.rows) {
    const firstCell = (row.values[0] ?? '').trim();
    // The hidden-scores row ("Manual Posting", "Muted") has an empty first cell; so do blank lines.
    if (firstCell === '' || row === pointsRow) continue;
    const get = (i: number) => (i >= 0 ? (row.values[i] ?? '').trim() : '');
    let given = '';
    let family = '';
    if (student >= 0) {
      const sortable = unwrapFormula(get(student));
      const comma = sortable.indexOf(',');
      if (comma >= 0) {
        family = sortable.slice(0, comma).trim();
        given = sortable.slice(comma + 1).trim();
      } else given = sortable;
    } else {
      family = unwrapFormula(get(last));
      given = unwrapFormula(get(first));
    }
    const full = `${given} ${family}`.trim();
    if (/^test student$/i.test(full) || /^student,\s*test$/i.test(unwrapFormula(get(nameAt)))) {
      testStudents++;
      continue;
    }
    const s: RawStudent = { line: row.line, name: full, givenName: given, familyName: family, cells: fileCols.map((fc) => (row.values[fc] ?? '').trim()) };
    if (sis >= 0 && get(sis)) s.id = get(sis);
    // Canvas's own ID is a roster id only when the roster came from an export without SIS ids
    // (canvas-roster.ts): beside an SIS id it is another numbering, and may be someone else's id.
    const alt = [login, integration, ...(s.id ? [] : [canvasId])].map(get).filter(Boolean);
    if (alt.length) s.altIds = alt;
    if (get(login).includes('@')) s.email = get(login);
    if (get(section)) s.section = get(section);
    students.push(s);
  }
  if (testStudents) notes.push('left out Canvas\'s Test Student');
  if (!pointsRow) notes.push('this export has no "Points Possible" row: the points come from the map');
  const assessments: RawAssessment[] = columns.map((c) => ({ title: c.title, ref: c.ref, columns: [c.index] }));
  return {
    format: 'canvas', file: meta.file, fileName: meta.fileName, sha256: meta.sha256,
    columns, students, assessments, decimalComma, notes, diagnostics: [],
  };
}
