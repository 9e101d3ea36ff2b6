// Exports that name students or dates in ways that used to go wrong silently: scores filed under the
// wrong student, blank students added, dates replaced by today, empty assessments that block the
// graded export, an assignment counted twice. Each case is one a teacher's real download can hit.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, run, snapshot, tempDir } from '../helpers.ts';

const read = (dir: string, rel: string) => readFileSync(join(dir, rel), 'utf8');

/** A download folder holding `name` (and its map, when given). */
function download(name: string, lines: string[], map?: string): string {
  const dir = tempDir('pathbook-dl-');
  writeFileSync(join(dir, name), lines.join('\n') + '\n');
  if (map) writeFileSync(join(dir, name.replace(/\.csv$/, '.map.yaml')), map);
  return join(dir, name);
}

/** The map of a one-question exit ticket ("How many cups?", key 8). */
const EXIT_MAP = 'title: Exit ticket\nitems:\n  - { id: q1, column: How many cups?, standards: [6.RP.A.3], key: "8" }\n';

const CANVAS_HEAD = 'Student,ID,SIS User ID,SIS Login ID,Section,Ratios quiz (1001),Unit rates check (1002),Expressions exit (1003),Current Score';
const CANVAS_MAP = `- title: Ratios quiz
  items: [{ id: score, standards: [6.RP.A.3] }]
- title: Unit rates check
  items: [{ id: score, standards: [6.RP.A.2] }]
- title: Expressions exit
  items: [{ id: score, standards: [6.EE.A.1] }]
`;

