// Writing CSV deterministically: LF endings, quotes only where needed, final newline. Written out
// rather than through csv-stringify so that a 2,000,000-row mastery.csv is one pass over the rows;
// test/store/csv-write.test.ts holds it to csv-stringify's output byte for byte.

export interface CsvWriteOptions {
  /** Neutralise =, +, -, @, tab, CR at a cell's start (OWASP CSV injection): for files people open in spreadsheets. */
  escapeFormulas?: boolean;
}

// A lone CR is left unquoted, as csv-stringify leaves it when the record delimiter is given.
const NEEDS_QUOTES = /[",\n]/;
/** The first characters a spreadsheet reads as a formula (csv-stringify's list, with the full-width forms). */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/** One cell as it appears in the file. */
export function csvField(value: string, escapeFormulas = false): string {
  if (value === '') return value;
  const v = escapeFormulas && FORMULA_START.has(value[0]!) ? `'${value}` : value;
  return NEEDS_QUOTES.test(value) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** One record and its line ending. */
export function csvLine(values: readonly string[], escapeFormulas = false): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i ? ',' : '') + csvField(values[i]!, escapeFormulas);
  return line + '\n';
}

/** Deterministic CSV: LF endings, quotes only where needed, final newline. */
export function csvText(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[], opts: CsvWriteOptions = {}): string {
  const esc = opts.escapeFormulas ?? false;
  let out = csvLine(header, esc);
  for (const r of rows) out += csvLine(r.map((v) => (v === null || v === undefined ? '' : String(v))), esc);
  return out;
}
