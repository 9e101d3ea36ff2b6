// Hostile files through the built CLI: `check` exits 1 naming the file, never a stack trace or an
// "internal error"; a writing command refuses and leaves every file as it was.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyExample, runBuilt, snapshot } from '../helpers.ts';
import { example, mutated, utf8, worstCsv, worstYaml, zipBomb } from './fuzz-cases.ts';

const QUIZ = 'assessments/2026-10-20-ratios-quiz';
const sampleOf = <T>(arb: fc.Arbitrary<T>, seed: number): T => fc.sample(arb, { seed, numRuns: 1 })[0]!;

/** file → hostile content, each expected to be refused. */
const CASES: [string, string, string | Uint8Array][] = [
  ['random bytes as the roster', 'roster.csv', new Uint8Array(sampleOf(fc.uint8Array({ minLength: 500, maxLength: 500 }), 1).map((b) => b | 0x80))],
  ['an alias bomb as the standards', 'standards.yaml', worstYaml()['alias bomb (billion laughs)']!],
  ['deeply nested YAML as an assessment', `${QUIZ}.yaml`, worstYaml()['deep flow nesting']!],
  ['a 2 MB field in the observations', 'observations.csv', worstCsv('student_id,standard,date,score,source,note')['huge field']!],
  ['30,000 columns in a scores file', `${QUIZ}.csv`, worstCsv('student_id,q1,q2,q3,q4,q5,q6')['30000 columns']!],
  ['settings cut in half', 'pathbook.yaml', example('pathbook.yaml').slice(0, 400) + '\n  - { level: [\n'],
  ['a binary student profile', 'students/S002.yaml', new Uint8Array(2048).fill(7)],
  ['a spliced standards file', 'standards.yaml', sampleOf(mutated(example('standards.yaml')).filter((s) => s.includes('[') && !s.trim().endsWith(']')), 3) + '\n- id: [unclosed\n'],
  ['ids that would escape the folder or clash', 'roster.csv', [
    'id,given_name,family_name,section,email,status',
    '../../etc/passwd,A,B,P2,,active', '/abs/path,A,B,P2,,active', 'CON,A,B,P2,,active', 'S001.,A,B,P2,,active',
    'S001,A,B,P2,,active', 's001,A,B,P2,,active', 'a\\b,A,B,P2,,active', '',
  ].join('\n')],
];

describe('the CLI on hostile files', () => {
  it.each(CASES)('%s: check exits 1 naming the file; mastery --write writes nothing', (_, file, content) => {
    const dir = copyExample();
    writeFileSync(join(dir, file), content);
    const before = snapshot(dir);
    const check = runBuilt(['check'], { cwd: dir });
    const out = check.stdout + check.stderr;
    expect(check.code, out).toBe(1);
    expect(out).toContain(file);
    expect(out).not.toMatch(/\n\s+at |internal error|RangeError|TypeError/);
    const write = runBuilt(['mastery', '--write'], { cwd: dir });
    expect(write.code, write.stderr).toBe(1);
    expect(write.stderr).not.toMatch(/\n\s+at |internal error/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('names each unsafe or clashing id with its line', () => {
    const dir = copyExample();
    writeFileSync(join(dir, 'roster.csv'), CASES.at(-1)![2]);
    const r = runBuilt(['check'], { cwd: dir });
    const lines = r.stdout.split('\n');
    const at = (n: number) => lines.find((l) => l.startsWith(`roster.csv:${n}:`)) ?? '';
    expect(at(2)).toMatch(/unsafe student id "..\/..\/etc\/passwd"/);
    expect(at(3)).toMatch(/unsafe student id "\/abs\/path"/);
    expect(at(4)).toMatch(/"CON" is a reserved file name/);
    expect(at(5)).toMatch(/may not end with "\."/);
    expect(at(7)).toMatch(/student id "s001" differs from "S001" .* only by letter case/);
    expect(at(8)).toMatch(/unsafe student id "a\\\\b"/);
  });

  it('a NUL byte in an id is refused with its line, never used as a path', () => {
    const dir = copyExample();
    writeFileSync(join(dir, 'roster.csv'), 'id,given_name,family_name\nS001\0/../x,A,B\n');
    const r = runBuilt(['check'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('roster.csv:2: error: this line holds a NUL byte');
  });

  it('roster import of a zip bomb refuses it, writing nothing', () => {
    const dir = copyExample();
    const bomb = join(dir, '..', 'oneroster.zip');
    writeFileSync(bomb, zipBomb(2000, 16 * 1024 * 1024));
    const before = snapshot(dir);
    const r = runBuilt(['roster', 'import', bomb], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/oneroster.zip: the zip would unpack to more than 512 MB/);
    expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a file the size of an attack is refused quickly', () => {
    const dir = copyExample();
    writeFileSync(join(dir, 'standards.yaml'), worstYaml()['huge scalar']!);
    const t = performance.now();
    const r = runBuilt(['check'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('standards.yaml:1: error: the file is too large');
    expect(performance.now() - t).toBeLessThan(5000);
  });
});

export { utf8 };
