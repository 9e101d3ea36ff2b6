// Golden files: the Markdown and HTML PLPs of two example students, in English and Spanish,
// compared byte for byte. Review changes in the diff; `UPDATE_GOLDEN=1 npm test` rewrites them.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyExample, REPO, run } from '../helpers.ts';

const GOLDEN = join(REPO, 'test', 'golden', 'plp');

export function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(existsSync(file), `test/golden/plp/${name} is missing: run UPDATE_GOLDEN=1 npm test and review it`).toBe(true);
  expect(actual, `test/golden/plp/${name} differs: review, then UPDATE_GOLDEN=1 npm test`).toBe(readFileSync(file, 'utf8'));
}

describe('PLP golden files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = copyExample();
    // S005 has a playlist (what comes next); S020 has none, so both shapes are covered.
    mkdirSync(join(dir, 'playlists'));
    copyFileSync(join(REPO, 'test', 'fixtures', 'playlist-S005.yaml'), join(dir, 'playlists', 'S005.yaml'));
    for (const lang of ['en', 'es']) {
      for (const id of ['S005', 'S020']) {
        const r = await run(['plp', id, '--format', 'html', '--lang', lang, '--out', `out-${lang}`], { cwd: dir });
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
      }
    }
  });

  for (const lang of ['en', 'es']) {
    for (const id of ['S005', 'S020']) {
      for (const ext of ['md', 'html']) {
        it(`${id} in ${lang === 'en' ? 'English' : 'Spanish'} as ${ext === 'md' ? 'Markdown' : 'HTML'}`, () => {
          expectGolden(`${id}.${lang}.${ext}`, readFileSync(join(dir, `out-${lang}`, `${id}.${ext}`), 'utf8'));
        });
      }
    }
  }
});
