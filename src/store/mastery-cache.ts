// The class's mastery, cached with the files it was computed from (derived-cache.ts): a second
// `pathbook mastery` or `mastery --write` on an unchanged folder reads a few typed arrays instead of
// collecting the evidence and running the methods for every cell. mastery.csv itself is remembered
// by its stat once it is known to match, so an up-to-date file is neither rebuilt nor read, and by its
// size and checksum, so that an import rewrites only the lines of the students it changed.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { classMastery, updateClassMastery, type ClassMastery } from '../domain/mastery/class-table.ts';
import type { CellMethod, MasteryOptions } from '../domain/mastery/table.ts';
import type { Assessment, Book, Scale, Standard, Student } from '../domain/types.ts';
import type { FileChange } from './atomic.ts';
import { inputsAfter, type LoadedBook } from './book-load.ts';
import { DerivedCache } from './derived-cache.ts';
import { MASTERY_FILE, masteryCsvFrom, masteryCsvPatched } from './mastery-store.ts';
import { isRacy, sameSignature, signature, type Signature } from './parse-cache.ts';
import { sha256 } from './sha256.ts';

/**
 * `assumed`: a table an import kept for the folder as it left it, before anything read back the
 * assessments it wrote; each with the SHA-256 of what the table took from it (evidenceSum). The first
 * command to load them compares (verified).
 */
interface Meta { students: string[]; standards: string[]; dates: string[]; methods: CellMethod[]; assumed?: { id: string; evidence: string }[] }

/** The parts of the options that change the result (`trace` does not). */
const variantOf = (opts: MasteryOptions) => ({ method: opts.method ?? null, asOf: opts.asOf ?? null });

function fromCache(loaded: LoadedBook, cache: DerivedCache, opts: MasteryOptions): ClassMastery | undefined {
  const got = cache.read('mastery', variantOf(opts));
  if (!got || got.sections.length !== 5) return undefined;
  const meta = got.meta as Meta;
  const students = new Map(loaded.book.students.map((s) => [s.id, s]));
  const standards = new Map(loaded.book.standards.map((s) => [s.id, s]));
  const ss = meta.students.map((id) => students.get(id));
  const stds = meta.standards.map((id) => standards.get(id));
  if (ss.some((s) => !s) || stds.some((s) => !s)) return undefined;
  const [score, count, lastDate, method, flags] = got.sections as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  const cm: ClassMastery = {
    students: ss as Student[], standards: stds as Standard[],
    score: new Float64Array(score.buffer), evidenceCount: new Uint32Array(count.buffer), lastDate: new Int32Array(lastDate.buffer),
    dates: meta.dates, method: method, methods: meta.methods, flags,
  };
  if (meta.assumed) {
    if (!verified(loaded.book, meta.assumed)) return undefined;
    toCache(cache, opts, cm); // checked once: kept without the checksums
  }
  return cm;
}

function toCache(cache: DerivedCache, opts: MasteryOptions, cm: ClassMastery, assumed?: Meta['assumed']): void {
  const meta: Meta = { students: cm.students.map((s) => s.id), standards: cm.standards.map((s) => s.id), dates: cm.dates, methods: cm.methods, ...(assumed ? { assumed } : {}) };
  cache.write('mastery', variantOf(opts), meta, [cm.score, cm.evidenceCount, cm.lastDate, cm.method, cm.flags]);
}

/** Whether each assessment, as read from the folder, gives what the table took from it. */
function verified(book: Book, assumed: NonNullable<Meta['assumed']>): boolean {
  return assumed.every(({ id, evidence }) => {
    const a = book.assessments.find((x) => x.id === id);
    return !!a && evidenceSum(a) === evidence;
  });
}

/** The class's mastery for these options, from the cache when the folder is unchanged. */
export function cachedClassMastery(loaded: LoadedBook, opts: MasteryOptions = {}): ClassMastery {
  const cache = new DerivedCache(loaded.root, loaded.inputs);
  const hit = cache.enabled ? fromCache(loaded, cache, opts) : undefined;
  if (hit) return hit;
  const cm = classMastery(loaded.book, opts);
  toCache(cache, opts, cm);
  return cm;
}

/** What of an assessment the class table depends on, as a SHA-256: rows in student order. */
function evidenceSum(a: Assessment): string {
  const rows = a.scores.map((r) => [r.studentId, a.items.map((i) => r.points[i.id] ?? null)] as const).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  return sha256(JSON.stringify([a.id, a.date, a.kind, a.retakeOf, a.items.map((i) => [i.id, i.standards, i.points]), rows]));
}

/**
 * After an import is written, the class table it computed is kept for the folder as it now is, so the
 * next command (often the next period's exit ticket) starts warm instead of computing every cell. Kept
 * only when the import wrote nothing but assessments. The first command that reads the new files back
 * (as it must: they are new to the parse cache) checks that each gives what the table took from it,
 * and computes the table again if not.
 */
export function keepTableAfterImport(before: LoadedBook, next: Book, table: ClassMastery, changes: readonly FileChange[]): void {
  const after = inputsAfter(before, changes);
  if (!after) return;
  const assumed: NonNullable<Meta['assumed']> = [];
  for (const id of after.assessments) {
    const a = next.assessments.find((x) => x.id === id);
    if (!a) return;
    assumed.push({ id, evidence: evidenceSum(a) });
  }
  const cache = new DerivedCache(before.root, after.inputs);
  toCache(cache, {}, table, assumed);
  // And what mastery.csv now holds, for the next import to keep its unchanged lines.
  const mastery = changes.find((c) => c.path === MASTERY_FILE)?.content;
  if (mastery && typeof mastery !== 'string') writeNote(cache, mastery);
}

