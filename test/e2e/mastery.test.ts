// `pathbook mastery` end to end on copies of the example class: --json/--csv contracts, filters,
// --as-of, --write (idempotent, byte-identical), errors, and the 80-column heatmap.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { visibleLength } from '../../src/render/style.ts';
import { loadBook } from '../../src/store/book-store.ts';
import { masteryCsvText, masteryRows } from '../../src/store/mastery-store.ts';
import { copyExample, EXAMPLE, run, runBuilt, snapshot, tempDir } from '../helpers.ts';

const KEYS = ['student_id', 'standard', 'score', 'level', 'label', 'mastered', 'evidence_count', 'last_date', 'method'];

describe('pathbook mastery --json', () => {
  it('prints one object per active student per standard with exactly mastery.csv\'s keys and types', async () => {
    const r = await run(['--json', 'mastery'], { cwd: EXAMPLE });
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(27 * 11);
    expect(rows.some((x) => x.student_id === 'S021')).toBe(false); // withdrawn
    for (const x of rows) {
      expect(Object.keys(x)).toEqual(KEYS);
      expect(x.score === null || typeof x.score === 'number').toBe(true);
      expect(x.level === null || Number.isInteger(x.level)).toBe(true);
      expect(typeof x.mastered).toBe('boolean');
      expect(Number.isInteger(x.evidence_count)).toBe(true);
      expect(x.last_date === null || /^\d{4}-\d{2}-\d{2}$/.test(x.last_date as string)).toBe(true);
      if (x.score !== null) expect(Math.round((x.score as number) * 100) / 100).toBe(x.score);
    }
    const order = rows.map((x) => `${x.student_id} ${x.standard}`);
    expect(order).toEqual([...order].sort());
  });

  it('--method changes the figures without touching the folder', async () => {
    const dir = copyExample();
    const before = snapshot(dir);
    const dec = JSON.parse((await run(['--json', 'mastery'], { cwd: dir })).stdout) as { score: number | null; method: string }[];
    const hi = JSON.parse((await run(['--json', 'mastery', '--method', 'highest'], { cwd: dir })).stdout) as { score: number | null; method: string }[];
    expect(hi.every((x) => x.method === 'highest')).toBe(true);
    expect(hi.some((x, i) => x.score !== dec[i]!.score)).toBe(true);
    hi.forEach((x, i) => { if (x.score !== null && dec[i]!.score !== null) expect(x.score).toBeGreaterThanOrEqual(dec[i]!.score!); });
    expect(snapshot(dir)).toEqual(before);
  });

  it('--as-of shows the class as it stood that day', async () => {
    const rows = JSON.parse((await run(['--json', 'mastery', '--as-of', '2026-10-15'], { cwd: EXAMPLE })).stdout) as { standard: string; evidence_count: number; last_date: string | null }[];
    for (const x of rows) {
      if (x.standard !== '6.RP.A.1') expect(x.evidence_count).toBe(0);
      if (x.last_date) expect(x.last_date).toBe('2026-10-14');
    }
  });

  it('filters by section, unit, standard and student', async () => {
    const get = async (...args: string[]) => JSON.parse((await run(['--json', 'mastery', ...args], { cwd: EXAMPLE })).stdout) as { student_id: string; standard: string }[];
    const p2 = await get('--section', 'P2', '--unit', 'ratios');
    expect(new Set(p2.map((x) => x.standard))).toEqual(new Set(['6.RP.A.1', '6.RP.A.2', '6.RP.A.3']));
    expect(new Set(p2.map((x) => x.student_id)).size).toBe(14);
    const one = await get('--student', 'S005,S007', '--standard', '6.EE.A.1', '--standard', '6.RP.A.3');
    expect(one.map((x) => `${x.student_id} ${x.standard}`)).toEqual(['S005 6.EE.A.1', 'S005 6.RP.A.3', 'S007 6.EE.A.1', 'S007 6.RP.A.3']);
  });

  it.each([
    [['mastery', '--unit', 'geometry'], /no standards in unit "geometry"/],
    [['mastery', '--student', 'S999'], /unknown student "S999"/],
    [['mastery', '--standard', '6.G.A.1'], /unknown standard "6.G.A.1"/],
    [['mastery', '--section', 'P9'], /no students in section "P9"/],
    [['mastery', '--method', 'median-ish'], /Allowed choices are/],
    [['mastery', '--w', '1.5'], /0.01 to 0.99/],
    [['mastery', '--as-of', '2026-13-01'], /a date like/],
  ])('%j is a command-line mistake (exit 2)', async (args, message) => {
    const r = await run(args, { cwd: EXAMPLE });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});

describe('pathbook mastery --csv', () => {
  it('prints mastery.csv\'s columns for the view', async () => {
    const r = await run(['mastery', '--csv', '--student', 'S007', '--unit', 'ratios'], { cwd: EXAMPLE });
    const lines = r.stdout.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe(KEYS.join(','));
    expect(lines[1]).toBe('S007,6.RP.A.1,3.00,3,Mastered,true,6,2026-11-16,decaying-average');
    expect(lines[4]).toBe('');
  });

  it('neutralises text a spreadsheet would run as a formula', async () => {
    const dir = copyExample();
    const settings = join(dir, 'pathbook.yaml');
    writeFileSync(settings, readFileSync(settings, 'utf8').replace('label: "Beginning"', 'label: "=HYPERLINK(\\"http://x\\")"'));
    const r = await run(['mastery', '--csv', '--student', 'S007'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`,"'=HYPERLINK(""http://x"")",`);
  });
});

describe('pathbook mastery --write', () => {
  it('writes mastery.csv equal to the rows, idempotently and byte for byte', async () => {
    const dir = copyExample();
    const file = join(dir, 'mastery.csv');
    writeFileSync(file, 'stale\n');
    const r1 = await run(['mastery', '--write', '-q'], { cwd: dir });
    expect(r1.code).toBe(0);
    const first = readFileSync(file, 'utf8');
    expect(first).toBe(masteryCsvText(masteryRows(loadBook(dir).book)));
    expect(first.split('\n')[0]).toBe(KEYS.join(','));
    expect(first.endsWith('\n')).toBe(true);
    const snap = snapshot(dir);
    const r2 = await run(['mastery', '--write'], { cwd: dir });
    expect(r2.stderr).toContain('mastery.csv is up to date.');
    expect(snapshot(dir)).toEqual(snap);
  });

  it('the example class\'s committed mastery.csv is what --write writes', () => {
    expect(readFileSync(join(EXAMPLE, 'mastery.csv'), 'utf8')).toBe(masteryCsvText(masteryRows(loadBook(EXAMPLE).book)));
  });

  it('refuses --write with --method or --as-of, and writes nothing', async () => {
    const dir = copyExample();
    const snap = snapshot(dir);
    const r = await run(['mastery', '--write', '--method', 'latest'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('drop --method/--w/--n/--as-of');
    expect(snapshot(dir)).toEqual(snap);
  });
});

describe('the heatmap', () => {
  it('is byte-identical across runs, in-process and from the built CLI', async () => {
    const a = await run(['mastery'], { cwd: EXAMPLE });
    const b = runBuilt(['mastery'], { cwd: EXAMPLE });
    expect(b.stdout).toBe(a.stdout);
    expect((await run(['mastery'], { cwd: EXAMPLE })).stdout).toBe(a.stdout);
  });

  it('never prints a score beside a level: cells hold level letters only', async () => {
    const r = await run(['mastery'], { cwd: EXAMPLE });
    const rows = r.stdout.split('\n').filter((l) => /^S\d{3} /.test(l));
    for (const l of rows) expect(l.slice(18)).toMatch(/^[EMAB·\-!* ]+\d+$/);
  });

  it.each([['CCSS-like ids', (i: number) => `7.U${Math.floor(i / 4)}.A.${i + 1}`], ['plain ids', (i: number) => `skill-${String(i + 1).padStart(2, '0')}`]])(
    'fits 30 students × 12 standards in 80 columns, with and without colour (%s)', async (_, idOf) => {
      const dir = classOf(30, 12, idOf);
      for (const env of [{}, { NO_COLOR: undefined, FORCE_COLOR: '1' }]) {
        const r = await run(['mastery'], { cwd: dir, env });
        expect(r.code).toBe(0);
        const lines = r.stdout.trimEnd().split('\n');
        expect(lines.filter((l) => /^S\d\d /.test(l))).toHaveLength(30);
        for (const l of lines) expect(visibleLength(l)).toBeLessThanOrEqual(80);
      }
    });

  it('pages wide views by unit instead of overflowing', async () => {
    const dir = classOf(5, 30, (i) => `8.D${Math.floor(i / 10)}.A.${i + 1}`);
    const r = await run(['mastery'], { cwd: dir });
    const lines = r.stdout.split('\n');
    for (const l of lines) expect(visibleLength(l)).toBeLessThanOrEqual(80);
    expect(lines.filter((l) => l.startsWith('student')).length).toBeGreaterThan(1);
  });
});

/** A gradebook with n students and k standards in units of 4, one assessment each standard. */
function classOf(n: number, k: number, idOf: (i: number) => string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'pathbook.yaml'), 'class: Wide\n');
  const students = Array.from({ length: n }, (_, i) => `S${String(i + 1).padStart(2, '0')}`);
  writeFileSync(join(dir, 'roster.csv'), ['id,given_name,family_name,section,email,status', ...students.map((s, i) => `${s},Maximiliano${i},Long-Family-Name,P1,,active`)].join('\n') + '\n');
  const stds = Array.from({ length: k }, (_, i) => idOf(i));
  writeFileSync(join(dir, 'standards.yaml'), stds.map((id, i) => `- { id: "${id}", statement: s, unit: unit-number-${Math.floor(i / 4)} }`).join('\n') + '\n');
  mkdirSync(join(dir, 'assessments'));
  stds.forEach((id, j) => {
    const aid = `2026-10-${String(j + 1).padStart(2, '0')}-check`;
    writeFileSync(join(dir, 'assessments', `${aid}.yaml`), `id: ${aid}\ntitle: t\ndate: ${aid.slice(0, 10)}\nkind: quiz\nitems:\n  - { id: q1, standards: ["${id}"], points: 4 }\n`);
    writeFileSync(join(dir, 'assessments', `${aid}.csv`), ['student_id,q1', ...students.map((s, i) => `${s},${i % 5 === 0 ? '' : (i + j) % 5}`.replace(/,5$/, ',4'))].join('\n') + '\n');
  });
  return dir;
}
