// A generic long CSV: one row per student and item (student, item, points; optional standard, max
// points, date), as platforms and scripts export. Read as a stream: a million rows take memory in
// proportion to students × items, never to the file (the bytes are hashed in the same pass).
// Loaded only to read such a file (src/importers/source.ts): streams cost every other start-up.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import type { Diagnostic } from '../domain/types.ts';
import { detectDelimiter } from '../store/csv.ts';
import { decodeWindows1252 } from '../store/text.ts';
import { columnDates, type ColumnDates } from './dates.ts';
import { headerKey, type RawColumn, type RawResult, type RawStudent, type ReadOptions } from './raw.ts';
import { longColumns, type LongColumns } from './long-columns.ts';
import { fileStem } from './source-meta.ts';

/** Bytes → text in the file's encoding, detected from the start (BOM, UTF-16, else UTF-8 or Windows-1252). */
class Decode extends Transform {
  private decoder?: TextDecoder;
  private encoding: string;
  constructor(encoding: string) {
    super({ readableObjectMode: false });
    this.encoding = encoding;
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    // One byte per character: no state to carry between chunks (and Node's own decoder gets 0x80–0x9F wrong).
    if (this.encoding === 'windows-1252') return cb(null, decodeWindows1252(chunk));
    try {
      if (!this.decoder) {
        this.decoder = new TextDecoder(this.encoding, { fatal: this.encoding === 'utf-8' });
      }
      cb(null, this.decoder.decode(chunk, { stream: true }));
    } catch (e) {
      cb(Object.assign(new Error('not utf-8'), { notUtf8: true, cause: e }));
    }
  }
  override _flush(cb: TransformCallback): void {
    try { cb(null, this.decoder ? this.decoder.decode() : ''); } catch (e) { cb(Object.assign(new Error('not utf-8'), { notUtf8: true, cause: e })); }
  }
}

export interface LongProbe {
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  delimiter: string;
}

const MAX_DIAGNOSTICS = 200;

export async function readLong(path: string, meta: { file: string; fileName: string }, probe: LongProbe, opts: ReadOptions): Promise<RawResult> {
  try {
    return await readLongAs(path, meta, probe, opts);
  } catch (e) {
    // A byte that is not UTF-8 past the first block: read the whole file again as Windows-1252.
    if ((e as { notUtf8?: boolean }).notUtf8 && probe.encoding === 'utf-8') return readLongAs(path, meta, { ...probe, encoding: 'windows-1252' }, opts);
    throw e;
  }
}

