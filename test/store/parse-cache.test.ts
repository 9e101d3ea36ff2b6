// The parse cache (src/store/parse-cache.ts): a file unchanged since it was cached is not read again,
// and any change to it — even one that keeps its size and mtime — is parsed afresh.
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParseCache, ParseNeeded } from '../../src/store/parse-cache.ts';
import { tempDir } from '../helpers.ts';

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

/** A cache over `root` that counts the parses it asks for. */
function open(root: string) {
  const cache = new ParseCache(root, true);
  let parses = 0;
  const read = (rel: string) => cache.file(rel, '', (b) => { parses++; return text(b); });
  return { cache, read, parses: () => parses };
}

/** Back-dates a file so its stat is outside the racy window and can be trusted. */
function age(file: string, seconds = 60): void {
  const t = Date.now() / 1000 - seconds;
  utimesSync(file, t, t);
}

describe('ParseCache', () => {
  it('parses a file once, then serves it from the cache while it is unchanged', () => {
    const root = tempDir();
    writeFileSync(join(root, 'a.txt'), 'first');
    age(join(root, 'a.txt'));
    const one = open(root);
    expect(one.read('a.txt')).toBe('first');
    one.cache.save();
    const two = open(root);
    expect(two.read('a.txt')).toBe('first');
    expect(two.parses()).toBe(0);
    expect(two.cache.hashes.get('a.txt')).toBe(one.cache.hashes.get('a.txt'));
  });

  it('sees a change that keeps the size and the mtime (the ctime still moves)', () => {
    const root = tempDir();
    const file = join(root, 'a.txt');
    writeFileSync(file, 'aaaa');
    age(file);
    const one = open(root);
    one.read('a.txt');
    one.cache.save();
    const before = statSync(file);
    writeFileSync(file, 'bbbb');
    utimesSync(file, before.atime, before.mtime);
    const two = open(root);
    expect(two.read('a.txt')).toBe('bbbb');
    expect(two.parses()).toBe(1);
  });

  it('does not trust the stat of a file changed just before it was cached', () => {
    const root = tempDir();
    writeFileSync(join(root, 'a.txt'), 'fresh');
    const one = open(root);
    one.read('a.txt');
    one.cache.save();
    // Its stat is not kept: the next run hashes it again (and, the content being the same, parses nothing).
    const saved = JSON.parse(readFileSync(join(root, '.pathbook', 'cache', 'parsed.json'), 'utf8'));
    expect(saved.entries['a.txt'].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(saved.entries['a.txt'].stat).toBeUndefined();
    const two = open(root);
    expect(two.read('a.txt')).toBe('fresh');
    expect(two.parses()).toBe(0);
  });

  it('asks for the parser only on a miss', () => {
    const root = tempDir();
    writeFileSync(join(root, 'a.txt'), 'x');
    const cache = new ParseCache(root, true);
    expect(() => cache.file('a.txt', '', undefined)).toThrow(ParseNeeded);
    expect(cache.file('missing.txt', '', undefined)).toBeUndefined();
  });

  it('keeps separate values for separate keys of one file', () => {
    const root = tempDir();
    writeFileSync(join(root, 'a.txt'), 'x');
    const one = open(root);
    one.read('a.txt');
    expect(one.cache.file('a.txt', '|upper', (b) => text(b).toUpperCase())).toBe('X');
    one.cache.save();
    const two = new ParseCache(root, true);
    expect(two.file('a.txt', '|upper', undefined)).toBe('X');
    expect(two.file('a.txt', '', undefined)).toBe('x');
  });

  it('keeps files not read this time while they are fewer than the files read, then drops them', () => {
    const root = tempDir();
    for (const f of ['a', 'b', 'c']) writeFileSync(join(root, `${f}.txt`), f);
    const one = open(root);
    for (const f of ['a', 'b', 'c']) one.read(`${f}.txt`);
    one.cache.save();
    // c.txt not read (another branch's file): kept, 1 unread against 2 read.
    const two = open(root);
    two.read('a.txt');
    two.read('b.txt');
    two.cache.save();
    expect(new ParseCache(root, true).file('c.txt', '', undefined)).toBe('c');
    // Only a.txt read: 2 unread against 1, all unread dropped.
    const three = open(root);
    three.read('a.txt');
    three.cache.save();
    expect(() => new ParseCache(root, true).file('b.txt', '', undefined)).toThrow(ParseNeeded);
    expect(() => new ParseCache(root, true).file('c.txt', '', undefined)).toThrow(ParseNeeded);
  });

  it('reads and parses everything when disabled (running from source)', () => {
    const root = tempDir();
    writeFileSync(join(root, 'a.txt'), 'x');
    const cache = new ParseCache(root, false);
    expect(cache.file('a.txt', '', text)).toBe('x');
    expect(cache.hashes.size).toBe(0);
  });
});
