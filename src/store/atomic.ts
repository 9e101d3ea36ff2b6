// Writing the folder so that a crash leaves it as it was before or after a command, never between:
// every new file is staged under .pathbook/tmp, a journal lists the renames, then they happen.
// A command that finds a journal finishes it first (roll forward). DESIGN.md: "Written atomically".
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { relativePathProblem } from '../domain/ids.ts';
import { checkWritePaths } from './safe-path.ts';
import { removeFile } from './remove-file.ts';

export const CACHE_DIR = '.pathbook';
const JOURNAL = 'journal.json';

/** A file to write (content: text, or bytes such as a PDF) or delete (null), relative to the gradebook root. */
export interface FileChange {
  path: string;
  content: string | Uint8Array | null;
  /**
   * A report that can always be regenerated (plp/, printable views): staged without an fsync each,
   * which for a class set of 300 files is most of the command's time. Still renamed into place
   * through the journal; after a crash, running the command again rewrites it.
   */
  derived?: boolean;
}

function sameContent(file: string, content: string | Uint8Array): boolean {
  // The size first: a changed mastery.csv (400 KB in a year) is then not read back to compare.
  const size = statSync(file, { throwIfNoEntry: false })?.size;
  if (size !== (typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length)) return false;
  return typeof content === 'string' ? readFileSync(file, 'utf8') === content : Buffer.from(content).equals(readFileSync(file));
}

function writeDurably(file: string, content: string | Uint8Array, sync = true): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    if (sync) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try { fsyncSync(fd); } finally { closeSync(fd); }
  } catch { /* some file systems cannot fsync a directory; the rename is still atomic */ }
}

/** One file, atomically: temp file beside it, fsync, rename. For files outside a gradebook. */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeDurably(tmp, content);
    renameSync(tmp, file);
  } catch (e) {
    removeFile(tmp);
    throw e;
  }
  fsyncDir(dirname(file));
}

interface JournalEntry { path: string; tmp: string | null }

/**
 * PATHBOOK_TEST_PAUSE_MS (tests only): sleep this long between the steps of a commit, so that the
 * crash test's random kills also land between renames. Unset in normal use: no pause at all.
 */
function testPause(): () => void {
  const ms = Number(process.env.PATHBOOK_TEST_PAUSE_MS);
  if (!(ms > 0)) return () => {};
  const cell = new Int32Array(new SharedArrayBuffer(4));
  return () => { Atomics.wait(cell, 0, 0, ms); };
}

/** Apply all changes as one step. Unchanged files are skipped so their mtimes stay put. */
export function commitChanges(root: string, changes: readonly FileChange[]): string[] {
  // Every path was built from data somewhere: refuse the whole change before touching anything.
  checkWritePaths(root, changes.map((c) => c.path));
  const pause = testPause();
  const tmpDir = join(root, CACHE_DIR, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  const entries: JournalEntry[] = [];
  const written: string[] = [];
  let i = 0;
  for (const c of changes) {
    const target = join(root, c.path);
    if (c.content === null) {
      if (!existsSync(target)) continue;
      entries.push({ path: c.path, tmp: null });
    } else {
      if (sameContent(target, c.content)) continue;
      const tmp = `${CACHE_DIR}/tmp/${process.pid}-${i++}`;
      writeDurably(join(root, tmp), c.content, !c.derived);
      pause();
      entries.push({ path: c.path, tmp });
    }
    written.push(c.path);
  }
  if (!entries.length) return written;
  const journal = join(root, CACHE_DIR, JOURNAL);
  writeDurably(journal + '.tmp', JSON.stringify(entries));
  renameSync(journal + '.tmp', journal);
  fsyncDir(join(root, CACHE_DIR));
  pause();
  replay(root, entries, pause);
  unlinkSync(journal);
  return written;
}

function replay(root: string, entries: readonly JournalEntry[], pause: () => void = () => {}): void {
  const dirs = new Set<string>();
  for (const e of entries) {
    // A journal is ours, but it is still a file in the folder: never let it point outside.
    if (relativePathProblem(e.path) || (e.tmp !== null && !/^\.pathbook\/tmp\/\d+-\d+$/.test(e.tmp))) continue;
    const target = join(root, e.path);
    if (e.tmp === null) {
      removeFile(target);
    } else if (existsSync(join(root, e.tmp))) {
      mkdirSync(dirname(target), { recursive: true });
      renameSync(join(root, e.tmp), target);
    }
    pause();
    dirs.add(dirname(target));
  }
  for (const d of dirs) fsyncDir(d);
}

/** Finish a change a crash interrupted, or drop one that never reached its journal. */
export function recoverChanges(root: string): boolean {
  const cache = join(root, CACHE_DIR);
  if (!existsSync(cache)) return false;
  const journal = join(cache, JOURNAL);
  let recovered = false;
  if (existsSync(journal)) {
    let entries: JournalEntry[] | undefined;
    try {
      const parsed: unknown = JSON.parse(readFileSync(journal, 'utf8'));
      entries = Array.isArray(parsed) ? parsed.filter((e): e is JournalEntry => !!e && typeof e === 'object' && typeof e.path === 'string' && (e.tmp === null || typeof e.tmp === 'string')) : undefined;
    } catch { entries = undefined; }
    if (entries) {
      replay(root, entries);
      recovered = true;
    }
    removeFile(journal);
  }
  removeFile(journal + '.tmp');
  const tmpDir = join(cache, 'tmp');
  if (existsSync(tmpDir)) for (const f of readdirSync(tmpDir)) removeFile(join(tmpDir, f));
  return recovered;
}

export function needsRecovery(root: string): boolean {
  const tmpDir = join(root, CACHE_DIR, 'tmp');
  return existsSync(join(root, CACHE_DIR, JOURNAL)) || (existsSync(tmpDir) && readdirSync(tmpDir).length > 0);
}
