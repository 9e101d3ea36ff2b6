// The roster importers on small inline files: loose CSV headers, Canvas gradebooks, OneRoster 1.1/1.2.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCanvasGradebook, parseCanvasRoster } from '../../src/importers/canvas-roster.ts';
import { sectionName, splitFullName } from '../../src/importers/columns.ts';
import { parseOneRoster, type OneRosterFiles } from '../../src/importers/oneroster.ts';
import { parseRosterCsv } from '../../src/importers/roster-csv.ts';
import { parseCsvText } from '../../src/store/csv.ts';
import { SAMPLES } from '../helpers.ts';

const table = (text: string, file = 'class.csv') => parseCsvText(text, file).table!;
const brief = (rows: { id: string; givenName: string; familyName: string; section: string; email: string }[]) =>
  rows.map((r) => [r.id, r.givenName, r.familyName, r.section, r.email].join('|'));

describe('plain CSV class lists', () => {
  it.each([
    ['Student ID,Last Name,First Name,Period,Email', 'S1,Clarke,Zoë,2,zoe@x.org', 'S1|Zoë|Clarke|P2|zoe@x.org'],
    ['id,given_name,family_name,section,email', 'S1,Zoë,Clarke,P4,zoe@x.org', 'S1|Zoë|Clarke|P4|zoe@x.org'],
    ['SIS ID,Given Name,Surname,Section', 'S1,Zoë,Clarke,Block A', 'S1|Zoë|Clarke|Block A|'],
    ['student_number;FIRST;LAST;Class', 'S1;Zoë;Clarke;Period 3', 'S1|Zoë|Clarke|P3|'],
    ['Student Number,Name,E-mail', 'S1,"Clarke, Zoë",zoe@x.org', 'S1|Zoë|Clarke||zoe@x.org'],
    ['Student ID,Student Name', 'S1,Mary Kate Sullivan', 'S1|Mary Kate|Sullivan||'],
    ['ID,Family Name,First,Per', 'S1,Smith-Jones,Ethan,4', 'S1|Ethan|Smith-Jones|P4|'],
  ])('reads %s', (header, row, want) => {
    const r = parseRosterCsv(table(`${header}\n${row}\n`));
    expect(r.diagnostics).toEqual([]);
    expect(brief(r.rows)).toEqual([want]);
  });

  it('keeps the line of each student for messages', () => {
    const r = parseRosterCsv(table('Student ID,First,Last\nS1,A,B\n\nS2,C,D\n'));
    expect(r.rows.map((x) => x.source)).toEqual([{ file: 'class.csv', line: 2 }, { file: 'class.csv', line: 4 }]);
  });

  it('names what is missing from the header and what it found', () => {
    expect(parseRosterCsv(table('First Name,Last Name\nA,B\n')).diagnostics[0]).toMatchObject({
      source: { file: 'class.csv', line: 1 }, message: 'no student id column (the header has: First Name, Last Name)',
    });
    expect(parseRosterCsv(table('Student ID,First Name\nS1,A\n')).diagnostics[0]!.message).toBe('no column of last names (the header has: Student ID, First Name)');
    expect(parseRosterCsv(table('Student ID,Email\nS1,a@x\n')).diagnostics[0]!.message).toBe('no column of student names (the header has: Student ID, Email)');
  });

  it('refuses a header with no students, and a student row without an id', () => {
    expect(parseRosterCsv(table('Student ID,First,Last\n')).diagnostics[0]!.message).toBe('the file has a header but no students');
    const r = parseRosterCsv(table('Student ID,First,Last\nS1,A,B\n,Zoë,Clarke\n'));
    expect(r.diagnostics).toMatchObject([{ source: { line: 3 }, message: 'the row for "Zoë Clarke" has no student id' }]);
  });
});

