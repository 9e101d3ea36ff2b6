// Small gradebooks for unit tests, written to a temporary folder and read back through the real loader.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadBook, type LoadedBook } from '../../src/store/book-store.ts';
import { tempDir } from '../helpers.ts';

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

/** A gradebook from file texts (pathbook.yaml defaults to an empty settings file). */
export function inlineBook(files: Record<string, string>): LoadedBook & { dir: string } {
  const dir = tempDir();
  writeFiles(dir, { 'pathbook.yaml': 'class: Test\n', ...files });
  const loaded = loadBook(dir);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => `${d.source?.file}:${d.source?.line}: ${d.message}`).join('\n'));
  return { ...loaded, dir };
}

export function rosterCsv(ids: string[]): string {
  return 'id,given_name,family_name,section,email,status\n' + ids.map((id) => `${id},Given${id},Family${id},P1,${id.toLowerCase()}@school.example,active`).join('\n') + '\n';
}

export const ONE_STANDARD = '- id: 6.RP.A.1\n  statement: Ratios\n  student_statement: I can\n  unit: ratios\n  prerequisites: []\n';
