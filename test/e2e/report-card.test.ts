// pathbook report-card on the example class: Marzano bands, guards from pathbook.yaml, terms,
// and a CSV safe to open in a spreadsheet.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, run, snapshot, tempDir } from '../helpers.ts';

function appendSettings(dir: string, yaml: string): void {
  const f = join(dir, 'pathbook.yaml');
  writeFileSync(f, readFileSync(f, 'utf8') + yaml);
}

describe('pathbook report-card', () => {
  it('bands each active student\'s mean score with Marzano\'s defaults', async () => {
    const dir = copyExample();
    const r = await run(['report-card'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^S005\s+Liam O'Brien\s+P2\s+B\s+2\.82\s+9\/11\s+4\s+1\s*$/m);
    expect(r.stdout).toMatch(/^S007\s+Ethan Smith-Jones\s+P2\s+D\s+1\.55\s/m);
    expect(r.stdout).not.toContain('S021');
    expect(r.stdout).toContain('Grade 6 Math, all evidence. Marks: A from 3.00, B from 2.50, C from 2.00, D from 1.00, F from 0.00.');
    const j = JSON.parse((await run(['report-card', '--json', '--section', 'P4'], { cwd: dir })).stdout);
    expect(j.students).toHaveLength(13);
    expect(j.students.find((s: { student_id: string }) => s.student_id === 'S014')).toMatchObject({ mark: 'A', mean: 3.58, standards_assessed: 9, lowest_level: 3 });
  });

  it('applies the guards in pathbook.yaml and says why a mark was lowered', async () => {
    const dir = copyExample();
    appendSettings(dir, '\nreportCard:\n  guards:\n    - { mark: A, minStandardLevel: 3 }\n');
    const j = JSON.parse((await run(['report-card', '--json'], { cwd: dir })).stdout);
    const by = (id: string) => j.students.find((s: { student_id: string }) => s.student_id === id);
    // S004: mean 3.00 but a standard at level 2 → B. S003: every standard at 3 or more → A.
    expect(by('S004')).toMatchObject({ mark: 'B', lowered_from: 'A' });
    expect(by('S004').note).toMatch(/^A lowered to B: no A with a standard below level 3: 6\.\w+\.\w+\.\d at level 2/);
    expect(by('S003')).toMatchObject({ mark: 'A', lowered_from: null, note: '' });
    expect(j.guards).toEqual([{ mark: 'A', minStandardLevel: 3 }]);
  });

  it('counts only the evidence in a term, given by dates or by name', async () => {
    const dir = copyExample();
    appendSettings(dir, '\nreportCard:\n  terms:\n    - { name: Oct, from: 2026-10-01, to: 2026-10-31 }\n');
    const byDates = JSON.parse((await run(['report-card', '--term', '2026-10-01..2026-10-31', '--json'], { cwd: dir })).stdout);
    const byName = JSON.parse((await run(['report-card', '--term', 'Oct', '--json'], { cwd: dir })).stdout);
    expect(byName.students).toEqual(byDates.students);
    expect(byName.term).toEqual({ name: 'Oct', from: '2026-10-01', to: '2026-10-31' });
    // October had only the ratios unit: three standards (6.NS.A.1 etc. came in November).
    const liam = byName.students.find((s: { student_id: string }) => s.student_id === 'S005');
    expect(liam.standards_assessed).toBe(3);
    const all = JSON.parse((await run(['report-card', '--json'], { cwd: dir })).stdout);
    expect(all.students.find((s: { student_id: string }) => s.student_id === 'S005').standards_assessed).toBe(9);
    const md = await run(['report-card', '--term', 'Oct', '--format', 'md'], { cwd: dir });
    expect(md.stdout).toContain('# Report-card marks: Grade 6 Math, Oct: 2026-10-01 to 2026-10-31\n');
    expect(md.stdout).toMatch(/^\| S005 \| Liam O'Brien \| P2 \| [A-F] \| \d\.\d\d \| 3 of 11 \|/m);
  });

  it('refuses a term it cannot read', async () => {
    const dir = copyExample();
    appendSettings(dir, '\nreportCard:\n  terms:\n    - { name: T1, from: 2026-08-15, to: 2026-12-18 }\n');
    const cases: [string, RegExp][] = [
      ['Spring', /unknown term "Spring"\n  hint: terms in pathbook.yaml: T1; or give dates/],
      ['2026-12-18..2026-08-15', /ends before it starts/],
      ['2026-02-30..2026-03-01', /not a real date/],
    ];
    for (const [term, msg] of cases) {
      const r = await run(['report-card', '--term', term], { cwd: dir });
      expect(r.stderr, term).toMatch(msg);
      expect(r.code, term).toBe(2);
    }
    appendSettings(dir, '    - { name: T2, from: 2027-01-05, to: soon }\n');
    const bad = await run(['report-card', '--term', 'T1'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^pathbook\.yaml:\d+:\d+: error: `to: soon` is not a date like 2026-08-15/);
  });

  it('writes a CSV whose cells a spreadsheet will not run as formulas', async () => {
    const dir = copyExample();
    const roster = join(dir, 'roster.csv');
    writeFileSync(roster, readFileSync(roster, 'utf8').replace('S005,Liam,', 'S005,"=HYPERLINK(""http://x"",""click"")",'));
    const r = await run(['report-card', '--out', 'marks.csv'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Wrote marks for 27 students to marks.csv.\n');
    const csv = readFileSync(join(dir, 'marks.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('student_id,given_name,family_name,section,mark,mean,standards_assessed,standards_mastered,standards_total,lowest_level,note');
    expect(csv).toContain(`S005,"'=HYPERLINK(""http://x"",""click"")",O'Brien,P2,B,2.82,9,4,11,1,\n`);
    expect(csv.endsWith('\n')).toBe(true);
  });

  it('writes outside the gradebook, and refuses a file type it cannot tell', async () => {
    const dir = copyExample();
    const before = snapshot(dir);
    const out = join(tempDir(), 'marks.md');
    expect((await run(['report-card', '--out', out], { cwd: dir })).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Report-card marks: Grade 6 Math, all evidence\n/);
    const bad = await run(['report-card', '--out', 'marks.txt'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/cannot tell the format of marks\.txt/);
    expect(existsSync(join(dir, 'marks.txt'))).toBe(false);
    expect(snapshot(dir)).toEqual(before);
  });
});
