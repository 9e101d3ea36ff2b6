// Results computed from the whole folder (the checks, the class's mastery), kept under
// .pathbook/cache/derived/ with the list of every input file and its content hash (LoadedBook.inputs):
// an entry is used only when the files are exactly those it was computed from. Deleting the folder
// changes no output; a damaged entry is a miss.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_DIR } from './atomic.ts';
import { writeCacheFile } from './cache-file.ts';
import { asciiJson, jsonText } from './parse-cache.ts';
import { removeFile } from './remove-file.ts';

/** Entries kept at most per kind (for recent states of the folder and command-line variants); the oldest go first. */
const MAX_PER_KIND = 6;

/**
 * A short, file-name-safe digest of a variant or of a folder's inputs. What it names is checked in full
 * when read, so two states that happen to share a name only take turns in it. The inputs run to tens of
 * kilobytes, a line per file ending in the file's SHA-256: they are digested by each line's length and
 * the last 8 hex digits of its hash, a few hundred steps. A pass over every character takes V8's
 * interpreter milliseconds, and zlib's native CRC-32 costs loading zlib and Node's streams (2 ms).
 */
export function digest(text: string): string {
  let h = 0x811c9dc5;
  const mix = (x: number) => {
    h = Math.imul(h ^ x, 0x01000193);
    h ^= h >>> 15;
  };
  if (text.length <= 2048) {
    for (let i = 0; i < text.length; i++) mix(text.charCodeAt(i));
  } else {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      mix(line.length);
      mix(parseInt(line.slice(-8), 16) | 0);
    }
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Every DerivedCache of a command shares the folder's inputs: digested and encoded once. */
let last: { inputs: string; digest: string; bytes?: Buffer } | undefined;
function inputsDigest(inputs: string): string {
  if (last?.inputs !== inputs) last = { inputs, digest: digest(inputs) };
  return last.digest;
}
function inputsBytes(inputs: string): Buffer {
  inputsDigest(inputs);
  return (last!.bytes ??= Buffer.from(inputs, 'utf8'));
}

/** The file of an entry: its kind, variant and inputs, so that recent states of the folder each keep theirs. */
export function entryName(kind: string, variant: unknown, inputs: string): string {
  return `${kind}-${digest(JSON.stringify(variant ?? null))}-${inputsDigest(inputs)}`;
}

/**
 * `sections`: the byte lengths of the inputs (the first section: tens of kilobytes of paths and hashes,
 * compared natively rather than parsed as a JSON string) and of each section written.
 */
interface Header { variant: string; meta: unknown; sections: number[] }

export class DerivedCache {
  private readonly dir: string;
  /** Undefined when the folder's inputs are not known (running from source): every lookup misses. */
  private readonly inputs: string | undefined;

  constructor(root: string, inputs: string | undefined) {
    this.dir = join(root, CACHE_DIR, 'cache', 'derived');
    this.inputs = inputs;
  }

  get enabled(): boolean {
    return this.inputs !== undefined;
  }

  /** A JSON value stored for exactly these inputs and this variant. */
  readJson<T>(kind: string, variant?: unknown): T | undefined {
    const got = this.read(kind, variant);
    return got ? (got.meta as T) : undefined;
  }

  writeJson(kind: string, value: unknown, variant?: unknown): void {
    this.write(kind, variant, value, []);
  }

  /** JSON metadata and byte sections (each a copy, aligned for any typed array). */
  read(kind: string, variant?: unknown): { meta: unknown; sections: Uint8Array[] } | undefined {
    if (this.inputs === undefined) return undefined;
    let buf: Buffer;
    try {
      buf = readFileSync(join(this.dir, entryName(kind, variant, this.inputs)));
    } catch {
      return undefined;
    }
    try {
      const headerLength = buf.readUInt32LE(0);
      const header = JSON.parse(jsonText(buf.subarray(4, 4 + headerLength))) as Header;
      if (header.variant !== JSON.stringify(variant ?? null)) return undefined;
      const [inputsLength, ...lengths] = header.sections;
      let at = align(4 + headerLength);
      if (inputsLength === undefined || at + inputsLength > buf.length) return undefined;
      if (!buf.subarray(at, at + inputsLength).equals(inputsBytes(this.inputs))) return undefined;
      at = align(at + inputsLength);
      const sections: Uint8Array[] = [];
      for (const length of lengths) {
        if (at + length > buf.length) return undefined;
        // A copy of its own (Buffer's slice shares the file's memory, at any offset).
        sections.push(new Uint8Array(buf.subarray(at, at + length)));
        at = align(at + length);
      }
      return { meta: header.meta, sections };
    } catch {
      return undefined;
    }
  }

  write(kind: string, variant: unknown, meta: unknown, sections: readonly ArrayBufferView[]): void {
    if (this.inputs === undefined) return;
    const all = [inputsBytes(this.inputs), ...sections];
    const header = Buffer.from(asciiJson({ variant: JSON.stringify(variant ?? null), meta, sections: all.map((s) => s.byteLength) } satisfies Header), 'latin1');
    let size = align(4 + header.length);
    for (const s of all) size = align(size + s.byteLength);
    const out = Buffer.alloc(size);
    out.writeUInt32LE(header.length, 0);
    header.copy(out, 4);
    let at = align(4 + header.length);
    for (const s of all) {
      out.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), at);
      at = align(at + s.byteLength);
    }
    try {
      writeCacheFile(join(this.dir, entryName(kind, variant, this.inputs)), out);
      this.prune(kind);
    } catch { /* a read-only folder just goes without a cache */ }
  }

  private prune(kind: string): void {
    const files = readdirSync(this.dir).filter((f) => f.startsWith(`${kind}-`) && f.split('-').length === kind.split('-').length + 2);
    if (files.length <= MAX_PER_KIND) return;
    const byAge = files.map((f) => ({ f, t: statSync(join(this.dir, f)).mtimeMs })).sort((a, b) => a.t - b.t);
    for (const { f } of byAge.slice(0, files.length - MAX_PER_KIND)) removeFile(join(this.dir, f));
  }
}

const align = (n: number) => (n + 7) & ~7;