describe('names and sections', () => {
  it('splits "Last, First" and "First Last"', () => {
    expect(splitFullName('Smith-Jones, Ethan')).toEqual({ givenName: 'Ethan', familyName: 'Smith-Jones' });
    expect(splitFullName("  O'Brien,   Liam ")).toEqual({ givenName: 'Liam', familyName: "O'Brien" });
    expect(splitFullName('Zoë Clarke')).toEqual({ givenName: 'Zoë', familyName: 'Clarke' });
    expect(splitFullName('Cher')).toEqual({ givenName: 'Cher', familyName: '' });
  });

  it('writes periods as P<n> and leaves other sections alone', () => {
    expect(sectionName('2', true)).toBe('P2');
    expect(sectionName('02', true)).toBe('P2');
    expect(sectionName('Period 4', false)).toBe('P4');
    expect(sectionName('per. 6', false)).toBe('P6');
    expect(sectionName('2', false)).toBe('2');
    expect(sectionName('MATH 140', false)).toBe('MATH 140');
  });
});

const CANVAS = [
  'Student,ID,SIS User ID,SIS Login ID,Section,Ratios quiz (1001),Current Score',
  ',,,,,Manual Posting,',
  '    Points Possible,,,,,10.00,(read only)',
  '"Clarke, Zoë",41,S003,zoe@school.org,Period 2,8,80',
  '"=""Eq, Al""",42,,al,Period 4,,',
  '"Student, Test",43,,,Period 2,0,0',
].join('\n');

describe('Canvas gradebook exports', () => {
  it('is recognised by its header', () => {
    expect(isCanvasGradebook(table(CANVAS).header)).toBe(true);
    expect(isCanvasGradebook(['LastName', 'FirstName', 'ID', 'SIS User ID', 'Section'])).toBe(true);
    expect(isCanvasGradebook(['Student ID', 'Name', 'Section'])).toBe(false);
  });

  it('reads students only: SIS id else Canvas id, "Last, First", section; the test student is skipped', () => {
    const r = parseCanvasRoster(table(CANVAS));
    expect(r.diagnostics).toEqual([]);
    // The ="…" formula guard is undone; "Period 2" becomes P2 as in a plain class list.
    expect(brief(r.rows)).toEqual(['S003|Zoë|Clarke|P2|zoe@school.org', '42|Al|Eq|P4|']);
    expect(r.notes).toEqual(['Skipped the test student (line 6).']);
  });

  it('reads a semicolon-separated export with a BOM (Canvas in a comma-decimal locale)', () => {
    const text = '\uFEFFStudent;ID;SIS User ID;SIS Login ID;Section;H2 (15461093)\n    Points Possible;;;;;"10,00"\n"Dubois, Chloé";7;S012;chloe;P4;"7,5"\n';
    expect(brief(parseCanvasRoster(table(text)).rows)).toEqual(['S012|Chloé|Dubois|P4|']);
  });

  it.skipIf(!existsSync(SAMPLES))('reads the three real students of the saved Canvas export', () => {
    const file = join(SAMPLES, 'canvas-gradebook', 'canvas-valid.csv');
    const r = parseCanvasRoster(parseCsvText(readFileSync(file, 'utf8'), 'canvas-valid.csv').table!);
    expect(brief(r.rows)).toEqual([
      '9001|Ada|Lovelace|MATH 140|adl1@psu.edu',
      '9002|Grace|Hopper|MATH 140|gxh2@psu.edu',
      '9003|Katherine|Johnson|MATH 140|',
    ]);
  });
});

function files(map: Record<string, string>): OneRosterFiles {
  return { files: new Map(Object.entries(map).map(([k, v]) => [k, new Uint8Array(Buffer.from(v))])), label: (n) => `export/${n}` };
}

