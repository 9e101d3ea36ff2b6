// Ids that would escape the folder or clash never become a path: the guard every write passes
// through (commitChanges → checkWritePaths), tested on the shapes peers.md §3.4 lists.
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { genericIdProblem, pathSegmentProblem, relativePathProblem, studentIdProblem } from '../../src/domain/ids.ts';
import { commitChanges } from '../../src/store/atomic.ts';
import { UserError } from '../../src/store/errors.ts';
import { checkWritePaths, resolveInside } from '../../src/store/safe-path.ts';
import { tempDir } from '../helpers.ts';

const ESCAPES = ['../x.yaml', 'students/../../x.yaml', '/etc/passwd', 'C:/Windows/x', '\\\\server\\share', 'students\\..\\x', 'a/\0b.yaml', 'students/CON.yaml', 'students/nul', 'plp/com1.md', 'students/S001..yaml'.replace('..', '.') + '.', 'playlists/x .md ', '', 'a//b', './a', `students/${'x'.repeat(256)}.yaml`];

describe('relativePathProblem refuses paths that could leave the folder or fail on another system', () => {
  it.each(ESCAPES)('%j', (p) => {
    expect(relativePathProblem(p)).toBeDefined();
  });
  it.each(['students/S001.yaml', 'assessments/2026-11-20-ratios-exit.csv', 'groups/2026-W48.md', 'plp/S014.html', '.gitignore', 'mastery.csv'])('accepts %s', (p) => {
    expect(relativePathProblem(p)).toBeUndefined();
  });
  it('segment rules', () => {
    expect(pathSegmentProblem('..')).toMatch(/leads out of its folder/);
    expect(pathSegmentProblem('LPT1.txt')).toMatch(/reserved/);
    expect(pathSegmentProblem('a:b')).toMatch(/refuse/);
  });
});

describe('ids that become file names', () => {
  it.each(['../S001', '/S001', 'S001/x', 'CON', 'aux.yaml', 'S001.', '.hidden', '-flag', 'S 001', 'Zoë', 'S\u0000'])('student id %j is refused', (id) => {
    expect(studentIdProblem(id)).toBeDefined();
  });
  it.each(['../a', 'a/b', 'NUL', 'x.', 'é'])('generic id %j is refused', (id) => {
    expect(genericIdProblem(id)).toBeDefined();
  });
});

describe('the write guard', () => {
  it('refuses the whole commit when one path escapes, writing nothing', () => {
    const root = tempDir();
    expect(() => commitChanges(root, [{ path: 'ok.txt', content: 'a' }, { path: '../evil.txt', content: 'b' }])).toThrow(UserError);
    expect(readdirSync(root)).toEqual([]);
  });

  it('refuses two paths equal up to letter case or Unicode normalisation', () => {
    const root = tempDir();
    expect(() => checkWritePaths(root, ['students/S001.yaml', 'students/s001.yaml'])).toThrow(/only by letter case or accents/);
    expect(() => checkWritePaths(root, ['plp/Jos\u00e9.md', 'plp/Jose\u0301.md'])).toThrow(/only by letter case or accents/);
  });

  it('refuses a new file that meets an existing one up to case (one file on macOS and Windows)', () => {
    const root = tempDir();
    mkdirSync(join(root, 'students'));
    writeFileSync(join(root, 'students', 'S001.yaml'), 'interests: []\n');
    expect(() => checkWritePaths(root, ['students/s001.yaml'])).toThrow(/already holds "students\/S001.yaml"/);
    expect(() => checkWritePaths(root, ['students/S001.yaml'])).not.toThrow();
  });

  it('refuses to write through a symbolic link that leads out of the folder', () => {
    const root = tempDir();
    const outside = tempDir();
    symlinkSync(outside, join(root, 'plp'));
    expect(() => resolveInside(root, 'plp/S001.md')).toThrow(/symbolic link/);
    expect(() => commitChanges(root, [{ path: 'plp/S001.md', content: 'x' }])).toThrow(UserError);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('the message says which path and why, with a hint', () => {
    const root = tempDir();
    try {
      commitChanges(root, [{ path: 'students/../../x.yaml', content: 'x' }]);
      expect.unreachable();
    } catch (e) {
      expect((e as UserError).message).toBe('refusing to use the path "students/../../x.yaml": ".." leads out of its folder');
      expect((e as UserError).hint).toMatch(/not a safe file name/);
    }
  });
});