/**
 * The class table of `next`, the loaded book with assessments added or replaced (an import): from the
 * cached table of the loaded book (`before`) when there is one, computing again only the cells concerned.
 */
export function classMasteryAfter(loaded: LoadedBook, next: Book): { table: ClassMastery; before?: ClassMastery } {
  const cache = new DerivedCache(loaded.root, loaded.inputs);
  const before = cache.enabled ? fromCache(loaded, cache, {}) : undefined;
  return before ? { table: updateClassMastery(before, loaded.book, next), before } : { table: classMastery(next) };
}

/**
 * What is known of mastery.csv as written for a folder's inputs: its size and its bytes, or the CRC-32
 * of a file too big to keep twice (so that a later change can keep its unchanged lines), and its stat
 * once that can be trusted (so that an up-to-date file is neither rebuilt nor read).
 */
interface MasteryFileNote { size: number; crc?: number; stat?: Signature }

/**
 * A teacher's mastery.csv (400 KB for a year) is kept whole and compared byte for byte: cheaper than
 * loading zlib, and Node's streams with it, for a checksum. A district's (129 MB) gets a CRC-32.
 */
const MAX_COPY = 4 << 20;

const crc32 = (b: Uint8Array) => process.getBuiltinModule('node:zlib').crc32(b);

export function writeNote(cache: DerivedCache, bytes: Uint8Array, stat?: Signature): void {
  const whole = bytes.length <= MAX_COPY;
  const note: MasteryFileNote = { size: bytes.length, ...(whole ? {} : { crc: crc32(bytes) }), ...(stat ? { stat } : {}) };
  cache.write('mastery-file', undefined, note, whole ? [bytes] : []);
}

function noteOf(cache: DerivedCache): { note: MasteryFileNote; bytes?: Uint8Array } | undefined {
  const got = cache.read('mastery-file');
  const note = got?.meta as MasteryFileNote | undefined;
  if (!got || !note || typeof note.size !== 'number') return undefined;
  const bytes = got.sections[0];
  if (bytes ? bytes.length !== note.size : typeof note.crc !== 'number') return undefined;
  return { note, bytes };
}

/** Whether `file` (mastery.csv as read now) is the file the note was written for. */
function matches(known: { note: MasteryFileNote; bytes?: Uint8Array }, file: Uint8Array): boolean {
  if (file.length !== known.note.size) return false;
  return known.bytes ? Buffer.from(file.buffer, file.byteOffset, file.length).equals(known.bytes) : crc32(file) === known.note.crc;
}

/** Whether `file` is the mastery.csv noted in `cache` (writeNote). */
export function isNoted(cache: DerivedCache, file: Uint8Array): boolean {
  const known = noteOf(cache);
  return !!known && matches(known, file);
}

/**
 * The change that brings mastery.csv up to date, or none when the file is known to match already:
 * it has the stat it had when it last matched these very inputs.
 */
export function masteryFileChange(loaded: LoadedBook, cm: ClassMastery): FileChange | undefined {
  const known = noteOf(new DerivedCache(loaded.root, loaded.inputs))?.note;
  const st = statSync(join(loaded.root, MASTERY_FILE), { throwIfNoEntry: false });
  if (known?.stat && st && sameSignature(known.stat, signature(st))) return undefined;
  return { path: MASTERY_FILE, content: masteryCsvFrom(cm, loaded.book.settings.scale) };
}

/** After mastery.csv was written (these bytes) or found equal to them: remember their size and checksum, and the file's stat unless too fresh to trust. */
export function noteMasteryFile(loaded: LoadedBook, bytes: Uint8Array): void {
  const cache = new DerivedCache(loaded.root, loaded.inputs);
  if (!cache.enabled) return;
  const st = statSync(join(loaded.root, MASTERY_FILE), { throwIfNoEntry: false });
  if (!st || st.size !== bytes.length) return;
  const sig = signature(st);
  writeNote(cache, bytes, isRacy(sig) ? undefined : sig);
}

/**
 * mastery.csv after an import, whose class table `after` was computed from `before` (the loaded
 * folder's): when the file on disk is the one written for the loaded folder, only the lines of the
 * students whose cells changed are written anew; otherwise the whole file.
 */
export function masteryChangeAfter(loaded: LoadedBook, before: ClassMastery | undefined, after: ClassMastery, scale: Scale): FileChange {
  const known = before ? noteOf(new DerivedCache(loaded.root, loaded.inputs)) : undefined;
  if (before && known) {
    let old: Buffer | undefined;
    try { old = readFileSync(join(loaded.root, MASTERY_FILE)); } catch { /* gone: written whole */ }
    const patched = old && matches(known, old) ? masteryCsvPatched(before, after, scale, old) : undefined;
    if (patched) return { path: MASTERY_FILE, content: patched };
  }
  return { path: MASTERY_FILE, content: masteryCsvFrom(after, scale) };
}

/** Printed views bigger than this are not kept (a whole district's heatmap is 13 MB). */
const MAX_VIEW = 1 << 20;

/**
 * A view printed from the whole folder (the class heatmap), kept with the files it came from: the
 * same command on an unchanged folder prints it again without working it out. `variant` must hold
 * everything else the text depends on (options, colour).
 */
export function cachedView(loaded: LoadedBook, kind: string, variant: unknown, make: () => string): string {
  const cache = new DerivedCache(loaded.root, loaded.inputs);
  const hit = cache.readJson<string>(kind, variant);
  if (typeof hit === 'string') return hit;
  const text = make();
  if (text.length <= MAX_VIEW) cache.writeJson(kind, text, variant);
  return text;
}
