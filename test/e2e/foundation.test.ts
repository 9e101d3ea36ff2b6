import { describe, expect, it } from 'vitest';
import { copyExample, run, runBuilt } from '../helpers.ts';

describe('the example class', () => {
  it('passes check with warnings only', async () => {
    const dir = copyExample();
    const r = await run(['check'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok, \d+ warnings? \(28 students, 11 standards, 10 assessments, 12 observations\)$/m);
  });

  it('runs from the built CLI', () => {
    const dir = copyExample();
    const r = runBuilt(['roster', 'list', '--section', 'P2'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('14 students');
  });
});
