// A cache of parsed files under .pathbook/, keyed by each file's content hash and the build that
// parsed it. YAML parsing dominates start-up; a warm cache replaces it with one JSON.parse.
// Deleting .pathbook/ changes no output: a miss just parses the file again.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_DIR, writeFileAtomic } from './atomic.ts';

declare const PATHBOOK_BUILD: string;
/** Changes whenever the parsers change (a hash of src/, set by scripts/build.mjs); unset when run from source. */
const BUILD = typeof PATHBOOK_BUILD === 'string' ? PATHBOOK_BUILD : '';

interface Entry { hash: string; value: unknown }

export class ParseCache {
  private entries: Record<string, Entry> = {};
  private used = new Set<string>();
  private dirty = false;
  private readonly file: string;
  readonly enabled: boolean;

  /** `name` keeps a separate cache file for files outside the book (e.g. playlists). */
  constructor(root: string, enabled = BUILD !== '', name = 'parsed') {
    this.file = join(root, CACHE_DIR, 'cache', `${name}.json`);
    this.enabled = enabled;
    if (!enabled || !existsSync(this.file)) return;
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as { build: string; entries: Record<string, Entry> };
      if (data.build === BUILD) this.entries = data.entries;
    } catch { /* a damaged cache is an empty one */ }
  }

  /** The parse of `bytes` for `key`, from the cache when the content is unchanged. */
  get<T>(key: string, bytes: Uint8Array, parse: () => T): T {
    if (!this.enabled) return parse();
    const hash = createHash('sha1').update(bytes).digest('hex');
    this.used.add(key);
    const e = this.entries[key];
    if (e && e.hash === hash) return e.value as T;
    const value = parse();
    this.entries[key] = { hash, value };
    this.dirty = true;
    return value;
  }

  /** Writes the cache when something was parsed afresh; files no longer present are dropped. */
  save(): void {
    if (!this.enabled) return;
    for (const k of Object.keys(this.entries)) if (!this.used.has(k)) { delete this.entries[k]; this.dirty = true; }
    if (!this.dirty) return;
    try {
      writeFileAtomic(this.file, JSON.stringify({ build: BUILD, entries: this.entries }));
    } catch { /* a read-only folder just goes without a cache */ }
  }
}
