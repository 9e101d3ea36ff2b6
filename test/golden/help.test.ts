// `pathbook --help` and every command's --help, byte for byte (test/golden/help/<command>.txt), and
// each with real examples. The commands come from the program itself, so a command added later is
// covered as soon as it is registered: UPDATE_GOLDEN=1 npm test writes its golden file for review.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/program.ts';
import { REPO, run } from '../helpers.ts';

const GOLDEN = join(REPO, 'test', 'golden', 'help');
const UPDATE = !!process.env.UPDATE_GOLDEN;

function commandPaths(): string[][] {
  const { program } = createProgram({ stdout: () => {}, stderr: () => {}, cwd: REPO, env: {}, stdoutIsTTY: false, stdinIsTTY: false, now: () => new Date(0) });
  const out: string[][] = [];
  const walk = (cmd: Command, path: string[]) => {
    for (const sub of cmd.commands) {
      out.push([...path, sub.name()]);
      walk(sub, [...path, sub.name()]);
    }
  };
  walk(program, []);
  return out;
}

const paths = commandPaths();
const goldenName = (path: string[]) => `${['pathbook', ...path].join('-')}.txt`;

describe('help', () => {
  it('finds the commands the program registers', () => {
    expect(paths.map((p) => p.join(' '))).toEqual(expect.arrayContaining(['init', 'roster', 'roster import', 'roster list', 'standards', 'standards import', 'standards list', 'check']));
  });

  it.each(['', ...paths.map((p) => p.join(' '))])('pathbook %s --help', async (joined) => {
    const path = joined ? joined.split(' ') : [];
    const r = await run([...path, '--help']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const file = join(GOLDEN, goldenName(path));
    if (UPDATE) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(file, r.stdout);
    }
    if (!existsSync(file)) {
      throw new Error(`no golden help for \`pathbook ${path.join(' ')}\`: run UPDATE_GOLDEN=1 npm test to write ${join('test', 'golden', 'help', goldenName(path))}, then review it in the diff`);
    }
    expect(r.stdout).toBe(readFileSync(file, 'utf8'));
    // Every help ends with real examples (STYLE.md: two or three beside each command).
    expect(r.stdout).toContain('\nExamples:\n');
    expect(r.stdout).toMatch(/\n {2}\$ pathbook /);
  });

  it('has no golden file for a command that no longer exists', () => {
    const wanted = new Set([goldenName([]), ...paths.map(goldenName)]);
    const stale = readdirSync(GOLDEN).filter((f) => !wanted.has(f));
    expect(stale, `remove these golden files of commands that are gone: ${stale.join(', ')}`).toEqual([]);
  });
});
