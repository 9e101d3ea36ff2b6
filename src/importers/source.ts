// Reading a source file from disk: its hash, its encoding and delimiter, which tool made it, then the
// importer for that tool. Long CSVs are streamed; the others are small enough to read whole.
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { detectDelimiter, formulaNote, parseCsvBytes, parseCsvText } from '../store/csv.ts';
import { UserError } from '../store/errors.ts';
import { sha256, sha256Hash } from '../store/sha256.ts';
import { binaryKind, decodeText } from '../store/text.ts';
import { readCanvas } from './canvas.ts';
import { describeFormat, detectFormat } from './detect.ts';
import { readGoogleForms } from './google-forms.ts';
import { folderCsvs, hasGradebook, oneRosterFolder, readOneRoster } from './oneroster-gradebook.ts';
import type { OneRosterFiles } from './oneroster.ts';
import { zipFiles } from './roster-source.ts';
import { looksLikeZip, readZip } from './zip.ts';
import type { RawResult, ReadOptions, SourceFormat } from './raw.ts';
import type { SourceMeta } from './source-meta.ts';
import { readWide } from './wide.ts';

const PROBE_BYTES = 1 << 16;

function probe(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(PROBE_BYTES);
    const n = readSync(fd, buf, 0, PROBE_BYTES, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** The header (and a few rows) from the first block, without reading the whole file. */
function headOf(bytes: Uint8Array, file: string, whole: boolean) {
  let { text, encoding } = decodeText(bytes);
  // A multi-byte character cut at the block's end is not Windows-1252: decode only whole lines.
  if (!whole) {
    const cut = bytes.lastIndexOf(0x0a);
    if (cut > 0) ({ text, encoding } = decodeText(bytes.subarray(0, cut + 1)));
  }
  const parsed = parseCsvText(text, file, encoding);
  return { header: parsed.table?.header ?? [], delimiter: detectDelimiter(text), encoding, diagnostics: parsed.diagnostics, parsed };
}

export async function readSource(path: string, display: string, opts: ReadOptions & { format?: SourceFormat }): Promise<RawResult> {
  if (!existsSync(path)) throw new UserError(`${display} does not exist`, { hint: 'check the file name (put it in quotes if it has spaces)' });
  const folder = statSync(path).isDirectory();
  const first = folder ? new Uint8Array(0) : probe(path);
  // OneRoster gradebooks come as a zip, a folder, or one of the folder's files.
  let files: OneRosterFiles | undefined;
  if (folder) {
    const dir = oneRosterFolder(path);
    if (!dir) throw new UserError(`${display} is a folder without OneRoster lineItems.csv and results.csv`, { hint: 'name the exported file; a folder (or .zip) is read as a OneRoster gradebook' });
    files = folderCsvs(dir, display);
  } else if (looksLikeZip(first)) {
    const bytes = readFileSync(path);
    let names: string[] = [];
    try { names = readZip(bytes).map((e) => e.name); } catch { /* zipFiles says what is wrong with it */ }
    if (names.includes('xl/workbook.xml')) throw new UserError(`${display} is an Excel workbook, not a CSV export`, { hint: 'open it in your spreadsheet and save it as CSV (File › Save As › CSV UTF-8), then import that file' });
    files = zipFiles(bytes, display);
    if (!hasGradebook(files)) throw new UserError(`${display} holds no OneRoster gradebook (lineItems.csv and results.csv)`, { hint: 'a class list goes to `pathbook roster import`; a gradebook export holds lineItems.csv and results.csv' });
  } else if (opts.format === 'oneroster' || (!opts.format && oneRosterFolder(path))) {
    const dir = oneRosterFolder(path);
    if (!dir) throw new UserError(`no OneRoster gradebook beside ${display}`, { hint: 'a OneRoster import needs lineItems.csv and results.csv in one folder (or a .zip)' });
    files = folderCsvs(dir, dirname(display));
  }
  if (files) {
    const { result, hashed } = readOneRoster(files, folder || looksLikeZip(first) ? display : dirname(display), folder ? basename(path) : looksLikeZip(first) ? basename(path) : basename(dirname(path)), opts);
    const h = sha256Hash();
    for (const b of hashed) h.update(sha256Hash().update(b).digest());
    result.sha256 = h.digest('hex');
    return result;
  }

  const whole = statSync(path).size <= first.length;
  const head = headOf(first, display, whole);
  if (head.diagnostics.some((d) => d.severity === 'error') && !head.header.length) {
    const d = head.diagnostics[0]!;
    throw new UserError(d.message, { hint: d.hint, source: d.source });
  }
  const format = opts.format ?? detectFormat(head.header);
  if (!format) {
    throw new UserError(`cannot tell which tool exported ${display} (its header is ${JSON.stringify(head.header.slice(0, 6).join(','))}${head.header.length > 6 ? '…' : ''})`, {
      hint: 'say which with --format google-forms|canvas|oneroster|wide|long; a generic file needs a student_id (or email) column',
      source: { file: display, line: 1 },
    });
  }
  if (format === 'oneroster') throw new UserError(`${display} is part of a OneRoster export`, { hint: 'a OneRoster import needs lineItems.csv and results.csv in one folder: name the folder or one of them', source: { file: display, line: 1 } });
  const fileName = basename(path);
  if (format === 'long') return (await import('./long.ts')).readLong(path, { file: display, fileName }, { encoding: head.encoding, delimiter: head.delimiter }, opts);

  // A file that fit in the first block (an exit ticket) was read and parsed whole already.
  const bytes = whole ? first : readFileSync(path);
  const meta: SourceMeta = { file: display, fileName, sha256: sha256(bytes) };
  const { table, diagnostics } = whole && !binaryKind(first) ? head.parsed : parseCsvBytes(bytes, display);
  if (!table) {
    const d = diagnostics[0]!;
    throw new UserError(d.message, { hint: d.hint, source: d.source });
  }
  const read = { 'google-forms': readGoogleForms, canvas: readCanvas, wide: readWide }[format as 'google-forms' | 'canvas' | 'wide'];
  const result = read(table, meta, opts);
  result.diagnostics.unshift(...diagnostics);
  // Student-typed answers may start like a formula (peers.md §3.3): say so once.
  const formulas = formulaNote(table);
  if (formulas) result.notes.push(formulas);
  if (!result.columns.some((c) => c.role === 'question') && !result.columns.length) {
    throw new UserError(`${display} holds no questions or items to import (read as ${describeFormat(format)})`, { hint: 'check the export, or say what it is with --format', source: { file: display, line: 1 } });
  }
  return result;
}
