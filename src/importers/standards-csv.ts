// Standards as a CSV: id, statement, student_statement, unit, prerequisites (several codes in one
// cell, separated by spaces, semicolons or commas). Headers are matched loosely, and an OpenSALT
// CASE item sheet (humanCodingScheme, fullStatement, identifier) reads too.
import { normalizeStandardCode } from '../domain/standard-codes.ts';
import type { ImportedStandard } from '../domain/standards-merge.ts';
import type { Diagnostic } from '../domain/types.ts';
import type { CsvTable } from '../store/csv.ts';
import { cellText, pickColumn } from './columns.ts';

export interface StandardsParse {
  format: string;
  rows: ImportedStandard[];
  diagnostics: Diagnostic[];
  notes: string[];
}

/** Codes in one cell: "6.RP.A.1; 6.RP.A.2", "6.RP.A.1 6.RP.A.2" or "6.RP.A.1, 6.RP.A.2". */
export function splitCodes(cell: string): string[] {
  return cell.split(/[\s;,]+/).map(normalizeStandardCode).filter(Boolean);
}

export function parseStandardsCsv(table: CsvTable): StandardsParse {
  const { file, header } = table;
  const diagnostics: Diagnostic[] = [];
  const found = header.filter(Boolean).join(', ');
  const fail = (message: string, hint: string): StandardsParse => ({ format: 'csv', rows: [], notes: [], diagnostics: [{ check: 'standards-import', severity: 'error', source: { file, line: 1 }, message, hint }] });
  const id = pickColumn(header, ['id', 'code', 'standard', 'standard code', 'standard id', 'humanCodingScheme']);
  const statement = pickColumn(header, ['statement', 'fullStatement', 'description', 'standard text', 'text']);
  if (id < 0) return fail(`no column of standard codes (the header has: ${found})`, 'name the columns id, statement, student_statement, unit, prerequisites');
  if (statement < 0) return fail(`no statement column (the header has: ${found})`, 'name the column of standard descriptions "statement"');
  const student = pickColumn(header, ['student_statement', 'student statement', 'i can', 'i can statement', 'kid friendly']);
  const unit = pickColumn(header, ['unit', 'unit name']);
  const prereq = pickColumn(header, ['prerequisites', 'prerequisite', 'prereqs', 'prereq']);
  const caseId = pickColumn(header, ['identifier', 'case id', 'case_id']);
  if (!table.rows.length) return fail('the file has a header but no standards', 'add one row per standard');
  const rows: ImportedStandard[] = [];
  for (const row of table.rows) {
    const source = { file, line: row.line };
    const code = normalizeStandardCode(cellText(row.values, id));
    if (!code) {
      diagnostics.push({ check: 'standards-import', severity: 'error', source, message: 'this row has no standard code', hint: 'fill in the id (e.g. 6.RP.A.1), or delete the row' });
      continue;
    }
    const pre = cellText(row.values, prereq);
    rows.push({
      id: code, statement: cellText(row.values, statement), studentStatement: cellText(row.values, student),
      unit: cellText(row.values, unit), prerequisites: prereq >= 0 && pre !== '' ? splitCodes(pre) : undefined,
      caseId: cellText(row.values, caseId) || undefined, source,
    });
  }
  return { format: 'csv', rows, diagnostics, notes: [] };
}
