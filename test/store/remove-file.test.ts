import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeFile } from '../../src/store/remove-file.ts';
import { tempDir } from '../helpers.ts';

describe('removeFile', () => {
  it('deletes a file, and is content when it is already gone (a lock released twice, a temp file never written)', () => {
    const dir = tempDir();
    const file = join(dir, 'lock');
    writeFileSync(file, 'x');
    removeFile(file);
    expect(existsSync(file)).toBe(false);
    expect(() => removeFile(file)).not.toThrow();
  });

  it('refuses a folder rather than ignoring it', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    expect(() => removeFile(join(dir, 'sub'))).toThrow();
    expect(existsSync(join(dir, 'sub'))).toBe(true);
  });
});