async function readLongAs(path: string, meta: { file: string; fileName: string }, probe: LongProbe, opts: ReadOptions): Promise<RawResult> {
  const hash = createHash('sha256');
  const file = meta.file;
  const diagnostics: Diagnostic[] = [];
  let dropped = 0;
  const report = (d: Diagnostic) => { if (diagnostics.length < MAX_DIAGNOSTICS) diagnostics.push(d); else dropped++; };

  let c: LongColumns | undefined;
  let header: string[] = [];
  const students = new Map<string, RawStudent>();
  const studentOrder: RawStudent[] = [];
  const items = new Map<string, number>();
  const columns: RawColumn[] = [];
  const itemStandards: Set<string>[] = [];
  const itemMaxLine: number[] = [];
  const dates = new Map<string, number>();

  const parser = parse({ delimiter: probe.delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: 1 << 20, record_delimiter: ['\r\n', '\n', '\r'] });
  const consume = async (source: AsyncIterable<{ record: string[]; info: { lines: number } }>) => {
    for await (const { record, info } of source) {
      // Rows are named by the line they start on, as parseCsvText names them.
      let line = info.lines;
      for (const v of record) if (v.includes('\n')) line -= v.split('\n').length - 1;
      if (!c) {
        header = record.map((h) => h.trim());
        c = longColumns(header);
        continue;
      }
      const sKey = (record[c.student] ?? '').trim();
      const iKey = (record[c.item] ?? '').trim();
      const pts = (record[c.points] ?? '').trim();
      if (!sKey && !iKey && !pts) continue;
      if (!sKey || !iKey) {
        report({ check: 'import', severity: 'error', source: { file, line }, message: `this row has no ${!sKey ? 'student' : 'item'}`, hint: 'fill it in or delete the row' });
        continue;
      }
      let s = students.get(sKey);
      if (!s) {
        s = { line, cells: [], cellLines: [] };
        if (sKey.includes('@')) s.email = sKey;
        else s.id = sKey;
        if (c.name >= 0 && record[c.name]?.trim()) s.name = record[c.name]!.trim();
        students.set(sKey, s);
        studentOrder.push(s);
      }
      let ci = items.get(iKey);
      if (ci === undefined) {
        ci = columns.length;
        items.set(iKey, ci);
        columns.push({ index: ci, header: iKey, title: iKey, holds: 'points', role: 'question', fileColumn: 0 });
        itemStandards.push(new Set());
        itemMaxLine.push(0);
      }
      if (s.cells[ci] !== undefined) {
        report({ check: 'import', severity: 'error', source: { file, line }, message: `a second row for ${sKey} on item ${iKey} (the first is on line ${s.cellLines![ci]})`, hint: 'keep one row per student and item' });
        continue;
      }
      s.cells[ci] = pts;
      s.cellLines![ci] = line;
      if (c.standard >= 0) for (const std of (record[c.standard] ?? '').split(/[;|,\s]+/)) if (std) itemStandards[ci]!.add(std);
      if (c.max >= 0) {
        const raw = (record[c.max] ?? '').trim();
        const mt = probe.delimiter === ',' ? raw : raw.replace(',', '.');
        if (mt !== '') {
          const m = Number(mt);
          const col = columns[ci]!;
          if (!Number.isFinite(m) || m <= 0) report({ check: 'import', severity: 'error', source: { file, line }, message: `max points ${JSON.stringify(mt)} for ${iKey} is not a number above 0`, hint: 'write the points the item is worth' });
          else if (col.pointsPossible === undefined) {
            col.pointsPossible = m;
            itemMaxLine[ci] = line;
          } else if (col.pointsPossible !== m) report({ check: 'import', severity: 'error', source: { file, line }, message: `item ${iKey} is worth ${m} points here but ${col.pointsPossible} on line ${itemMaxLine[ci]}`, hint: 'give every row of an item the same max points' });
        }
      }
      if (c.date >= 0) {
        const d = (record[c.date] ?? '').trim();
        if (d && !dates.has(d)) dates.set(d, line);
      }
    }
  };
  await pipeline(
    createReadStream(path, { highWaterMark: 1 << 16 }),
    new Transform({ transform(chunk: Buffer, _e, cb) { hash.update(chunk); cb(null, chunk); } }),
    new Decode(probe.encoding),
    parser,
    consume,
  );
  if (!c) {
    report({ check: 'import', severity: 'error', source: { file, line: 1 }, message: 'the file is empty', hint: 'export the data again, with its header row' });
    c = { student: -1, item: -1, points: -1, standard: -1, max: -1, date: -1, name: -1 };
  }
  columns.forEach((col, i) => { if (itemStandards[i]!.size) col.standards = [...itemStandards[i]!]; });
  const notes: string[] = [];
  if (dropped) notes.push(`${dropped} more problems in ${file} are not listed`);
  const { date, dateSpan, dateProblem } = dates.size
    ? columnDates([...dates].map(([text, line]) => ({ text, line })), file, opts.dateFormat, notes)
    : ({} as Partial<ColumnDates>);
  return {
    format: 'long', file, fileName: meta.fileName, sha256: hash.digest('hex'), columns, students: studentOrder,
    assessments: [{ title: fileStem(meta.fileName), columns: columns.map((x) => x.index), ...(date ? { date } : {}), ...(dateSpan ? { dateSpan } : {}) }],
    decimalComma: probe.delimiter !== ',', notes, diagnostics,
    ...(dateProblem ? { dateProblem } : {}),
  };
}
