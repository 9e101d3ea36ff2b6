// roster.csv: id,given_name,family_name,section,email,status — one row per student, sorted by id.
import { studentIdProblem } from '../domain/ids.ts';
import { compareText } from '../domain/numbers.ts';
import type { Diagnostic, Student } from '../domain/types.ts';
import { csvText, parseCsvBytes } from './csv.ts';
import { ROSTER_FILE } from './files.ts';

export { ROSTER_FILE } from './files.ts';
export const ROSTER_COLUMNS = ['id', 'given_name', 'family_name', 'section', 'email', 'status'] as const;

export function parseRoster(buf: Uint8Array, file = ROSTER_FILE): { students: Student[]; diagnostics: Diagnostic[] } {
  const { table, diagnostics } = parseCsvBytes(buf, file);
  if (!table) return { students: [], diagnostics };
  const col = (name: string) => table.header.indexOf(name);
  const missing = ['id', 'given_name', 'family_name'].filter((c) => col(c) < 0);
  if (missing.length) {
    diagnostics.push({
      check: 'roster', severity: 'error', source: { file, line: 1 },
      message: `roster.csv lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      hint: `its header must be: ${ROSTER_COLUMNS.join(',')}`,
    });
    return { students: [], diagnostics };
  }
  const students: Student[] = [];
  const get = (values: string[], name: string) => (col(name) >= 0 ? (values[col(name)] ?? '').trim() : '');
  for (const row of table.rows) {
    const source = { file, line: row.line };
    const id = get(row.values, 'id');
    const problem = studentIdProblem(id);
    if (problem) {
      diagnostics.push({ check: 'ids', severity: 'error', source, message: `unsafe student id ${JSON.stringify(id)}: ${problem}`, hint: 'use ids like S001 or the school\'s student number' });
      continue;
    }
    const status = get(row.values, 'status') || 'active';
    if (status !== 'active' && status !== 'withdrawn') {
      diagnostics.push({ check: 'roster', severity: 'error', source, message: `status ${JSON.stringify(status)} for ${id} is neither active nor withdrawn`, hint: 'write active or withdrawn' });
    }
    students.push({
      id, givenName: get(row.values, 'given_name'), familyName: get(row.values, 'family_name'),
      section: get(row.values, 'section'), email: get(row.values, 'email'),
      status: status === 'withdrawn' ? 'withdrawn' : 'active', source,
    });
  }
  return { students, diagnostics };
}

export function rosterText(students: readonly Student[]): string {
  const rows = [...students].sort((a, b) => compareText(a.id, b.id))
    .map((s) => [s.id, s.givenName, s.familyName, s.section, s.email, s.status]);
  return csvText(ROSTER_COLUMNS, rows);
}

export function displayName(s: Pick<Student, 'givenName' | 'familyName' | 'id'>): string {
  return `${s.givenName} ${s.familyName}`.trim() || s.id;
}
