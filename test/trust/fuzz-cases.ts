// Hostile inputs shared by the fuzz tests and the CLI tests: generators (fast-check arbitraries) and
// a handful of fixed worst cases (deep nesting, alias bombs, huge fields, very many columns).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { EXAMPLE } from '../helpers.ts';
import { makeZip } from '../zip-writer.ts';

/** Characters that break naive CSV and YAML readers, with some plain ones. */
const NASTY = [',', ';', '\t', '\n', '\r', '\r\n', '"', "'", '=', '+', '-', '@', ':', '#', '&', '*', '!', '|', '>', '[', ']', '{', '}', '%', '\\', '/', '..', '\0', '\uFEFF', '\u00e9', 'e\u0301', '\uD800', '\u202E', ' ', 'a', 'Z', '0', '1', '2.5', 'null', 'true', '~', '<<'];

export const nastyText = fc.array(fc.constantFrom(...NASTY), { maxLength: 400 }).map((a) => a.join(''));
export const randomBytes = fc.uint8Array({ maxLength: 3000 });
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

/** A real file with random edits: cuts, insertions, truncation (what a crash or a bad editor does). */
export function mutated(original: string): fc.Arbitrary<string> {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), len: fc.nat({ max: 200 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: nastyText }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) => {
    let s = original;
    for (const e of edits) {
      const at = s.length ? e.at % (s.length + 1) : 0;
      if (e.kind === 'cut') s = s.slice(0, at) + s.slice(at + e.len);
      else if (e.kind === 'insert') s = s.slice(0, at) + e.text + s.slice(at);
      else s = s.slice(0, at);
    }
    return s;
  });
}

/** A CSV with the right column names in any order, extra columns, and cells of any shape. */
export function csvShaped(columns: readonly string[]): fc.Arbitrary<string> {
  const cell = fc.oneof(nastyText, fc.constantFrom('', 'S001', 'S002', '6.RP.A.1', '2026-11-20', '3', '-1', '1e308', 'NaN', '=HYPERLINK("http://x")'));
  const header = fc.shuffledSubarray([...columns, 'extra', ''], { minLength: 0 });
  return fc.tuple(header, fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 30 }), fc.constantFrom(',', ';', '\t'), fc.constantFrom('\n', '\r\n'))
    .map(([h, rows, d, nl]) => [h, ...rows].map((r) => r.map((c) => (/[",;\t\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(d)).join(nl));
}

/** A YAML document with the schema's keys holding values of any type (the typed readers' worst day). */
export function yamlShaped(keys: readonly string[], asList: boolean): fc.Arbitrary<string> {
  const value = fc.oneof({ maxDepth: 3 }, fc.jsonValue({ maxDepth: 3 }), fc.date({ noInvalidDate: true }), fc.constantFrom('00123', 'S001', '6.RP.A.1', '2026-02-30', -1, 1e309, null));
  const record = fc.dictionary(fc.constantFrom(...keys, 'unknown', '__proto__', 'constructor'), value, { maxKeys: keys.length + 2 });
  const doc = asList ? fc.array(fc.oneof(record, value), { maxLength: 8 }) : fc.oneof(record, value);
  return doc.map((d) => {
    try { return stringify(d); } catch { return String(d); }
  });
}

export const example = (rel: string) => readFileSync(join(EXAMPLE, rel), 'utf8');

/** Fixed worst cases: each is a file body (text) a loader must refuse with a diagnostic, quickly. */
export function worstYaml(): Record<string, string> {
  const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
  return {
    'alias bomb (billion laughs)': laughs.join('\n') + '\n',
    'deep flow nesting': '['.repeat(50_000) + ']'.repeat(50_000),
    'deep block nesting': Array.from({ length: 3000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n'),
    'merge-key loop': 'a: &a\n  <<: *a\n',
    'huge scalar': `id: "${'x'.repeat(9 * 1024 * 1024)}"\n`,
    'tab indentation': 'id: x\n\titems:\n\t\t- q1\n',
    'duplicate keys': 'id: a\nid: b\n',
  };
}

export function worstCsv(header: string): Record<string, Uint8Array> {
  const wide = Array.from({ length: 30_000 }, (_, i) => `c${i}`);
  return {
    'huge field': utf8(`${header}\n"${'x'.repeat(2 * 1024 * 1024)}",1\n`),
    'unclosed quote': utf8(`${header}\n"abc,1\nS002,2\n`),
    '30000 columns': utf8(`${header},${wide.join(',')}\n${Array(30_001 + header.split(',').length).fill('1').join(',')}\n`),
    'only a BOM': new Uint8Array([0xef, 0xbb, 0xbf]),
    'all NUL': new Uint8Array(4096),
    'UTF-16 without BOM': new Uint8Array(Buffer.from(`${header}\nS001,1\n`, 'utf16le')),
    'lone surrogates': utf8(`${header}\n\uD800\uDC00\uDFFF,1\n`),
    'CR only line ends': utf8(`${header}\rS001,1\rS002,2\r`),
    '20000 ragged rows of junk': utf8(`${header}\n${Array(20_000).fill('?,?,?').join('\n')}\n`),
  };
}

/** An "overlapping" zip bomb: one deflated stream of zeros named by `count` entries that all point at it. */
export function zipBomb(count: number, size: number): Buffer {
  const one = makeZip([{ name: 'users.csv', data: Buffer.alloc(size) }]);
  const cdAt = one.readUInt32LE(one.length - 22 + 16);
  const local = one.subarray(0, cdAt);
  const central = one.subarray(cdAt, one.length - 22);
  const cd = Buffer.concat(Array.from({ length: count }, (_, i) => {
    const c = Buffer.from(central);
    c.write(String(i % 10), 46); // a different first letter per entry, the same data
    return c;
  }));
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(count, 8);
  eocd.writeUInt16LE(count, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(local.length, 16);
  return Buffer.concat([local, cd, eocd]);
}

export { utf8 };
