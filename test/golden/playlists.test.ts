// Generated handouts compared byte for byte; `UPDATE_GOLDEN=1 npm test` rewrites them for review in the diff.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, REPO, run } from '../helpers.ts';

const GOLDEN = join(REPO, 'test', 'golden', 'playlists');

function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('golden: playlists and choice boards on the example class', () => {
  it('Liam O\'Brien\'s ratios playlist (.yaml and .md), with one activity done', async () => {
    const dir = copyExample();
    expect((await run(['playlist', '--unit', 'ratios', '--student', 'S005'], { cwd: dir })).code).toBe(0);
    expect((await run(['done', 'S005', 'ratio-language-reading', '--date', '2026-11-24'], { cwd: dir })).code).toBe(0);
    expectGolden('S005.yaml', readFileSync(join(dir, 'playlists', 'S005.yaml'), 'utf8'));
    expectGolden('S005.md', readFileSync(join(dir, 'playlists', 'S005.md'), 'utf8'));
  });

  it('Hana Sato\'s ratios playlist: everything mastered, may-dos only', async () => {
    const dir = copyExample();
    await run(['playlist', '--unit', 'ratios', '--student', 'S014'], { cwd: dir });
    expectGolden('S014.md', readFileSync(join(dir, 'playlists', 'S014.md'), 'utf8'));
  });

  it('the ratios choice board, for the class and for Fatima Al-Sayed', async () => {
    const dir = copyExample();
    expect((await run(['choice-board', '--unit', 'ratios'], { cwd: dir })).code).toBe(0);
    expectGolden('board-ratios.md', readFileSync(join(dir, 'boards', 'ratios.md'), 'utf8'));
    expect((await run(['choice-board', '--unit', 'ratios', '--student', 'S020'], { cwd: dir })).code).toBe(0);
    expectGolden('board-ratios-S020.md', readFileSync(join(dir, 'boards', 'ratios-S020.md'), 'utf8'));
  });
});
