// `pathbook student <id>`: one student's standards by unit, trend, flags, and next-ready standards.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, EXAMPLE, run } from '../helpers.ts';

type StudentJson = {
  student: { id: string; status: string }; mastered: number; standards: number;
  units: { unit: string; standards: { standard: string; score: number | null; label: string; mastered: boolean; thin: boolean; override: boolean; trend: number[]; evidence_count: number }[] }[];
  next_ready: { standard: string; prerequisites: string[] }[];
};
const get = async (args: string[], cwd = EXAMPLE) => JSON.parse((await run(['--json', 'student', ...args], { cwd })).stdout) as StudentJson;

describe('pathbook student', () => {
  it('groups the standards by unit in curriculum order, with the same figures as mastery', async () => {
    const s = await get(['S005']);
    expect(s.units.map((u) => u.unit)).toEqual(['ratios', 'expressions', 'number-system']);
    const rows = JSON.parse((await run(['--json', 'mastery', '--student', 'S005'], { cwd: EXAMPLE })).stdout) as { standard: string; score: number | null; label: string }[];
    const mine = s.units.flatMap((u) => u.standards);
    for (const r of rows) expect(mine.find((m) => m.standard === r.standard)).toMatchObject({ score: r.score, label: r.label });
    expect(s.mastered).toBe(mine.filter((m) => m.mastered).length);
  });

  it('the trend is the evidence scores in order, and thin/override flags are shown', async () => {
    const s = await get(['S007']);
    const rp1 = s.units[0]!.standards[0]!;
    expect(rp1.trend).toHaveLength(rp1.evidence_count);
    expect(rp1.override).toBe(true);
    const r = await run(['student', 'S007'], { cwd: EXAMPLE });
    expect(r.stdout).toMatch(/6\.RP\.A\.1 +Mastered +3\.00 +[▁▂▃▄▅▆▇█]{6} +6 +2026-11-16 +override/);
    expect(r.stdout).toMatch(/6\.NS\.A\.1 .* thin evidence/);
  });

  it('lists next-ready standards: not mastered, every prerequisite mastered', async () => {
    const s = await get(['S005']);
    const all = new Map(s.units.flatMap((u) => u.standards).map((x) => [x.standard, x]));
    expect(s.next_ready.length).toBeGreaterThan(0);
    for (const n of s.next_ready) {
      expect(all.get(n.standard)!.mastered).toBe(false);
      for (const p of n.prerequisites) expect(all.get(p)!.mastered).toBe(true);
    }
    // 6.RP.A.3 waits on 6.RP.A.1 and 6.RP.A.2, which S005 has not mastered.
    expect(s.next_ready.map((n) => n.standard)).not.toContain('6.RP.A.3');
    expect(s.next_ready.map((n) => n.standard)).toContain('6.EE.A.2');
  });

  it('opens a withdrawn student\'s page (the history is kept)', async () => {
    const s = await get(['S021']);
    expect(s.student.status).toBe('withdrawn');
    expect(s.units.flatMap((u) => u.standards).some((x) => x.evidence_count > 0)).toBe(true);
  });

  it('--as-of and --method reach the figures', async () => {
    const early = await get(['S005', '--as-of', '2026-10-15']);
    expect(early.units[0]!.standards[0]!.evidence_count).toBe(1);
    const hi = await get(['S005', '--method', 'highest']);
    const dec = await get(['S005']);
    expect(hi.units[0]!.standards[0]!.score!).toBeGreaterThanOrEqual(dec.units[0]!.standards[0]!.score!);
  });

  it('shows nothing about other students', async () => {
    const r = await run(['student', 'S005'], { cwd: EXAMPLE });
    expect(r.stdout).not.toMatch(/S0(0[0-46-9]|[12]\d)/);
  });

  it('an unknown id is a command-line mistake', async () => {
    const r = await run(['student', 'S999'], { cwd: EXAMPLE });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown student "S999"');
  });

  it('a standard waits until every prerequisite is mastered', async () => {
    const dir = copyExample();
    const f = join(dir, 'standards.yaml');
    // Make every standard wait on 6.RP.A.3, which S017 has not mastered.
    writeFileSync(f, readFileSync(f, 'utf8').replace(/prerequisites: \[\]/g, 'prerequisites: [6.RP.A.3]').replace('prerequisites: [6.RP.A.1, 6.RP.A.2]', 'prerequisites: []'));
    const s = await get(['S017'], dir);
    expect(s.next_ready.map((n) => n.standard)).toEqual(['6.RP.A.3']);
  });
});