describe('who a row is', () => {
  it('does not take Canvas\'s own user ID for a school id: a new student is not filed under the roster student with that number', async () => {
    const dir = copyExample();
    const before = snapshot(dir);
    const file = download('grades.csv', [
      CANVAS_HEAD,
      '    Points Possible,,,,,6.00,4.00,2.00,(read only)',
      '"Brooks, Aaliyah",88201,S001,aaliyah.brooks@students.example.org,P2,5,3,2,90',
      // Canvas user 5 beside SIS id 5999: S005 is Liam O'Brien, not Quinn.
      '"Zimmer, Quinn",S005,5999,quinn.zimmer@students.example.org,P2,1,1,1,20',
    ], CANVAS_MAP);
    const r = await run(['import', file], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('grades.csv:4: error: Quinn Zimmer: no student in roster.csv has the email "quinn.zimmer@students.example.org"');
    expect(snapshot(dir)).toEqual(before);
  });

  it('uses Canvas\'s user ID when the export has no SIS ids, as a roster imported from it does', async () => {
    const dir = copyExample();
    const file = download('grades.csv', [
      'Student,ID,SIS Login ID,Section,Ratios quiz (1001)',
      '    Points Possible,,,,6.00',
      '"Brooks, Aaliyah",S001,,P2,5',
    ], '- title: Ratios quiz\n  items: [{ id: score, standards: [6.RP.A.3] }]\n');
    const r = await run(['import', file, '--date', '2026-11-20'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(read(dir, 'assessments/2026-11-20-ratios-quiz.csv')).toBe('student_id,score\nS001,5\n');
  });

  it('refuses a row whose typed student id is another student\'s than its signed-in email', async () => {
    const dir = copyExample();
    const before = snapshot(dir);
    const file = download('Exit ticket.csv', [
      'Timestamp,Email Address,Student ID,How many cups?',
      '2026/11/20 10:01:00 AM GMT-5,zoe.clarke@students.example.org,S005,8',
      '2026/11/20 10:02:00 AM GMT-5,liam.obrien@students.example.org,S005,6',
    ], EXIT_MAP);
    const r = await run(['import', file], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Exit ticket.csv:2: error: this row\'s id "S005" is S005 Liam O\'Brien\'s, but its email "zoe.clarke@students.example.org" is S003 Zoë Clarke\'s');
    expect(snapshot(dir)).toEqual(before);
  });

  it('reads Microsoft Forms by its emails: its ID is a response number, "anonymous" nobody, and a question is scored by its Points column', async () => {
    const dir = copyExample();
    const file = download('MS quiz.csv', [
      'ID,Start time,Completion time,Email,Name,Total points,Quiz feedback,Last modified time,Q1. Cups?,Points - Q1. Cups?,Feedback - Q1. Cups?',
      '1,11/19/26 10:06:23,11/19/26 10:17:10,zoe.clarke@students.example.org,Zoë Clarke,2,,,8,2,',
      '5,11/19/26 10:08:00,11/19/26 10:22:00,liam.obrien@students.example.org,Liam O\'Brien,1,,,6,1,"Close, check again"',
      '3,11/19/26 10:09:00,11/19/26 10:23:00,anonymous,,2,,,8,2,',
    ]);
    const first = await run(['import', file], { cwd: dir });
    expect(first.code).toBe(1);
    const mapFile = file.replace(/\.csv$/, '.map.yaml');
    const template = read(dirOf(mapFile), 'MS quiz.map.yaml');
    expect(template).toContain('column: "Points - Q1. Cups?"');
    expect(template).not.toMatch(/column: "(ID|Start time|Q1\. Cups\?|Feedback - Q1\. Cups\?|Quiz feedback)"/);
    writeFileSync(mapFile, template.replace('standards: []', 'standards: [6.RP.A.3]').replace('points: 1', 'points: 2'));
    const r = await run(['import', file, '--skip-unknown'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('left out 1 student not in roster.csv: a row with no name, email or id');
    expect(read(dir, 'assessments/2026-11-19-ms-quiz.csv')).toBe('student_id,points-q1-cups\nS003,2\nS005,1\n');
  });

  it('does not add a student for a row that names nobody, even with --add-unknown', async () => {
    const dir = copyExample();
    const before = snapshot(dir);
    const file = download('Exit ticket.csv', [
      'Timestamp,Email Address,How many cups?',
      '2026/11/20 10:01:00 AM GMT-5,zoe.clarke@students.example.org,8',
      '2026/11/20 10:02:00 AM GMT-5,,6',
    ], EXIT_MAP);
    const r = await run(['import', file, '--add-unknown'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Exit ticket.csv:3: error: this row has no name, email or id: nobody to give its scores to');
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('dates', () => {
  it('refuses dates that contradict --date-format instead of dating the assessment today', async () => {
    const dir = copyExample();
    const before = snapshot(dir);
    const file = download('Exit ticket.csv', [
      'Timestamp,Email Address,How many cups?',
      '27/10/2026 15:00:00,zoe.clarke@students.example.org,8',
    ], EXIT_MAP);
    const r = await run(['import', file, '--date-format', 'mdy'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Exit ticket.csv:2: error: the date "27/10/2026 15:00:00" cannot be read month first, as --date-format mdy says');
    expect(snapshot(dir)).toEqual(before);
    expect((await run(['import', file, '--date-format', 'dmy', '-q'], { cwd: dir })).code).toBe(0);
    expect(read(dir, 'assessments/2026-10-27-exit-ticket.csv')).toBe('student_id,q1\nS003,1\n');
  });
});

describe('assignments over time', () => {
  const graded = (ratios: string, unit: string, expr: string) => download('grades.csv', [
    CANVAS_HEAD,
    '    Points Possible,,,,,6.00,4.00,2.00,(read only)',
    `"Brooks, Aaliyah",88201,S001,aaliyah.brooks@students.example.org,P2,${ratios},${unit},${expr},90`,
    `"Clarke, Zoë",88203,S003,zoe.clarke@students.example.org,P2,${ratios},${unit},${expr},90`,
  ], CANVAS_MAP);

  it('leaves out an assignment nobody has a score for yet, so the graded export imports it later', async () => {
    const dir = copyExample();
    const r = await run(['import', graded('5', '3', '')], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('left out "Expressions exit": no student has a score for it yet');
    const later = await run(['import', graded('5', '3', '2'), '-q'], { cwd: dir, env: { PATHBOOK_TODAY: '2026-11-25' } });
    expect(later.code).toBe(0);
    expect(read(dir, 'assessments/2026-11-25-expressions-exit.csv')).toBe('student_id,score\nS001,2\nS003,2\n');
  });

  it('refuses a form with no responses yet', async () => {
    const dir = copyExample();
    const before = snapshot(dir);
    const file = download('Exit ticket.csv', ['Timestamp,Email Address,How many cups?'],
      EXIT_MAP);
    const r = await run(['import', file, '--date', '2026-11-20'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('holds no scores to import');
    expect(snapshot(dir)).toEqual(before);
  });

  it('does not import a named assignment a second time on a later day; --replace keeps its first date and id', async () => {
    const dir = copyExample();
    expect((await run(['import', graded('5', '3', '2'), '-q'], { cwd: dir })).code).toBe(0);
    const before = snapshot(dir);
    const regraded = graded('6', '3', '2');
    const again = await run(['import', regraded, '--assignment', 'Ratios quiz'], { cwd: dir, env: { PATHBOOK_TODAY: '2026-11-30' } });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already imported (2026-11-23-ratios-quiz): nothing changed. If scores changed since, --replace takes the new ones');
    expect(snapshot(dir)).toEqual(before);
    const replaced = await run(['import', regraded, '--assignment', 'Ratios quiz', '--replace', '-q'], { cwd: dir, env: { PATHBOOK_TODAY: '2026-11-30' } });
    expect(replaced.code).toBe(0);
    expect(read(dir, 'assessments/2026-11-23-ratios-quiz.csv')).toBe('student_id,score\nS001,6\nS003,6\n');
    expect(Object.keys(snapshot(dir)).filter((f) => f.includes('2026-11-30'))).toEqual([]);
  });

  it('reports --as with several assignments as a command-line mistake, once, with exit 2', async () => {
    const dir = copyExample();
    const r = await run(['import', graded('5', '3', '2'), '--as', '2026-11-23-foo'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.match(/error:/g)).toHaveLength(1);
    expect(r.stderr).toContain('--as names one assessment, but 3 are being imported');
  });

  it('lists in a dry run only the files a real run writes', async () => {
    const dir = copyExample();
    const dry = await run(['--json', 'import', graded('5', '3', '2'), '--dry-run'], { cwd: dir });
    expect(dry.code).toBe(0);
    const j = JSON.parse(dry.stdout) as { files: string[]; removed: string[] };
    expect(j.files.some((f) => f.endsWith('.responses.csv'))).toBe(false);
    expect(j.removed).toEqual([]);
    const real = await run(['--json', 'import', graded('5', '3', '2')], { cwd: dir });
    expect((JSON.parse(real.stdout) as { files: string[] }).files).toEqual(j.files);
  });
});

function dirOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}
