// Reading and writing CSV. Reading is forgiving about what spreadsheets do (BOM, encodings,
// ; or tab delimiters, trailing empty fields); writing is deterministic (LF, sorted by the caller).
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Diagnostic } from '../domain/types.ts';
import { binaryKind, decodeText, looksBinary, nulLine, type DecodedText } from './text.ts';

export interface CsvRow {
  /** One value per header column ('' when missing). */
  values: string[];
  /** 1-based line in the file where the record starts. */
  line: number;
}

export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRow[];
  delimiter: string;
  encoding: DecodedText['encoding'];
}

export interface CsvResult {
  table?: CsvTable;
  diagnostics: Diagnostic[];
}

/** The delimiter that splits the header best: comma, semicolon or tab. */
export function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t']) {
    let n = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) n++;
    }
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

export function parseCsvBytes(buf: Uint8Array, file: string): CsvResult {
  const kind = binaryKind(buf);
  if (kind) {
    const what = kind === 'zip' ? 'an Excel workbook or a zip file' : 'a PDF';
    return { diagnostics: [{ check: 'csv', severity: 'error', source: { file, line: 1 }, message: `this is ${what}, not a CSV file`, hint: kind === 'zip' ? 'open it in your spreadsheet and save it as CSV (File › Save As › CSV UTF-8), then use that file' : 'export the data as CSV from the program that made it' }] };
  }
  const decoded = decodeText(buf);
  return parseCsvText(decoded.text, file, decoded.encoding);
}

export function parseCsvText(text: string, file: string, encoding: DecodedText['encoding'] = 'utf-8'): CsvResult {
  const diag = (message: string, line: number, hint?: string): CsvResult => ({
    diagnostics: [{ check: 'csv', severity: 'error', message, hint, source: { file, line } }],
  });
  if (looksBinary(text)) return diag('this is not a text file (it holds binary data)', 1, 'export the data as CSV (comma-separated values) and try again');
  const nul = nulLine(text);
  if (nul !== undefined) return diag('this line holds a NUL byte, an invisible character that cannot be part of an id or a name', nul, 'retype the line in a spreadsheet or text editor, or export the file again');
  if (!text.trim()) return diag('the file is empty', 1, 'export the data again, with its header row');
  // One line ending for the parser: csv-parse miscounts lines when CRLF files hold blank lines and
  // quoted line breaks together, and old Mac exports end lines with a lone CR.
  const lf = text.replace(/\r\n?/g, '\n');
  const delimiter = detectDelimiter(lf);
  let records: { record: string[]; info: { lines: number } }[];
  // csv-parse builds an Error (with a stack) for every ragged row it tolerates; without stacks a
  // file of 50,000 ragged rows reads in half the time. Restored at once: parse is synchronous.
  const stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    records = parse(lf, {
      delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true,
      max_record_size: 1 << 20,
      // A CRLF download with a line added in a text editor mixes line endings: accept all three.
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const err = e as { message?: string; lines?: number; code?: string };
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
      return diag('a quoted value that starts on this line is never closed', openQuoteLine(lf, delimiter), 'add the missing closing quote ("), or save the file again from the spreadsheet');
    }
    const line = typeof err.lines === 'number' ? err.lines : 1;
    return diag((err.message ?? 'the CSV cannot be read').replace(/^Invalid Record Length: /, ''), line, 'open the file in a spreadsheet and save it again as CSV');
  } finally {
    Error.stackTraceLimit = stackLimit;
  }
  if (records.length === 0) return diag('the file is empty', 1, 'export the data again, with its header row');
  const header = records[0]!.record.map((h) => h.trim());
  while (header.length && header[header.length - 1] === '') header.pop();
  const diagnostics: Diagnostic[] = [];
  const rows: CsvRow[] = [];
  for (const { record, info } of records.slice(1)) {
    if (record.every((v) => v.trim() === '')) continue;
    // Rows are named by the line they start on (a quoted value may span lines; csv-parse gives the end).
    const breaks = record.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
    const line = info.lines - breaks;
    if (record.length > header.length && record.slice(header.length).some((v) => v.trim() !== '')) {
      diagnostics.push(breaks
        ? { check: 'csv', severity: 'error', source: { file, line }, message: `this row has ${record.length} fields but the header has ${header.length}: a quoted value that starts here seems to lack its closing quote`, hint: 'add the missing closing quote ("), or save the file again from the spreadsheet' }
        : { check: 'csv', severity: 'error', source: { file, line }, message: `this row has ${record.length} fields but the header has ${header.length}`, hint: 'remove the extra values, or put a value that holds the delimiter in quotes' });
      continue;
    }
    const values = header.map((_, i) => record[i] ?? '');
    rows.push({ values, line });
  }
  return { table: { file, header, rows, delimiter, encoding }, diagnostics };
}

/** The line where the last unclosed quoted value opens (csv-parse reports where the file ends). */
function openQuoteLine(text: string, delimiter: string): number {
  let line = 1;
  let opened = 1;
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      if (quoted) quoted = false;
      else if (fieldStart) {
        quoted = true;
        opened = line;
      }
    } else if (ch === '\n') line++;
    fieldStart = !quoted && (ch === delimiter || ch === '\n');
  }
  return opened;
}

