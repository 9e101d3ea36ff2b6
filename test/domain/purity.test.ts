// STYLE.md: the domain never touches the file system, the clock, the terminal or the environment,
// so every report can be computed (and tested) from a Book alone.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers.ts';

const DOMAIN = join(REPO, 'src', 'domain');
const files = readdirSync(DOMAIN, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));

const FORBIDDEN: [RegExp, string][] = [
  [/from ['"](node:|fs|path|os|child_process|crypto)/, 'a Node built-in'],
  [/from ['"](chalk|cli-table3|@inquirer\/prompts|commander|yaml|csv-parse|csv-stringify|eta)['"]/, 'an I/O or terminal package'],
  [/from ['"]\.\.\/(store|cli|render|importers)\//, 'an outer layer'],
  [/\bprocess\./, 'process'],
  [/Date\.now\(|new Date\(\)/, 'the clock'],
  [/Math\.random\(/, 'unseeded randomness'],
];

describe('src/domain stays pure', () => {
  it('has modules to check', () => expect(files.length).toBeGreaterThan(10));
  for (const f of files) {
    it(f, () => {
      const text = readFileSync(join(DOMAIN, f), 'utf8');
      for (const [re, what] of FORBIDDEN) expect(re.test(text), `${f} uses ${what}`).toBe(false);
    });
  }
});
