// The bad-input catalogue (issue 2, "Bad input"): each test/errors/<case>/ holds the input — a
// gradebook in book/ (or the shared _book/) and any file to import beside it — the pathbook
// arguments in `cmd`, and the exact `expected-stderr` and `expected-code`. Every case runs against the
// built CLI on a temporary copy, and the copy must be byte-for-byte unchanged afterwards.
// UPDATE_GOLDEN=1 npm test rewrites the expected files for review in the diff.
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runBuilt, snapshot, tempDir } from './helpers.ts';

const ERRORS = join(REPO, 'test', 'errors');
const UPDATE = !!process.env.UPDATE_GOLDEN;
const cases = readdirSync(ERRORS, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('_')).map((d) => d.name).sort();

/** `cmd` holds one argument per line, or a JSON array of them. */
function readArgs(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  if (text.trimStart().startsWith('[')) return JSON.parse(text) as string[];
  return text.split('\n').filter((l) => l !== '');
}

describe('bad input', () => {
  it('has the cases issue 2 asks for', () => {
    for (const c of ['empty-file', 'header-only', 'missing-column', 'duplicate-ids-import', 'duplicate-ids-roster', 'unsafe-id-dotdot', 'unsafe-id-absolute', 'unsafe-id-reserved', 'unsafe-id-nul', 'binary-garbage', 'yaml-syntax-error', 'yaml-unquoted-id', 'unknown-class']) {
      expect(cases).toContain(c);
    }
  });

  it.each(cases)('%s', (name) => {
    const src = join(ERRORS, name);
    const work = join(tempDir('pathbook-error-'), name);
    cpSync(src, work, { recursive: true });
    if (!existsSync(join(work, 'book'))) cpSync(join(ERRORS, '_book'), join(work, 'book'), { recursive: true });
    const before = snapshot(work);
    const r = runBuilt(readArgs(join(src, 'cmd')), { cwd: join(work, 'book') });
    if (UPDATE) {
      writeFileSync(join(src, 'expected-stderr'), r.stderr);
      writeFileSync(join(src, 'expected-code'), `${r.code}\n`);
    }
    const expectedStderr = readFileSync(join(src, 'expected-stderr'), 'utf8');
    const expectedCode = Number(readFileSync(join(src, 'expected-code'), 'utf8').trim());
    expect(r.stderr).toBe(expectedStderr);
    expect(r.code).toBe(expectedCode);
    expect(r.stdout).toBe('');
    // A user's mistake: exit 1, a message naming the file (and line), nothing changed.
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(snapshot(work)).toEqual(before);
  });
});