const CLASSES = [
  'sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods',
  'c2,,,Math 6 - P2,06,m6,M6-2,scheduled,101,sch,t1,Math,,2',
  'c4,,,Math 6 - P4,06,m6,M6-4,scheduled,101,sch,t1,Math,,4',
  'cx,tobedeleted,,Old class,06,m6,OLD,scheduled,101,sch,t1,Math,,5',
].join('\n');
const ENROLLMENTS = [
  'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate',
  'e1,,,c2,sch,u1,student,,2026-08-20,2027-06-10',
  'e2,,,c2,sch,u2,student,,2026-08-20,2027-06-10',
  'e3,,,c2,sch,t9,teacher,true,2026-08-20,2027-06-10',
  'e4,,,c4,sch,u3,student,,2026-08-20,2027-06-10',
  'e5,tobedeleted,,c2,sch,u4,student,,2026-08-20,2026-10-01',
  'e6,,,c2,sch,u1,student,,2027-01-05,2027-06-10',
].join('\n');
const USERS_11 = [
  'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password',
  'u1,,,true,sch,student,zclarke,,Zoë,Clarke,,S003,zoe@x.org,,,,06,',
  'u2,,,true,sch,student,lobrien,,Liam,O\'Brien,,,liam@x.org,,,,06,',
  'u3,,,true,sch,student,hsato,,Hana,Sato,,S014,hana@x.org,,,,06,',
  'u4,,,true,sch,student,jt,,Jack,Thompson,,S021,jack@x.org,,,,06,',
  't9,,,true,sch,teacher,mr,,Ana,Reyes,,,,,,,,,',
].join('\n');
// OneRoster 1.2: role gone from users.csv, and the real test fixture misspells preferred.
const USERS_12 = [
  'sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,prefferedGivenName,prefferedMiddleName,prefferedFamilyName,primaryOrgSourcedId,pronouns',
  'u1,active,2026-08-01T00:00:00.000Z,TRUE,zclarke,,Zoë,Clarke,,S003,zoe@x.org,,,,06,,,Zo,,,sch,',
  'u2,active,2026-08-01T00:00:00.000Z,TRUE,lobrien,,Liam,O\'Brien,,,liam@x.org,,,,06,,,,,,sch,',
  'u3,active,2026-08-01T00:00:00.000Z,TRUE,hsato,,Hana,Sato,,S014,hana@x.org,,,,06,,,,,,sch,',
  'u4,tobedeleted,2026-10-01T00:00:00.000Z,TRUE,jt,,Jack,Thompson,,S021,jack@x.org,,,,06,,,,,,sch,',
  't9,active,2026-08-01T00:00:00.000Z,TRUE,mr,,Ana,Reyes,,,,,,,,,,,,,sch,',
].join('\r\n');

