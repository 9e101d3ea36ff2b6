// Golden files for the example class's groups and rotation (UPDATE_GOLDEN=1 npm test rewrites them).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, REPO, run } from '../helpers.ts';

const GOLDEN = join(REPO, 'test', 'golden', 'groups');

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('golden: the example class, next week', () => {
  it('readiness groups on 6.RP.A.3 and their rotation', async () => {
    const dir = copyExample();
    expect((await run(['group', '--mode', 'readiness', '--standard', '6.RP.A.3', '--week', 'next'], { cwd: dir })).code).toBe(0);
    expect((await run(['rotation', '--week', 'next'], { cwd: dir })).code).toBe(0);
    golden('2026-W49.yaml', readFileSync(join(dir, 'groups/2026-W49.yaml'), 'utf8'));
    golden('2026-W49.md', readFileSync(join(dir, 'groups/2026-W49.md'), 'utf8'));
    golden('rotation-2026-W49.md', readFileSync(join(dir, 'rotations/2026-W49.md'), 'utf8'));
  });

  it('five mixed groups per period through three stations, with clock times', async () => {
    const dir = copyExample();
    expect((await run(['group', '--mode', 'mixed', '--groups', '5', '--week', 'next'], { cwd: dir })).code).toBe(0);
    expect((await run(['rotation', '--stations', 'teacher,tech,independent', '--minutes', '12', '--start', '09:10'], { cwd: dir })).code).toBe(0);
    golden('rotation-mixed-2026-W49.md', readFileSync(join(dir, 'rotations/2026-W49.md'), 'utf8'));
  });
});
