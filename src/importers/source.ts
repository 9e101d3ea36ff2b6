// Reading a source file from disk: its hash, its encoding and delimiter, which tool made it, then the
// importer for that tool. Long CSVs are streamed; the others are small enough to read whole.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { detectDelimiter, parseCsvBytes, parseCsvText } from '../store/csv.ts';
import { UserError } from '../store/errors.ts';
import { decodeText } from '../store/text.ts';
import { readCanvas } from './canvas.ts';
import { describeFormat, detectFormat } from './detect.ts';
import { readGoogleForms } from './google-forms.ts';
import { readLong } from './long.ts';
import { oneRosterFolder, readOneRoster } from './oneroster.ts';
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
  return { header: parsed.table?.header ?? [], delimiter: detectDelimiter(text), encoding, diagnostics: parsed.diagnostics };
}

export async function readSource(path: string, display: string, opts: ReadOptions & { format?: SourceFormat }): Promise<RawResult> {
  if (!existsSync(path)) throw new UserError(`${display} does not exist`, { hint: 'check the file name (put it in quotes if it has spaces)' });
  const folder = statSync(path).isDirectory();
  const orFolder = opts.format === 'oneroster' || folder ? oneRosterFolder(path) : undefined;
  if (folder && !orFolder) throw new UserError(`${display} is a folder`, { hint: 'name the exported file; a folder is read only when it holds OneRoster lineItems.csv and results.csv' });
  if (orFolder || (!opts.format && oneRosterFolder(path))) {
    const dir = orFolder ?? oneRosterFolder(path)!;
    const shown = folder ? display : dirname(display);
    const { result, hashed } = readOneRoster(dir, shown, opts);
    const h = createHash('sha256');
    for (const b of hashed) h.update(createHash('sha256').update(b).digest());
    result.sha256 = h.digest('hex');
    return result;
  }
  if (opts.format === 'oneroster') throw new UserError(`no OneRoster gradebook beside ${display}`, { hint: 'a OneRoster import needs lineItems.csv and results.csv in one folder' });

  const size = statSync(path).size;
  const first = probe(path);
  const head = headOf(first, display, size <= first.length);
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
  if (format === 'long') return readLong(path, { file: display, fileName }, { encoding: head.encoding, delimiter: head.delimiter }, opts);

  const bytes = readFileSync(path);
  const meta: SourceMeta = { file: display, fileName, sha256: createHash('sha256').update(bytes).digest('hex') };
  const { table, diagnostics } = parseCsvBytes(bytes, display);
  if (!table) {
    const d = diagnostics[0]!;
    throw new UserError(d.message, { hint: d.hint, source: d.source });
  }
  const read = { 'google-forms': readGoogleForms, canvas: readCanvas, wide: readWide }[format as 'google-forms' | 'canvas' | 'wide'];
  const result = read(table, meta, opts);
  result.diagnostics.unshift(...diagnostics);
  if (!result.columns.some((c) => c.role === 'question') && !result.columns.length) {
    throw new UserError(`${display} holds no questions or items to import (read as ${describeFormat(format)})`, { hint: 'check the export, or say what it is with --format', source: { file: display, line: 1 } });
  }
  return result;
}