/** Column index by a set of accepted header names (compared loosely: case, spaces, _ and - ignored). */
export function findColumn(header: readonly string[], names: readonly string[]): number {
  const want = new Set(names.map(normalizeHeader));
  return header.findIndex((h) => want.has(normalizeHeader(h)));
}

export function normalizeHeader(h: string): string {
  return h.toLowerCase().replace(/[\s_\-.]+/g, '');
}

export interface CsvWriteOptions {
  /** Neutralise cells a spreadsheet would run as a formula (OWASP CSV injection): for files people open in spreadsheets. */
  escapeFormulas?: boolean;
}

// A spreadsheet treats a cell starting with one of these as a formula (OWASP; LF and NUL per the
// 2025 update). csv-stringify's own escape_formulas misses LF and NUL, so the project does it here.
const FORMULA_START = /^[=+\-@\t\r\n\0]/;
// A plain negative number is a value, not a formula: "-1.5" stays as is; so does a lone "-",
// the blank marker of many exports.
const NOT_A_FORMULA = /^-(?:\d+(?:\.\d+)?)?$/;

/** True when a spreadsheet could read this cell as a formula. */
export function isFormulaLike(cell: string): boolean {
  return FORMULA_START.test(cell) && !NOT_A_FORMULA.test(cell);
}

/** The cell as a spreadsheet will show it as text: a leading apostrophe stops the formula. */
export function neutralizeFormula(cell: string): string {
  return isFormulaLike(cell) ? `'${cell}` : cell;
}

/** Deterministic CSV: LF endings, quotes only where needed, final newline. */
export function csvText(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[], opts: CsvWriteOptions = {}): string {
  const cell = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const esc = opts.escapeFormulas ? neutralizeFormula : (s: string) => s;
  const data = [header.map((h) => esc(h)), ...rows.map((r) => r.map((v) => esc(cell(v))))];
  return stringify(data, { record_delimiter: 'unix' });
}

/**
 * Cells as csv-stringify writes them (quoted only where needed), for writers that assemble a large
 * file row by row from a few distinct values: a district's mastery.csv is 2,000,000 rows of ids,
 * labels and dates, each quoted once here. One call for them all, one value to a record.
 */
export function csvCells(values: readonly string[]): string[] {
  // NUL ends each record: a value holding one comes back quoted and the count is off, so each is
  // then written on its own.
  const cells = stringify(values.map((v) => [v]), { record_delimiter: '\0' }).split('\0');
  cells.pop();
  return cells.length === values.length ? cells : values.map((v) => stringify([[v]], { record_delimiter: 'unix' }).slice(0, -1));
}

export interface FormulaCell {
  line: number;
  /** 1-based column. */
  column: number;
  header: string;
  value: string;
}

/**
 * Text cells of an input table that a spreadsheet would run as a formula, for importers to warn
 * about with file and line (the cells are kept as they are: the teacher decides).
 */
export function formulaLikeCells(table: Pick<CsvTable, 'header' | 'rows'>): FormulaCell[] {
  const out: FormulaCell[] = [];
  for (const row of table.rows) {
    row.values.forEach((value, i) => {
      if (isFormulaLike(value)) out.push({ line: row.line, column: i + 1, header: table.header[i] ?? '', value });
    });
  }
  return out;
}

/**
 * One line for an import's notes: how many cells start like a formula, and the first (an exit
 * ticket of negative fractions would otherwise print a warning per answer).
 */
export function formulaNote(table: Pick<CsvTable, 'header' | 'rows' | 'file'>): string | undefined {
  const cells = formulaLikeCells(table);
  if (!cells.length) return undefined;
  const c = cells[0]!;
  const v = c.value.length > 40 ? c.value.slice(0, 40) + '…' : c.value;
  return `${cells.length} cell${cells.length === 1 ? '' : 's'} in ${table.file} start${cells.length === 1 ? 's' : ''} like a spreadsheet formula (first: line ${c.line}, ${c.header || `column ${c.column}`}: ${JSON.stringify(v)}); kept as typed, and neutralised in the CSVs pathbook writes for spreadsheets`;
}

/** The quote neutralizeFormula put before a cell, taken off again (for files the tool reads back). */
export function restoreFormula(cell: string): string {
  return cell.startsWith("'") && isFormulaLike(cell.slice(1)) ? cell.slice(1) : cell;
}

/** formulaLikeCells as warnings an importer can add to its diagnostics. */
export function formulaWarnings(table: Pick<CsvTable, 'header' | 'rows' | 'file'>): Diagnostic[] {
  return formulaLikeCells(table).map((c) => ({
    check: 'csv-injection', severity: 'warning' as const, source: { file: table.file, line: c.line, column: c.column },
    message: `${c.header || `column ${c.column}`}: ${JSON.stringify(c.value.length > 40 ? c.value.slice(0, 40) + '…' : c.value)} starts like a spreadsheet formula`,
    hint: 'pathbook keeps it as text and neutralises it in the CSVs it exports; check the source if it is not what a student wrote',
  }));
}
