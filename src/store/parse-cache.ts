// A cache of parsed files under .pathbook/, keyed by each file's content hash and the build that
// parsed it. YAML parsing dominates start-up; a warm cache replaces it with one JSON.parse.
// Deleting .pathbook/ changes no output: a miss just parses the file again.
//
// A file whose size, mtime, ctime and inode are those recorded with its hash is not read again (as
// git's index does). A change always moves the ctime, which no program can set back; a file changed
// within the timestamp granularity of the moment it was recorded (up to 2 s on FAT) is "racy": its
// stat is not recorded, so the next run reads and hashes it.
import { isAscii } from 'node:buffer';
import { readFileSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { CACHE_DIR } from './atomic.ts';
import { writeCacheFile } from './cache-file.ts';
import { sha256 } from './sha256.ts';

declare const PATHBOOK_BUILD: string;
/** Changes whenever the parsers change (a hash of src/, set by scripts/build.mjs); unset when run from source. */
export const BUILD = typeof PATHBOOK_BUILD === 'string' ? PATHBOOK_BUILD : '';

/** size, mtimeMs, ctimeMs, ino */
export type Signature = [number, number, number, number];

interface Entry { hash: string; stat?: Signature; value: unknown }

/** How a parsed value is kept in the cache, when a plainer form than the value itself is smaller and faster. */
export interface Codec<T> {
  encode(value: T): unknown;
  decode(stored: unknown): T;
}

/** Thrown by `file` on a miss when no parser was given: the caller loads the parsers and asks again. */
export class ParseNeeded extends Error {
  readonly file: string;
  constructor(file: string) {
    super(`${file} needs parsing`);
    this.file = file;
  }
}

/** FAT's 2 s: the coarsest timestamps a gradebook folder may sit on. */
const RACY_MS = 2000;

export function signature(st: Stats): Signature {
  return [st.size, st.mtimeMs, st.ctimeMs, st.ino];
}

export const sameSignature = (a: Signature, b: Signature) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];

/** A signature too close to now to show a change made in the same timestamp tick. */
export const isRacy = (s: Signature, now = Date.now()) => s[1] >= now - RACY_MS || s[2] >= now - RACY_MS;

export class ParseCache {
  private entries: Record<string, Entry> = {};
  private used = new Set<string>();
  private dirty = false;
  private readonly cacheFile: string;
  private readonly root: string;
  readonly enabled: boolean;
  /** The content hash of every file read through `file`, by path relative to the root. */
  readonly hashes = new Map<string, string>();

  /** `name` keeps a separate cache file for files outside the book (e.g. playlists). */
  constructor(root: string, enabled = BUILD !== '', name = 'parsed') {
    this.root = root;
    this.cacheFile = join(root, CACHE_DIR, 'cache', `${name}.json`);
    this.enabled = enabled;
    if (!enabled) return;
    try {
      const data = JSON.parse(jsonText(readFileSync(this.cacheFile))) as { build: string; entries: Record<string, Entry> };
      if (data.build === BUILD) this.entries = data.entries;
    } catch { /* no cache yet, or a damaged one: an empty cache */ }
  }

  /** The parse of `bytes` for `key`, from the cache when the content is unchanged. */
  get<T>(key: string, bytes: Uint8Array, parse: () => T): T {
    return this.enabled ? this.memo(key, sha256(bytes), parse) : parse();
  }

  /**
   * The parse of the file at `rel` (undefined when there is none), under `rel + keyExtra`. The file is
   * read only when its stat differs from the one recorded. Without `parse`, a miss throws ParseNeeded.
   */
  file<T>(rel: string, keyExtra: string, parse: ((bytes: Uint8Array) => T) | undefined, codec?: Codec<T>): T | undefined {
    // Not path.join: this runs for every file of the folder, and rel is already a clean relative path.
    const path = `${this.root}/${rel}`;
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st || st.isDirectory()) return undefined;
    if (!this.enabled) {
      if (!parse) throw new ParseNeeded(rel);
      return parse(readFileSync(path));
    }
    const key = rel + keyExtra;
    this.used.add(key);
    const sig = signature(st);
    const e = this.entries[key];
    if (e?.stat && sameSignature(e.stat, sig)) {
      this.hashes.set(rel, e.hash);
      return codec ? codec.decode(e.value) : (e.value as T);
    }
    const bytes = readFileSync(path);
    const hash = sha256(bytes);
    this.hashes.set(rel, hash);
    if (e && e.hash === hash) {
      // Unchanged content with a new stat (touched, copied, or racy last time): remember the stat.
      e.stat = sig;
      this.dirty = true;
      return codec ? codec.decode(e.value) : (e.value as T);
    }
    if (!parse) throw new ParseNeeded(rel);
    const value = parse(bytes);
    this.entries[key] = { hash, stat: sig, value: codec ? codec.encode(value) : value };
    this.dirty = true;
    return value;
  }

  /**
   * A value worked out from files already read (`hash` names their contents), kept under `key` until
   * the hash changes: e.g. an assessment's score checks, which depend only on its files and the roster.
   */
  memo<T>(key: string, hash: string, compute: () => T): T {
    if (!this.enabled) return compute();
    this.used.add(key);
    const e = this.entries[key];
    if (e && e.hash === hash) return e.value as T;
    const value = compute();
    this.entries[key] = { hash, value };
    this.dirty = true;
    return value;
  }

  /**
   * Writes the cache when something was parsed afresh. Files not read this time (gone, or another
   * branch's) are kept while there are fewer of them than of files read, so that a folder that goes
   * back and forth does not parse them again each time; beyond that they are all dropped.
   */
  save(): void {
    if (!this.enabled) return;
    const unused = Object.keys(this.entries).filter((k) => !this.used.has(k));
    if (unused.length > this.used.size) {
      for (const k of unused) delete this.entries[k];
      this.dirty = true;
    }
    if (!this.dirty) return;
    const now = Date.now();
    for (const e of Object.values(this.entries)) if (e.stat && isRacy(e.stat, now)) delete e.stat;
    try {
      writeCacheFile(this.cacheFile, asciiJson({ build: BUILD, entries: this.entries }));
    } catch { /* a read-only folder just goes without a cache */ }
  }
}

/**
 * JSON with every character beyond ASCII escaped (\u00e9): the same value, in a file that reads as
 * Latin-1, which takes a year's parse cache half the time of decoding it as UTF-8.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The text of a file written by asciiJson (or any UTF-8 JSON). */
export function jsonText(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}
