// `pathbook explain` must reproduce `pathbook mastery` for every student × standard × method on the
// example class, and show where every figure came from.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHODS } from '../../src/domain/types.ts';
import { copyExample, EXAMPLE, run } from '../helpers.ts';

type Row = { student_id: string; standard: string; score: number | null; level: number | null; label: string; mastered: boolean; evidence_count: number; last_date: string | null; method: string };
const ROW_KEYS = ['student_id', 'standard', 'score', 'level', 'label', 'mastered', 'evidence_count', 'last_date', 'method'] as const;
const pick = (x: Record<string, unknown>) => Object.fromEntries(ROW_KEYS.map((k) => [k, x[k]]));
const json = async <T>(args: string[], cwd = EXAMPLE): Promise<T> => {
  const r = await run(['--json', ...args], { cwd });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as T;
};

describe('explain agrees with mastery', () => {
  it('for every student × standard, every method in explain\'s list matches `mastery --json --method M`', async () => {
    const byMethod = new Map<string, Map<string, Row>>();
    for (const m of METHODS) {
      const rows = await json<Row[]>(['mastery', '--method', m]);
      byMethod.set(m, new Map(rows.map((r) => [`${r.student_id} ${r.standard}`, r])));
    }
    const plain = await json<Row[]>(['mastery']);
    expect(plain).toHaveLength(27 * 11);
    for (const row of plain) {
      const x = await json<Record<string, unknown> & { methods: Record<string, unknown>[] }>(['explain', row.student_id, row.standard]);
      expect(pick(x)).toEqual(row);
      expect(x.methods.map((m) => m.method)).toEqual([...METHODS]);
      for (const m of x.methods) {
        const want = byMethod.get(m.method as string)!.get(`${row.student_id} ${row.standard}`)!;
        expect({ method: m.method, score: m.score, level: m.level, label: m.label, mastered: m.mastered }).toEqual({ method: want.method, score: want.score, level: want.level, label: want.label, mastered: want.mastered });
      }
    }
  }, 180_000); // 300 in-process runs of the real program

  it.each(METHODS)('explain --method %s gives mastery --method\'s figure (S007 and S017, every standard, --n 2 --w 0.5)', async (m) => {
    const rows = await json<Row[]>(['mastery', '--method', m, '--n', '2', '--w', '0.5', '--student', 'S007']);
    for (const row of rows) {
      const x = await json<Record<string, unknown>>(['explain', row.student_id, row.standard, '--method', m, '--n', '2', '--w', '0.5']);
      expect(pick(x)).toEqual(row);
    }
  });

  it('with --as-of', async () => {
    const rows = await json<Row[]>(['mastery', '--as-of', '2026-10-25', '--student', 'S002']);
    for (const row of rows) expect(pick(await json(['explain', 'S002', row.standard, '--as-of', '2026-10-25']))).toEqual(row);
  });
});

describe('what explain shows', () => {
  it('each piece of evidence with file:line and per-item arithmetic, in order, and the working', async () => {
    const r = await run(['explain', 'S002', '6.RP.A.2'], { cwd: EXAMPLE });
    expect(r.code).toBe(0);
    const out = r.stdout;
    // Points from the files: S002 on the unit-rates exit ticket is line 3 (0,1,1,0 on q1..q4; q3 also aligns 6.RP.A.1).
    expect(out).toContain('assessments/2026-10-16-unit-rates-exit.csv:3');
    expect(out).toContain('q1 0/1 + q2 1/1 + q3 1/2 + q4 0/1 = 2/5 → 2/5 × 4 = 1.6');
    expect(out.indexOf('2026-10-16-unit-rates-exit')).toBeLessThan(out.indexOf('2026-10-23-ratios-quiz-retake'));
    // The original quiz is left out because the retake replaced it.
    expect(out).toMatch(/Left out\n {2}2026-10-20 {2}2026-10-20-ratios-quiz .*\n {6}assessments\/2026-10-20-ratios-quiz\.csv:3: replaced by the retake 2026-10-23-ratios-quiz-retake/);
    expect(out).toContain('d3 = 0.35·1.86 + 0.65·2.25 = 2.1135');
    expect(out).toContain('Result: 2.1135 rounds to 2.11 → Approaching (level 2)');
  });

  it('shows thin evidence, and the power law\'s fallback', async () => {
    const r = await run(['explain', 'S005', '6.NS.A.1', '--method', 'power-law'], { cwd: EXAMPLE });
    expect(r.stdout).toContain('! thin evidence: 1 piece, fewer than 2');
    expect(r.stdout).toContain('power law not used: only 1 score (power law needs 3); decaying average instead');
    expect(r.stdout).toContain('! power-law could not apply; decaying-average used');
  });

  it('shows an override in force, and what each method would give without it', async () => {
    const x = await json<{ override: boolean; score: number; methods: { method: string; score: number; without_override?: { score: number } }[] }>(['explain', 'S007', '6.RP.A.1']);
    expect(x.override).toBe(true);
    expect(x.methods.every((m) => m.score === 3)).toBe(true);
    expect(x.methods.find((m) => m.method === 'highest')!.without_override!.score).toBe(4);
    const r = await run(['explain', 'S007', '6.RP.A.1'], { cwd: EXAMPLE });
    expect(r.stdout).toContain('teacher override on 2026-11-16: 3.00');
    expect(r.stdout).toContain('observations.csv:11');
  });

  it('explains a parent standard from its children', async () => {
    const dir = copyExample();
    const f = join(dir, 'standards.yaml');
    writeFileSync(f, readFileSync(f, 'utf8') + '- id: 6.RP\n  statement: Ratios and proportional relationships\n  unit: ratios\n  children: [6.RP.A.1, 6.RP.A.2, 6.RP.A.3]\n  rollup: min\n');
    const rows = await json<Row[]>(['mastery', '--student', 'S005', '--standard', '6.RP'], dir);
    expect(rows[0]!.method).toBe('rollup:min');
    const x = await json<Record<string, unknown>>(['explain', 'S005', '6.RP'], dir);
    expect(pick(x)).toEqual(rows[0]);
    const r = await run(['explain', 'S005', '6.RP'], { cwd: dir });
    expect(r.stdout).toContain('Rolls up from 3 child standards (rule: min)');
    expect(r.stdout).toMatch(/lowest of the children \(6\.RP\.A\.1 2\.38, 6\.RP\.A\.2 2\.85, 6\.RP\.A\.3 2\.46\) = 2\.38/);
  });

  it.each([
    [['explain', 'S999', '6.RP.A.1'], /unknown student "S999"/],
    [['explain', 'S005', '6.XX'], /unknown standard "6.XX"/],
    [['explain', 'S005'], /missing required argument/],
  ])('%j exits 2 with a message', async (args, message) => {
    const r = await run(args, { cwd: EXAMPLE });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