describe('OneRoster exports', () => {
  const v11 = files({ 'manifest.csv': 'propertyName,value\noneroster.version,1.1\n', 'classes.csv': CLASSES, 'enrollments.csv': ENROLLMENTS, 'users.csv': USERS_11 });

  it('lists the classes (not those to be deleted) and asks for one when there are several', () => {
    const r = parseOneRoster(v11, { command: 'pathbook roster import export' });
    expect(r.classes.map((c) => `${c.title}:${c.students}`)).toEqual(['Math 6 - P2:2', 'Math 6 - P4:1']);
    expect(r.needChoice?.message).toBe('export/classes.csv lists 2 classes; choose one with --class:\n  Math 6 - P2 (c2): M6-2, period 2, 2 students\n  Math 6 - P4 (c4): M6-4, period 4, 1 student');
    expect(r.needChoice?.hint).toBe('pathbook roster import export --class "Math 6 - P2"');
    expect(r.rows).toEqual([]);
  });

  it('reads the students of the class chosen by title, sourcedId or code: role student, identifier as id, period as section', () => {
    for (const pick of ['Math 6 - P2', 'math 6 - p2', 'c2', 'M6-2']) {
      const r = parseOneRoster(v11, { classes: [pick] });
      expect(r.version).toBe('1.1');
      expect(r.diagnostics).toEqual([]);
      expect(r.chosen.map((c) => c.sourcedId)).toEqual(['c2']);
      // u1 twice (two terms) is one student; u4's enrollment is tobedeleted; the teacher is left out.
      expect(brief(r.rows)).toEqual(['S003|Zoë|Clarke|P2|zoe@x.org', "u2|Liam|O'Brien|P2|liam@x.org", 'S021|Jack|Thompson|P2|jack@x.org']);
      expect(r.rows.map((x) => x.status)).toEqual(['active', 'active', 'withdrawn']);
      expect(r.rows[0]!.source).toEqual({ file: 'export/users.csv', line: 2 });
    }
  });

  it('imports several classes at once, each with its own section', () => {
    const r = parseOneRoster(v11, { classes: ['c4', 'c2'] });
    expect(brief(r.rows).map((x) => x.split('|').slice(0, 1).concat(x.split('|')[3]!).join(':'))).toEqual(['S003:P2', 'u2:P2', 'S014:P4', 'S021:P2']);
  });

  it('refuses an unknown class and lists the choices', () => {
    const r = parseOneRoster(v11, { classes: ['Math 7'] });
    expect(r.needChoice?.message).toMatch(/^there is no class "Math 7" in export\/classes.csv; it lists:\n {2}Math 6 - P2 \(c2\)/);
  });

  it('reads 1.2 headers (role moved out of users.csv, misspelt preferred names, CRLF, user status)', () => {
    const r = parseOneRoster(files({ 'manifest.csv': 'propertyName,value\r\noneroster.version,1.2\r\n', 'classes.csv': CLASSES, 'enrollments.csv': ENROLLMENTS, 'users.csv': USERS_12 }), { classes: ['c2'] });
    expect(r.version).toBe('1.2');
    expect(r.diagnostics).toEqual([]);
    expect(brief(r.rows)).toEqual(['S003|Zo|Clarke|P2|zoe@x.org', "u2|Liam|O'Brien|P2|liam@x.org", 'S021|Jack|Thompson|P2|jack@x.org']);
    expect(r.rows.map((x) => x.status)).toEqual(['active', 'active', 'withdrawn']);
  });

  it('infers the version without a manifest, and flags a delta export', () => {
    expect(parseOneRoster(files({ 'classes.csv': CLASSES, 'enrollments.csv': ENROLLMENTS, 'users.csv': USERS_12 }), { classes: ['c2'] }).version).toBe('1.2');
    const delta = parseOneRoster(files({ 'manifest.csv': 'propertyName,value\noneroster.version,1.1\nfile.users,delta\n', 'classes.csv': CLASSES, 'enrollments.csv': ENROLLMENTS, 'users.csv': USERS_11 }), { classes: ['c2'] });
    expect(delta.delta).toBe(true);
  });

  it('names a missing file or column', () => {
    expect(parseOneRoster(files({ 'classes.csv': CLASSES, 'users.csv': USERS_11 })).diagnostics[0]).toMatchObject({ source: { file: 'export/enrollments.csv' }, message: 'the OneRoster export has no enrollments.csv' });
    const r = parseOneRoster(files({ 'classes.csv': CLASSES, 'enrollments.csv': ENROLLMENTS, 'users.csv': USERS_11.replace('givenName', 'firstName') }), { classes: ['c2'] });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toMatchObject([{ source: { file: 'export/users.csv', line: 1 }, message: 'the column givenName is missing' }]);
    expect(r.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message)).toEqual(['column "firstName" is not a OneRoster column; it is ignored']);
  });

  it.skipIf(!existsSync(SAMPLES))('reads the saved OneRoster 1.1 sample (extra trailing commas on the teacher rows)', () => {
    const dir = join(SAMPLES, 'oneroster-1.1');
    const map = Object.fromEntries(readdirSync(dir).map((n) => [n.toLowerCase(), readFileSync(join(dir, n), 'utf8')]));
    const r = parseOneRoster(files(map), { classes: ['ALG-1'] });
    expect(r.diagnostics).toEqual([]);
    expect(r.classes.map((c) => c.title)).toEqual(['ENG-1', 'ALG-1']);
    expect(r.rows.map((x) => `${x.id} ${x.givenName} ${x.familyName} ${x.section}`)).toEqual([
      '604863 Mary Archer P2', '604874 Kyle Hughes P2', '604918 Peter Nash P2', '604927 Larry Mahoney P2', '604938 Roland Phillips P2',
    ]);
  });
});
