// pathbook import on a copy of the example class: the Forms exit ticket end to end (points and mastery
// checked by hand), re-import as a no-op, the map template, and every way an import is refused.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, DOWNLOADS, run, runBuilt, snapshot, tempDir } from '../helpers.ts';

const FORMS = 'Exit ticket 11-20 (Responses).csv';
const MAP = 'Exit ticket 11-20.map.yaml';
const ID = '2026-11-20-ratios-exit';

/** The example class and, in a separate folder, a copy of the downloads (imports may write beside them). */
function setup() {
  const dir = copyExample();
  const dl = tempDir('pathbook-downloads-');
  cpSync(DOWNLOADS, dl, { recursive: true });
  return { dir, dl, forms: join(dl, FORMS), map: join(dl, MAP) };
}

const row = (csv: string, id: string) => csv.split('\n').find((l) => l.startsWith(`${id},`));
const read = (dir: string, rel: string) => readFileSync(join(dir, rel), 'utf8');

describe('importing the example Forms exit ticket', () => {
  it('writes the assessment, its answers and mastery, and prints the summary and plan', async () => {
    const { dir, forms, map } = setup();
    const r = await run(['import', forms, '--map', map], { cwd: dir });
    expect(r.stderr).toMatch(/Noah Patel \(S009\) submitted 2 times \(lines 6, 14\): kept the latest, line 14/);
    expect(r.code).toBe(0);
    for (const f of [`assessments/${ID}.yaml`, `assessments/${ID}.csv`, `assessments/${ID}.responses.csv`, 'mastery.csv']) expect(existsSync(join(dir, f))).toBe(true);

    const yaml = read(dir, `assessments/${ID}.yaml`);
    expect(yaml).toMatch(/format: google-forms\n {2}file: Exit ticket 11-20 \(Responses\)\.csv\n {2}sha256: [0-9a-f]{64}\n$/);
    expect(yaml).toContain('date: 2026-11-20');

    // José (S002) answered 3:8, "8 cups", 5:7, 250 → q2 and q4 right. Noah (S009), latest submission: all four right.
    const csv = read(dir, `assessments/${ID}.csv`);
    expect(row(csv, 'S002')).toBe('S002,0,1,0,1');
    expect(row(csv, 'S009')).toBe('S009,1,1,1,1');
    expect(csv.split('\n').filter(Boolean)).toHaveLength(25); // header + 24 students (Noah once)
    expect(row(read(dir, `assessments/${ID}.responses.csv`), 'S002')).toBe('S002,3:8,8 cups,5:7,250');

    // By hand, decaying average w = 0.65 (newest weighs 0.65):
    // S009 6.RP.A.3: quiz 10-20 5/7·4 = 20/7; unit test 10-28 9/14·4 = 18/7; this exit ticket 2/2·4 = 4.
    //   d2 = 0.35·20/7 + 0.65·18/7 = 18.7/7; d3 = 0.35·18.7/7 + 0.65·4 = 0.935 + 2.6 = 3.535 → 3.54, Exceeds.
    // S002 6.RP.A.1: 1.0 (10-14), 2.0 (10-16), 4.0 (the retake 10-23 replaces the quiz), 3.0 (10-28), 0 (this ticket).
    //   1 → 1.65 → 3.1775 → 3.062125 → 0.35·3.062125 = 1.07174375 → 1.07, Beginning (was Mastered, 3.06).
    const mastery = read(dir, 'mastery.csv');
    expect(mastery).toContain('S009,6.RP.A.3,3.54,4,Exceeds,true,3,2026-11-20,decaying-average');
    expect(mastery).toContain('S002,6.RP.A.1,1.07,1,Beginning,false,5,2026-11-20,decaying-average');

    expect(r.stdout).toMatch(/^Exit ticket: equivalent ratios and rate problems — 2026-11-20, exit-ticket/);
    expect(r.stdout).toContain('24 students took it');
    expect(r.stdout).toMatch(/Not taken: Mateo García, Ava Kowalski, Kai Nakamura/);
    expect(r.stdout).toMatch(/q1 +6\.RP\.A\.1 +17\/24 +0\.71/);
    expect(r.stdout).toMatch(/"6:8" 17 ✓ · "3:8" 3/);
    expect(r.stdout).toMatch(/6\.RP\.A\.1 down: José Hernández \(Mastered → Beginning\)/);
    expect(r.stdout).toMatch(/6\.RP\.A\.1 {2}small group: 14 of 24 did not reach mastery \(58%\)\n {4}reteach: Aaliyah Brooks, José Hernández/);
    expect(r.stdout).toMatch(/enrichment: .*Noah Patel/);

    const check = await run(['check'], { cwd: dir });
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('11 assessments');
  });

  it('does nothing when the same file is imported again, and says which assessment it is', async () => {
    const { dir, forms, map } = setup();
    expect((await run(['import', forms, '--map', map], { cwd: dir })).code).toBe(0);
    const before = snapshot(dir);
    const again = await run(['import', forms, '--map', map], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`is already imported as ${ID}: nothing changed (--replace imports it again)`);
    expect(snapshot(dir)).toEqual(before);
  });

  it('re-imports with --replace, here keeping each student\'s first submission', async () => {
    const { dir, forms, map } = setup();
    await run(['import', forms, '--map', map], { cwd: dir });
    const r = await run(['import', forms, '--map', map, '--replace', '--keep', 'first'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`replacing ${ID}`);
    // Noah's first try: 6:8, 18, 7:5, 250.
    expect(row(read(dir, `assessments/${ID}.csv`), 'S009')).toBe('S009,1,0,0,1');
  });

  it('keeps the highest submission with --keep highest', async () => {
    const { dir, forms, map } = setup();
    const r = await run(['import', forms, '--map', map, '--keep', 'highest'], { cwd: dir });
    expect(r.stderr).toMatch(/kept the highest, line 14 .*\(4 points\)/);
  });

  it('finds the map beside the file, and --dry-run writes nothing', async () => {
    const { dir, forms } = setup();
    const before = snapshot(dir);
    const r = await run(['import', forms, '--dry-run'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Using the map beside the file`);
    expect(r.stderr).toContain('dry run: nothing written');
    expect(r.stdout).toContain('Tomorrow');
    expect(snapshot(dir)).toEqual(before);
  });

  it('gives the same content as JSON, and `analyze` repeats it', async () => {
    const { dir, forms, map } = setup();
    const r = await run(['--json', 'import', forms, '--map', map], { cwd: dir });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.imported[0]).toMatchObject({ id: ID, students: 24 });
    const plan = j.analyses[0].standards.map((s: { plan: { standard: string; action: string; missed: number } }) => [s.plan.standard, s.plan.action, s.plan.missed]);
    expect(plan).toEqual([['6.RP.A.1', 'small-group', 14], ['6.RP.A.3', 'small-group', 10]]);
    const a = await run(['--json', 'analyze', ID], { cwd: dir });
    expect(JSON.parse(a.stdout)).toEqual(j.analyses[0]);
    const text = await run(['analyze', '2026-11-20'], { cwd: dir });
    expect(text.stdout).toMatch(/"6:8" 17 ✓/);
  });

  it('runs from the built CLI', () => {
    const { dir, forms, map } = setup();
    const r = runBuilt(['import', forms, '--map', map, '-q'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Tomorrow');
  });
});

describe('without a map', () => {
  it('writes a ready-to-fill template beside the export, names it and exits 1; filled in, it imports', async () => {
    const { dir, dl } = setup();
    const forms = join(dl, 'Exit ticket 11-21 (Responses).csv');
    cpSync(join(dl, FORMS), forms);
    const before = snapshot(dir);
    const r = await run(['import', forms], { cwd: dir });
    expect(r.code).toBe(1);
    const template = join(dl, 'Exit ticket 11-21.map.yaml');
    expect(r.stderr).toContain(`wrote a template to fill in: ${template}`);
    expect(r.stderr).toMatch(/hint: fill in its standards and keys, then run/);
    expect(snapshot(dir)).toEqual(before);
    const t = readFileSync(template, 'utf8');
    expect(t).toContain('column: "Q1. Which ratio is equivalent to 3:4?"');
    expect(t).toMatch(/key: "" {3}# answers given: "6:8" ×18, "3:8" ×3, "6:7" ×3, "4:3" ×1/);

    // Half filled in: the next run says exactly what is missing.
    const half = t.replace('standards: []', 'standards: [6.RP.A.1]');
    writeFileSync(template, half);
    const r2 = await run(['import', forms], { cwd: dir });
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/item q1 \("Q1\. Which ratio is equivalent to 3:4\?"\) holds answer texts but has no `key:`/);
    expect(r2.stderr).toMatch(/item q2 \("Q2\.[^"]*"\) has no standards/);
    expect(snapshot(dir)).toEqual(before);

    let n = 0;
    const keys = ['"6:8"', '["8", "8 cups"]', '"7:12"', '"250"'];
    const filled = t.replace(/standards: \[\][^\n]*/g, 'standards: [6.RP.A.1]').replace(/key: ""[^\n]*/g, () => `key: ${keys[n++]}`);
    writeFileSync(template, filled);
    const r3 = await run(['import', forms], { cwd: dir });
    expect(r3.code).toBe(0);
    expect(row(read(dir, 'assessments/2026-11-20-exit-ticket-11-21.csv'), 'S002')).toBe('S002,0,1,0,1');
  });

  it('imports a long CSV that names standards and max points itself', async () => {
    const dir = copyExample();
    const f = join(tempDir(), 'platform.csv');
    writeFileSync(f, 'student,item,points,standard,max points,date\nS001,q1,1,6.RP.A.1,1,2026-11-24\nS001,q2,2,6.RP.A.3,2,2026-11-24\nS002,q1,0,6.RP.A.1,1,2026-11-24\n');
    const r = await run(['import', f], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('map: the export itself');
    expect(read(dir, 'assessments/2026-11-24-platform.csv')).toBe('student_id,q1,q2\nS001,1,2\nS002,0,\n');
  });
});

describe('refused imports change nothing', () => {
  async function refused(dir: string, args: string[]) {
    const before = snapshot(dir);
    const r = await run(args, { cwd: dir });
    expect(r.code).toBe(1);
    expect(snapshot(dir)).toEqual(before);
    return r;
  }
  const wide = (text: string, name = 'scores.csv') => {
    const f = join(tempDir(), name);
    writeFileSync(f, text);
    return f;
  };
  const ALIGN = ['--standards', '6.RP.A.1', '--date', '2026-11-24'];

  it('lists students who are not in the roster by name, email and row; --skip-unknown and --add-unknown', async () => {
    const dir = copyExample();
    const f = wide('email,name,q1\nPoints possible,,1\naaliyah.brooks@students.example.org,Aaliyah Brooks,1\nkim.lee@students.example.org,Kim Lee,0\nnobody@x.org,,1\n');
    const r = await refused(dir, ['import', f, ...ALIGN]);
    expect(r.stderr).toContain(`${f}:4: error: Kim Lee: no student in roster.csv has the email "kim.lee@students.example.org"`);
    expect(r.stderr).toContain(`${f}:5: error: no student in roster.csv has the email "nobody@x.org"`);
    expect(r.stderr).toMatch(/2 students are not in roster.csv\n {2}hint: .*--add-unknown .*--skip-unknown/);

    const skip = await run(['import', f, ...ALIGN, '--skip-unknown'], { cwd: dir });
    expect(skip.code).toBe(0);
    expect(skip.stderr).toMatch(/left out 2 students not in roster.csv: Kim Lee \(kim.lee@students.example.org\), nobody@x.org/);
    expect(read(dir, 'assessments/2026-11-24-scores.csv')).toBe('student_id,q1\nS001,1\n');

    const dir2 = copyExample();
    const add = await run(['import', f, ...ALIGN, '--add-unknown'], { cwd: dir2 });
    expect(add.code).toBe(0);
    const roster = read(dir2, 'roster.csv');
    expect(roster).toContain('S029,Kim,Lee,,kim.lee@students.example.org,active');
    expect(roster).toContain('S030,Nobody,,,nobody@x.org,active');
    expect(read(dir2, 'assessments/2026-11-24-scores.csv')).toBe('student_id,q1\nS001,1\nS029,0\nS030,1\n');
  });

  it('says so when no email matches anybody', async () => {
    const dir = copyExample();
    const f = wide('Timestamp,Email Address,Score,Q1\n2026/11/20 1:00:00 PM GMT-5,a@other.org,1 / 1,x\n2026/11/20 1:01:00 PM GMT-5,b@other.org,0 / 1,y\n', 'Other (Responses).csv');
    writeFileSync(f.replace('Other (Responses).csv', 'Other.map.yaml'), 'items:\n  - { id: q1, standards: [6.RP.A.1], key: x }\n');
    const r = await refused(dir, ['import', f]);
    expect(r.stderr).toMatch(/error: none of the 2 students in .* match roster\.csv by email, id or name\n {2}hint: is this export from this class\? roster.csv has emails like "aaliyah.brooks@students.example.org"/);
  });

  it('refuses a score above the item\'s points, and one that is not a number, with file and line', async () => {
    const dir = copyExample();
    const f = wide('student_id,q1,q2\nPoints possible,1,2\nS001,1,3\nS002,1,two\n');
    const r = await refused(dir, ['import', f, ...ALIGN]);
    expect(r.stderr).toContain(`${f}:3:3: error: q2 for S001: 3 is above the item's 2 points`);
    expect(r.stderr).toContain(`${f}:4:3: error: q2 for S002: "two" is not a number`);
  });

  it('refuses an ambiguous date unless --date-format says how to read it', async () => {
    const dir = copyExample();
    const f = wide('student_id,date,q1\nPoints possible,,1\nS001,3/4/2026,1\nS002,3/4/2026,0\n');
    const r = await refused(dir, ['import', f, '--standards', '6.RP.A.1']);
    expect(r.stderr).toMatch(/:3: error: the date "3\/4\/2026" can be read as 2026-03-04 or 2026-04-03\n {2}hint: say which with --date-format mdy/);
    const ok = await run(['import', f, '--standards', '6.RP.A.1', '--date-format', 'dmy'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(existsSync(join(dir, 'assessments/2026-04-03-scores.yaml'))).toBe(true);
  });

  it('refuses a map whose item names a column the file does not have', async () => {
    const { dir, forms, map } = setup();
    writeFileSync(map, read('', map).replace('column: "Q4. A car', 'column: "Q5. A car'));
    const r = await refused(dir, ['import', forms, '--map', map]);
    expect(r.stderr).toMatch(/map\.yaml:\d+:5: error: item q4 reads the column "Q5\. A car[^"]*", which is not in /);
    expect(r.stderr).toMatch(/error: the question "Q4\. A car[^"]*" \(column 7 of .*\) is not in the map/);
  });

  it('refuses a Forms export with a question the map lacks', async () => {
    const { dir, forms, map } = setup();
    const text = read('', map);
    writeFileSync(map, text.slice(0, text.indexOf('  - id: q4')));
    const r = await refused(dir, ['import', forms, '--map', map]);
    expect(r.stderr).toMatch(/the question "Q4\. A car travels 150 miles in 3 hours\. At that rate, how many miles does it travel in 5 hours\?" \(column 7 of .*\) is not in the map/);
    expect(r.stderr).toMatch(/hint: add an item for it \(with `column:`\), or list it under `ignore:`/);
  });

  it('refuses a standard that is not in standards.yaml', async () => {
    const { dir, forms, map } = setup();
    writeFileSync(map, read('', map).replace('standards: [6.RP.A.3]', 'standards: [6.RP.A.9]'));
    const r = await refused(dir, ['import', forms, '--map', map]);
    expect(r.stderr).toMatch(/Exit ticket 11-20\.map\.yaml:14:5: error: item q2 is aligned to "6\.RP\.A\.9", which is not in standards\.yaml/);
  });

  it('refuses to overwrite another assessment with the same id unless --replace or --as', async () => {
    const { dir, forms, map } = setup();
    await run(['import', forms, '--map', map], { cwd: dir });
    const other = join(tempDir(), FORMS);
    writeFileSync(other, read('', forms) + '"2026/11/20 3:09:00 PM GMT-5","mateo.garcia@students.example.org","4 / 4","6:8","8","7:12","250"\r\n');
    const r = await refused(dir, ['import', other, '--map', map]);
    expect(r.stderr).toMatch(/error: the assessment 2026-11-20-ratios-exit already exists \(imported from "Exit ticket 11-20 \(Responses\)\.csv"\)\n {2}hint: run again with --replace/);
    const kept = await run(['import', other, '--map', map, '--as', '2026-11-20-ratios-exit-late'], { cwd: dir });
    expect(kept.code).toBe(0);
    expect(read(dir, 'assessments/2026-11-20-ratios-exit-late.csv')).toContain('S013,1,1,1,1');
  });
});

describe('what students type stays text', () => {
  it('stores an answer starting with "=" as text, defused in the CSV people open, and scores it as wrong', async () => {
    const { dir, forms, map } = setup();
    const evil = '=HYPERLINK(""http://x.example"",""click"")';
    writeFileSync(forms, read('', forms).replace('"zoe.clarke@students.example.org","4 / 4","6:8"', `"zoe.clarke@students.example.org","3 / 4","${evil}"`));
    const r = await run(['import', forms, '--map', map], { cwd: dir });
    expect(r.code).toBe(0);
    expect(row(read(dir, `assessments/${ID}.csv`), 'S003')).toBe('S003,0,1,1,1');
    expect(row(read(dir, `assessments/${ID}.responses.csv`), 'S003')).toBe(`S003,"'=HYPERLINK(""http://x.example"",""click"")",8,7:12,250`);
    const a = await run(['--json', 'analyze', ID], { cwd: dir });
    const answers = JSON.parse(a.stdout).items[0].answers.map((x: { answer: string }) => x.answer);
    expect(answers).toContain('=HYPERLINK("http://x.example","click")');
  });

  it('imports a Windows-1252 file with accented names intact', async () => {
    const dir = copyExample();
    const f = join(tempDir(), 'scores.csv');
    writeFileSync(f, Buffer.from('Email,Name,q1\r\nmax,,2\r\njose.hernandez@students.example.org,José Hernández,1\r\nzoe.muller@students.example.org,Zoë Müller-Ibáñez,2\r\n', 'latin1'));
    const r = await run(['import', f, '--standards', '6.RP.A.1', '--date', '2026-11-24', '--add-unknown'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(read(dir, 'roster.csv')).toContain('S029,Zoë,Müller-Ibáñez,,zoe.muller@students.example.org,active');
  });
});

describe('assessment fields from the command line', () => {
  it('sets --title, --kind, --date and --retake-of; the retake replaces the original on its standards', async () => {
    const { dir, forms, map } = setup();
    const r = await run(['import', forms, '--map', map, '--title', 'Ratios retake', '--kind', 'quiz', '--date', '2026-11-21', '--retake-of', '2026-10-20-ratios-quiz'], { cwd: dir });
    expect(r.code).toBe(0);
    const yaml = read(dir, 'assessments/2026-11-21-ratios-retake.yaml');
    expect(yaml).toMatch(/^id: 2026-11-21-ratios-retake\ntitle: Ratios retake\ndate: 2026-11-21\nkind: quiz\nretakeOf: 2026-10-20-ratios-quiz\n/);
    // Noah (S009) took the 10-20 quiz but not its first retake: now this retake replaces it on 6.RP.A.1 and 6.RP.A.3.
    // 6.RP.A.3 without the quiz: 18/7 (10-28) then 4 → 0.35·18/7 + 0.65·4 = 0.9 + 2.6 = 3.50.
    expect(read(dir, 'mastery.csv')).toContain('S009,6.RP.A.3,3.50,4,Exceeds,true,2,2026-11-21,decaying-average');
  });

  it("can use Forms' own Score as the only item", async () => {
    const { dir, forms } = setup();
    const map = join(tempDir(), 'score.map.yaml');
    writeFileSync(map, 'title: Exit ticket total\nignore: ["Q1. Which ratio is equivalent to 3:4?", "Q2. A recipe uses 2 cups of flour for every 3 cups of milk. How many cups of flour go with 12 cups of milk?", "Q3. A bag has 5 red marbles and 7 blue marbles. What is the ratio of blue marbles to all the marbles?", "Q4. A car travels 150 miles in 3 hours. At that rate, how many miles does it travel in 5 hours?"]\nitems:\n  - { id: total, column: Score, standards: [6.RP.A.1] }\n');
    const r = await run(['import', forms, '--map', map], { cwd: dir });
    expect(r.code).toBe(0);
    const csv = read(dir, 'assessments/2026-11-20-exit-ticket-total.csv');
    expect(row(csv, 'S002')).toBe('S002,2');
    expect(read(dir, 'assessments/2026-11-20-exit-ticket-total.yaml')).toContain('points: 4');
  });
});

describe('--dry-run without a map', () => {
  it('writes no template either, and says how to get one', async () => {
    const { dir, dl } = setup();
    const forms = join(dl, 'Exit ticket 11-22 (Responses).csv');
    cpSync(join(dl, FORMS), forms);
    const before = snapshot(dl);
    const r = await run(['import', forms, '--dry-run'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/hint: run without --dry-run to get a template to fill in \(.*Exit ticket 11-22\.map\.yaml\)/);
    expect(snapshot(dl)).toEqual(before);
  });
});

describe('an assessment already in the folder as the map', () => {
  it('reuses the items of the assessment with the same title for another section\'s download', async () => {
    const { dir, dl, forms, map } = setup();
    await run(['import', forms, '--map', map], { cwd: dir });
    // Period 4 took the same exit ticket the next day, from a copy of the form.
    const p4 = join(dl, 'P4 ticket (Responses).csv');
    const lines = read('', forms).split('\r\n');
    writeFileSync(p4, [lines[0], '"2026/11/21 9:00:00 AM GMT-5","mateo.garcia@students.example.org","3 / 4","6:8","8","7:12","200"', ''].join('\r\n'));
    const r = await run(['import', p4, '--title', 'Exit ticket: equivalent ratios and rate problems'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`map: assessments/${ID}.yaml (same title)`);
    const yaml = read(dir, 'assessments/2026-11-21-exit-ticket-equivalent-ratios-and-rate-problems.yaml');
    expect(yaml).toContain('key: "250"');
    expect(read(dir, 'assessments/2026-11-21-exit-ticket-equivalent-ratios-and-rate-problems.csv')).toBe('student_id,q1,q2,q3,q4\nS013,1,1,1,0\n');
  });
});
