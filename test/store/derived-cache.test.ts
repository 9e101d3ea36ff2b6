// The derived cache names entries by a digest of the folder's inputs, and keeps with mastery.csv what
// a later import needs to know it is still the file written (src/store/derived-cache.ts,
// src/store/mastery-cache.ts).
import { mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DerivedCache, digest, entryName } from '../../src/store/derived-cache.ts';
import { isNoted, writeNote } from '../../src/store/mastery-cache.ts';
import { sha256 } from '../../src/store/sha256.ts';
import { tempDir } from '../helpers.ts';

/** Inputs as book-load writes them: the build, then a line per file with its SHA-256. */
function inputs(files: number, change?: number): string {
  const lines = ['build\tb1'];
  for (let i = 0; i < files; i++) lines.push(`assessments/a${i}.csv\t${sha256(Buffer.from(`file ${i}${i === change ? ' edited' : ''}`))}`);
  return lines.join('\n');
}

describe('digest', () => {
  it('is the same for the same inputs and differs when one file of hundreds changes', () => {
    const base = inputs(400);
    expect(base.length).toBeGreaterThan(2048);
    expect(digest(base)).toBe(digest(inputs(400)));
    const seen = new Set([digest(base)]);
    for (const i of [0, 1, 199, 399]) seen.add(digest(inputs(400, i)));
    seen.add(digest(inputs(399)));
    expect(seen.size).toBe(6);
    expect(digest(base)).toMatch(/^[0-9a-f]{8}$/);
  });

  it('tells short texts (command-line variants) apart by every character', () => {
    expect(digest('{"section":"P1"}')).not.toBe(digest('{"section":"P2"}'));
    expect(digest('')).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('the note kept with mastery.csv', () => {
  function cache(): { cache: DerivedCache; dir: string; root: string } {
    const root = tempDir();
    const dir = join(root, '.pathbook', 'cache', 'derived');
    mkdirSync(dir, { recursive: true });
    return { cache: new DerivedCache(root, inputs(3)), dir, root };
  }

  it('recognises the same bytes and nothing else (a teacher\'s file, kept whole)', () => {
    const { cache: c } = cache();
    const file = Buffer.from('student_id,6.RP.A.1\nS001,3.2\nS002,2.1\n');
    writeNote(c, file);
    expect(isNoted(c, Buffer.from(file))).toBe(true);
    const edited = Buffer.from(file);
    edited[edited.length - 2] = '2'.charCodeAt(0);
    expect(isNoted(c, edited)).toBe(false);
    expect(isNoted(c, file.subarray(0, file.length - 1))).toBe(false);
  });

  it('keeps a checksum, not a copy, of a file too big to keep twice (a district\'s)', () => {
    const { cache: c, dir } = cache();
    const big = Buffer.alloc(5 << 20, 'S0001,3.25,2.00\n');
    writeNote(c, big);
    const [entry] = readdirSync(dir).filter((f) => f.startsWith('mastery-file-'));
    expect(statSync(join(dir, entry!)).size).toBeLessThan(4096);
    expect(isNoted(c, Buffer.from(big))).toBe(true);
    const edited = Buffer.from(big);
    edited[1 << 20] = '9'.charCodeAt(0);
    expect(isNoted(c, edited)).toBe(false);
  });

  it('knows no file for other inputs', () => {
    const { cache: c, root } = cache();
    const file = Buffer.from('student_id\nS001\n');
    writeNote(c, file);
    expect(isNoted(c, file)).toBe(true);
    const other = new DerivedCache(root, inputs(4));
    expect(isNoted(other, file)).toBe(false);
  });

  it('reads an entry only for the very inputs it was written for, even under another state\'s name', () => {
    const root = tempDir();
    const mine = inputs(300);
    const other = inputs(300, 7);
    new DerivedCache(root, mine).writeJson('check', ['S001 has no section']);
    expect(new DerivedCache(root, mine).readJson('check')).toEqual(['S001 has no section']);
    // As if the two states' digests were the same: the entry is there, but for other files.
    const dir = join(root, '.pathbook', 'cache', 'derived');
    renameSync(join(dir, entryName('check', undefined, mine)), join(dir, entryName('check', undefined, other)));
    expect(new DerivedCache(root, other).readJson('check')).toBeUndefined();
  });
});
