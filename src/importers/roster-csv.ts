// A class list as a plain CSV from a school system or a spreadsheet: headers are matched loosely
// (Student ID / SIS ID, First / Given name, Last / Surname, "Last, First", Period / Section, Email).
import type { ImportedStudent } from '../domain/roster-merge.ts';
import type { Diagnostic } from '../domain/types.ts';
import type { CsvTable } from '../store/csv.ts';
import { cellText, pickColumn, sectionName, splitFullName } from './columns.ts';

export const ID_COLUMNS = ['id', 'student id', 'studentid', 'sis id', 'sis user id', 'student number', 'student no', 'student num', 'local id', 'user id'];
const GIVEN_COLUMNS = ['given name', 'first name', 'first', 'given', 'firstname', 'forename', 'student first name', 'preferred first name'];
const FAMILY_COLUMNS = ['family name', 'last name', 'last', 'family', 'surname', 'lastname', 'student last name'];
const FULL_COLUMNS = ['name', 'full name', 'student name', 'student', 'sortable name', 'display name'];
const SECTION_COLUMNS = ['section', 'period', 'class', 'section name', 'class period', 'per'];
const PERIOD_COLUMNS = ['period', 'class period', 'per'];
const EMAIL_COLUMNS = ['email', 'email address', 'student email', 'mail', 'school email'];

export interface RosterParse {
  format: string;
  rows: ImportedStudent[];
  diagnostics: Diagnostic[];
  /** What was left out and why, for the teacher to read (skipped rows, assumptions). */
  notes: string[];
}

export function parseRosterCsv(table: CsvTable): RosterParse {
  const { file, header } = table;
  const diagnostics: Diagnostic[] = [];
  const found = header.filter(Boolean).join(', ');
  const headerError = (message: string, hint: string): RosterParse => ({
    format: 'csv', rows: [], notes: [],
    diagnostics: [{ check: 'roster-import', severity: 'error', source: { file, line: 1 }, message, hint }],
  });
  const id = pickColumn(header, ID_COLUMNS);
  const given = pickColumn(header, GIVEN_COLUMNS);
  const family = pickColumn(header, FAMILY_COLUMNS);
  const full = pickColumn(header, FULL_COLUMNS);
  if (id < 0) return headerError(`no student id column (the header has: ${found})`, 'name the column of student numbers "Student ID" (or "id", "SIS ID"), then import again');
  if ((given < 0 || family < 0) && full < 0) {
    const which = given < 0 && family < 0 ? 'student names' : given < 0 ? 'first names' : 'last names';
    return headerError(`no column of ${which} (the header has: ${found})`, 'name the columns "First Name" and "Last Name", or give one "Name" column written "Last, First"');
  }
  const section = pickColumn(header, SECTION_COLUMNS);
  const isPeriod = section >= 0 && pickColumn([header[section]!], PERIOD_COLUMNS) === 0;
  const email = pickColumn(header, EMAIL_COLUMNS);
  if (!table.rows.length) return headerError('the file has a header but no students', 'export the class list again, with one row per student');

  const rows: ImportedStudent[] = [];
  for (const row of table.rows) {
    const source = { file, line: row.line };
    const sid = cellText(row.values, id);
    const names = given >= 0 && family >= 0
      ? { givenName: cellText(row.values, given), familyName: cellText(row.values, family) }
      : splitFullName(cellText(row.values, full));
    if (sid === '') {
      diagnostics.push({ check: 'roster-import', severity: 'error', source, message: `the row for ${JSON.stringify(`${names.givenName} ${names.familyName}`.trim() || '(no name)')} has no student id`, hint: 'fill in the id, or delete the row' });
      continue;
    }
    rows.push({
      id: sid, ...names, status: 'active', source,
      section: section >= 0 ? sectionName(cellText(row.values, section), isPeriod) : '',
      email: cellText(row.values, email),
    });
  }
  return { format: 'csv', rows, diagnostics, notes: [] };
}
