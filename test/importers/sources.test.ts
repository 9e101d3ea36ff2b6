// Each source read into the common raw shape: who, what each column holds, what the source says about it.
import { copyFileSync, cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/importers/detect.ts';
import { readSource } from '../../src/importers/source.ts';
import { DOWNLOADS, REPO, tempDir } from '../helpers.ts';
import { CANVAS_SAMPLE } from './samples.ts';

const FIX = join(REPO, 'test', 'fixtures', 'imports');


describe('detecting the source from the header', () => {
  it('tells the tools apart', () => {
    expect(detectFormat(['Timestamp', 'Email Address', 'Score', 'Q1'])).toBe('google-forms');
    expect(detectFormat(['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', 'H2 (15461093)'])).toBe('canvas');
    expect(detectFormat(['sourcedId', 'status', 'dateLastModified', 'lineItemSourcedId', 'studentSourcedId', 'scoreStatus'])).toBe('oneroster');
    expect(detectFormat(['student', 'item', 'points', 'standard'])).toBe('long');
    expect(detectFormat(['student_id', 'q1', 'q2'])).toBe('wide');
    expect(detectFormat(['colour', 'size'])).toBeUndefined();
  });
});

describe('Google Forms', () => {
  it("reads Forms' own download: every field quoted, the Score, and both of Noah's submissions", async () => {
    const raw = await readSource(join(DOWNLOADS, 'Exit ticket 11-20 (Responses).csv'), 'Exit ticket 11-20 (Responses).csv', {});
    expect(raw.format).toBe('google-forms');
    expect(raw.assessments[0]!.title).toBe('Exit ticket 11-20');
    expect(raw.assessments[0]!.date).toBe('2026-11-20');
    expect(raw.columns.filter((c) => c.role === 'question').map((c) => c.header.slice(0, 3))).toEqual(['Q1.', 'Q2.', 'Q3.', 'Q4.']);
    expect(raw.columns.find((c) => c.header === 'Score')).toMatchObject({ role: 'extra', pointsPossible: 4 });
    expect(raw.students).toHaveLength(25);
    const noah = raw.students.filter((s) => s.email === 'noah.patel@students.example.org');
    expect(noah.map((s) => s.score!.earned)).toEqual([2, 4]);
    expect(noah[1]!.time! - noah[0]!.time!).toBe(4 * 60 + 53);
    expect(raw.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reads the linked Sheet's CSV: Email address, locale timestamps, grid rows, checkbox cells", async () => {
    const raw = await readSource(join(FIX, 'Exit ticket 11-24 (Responses).csv'), 'x.csv', {});
    expect(raw.format).toBe('google-forms');
    expect(raw.assessments[0]!.date).toBe('2026-11-24');
    const grid = raw.columns.filter((c) => c.grid);
    expect(grid.map((c) => c.grid)).toEqual(['Sort the rates', 'Sort the rates']);
    expect(raw.students[0]!.cells[0]).toBe('4:6, 6:9');
    expect(raw.columns.map((c) => c.header)).toContain('How sure do you feel?');
    expect(raw.notes.join()).toMatch(/month first/);
  });

  it('reads a Username column and asks about 3/4/2026 only when the date is needed', async () => {
    const dir = tempDir();
    const f = join(dir, 'quiz.csv');
    writeFileSync(f, 'Timestamp,Username,Score,Q1\n3/4/2026 9:00:00,S001,1 / 1,a\n3/4/2026 9:10:00,S002,0 / 1,b\n');
    const raw = await readSource(f, 'quiz.csv', {});
    expect(raw.students.map((s) => s.id)).toEqual(['S001', 'S002']);
    expect(raw.assessments[0]!.date).toBeUndefined();
    expect(raw.dateProblem?.message).toMatch(/can be read as 2026-03-04 or 2026-04-03/);
    const dmy = await readSource(f, 'quiz.csv', { dateFormat: 'dmy' });
    expect(dmy.assessments[0]!.date).toBe('2026-04-03');
  });
});

describe('Canvas', () => {
  it('reads assignments "Title (id)" with their points, skipping totals, 0-point columns and the Test Student', async () => {
    const raw = await readSource(join(FIX, 'canvas-gradebook.csv'), 'grades.csv', {});
    expect(raw.format).toBe('canvas');
    expect(raw.assessments.map((a) => [a.title, a.ref])).toEqual([['Ratios quiz', '20481'], ['Unit rates check', '20482'], ['Practice set 3', '20483']]);
    expect(raw.columns.map((c) => c.pointsPossible)).toEqual([10, 4, 5]);
    expect(raw.students.map((s) => s.name)).toEqual(['Aaliyah Brooks', 'José Hernández', 'Zoë Clarke', 'Minh Nguyễn']);
    expect(raw.students[0]).toMatchObject({ id: 'S001', email: 'aaliyah.brooks@students.example.org', givenName: 'Aaliyah', familyName: 'Brooks', cells: ['8.5', '3', 'EX'] });
    expect(raw.notes.join('\n')).toMatch(/Test Student/);
    expect(raw.notes.join('\n')).toMatch(/Ungraded survey.*0 points/);
  });

  it('reads a Canvas export saved with a BOM and semicolons, with decimal commas', async () => {
    const dir = tempDir();
    const f = join(dir, 'grades.csv');
    writeFileSync(f, '\uFEFFStudent;ID;SIS User ID;SIS Login ID;Section;Quiz (7);Current Score\n    Points Possible;;;;;10,00;(read only)\n"Brooks, Aaliyah";1;S001;a@x.org;P2;7,5;75\n');
    const raw = await readSource(f, 'grades.csv', {});
    expect(raw.format).toBe('canvas');
    expect(raw.decimalComma).toBe(true);
    expect(raw.columns[0]).toMatchObject({ title: 'Quiz', pointsPossible: 10 });
    expect(raw.students[0]!.cells).toEqual(['7,5']);
  });

  it.skipIf(!CANVAS_SAMPLE)('reads the real anonymised Canvas export in reference/samples', async () => {
    const dir = tempDir();
    copyFileSync(CANVAS_SAMPLE!, join(dir, 'canvas-valid.csv'));
    const raw = await readSource(join(dir, 'canvas-valid.csv'), 'canvas-valid.csv', {});
    expect(raw.assessments.map((a) => a.title)).toEqual(['H2']);
    expect(raw.columns[0]!.pointsPossible).toBe(10);
    expect(raw.students.map((s) => [s.name, s.id, s.cells[0]])).toEqual([['Ada Lovelace', '9001', '2.5'], ['Grace Hopper', '9002', ''], ['Katherine Johnson', '9003', '1.0']]);
  });
});

describe('OneRoster', () => {
  it('reads lineItems.csv and results.csv from a folder: exempt and not submitted are not taken', async () => {
    const raw = await readSource(join(FIX, 'oneroster-1.1'), 'oneroster-1.1', {});
    expect(raw.format).toBe('oneroster');
    expect(raw.assessments.map((a) => [a.title, a.date])).toEqual([['Ratio exit ticket', '2026-11-24'], ['Unit rate quiz', '2026-11-25']]);
    expect(raw.columns.map((c) => c.pointsPossible)).toEqual([4, 10]);
    const zoe = raw.students.find((s) => s.id === 'u-503')!;
    expect(zoe.email).toBe('zoe.clarke@students.example.org');
    expect(zoe.cells[0]).toBeUndefined();
    expect(zoe.cells[1]).toBe('7.5');
    expect(raw.students.find((s) => s.id === 'u-501')!.altIds).toContain('S001');
  });

  it('counts no score that is not final: not submitted (even with a 0), partially graded, or not graded yet', async () => {
    const dir = join(tempDir(), 'gradebook');
    cpSync(join(FIX, 'oneroster-1.1'), dir, { recursive: true });
    writeFileSync(join(dir, 'results.csv'), [
      'sourcedId,status,dateLastModified,lineItemSourcedId,studentSourcedId,scoreStatus,score,scoreDate,comment',
      'r1,,,li-quiz-1125,u-501,fully graded,9,2026-11-25,',
      'r2,,,li-quiz-1125,u-502,not submitted,0,2026-11-25,',
      'r3,,,li-quiz-1125,u-503,partially graded,2,2026-11-25,',
      'r4,,,li-exit-1124,u-503,submitted,,2026-11-24,',
    ].join('\n') + '\n');
    const raw = await readSource(dir, 'gradebook', {});
    const cell = (id: string, k: number) => raw.students.find((s) => s.id === id)?.cells[k];
    expect(cell('u-501', 1)).toBe('9');
    expect(cell('u-502', 1)).toBeUndefined();
    expect(cell('u-503', 1)).toBeUndefined();
    expect(cell('u-503', 0)).toBeUndefined();
    expect(raw.notes).toEqual(expect.arrayContaining([
      '1 result(s) not submitted count as not taken (a score given with them is not counted)',
      'left out 1 partially graded result(s) until they are fully graded (import the export again then, with --replace)',
      '1 result(s) with no score yet count as not taken',
    ]));
  });

  it('reads 1.2 learning objectives as the alignment, named by any of its files, and drops tobedeleted rows', async () => {
    const raw = await readSource(join(FIX, 'oneroster-1.2', 'results.csv'), 'oneroster-1.2/results.csv', {});
    expect(raw.columns[0]!.standards).toEqual(['6.RP.A.1', 'CCSS.Math.Content.6.RP.A.3']);
    expect(raw.students.map((s) => s.id)).toEqual(['S001', 'S002']);
    expect(raw.file).toBe('oneroster-1.2');
  });
});

describe('generic CSVs', () => {
  it('reads a wide CSV with a points-possible row, leaving names and totals aside', async () => {
    const raw = await readSource(join(FIX, 'wide-scores.csv'), 'wide-scores.csv', {});
    expect(raw.format).toBe('wide');
    expect(raw.columns.filter((c) => c.role === 'question').map((c) => [c.header, c.pointsPossible])).toEqual([['q1', 1], ['q2', 2], ['q3', 2]]);
    expect(raw.students.map((s) => [s.id, s.name])).toEqual([['S001', 'Aaliyah Brooks'], ['S002', 'José Hernández'], ['S003', 'Zoë Clarke']]);
  });

  it('streams a long CSV: items in order of appearance, standards and max points from the rows', async () => {
    const raw = await readSource(join(FIX, 'long-scores.csv'), 'long-scores.csv', {});
    expect(raw.format).toBe('long');
    expect(raw.columns.map((c) => [c.header, c.standards, c.pointsPossible])).toEqual([['q1', ['6.RP.A.1'], 1], ['q2', ['6.RP.A.3'], 2]]);
    expect(raw.students.map((s) => s.id ?? s.email)).toEqual(['S001', 'S002', 'zoe.clarke@students.example.org']);
    expect(raw.students[2]!.cellLines).toEqual([6, 7]);
    expect(raw.assessments[0]!.dateSpan).toEqual({ first: '2026-11-24', last: '2026-11-25' });
  });

  it('reports a repeated student-item row and a max that changes, with their lines', async () => {
    const dir = tempDir();
    const f = join(dir, 'long.csv');
    writeFileSync(f, 'student,item,points,max points\nS001,q1,1,2\nS001,q1,2,2\nS002,q1,1,3\n');
    const raw = await readSource(f, 'long.csv', {});
    expect(raw.diagnostics.map((d) => [d.source!.line, d.message])).toEqual([
      [3, 'a second row for S001 on item q1 (the first is on line 2)'],
      [4, 'item q1 is worth 3 points here but 2 on line 2'],
    ]);
  });

  it('reads a long CSV in Windows-1252 whose first accented byte is past the first block', async () => {
    const dir = tempDir();
    const f = join(dir, 'long.csv');
    const rows = ['student,item,points,name'];
    for (let i = 0; i < 5000; i++) rows.push(`S${i},q1,1,Student ${i}`);
    rows.push('S9999,q1,1,José Müller');
    writeFileSync(f, Buffer.from(rows.join('\r\n') + '\r\n', 'latin1'));
    const raw = await readSource(f, 'long.csv', {});
    expect(raw.students.at(-1)!.name).toBe('José Müller');
    expect(raw.students).toHaveLength(5001);
  });
});

describe('line endings', () => {
  it('reads a CRLF download with a line added in a text editor (LF)', async () => {
    const f = join(tempDir(), 'q.csv');
    writeFileSync(f, '"Timestamp","Email Address","Score","Q1"\r\n"2026/11/20 1:00:00 PM GMT-5","a@x.org","1 / 1","y"\r\n"2026/11/20 1:05:00 PM GMT-5","b@x.org","0 / 1","n"\n');
    const raw = await readSource(f, 'q.csv', {});
    expect(raw.diagnostics).toEqual([]);
    expect(raw.students.map((s) => s.email)).toEqual(['a@x.org', 'b@x.org']);
  });
});

describe('Canvas names', () => {
  it('unwraps a name Canvas defused as ="…" and reads LastName/FirstName columns', async () => {
    const f = join(tempDir(), 'g.csv');
    writeFileSync(f, 'LastName,FirstName,ID,SIS User ID,SIS Login ID,Section,Quiz (9)\n    Points Possible,,,,,,5\n"=""Cmd""",Robert,1,S010,r@x.org,P1,4\n');
    const raw = await readSource(f, 'g.csv', {});
    expect(raw.format).toBe('canvas');
    expect(raw.students[0]).toMatchObject({ familyName: 'Cmd', givenName: 'Robert', id: 'S010' });
  });
});
