// Canvas, OneRoster and other evidence (observe) on real-shaped files, each into a temporary gradebook.
import { copyFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CANVAS_SAMPLE } from '../importers/samples.ts';
import { copyExample, REPO, run, snapshot, tempDir } from '../helpers.ts';

const FIX = join(REPO, 'test', 'fixtures', 'imports');
const read = (dir: string, rel: string) => readFileSync(join(dir, rel), 'utf8');

function fixture(name: string): string {
  const dir = tempDir('pathbook-downloads-');
  cpSync(join(FIX, name), join(dir, name), { recursive: true });
  return join(dir, name);
}

const CANVAS_MAP = `# one entry per Canvas assignment
- title: Ratios quiz
  items: [{ id: score, standards: [6.RP.A.3] }]
- title: Unit rates check
  items: [{ id: score, standards: [6.RP.A.2] }]
- title: Practice set 3
  date: 2026-11-18
  items: [{ id: score, standards: [6.RP.A.1, 6.RP.A.3] }]
`;

describe('Canvas gradebook export', () => {
  it('imports every assignment as its own assessment: EX, N/A and blank are not taken, the Test Student is left out', async () => {
    const dir = copyExample();
    const file = fixture('canvas-gradebook.csv');
    const map = join(tempDir(), 'canvas.map.yaml');
    writeFileSync(map, CANVAS_MAP);
    const r = await run(['import', file, '--map', map, '--date', '2026-11-21'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('left out Canvas\'s Test Student');
    expect(r.stderr).toContain('1 excused (EX) score counts as not taken');
    expect(read(dir, 'assessments/2026-11-21-ratios-quiz.csv')).toBe('student_id,score\nS001,8.5\nS002,6\nS004,9.5\n');
    expect(read(dir, 'assessments/2026-11-21-unit-rates-check.csv')).toBe('student_id,score\nS001,3\nS003,4\nS004,2\n');
    expect(read(dir, 'assessments/2026-11-21-practice-set-3.csv')).toBe('student_id,score\nS002,4\nS003,5\nS004,3\n');
    const yaml = read(dir, 'assessments/2026-11-21-ratios-quiz.yaml');
    expect(yaml).toContain('points: 10');
    expect(yaml).toContain('column: Ratios quiz (20481)');
    expect(yaml).toContain('format: canvas');
    expect((await run(['check'], { cwd: dir })).code).toBe(0);

    const before = snapshot(dir);
    const again = await run(['import', file, '--map', map], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/is already imported as 2026-11-21-ratios-quiz \(Ratios quiz\), 2026-11-21-unit-rates-check/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('imports only the assignments not yet imported from a later export', async () => {
    const dir = copyExample();
    const file = fixture('canvas-gradebook.csv');
    expect((await run(['import', file, '--assignment', 'Ratios quiz', '--standards', '6.RP.A.3', '--date', '2026-11-21'], { cwd: dir })).code).toBe(0);
    // A week later the export has grown a column; the teacher runs the same command with a map for the new ones.
    const later = join(tempDir(), 'later.csv');
    writeFileSync(later, [
      'Student,ID,SIS User ID,SIS Login ID,Section,Ratios quiz (20481),Equivalent ratios (20490),Current Score',
      '    Points Possible,,,,,10.00,2.00,(read only)',
      '"Brooks, Aaliyah",501,S001,aaliyah.brooks@students.example.org,Math 6 P2,8.5,2,85',
      '"Hernández, José",502,S002,jose.hernandez@students.example.org,Math 6 P4,6,1,60',
    ].join('\n') + '\n');
    const map = join(tempDir(), 'm.yaml');
    writeFileSync(map, CANVAS_MAP + '- title: Equivalent ratios\n  items: [{ id: score, standards: [6.RP.A.1] }]\n');
    const r = await run(['import', later, '--map', map, '--date', '2026-11-28'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Already imported: 2026-11-21-ratios-quiz');
    expect(r.stderr).not.toContain('as 2026-11-28-ratios-quiz');
    expect(r.stderr).toContain('as 2026-11-28-equivalent-ratios');
  });

  it('imports an export saved with a BOM, semicolons and decimal commas', async () => {
    const dir = copyExample();
    const f = join(tempDir(), 'Noten.csv');
    writeFileSync(f, '\uFEFFStudent;ID;SIS User ID;SIS Login ID;Section;Quiz Brüche (7);Aktuelle Punkte\r\n;;;;;Manual Posting;\r\n    Points Possible;;;;;10,00;(nur lesen)\r\n"Hernández, José";2;S002;jose.hernandez@students.example.org;P4;7,5;75\r\n"Müller, Lucas";11;S011;lucas.muller@students.example.org;P4;10;100\r\n');
    const r = await run(['import', f, '--standards', '6.NS.A.1', '--date', '2026-11-21'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(read(dir, 'assessments/2026-11-21-quiz-bruche.csv')).toBe('student_id,score\nS002,7.5\nS011,10\n');
    expect(read(dir, 'assessments/2026-11-21-quiz-bruche.yaml')).toContain('title: Quiz Brüche');
  });

  it.skipIf(!CANVAS_SAMPLE)('imports the real anonymised Canvas export (reference/samples) into a gradebook holding its students', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pathbook.yaml'), 'class: "Math 140"\n');
    writeFileSync(join(dir, 'roster.csv'), 'id,given_name,family_name,section,email,status\n9001,Ada,Lovelace,MATH 140,adl1@psu.edu,active\n9002,Grace,Hopper,MATH 140,gxh2@psu.edu,active\n9003,Katherine,Johnson,MATH 140,kjj3@psu.edu,active\n');
    writeFileSync(join(dir, 'standards.yaml'), '- id: M140.1\n  statement: Limits\n  student_statement: I can find a limit.\n  unit: limits\n  prerequisites: []\n');
    const src = join(tempDir(), 'canvas-valid.csv');
    copyFileSync(CANVAS_SAMPLE!, src);
    const r = await run(['import', src, '--standards', 'M140.1', '--date', '2026-09-10'], { cwd: dir });
    expect(r.code).toBe(0);
    // Grace Hopper's cell is blank (not graded): not taken. The Test Student is not a student.
    expect(read(dir, 'assessments/2026-09-10-h2.csv')).toBe('student_id,score\n9001,2.5\n9003,1\n');
    expect(read(dir, 'mastery.csv')).toContain('9001,M140.1,1.00,1,Beginning,false,1,2026-09-10,decaying-average');
    expect(r.stdout).toContain('Not taken: Grace Hopper');
  });
});

describe('OneRoster gradebook', () => {
  it('imports 1.2 line items aligned by their learning objectives, without a map', async () => {
    const dir = copyExample();
    const r = await run(['import', join(fixture('oneroster-1.2'), 'results.csv')], { cwd: dir });
    expect(r.code).toBe(0);
    const yaml = read(dir, 'assessments/2026-11-24-ratios-checkpoint.yaml');
    expect(yaml).toMatch(/standards:\n {6}- 6\.RP\.A\.1\n {6}- 6\.RP\.A\.3\n {4}points: 4/);
    expect(yaml).toContain('format: oneroster');
    expect(read(dir, 'assessments/2026-11-24-ratios-checkpoint.csv')).toBe('student_id,score\nS001,4\nS002,2\n');
  });

  it('imports 1.1 results matched through users.csv, one assessment per line item', async () => {
    const dir = copyExample();
    const r = await run(['import', fixture('oneroster-1.1'), '--standards', '6.RP.A.2'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(read(dir, 'assessments/2026-11-24-ratio-exit-ticket.csv')).toBe('student_id,score\nS001,3\nS002,1.5\n');
    expect(read(dir, 'assessments/2026-11-25-unit-rate-quiz.csv')).toBe('student_id,score\nS001,9\nS003,7.5\n');
    expect(read(dir, 'assessments/2026-11-24-ratio-exit-ticket.yaml')).toContain('kind: exit-ticket');
  });
});

describe('pathbook observe', () => {
  it('appends the observation at the end, keeping every existing byte, and updates mastery', async () => {
    const dir = copyExample();
    const before = readFileSync(join(dir, 'observations.csv'));
    const r = await run(['observe', 'S007', '6.RP.A.3', '3', '--source', 'conference', '--note', 'Scaled a recipe, with units'], { cwd: dir });
    expect(r.code).toBe(0);
    const after = readFileSync(join(dir, 'observations.csv'));
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    expect(after.subarray(before.length).toString()).toBe('S007,6.RP.A.3,2026-11-23,3,conference,"Scaled a recipe, with units"\n');
    expect(r.stdout).toMatch(/^Ethan Smith-Jones \(S007\), 6\.RP\.A\.3: conference 3 on 2026-11-23\. Mastery: \S+ [\d.]+ → \S+ [\d.]+\.$/m);
    expect(read(dir, 'mastery.csv')).toMatch(/^S007,6\.RP\.A\.3,[\d.]+,\d,\w+,\w+,\d+,2026-11-23,decaying-average$/m);
  });

  it('sets the level with --override, and finds the student by name', async () => {
    const dir = copyExample();
    const r = await run(['--json', 'observe', "Liam O'Brien", '6.RP.A.1', '3.5', '--override', '--date', '2026-11-22'], { cwd: dir });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ student_id: 'S005', source: 'override', after: { score: 3.5, label: 'Exceeds', mastered: true } });
  });

  it('refuses a score off the scale or an unknown student, changing nothing', async () => {
    const dir = copyExample();
    const before = snapshot(dir);
    expect((await run(['observe', 'S007', '6.RP.A.3', '5'], { cwd: dir })).code).toBe(2);
    const r = await run(['observe', 'S099', '6.RP.A.3', '3'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no student "S099" in roster.csv');
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('OneRoster gradebook in a zip', () => {
  it('imports lineItems.csv and results.csv straight from the downloaded .zip', async () => {
    const { makeZip } = await import('../zip-writer.ts');
    const dir = copyExample();
    const src = join(FIX, 'oneroster-1.2');
    const zip = join(tempDir(), 'gradebook-export.zip');
    writeFileSync(zip, makeZip(['lineItems.csv', 'results.csv', 'lineItemLearningObjectiveIds.csv'].map((n) => ({ name: `export/${n}`, data: readFileSync(join(src, n)) }))));
    const r = await run(['import', zip], { cwd: dir });
    expect(r.code).toBe(0);
    expect(read(dir, 'assessments/2026-11-24-ratios-checkpoint.csv')).toBe('student_id,score\nS001,4\nS002,2\n');
    expect(read(dir, 'assessments/2026-11-24-ratios-checkpoint.yaml')).toContain('file: gradebook-export.zip');
  });

  it('refuses --standards that are not in standards.yaml as a command-line mistake', async () => {
    const dir = copyExample();
    const before = snapshot(dir);
    const r = await run(['import', fixture('oneroster-1.1'), '--standards', '6.RP.A.9'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--standards "6.RP.A.9": not in standards.yaml');
    expect(snapshot(dir)).toEqual(before);
  });
});
