// The students of a Canvas "Export Entire Gradebook" CSV (reference/formats.md §4.1): one row per
// student after the Manual Posting and "    Points Possible" rows, the test student last.
import type { ImportedStudent } from '../domain/roster-merge.ts';
import type { Diagnostic } from '../domain/types.ts';
import type { CsvTable } from '../store/csv.ts';
import { normalizeHeader } from '../store/csv.ts';
import { cellText, pickColumn, sectionName, splitFullName } from './columns.ts';
import type { RosterParse } from './roster-csv.ts';

/** Canvas's header starts Student (or LastName, FirstName), ID, then SIS User ID / SIS Login ID / Section. */
export function isCanvasGradebook(header: readonly string[]): boolean {
  const h = header.map(normalizeHeader);
  const named = h[0] === 'student' || (h[0] === 'lastname' && h[1] === 'firstname');
  return named && h.includes('id') && (h.includes('sisuserid') || h.includes('sisloginid') || h.includes('section'));
}

const TEST_STUDENT = /^(student,\s*test|test\s+student)$/i;

export function parseCanvasRoster(table: CsvTable): RosterParse {
  const { file, header } = table;
  const diagnostics: Diagnostic[] = [];
  const notes: string[] = [];
  const student = pickColumn(header, ['student']);
  const last = pickColumn(header, ['lastname']);
  const first = pickColumn(header, ['firstname']);
  const canvasId = pickColumn(header, ['id']);
  const sisId = pickColumn(header, ['sis user id']);
  const login = pickColumn(header, ['sis login id']);
  const section = pickColumn(header, ['section']);
  const rows: ImportedStudent[] = [];
  const skipped: string[] = [];
  for (const row of table.rows) {
    const source = { file, line: row.line };
    const lead = (row.values[0] ?? '').trim();
    // Rows before the students: "Manual Posting"/"Muted" (first cell empty) and Points Possible.
    if (lead === '' || lead === 'Points Possible') continue;
    const names = student >= 0 ? splitFullName(cellText(row.values, student)) : { familyName: cellText(row.values, last), givenName: cellText(row.values, first) };
    if (TEST_STUDENT.test(`${names.familyName}, ${names.givenName}`) || TEST_STUDENT.test(lead)) {
      skipped.push(`the test student (line ${row.line})`);
      continue;
    }
    // The SIS id is the school's number for the student; Canvas's own id only when there is none.
    const id = cellText(row.values, sisId) || cellText(row.values, canvasId);
    if (!id) {
      diagnostics.push({ check: 'roster-import', severity: 'error', source, message: `${names.givenName} ${names.familyName} has neither an SIS User ID nor an ID`, hint: 'export the gradebook again with the ID columns shown' });
      continue;
    }
    const loginId = cellText(row.values, login);
    rows.push({ id, ...names, section: sectionName(cellText(row.values, section), false), email: loginId.includes('@') ? loginId : '', status: 'active', source });
  }
  if (skipped.length) notes.push(`Skipped ${skipped.join(', ')}.`);
  if (!rows.length && !diagnostics.length) {
    diagnostics.push({ check: 'roster-import', severity: 'error', source: { file, line: 1 }, message: 'the gradebook export lists no students', hint: 'export the gradebook again after students have enrolled' });
  }
  return { format: 'canvas', rows, diagnostics, notes };
}
