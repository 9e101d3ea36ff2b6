// Golden files for the mastery reports on the example class, compared byte for byte
// (UPDATE_GOLDEN=1 npm test rewrites them for review in the diff).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, run } from '../helpers.ts';

const HERE = join(dirname(fileURLToPath(import.meta.url)), 'mastery');

function expectGolden(name: string, actual: string): void {
  const file = join(HERE, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(HERE, { recursive: true });
    writeFileSync(file, actual);
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`wrote the missing golden file ${name}; check it and run again`);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const cases: [string, string[]][] = [
  ['heatmap.txt', ['mastery']],
  ['heatmap-ratios-p2.txt', ['mastery', '--unit', 'ratios', '--section', 'P2']],
  ['mastery.json', ['--json', 'mastery']],
  ['mastery-power-law.csv', ['mastery', '--csv', '--method', 'power-law']],
  ['explain-S005-6.RP.A.3.txt', ['explain', 'S005', '6.RP.A.3']],
  ['explain-S007-6.RP.A.1.txt', ['explain', 'S007', '6.RP.A.1']],
  ['explain-S002-6.RP.A.2.json', ['--json', 'explain', 'S002', '6.RP.A.2']],
  ['student-S005.txt', ['student', 'S005']],
  ['student-S007.json', ['--json', 'student', 'S007']],
];

describe('golden reports on the example class (no colour)', () => {
  it.each(cases)('%s', async (name, args) => {
    const r = await run(args, { cwd: EXAMPLE });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expectGolden(name, r.stdout);
  });
});
