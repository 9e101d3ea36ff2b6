// pathbook init: a new gradebook a teacher can start from, named after its folder, never overwriting one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, snapshot, tempDir } from '../helpers.ts';

describe('pathbook init', () => {
  it('creates the files, names the class after its folder (not the path to it), and quotes a path with spaces in its hint', async () => {
    const parent = join(tempDir(), 'my classes');
    const r = await run(['init', join(parent, 'grade6-math'), '--yes', '--no-git'], { cwd: parent.slice(0, parent.lastIndexOf('/')) });
    expect(r.code).toBe(0);
    const dir = join(parent, 'grade6-math');
    expect(Object.keys(snapshot(dir)).sort()).toEqual(['.gitignore', 'pathbook.yaml', 'roster.csv', 'standards.yaml']);
    expect(readFileSync(join(dir, 'pathbook.yaml'), 'utf8')).toContain('class: "grade6 math"');
    expect(r.stdout).toContain('`pathbook -C "my classes/grade6-math" roster import <file>`');
    expect((await run(['check'], { cwd: dir })).code).toBe(0);
  });

  it('refuses to turn an existing gradebook into a new one', async () => {
    const dir = join(tempDir(), 'grade6-math');
    expect((await run(['init', dir, '--yes', '--no-git'])).code).toBe(0);
    const before = snapshot(dir);
    const again = await run(['init', dir, '--yes', '--no-git', '--name', 'Other']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists: this folder is a gradebook');
    expect(snapshot(dir)).toEqual(before);
  });
});
