// `pathbook roster import` on a copy of the example class: the demo step, idempotence, the real
// OneRoster and Canvas samples, a zipped export, and the options that change what is written.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, DOWNLOADS, run, runBuilt, SAMPLES, snapshot, tempDir } from '../helpers.ts';
import { makeZip } from '../zip-writer.ts';

const EXPORT = join(DOWNLOADS, 'roster-export.csv');
const rosterIds = (dir: string) => readFileSync(join(dir, 'roster.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
const hasSamples = existsSync(SAMPLES);

describe('roster import of the example export (the demo step)', () => {
  it('shows the change with --dry-run and writes nothing', async () => {
    const dir = copyExample();
    const before = snapshot(dir);
    const r = await run(['roster', 'import', EXPORT, '--dry-run'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^added\s+S029\s+Valentina Cruz\s+P2\s+valentina\.cruz@students\.example\.org$/m);
    expect(r.stdout).toMatch(/^added\s+S030\s+Noor Haddad\s+P4/m);
    expect(r.stdout).toContain('2 added, 0 updated, 28 unchanged, 0 absent from the file.');
    expect(r.stdout).toContain('Dry run: nothing written.');
    expect(snapshot(dir)).toEqual(before);
  });

  it('adds S029 and S030, then changes nothing when run again', async () => {
    const dir = copyExample();
    const original = readFileSync(join(dir, 'roster.csv'), 'utf8');
    const first = runBuilt(['roster', 'import', EXPORT], { cwd: dir });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    // The example class keeps mastery.csv, so the new students' rows are added to it too.
    expect(first.stdout).toContain('Wrote roster.csv, mastery.csv.');
    const after = readFileSync(join(dir, 'roster.csv'), 'utf8');
    // The two new rows, in id order, and every other byte as it was.
    expect(after).toBe(original + 'S029,Valentina,Cruz,P2,valentina.cruz@students.example.org,active\nS030,Noor,Haddad,P4,noor.haddad@students.example.org,active\n');
    const snap = snapshot(dir);
    const second = runBuilt(['roster', 'import', EXPORT], { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('0 added, 0 updated, 30 unchanged, 0 absent from the file.');
    expect(second.stdout).toContain('roster.csv is already up to date.');
    expect(snapshot(dir)).toEqual(snap);
    expect((await run(['check'], { cwd: dir })).code).toBe(0);
  });

  it('keeps the withdrawn S021 withdrawn although the export still lists him', async () => {
    const dir = copyExample();
    const r = await run(['roster', 'import', EXPORT], { cwd: dir });
    expect(r.stdout).toMatch(/^kept\s+S021\s+Jack Thompson\s+P4\s+in the file but withdrawn in roster\.csv: left withdrawn$/m);
    expect(readFileSync(join(dir, 'roster.csv'), 'utf8')).toContain('S021,Jack,Thompson,P4,jack.thompson@students.example.org,withdrawn\n');
  });

  it('reports the same content as JSON', async () => {
    const dir = copyExample();
    const r = await run(['--json', 'roster', 'import', EXPORT, '--dry-run'], { cwd: dir });
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ format: 'csv', read: 30, dry_run: true, updated: [], absent: [], still_withdrawn: ['S021'], skipped: [], written: [] });
    expect(j.added).toEqual([
      { id: 'S029', given_name: 'Valentina', family_name: 'Cruz', section: 'P2', email: 'valentina.cruz@students.example.org' },
      { id: 'S030', given_name: 'Noor', family_name: 'Haddad', section: 'P4', email: 'noor.haddad@students.example.org' },
    ]);
    expect(j.unchanged).toHaveLength(28);
  });
});

describe('roster import options', () => {
  function partialExport(dir: string): string {
    const lines = readFileSync(EXPORT, 'utf8').trim().split('\n');
    const file = join(dir, '..', 'p2-only.csv');
    writeFileSync(file, lines.filter((l, i) => i === 0 || l.split(',')[3] === '2').join('\n') + '\n');
    return file;
  }

  it('lists students missing from the file and keeps them active unless --withdraw-missing', async () => {
    const dir = copyExample();
    const file = partialExport(dir);
    const keep = await run(['roster', 'import', file], { cwd: dir });
    expect(keep.stdout).toMatch(/^absent\s+S002\s+José Hernández\s+not in the file \(kept active\)$/m);
    expect(keep.stdout).toMatch(/1 added, 0 updated, 14 unchanged, 13 absent from the file \(kept active; --withdraw-missing marks them withdrawn\)\./);
    expect(readFileSync(join(dir, 'roster.csv'), 'utf8')).toContain('S002,José,Hernández,P4,jose.hernandez@students.example.org,active');

    const assessments = snapshot(join(dir, 'assessments'));
    const withdraw = await run(['roster', 'import', file, '--withdraw-missing'], { cwd: dir });
    expect(withdraw.code).toBe(0);
    expect(withdraw.stdout).toMatch(/^withdrawn\s+S002\s+José Hernández\s+not in the file: marked withdrawn$/m);
    const roster = readFileSync(join(dir, 'roster.csv'), 'utf8');
    expect(roster).toContain('S002,José,Hernández,P4,jose.hernandez@students.example.org,withdrawn');
    // Nobody is deleted and their scores stay.
    expect(rosterIds(dir)).toHaveLength(29);
    expect(snapshot(join(dir, 'assessments'))).toEqual(assessments);
    expect((await run(['roster', 'list'], { cwd: dir })).stdout).toContain('15 students');
  });

  it('puts every imported student in the --section given', async () => {
    const dir = copyExample();
    const r = await run(['roster', 'import', EXPORT, '--section', 'P6', '--dry-run', '-q'], { cwd: dir });
    expect(r.stdout).toContain('2 added, 28 updated, 0 unchanged');
    expect(r.stdout).toMatch(/^updated\s+S001\s+Aaliyah Brooks\s+P6\s+section P2 → P6$/m);
  });

  it('keeps mastery.csv in step when the folder has one', async () => {
    const dir = copyExample();
    expect((await run(['mastery', '--write', '-q'], { cwd: dir })).code).toBe(0);
    const r = await run(['roster', 'import', EXPORT], { cwd: dir });
    expect(r.stdout).toContain('Wrote roster.csv, mastery.csv.');
    expect(readFileSync(join(dir, 'mastery.csv'), 'utf8')).toMatch(/^S030,6\.RP\.A\.1,,,Not yet assessed,false,0,,/m);
  });
});

describe('a OneRoster 1.2 zip', () => {
  // 1.2 as real exporters write it: CRLF, role moved to roles.csv, misspelt preferred names, TRUE.
  const files = {
    'manifest.csv': 'propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,1.2\r\nfile.users,bulk\r\nfile.classes,bulk\r\nfile.enrollments,bulk\r\nfile.roles,bulk\r\nsource.systemCode,absent\r\n',
    'classes.csv': 'sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\r\ncls-6-2,active,2026-08-01T00:00:00.000Z,Math 6 - Period 2,06,crs-6,M6-2,Scheduled,Room 104,sch,trm,"Mathematics, Grade 6",,2\r\ncls-6-4,active,2026-08-01T00:00:00.000Z,Math 6 - Period 4,06,crs-6,M6-4,Scheduled,Room 104,sch,trm,Mathematics,,4\r\n',
    'users.csv': 'sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,prefferedGivenName,prefferedMiddleName,prefferedFamilyName,primaryOrgSourcedId,pronouns\r\n'
      + 'u-29,active,2026-08-01T00:00:00.000Z,TRUE,vcruz,,Valentina,Cruz,,S029,valentina.cruz@students.example.org,,,,06,,,Vale,,,sch,\r\n'
      + 'u-05,active,2026-08-01T00:00:00.000Z,TRUE,lobrien,,William,O\'Brien,,S005,liam.obrien@students.example.org,,,,06,,,Liam,,,sch,\r\n'
      + 'u-20,tobedeleted,2026-10-01T00:00:00.000Z,TRUE,fas,,Fatima,Al-Sayed,,S020,fatima.al-sayed@students.example.org,,,,06,,,,,,sch,\r\n'
      + 't-1,active,2026-08-01T00:00:00.000Z,TRUE,mreyes,,Marta,Reyes,,,marta@school.example.org,,,,,,,,,,sch,\r\n',
    'roles.csv': 'sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId\r\nr1,active,,u-29,primary,student,,,sch,\r\nr2,active,,t-1,primary,teacher,,,sch,\r\n',
    'enrollments.csv': 'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\r\ne1,active,,cls-6-2,sch,u-29,student,,,\r\ne2,active,,cls-6-2,sch,u-05,student,,,\r\ne3,active,,cls-6-2,sch,u-20,student,,,\r\ne4,active,,cls-6-2,sch,t-1,teacher,TRUE,,\r\n',
  };

  it('adds the new student, withdraws the one to be deleted, and reports it all as JSON', async () => {
    const dir = copyExample();
    const zip = join(tempDir(), 'oneroster-v1p2.zip');
    writeFileSync(zip, makeZip(Object.entries(files).map(([name, data]) => ({ name, data }))));
    const r = await run(['--json', 'roster', 'import', zip, '--class', 'cls-6-2'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ format: 'oneroster-1.2', classes: ['Math 6 - Period 2'], read: 3, written: ['roster.csv', 'mastery.csv'] });
    expect(j.added).toEqual([{ id: 'S029', given_name: 'Vale', family_name: 'Cruz', section: 'P2', email: 'valentina.cruz@students.example.org' }]);
    expect(j.updated).toEqual([{ id: 'S020', changes: [{ field: 'status', from: 'active', to: 'withdrawn' }] }]);
    expect(j.unchanged).toEqual(['S005']);
    expect(j.absent).toHaveLength(25);
    expect(readFileSync(join(dir, 'roster.csv'), 'utf8')).toContain('S020,Fatima,Al-Sayed,P2,fatima.al-sayed@students.example.org,withdrawn\n');
  });
});

describe.skipIf(!hasSamples)('the real exports in reference/samples', () => {
  const oneroster = join(SAMPLES, 'oneroster-1.1');
  const algebra = ['604863', '604874', '604918', '604927', '604938'];

  it('imports OneRoster 1.1 with --class given as a title or a sourcedId', async () => {
    for (const pick of ['ALG-1', '25590100102Trad220ALG112011']) {
      const dir = copyExample();
      const r = await run(['roster', 'import', oneroster, '--class', pick], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Read 5 students from ${oneroster} (OneRoster 1.1, class ALG-1).`);
      expect(rosterIds(dir).filter((id) => /^6/.test(id!))).toEqual(algebra);
      expect(readFileSync(join(dir, 'roster.csv'), 'utf8')).toContain('604918,Peter,Nash,P2,ultnacia.vogjlgd@example.com,active\n');
    }
  });

  it('lists the classes and exits 1 when the export holds several and no --class is given', async () => {
    const dir = copyExample();
    const before = snapshot(dir);
    const r = await run(['roster', 'import', oneroster], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`pathbook: error: ${oneroster}/classes.csv lists 2 classes; choose one with --class:
  ENG-1 (25590100101Trad120ENG112011): English I, period 1, 5 students
  ALG-1 (25590100102Trad220ALG112011): Algebra I, period 2, 5 students
  hint: pathbook roster import ${oneroster} --class ENG-1
`);
    expect(snapshot(dir)).toEqual(before);
  });

  it('reads the same export zipped, with its files in a folder and macOS shadow files', async () => {
    const dir = copyExample();
    const entries = readdirSync(oneroster).flatMap((n) => [
      { name: `oneroster-export/${n}`, data: readFileSync(join(oneroster, n)) },
      { name: `__MACOSX/oneroster-export/._${n}`, data: new Uint8Array([0, 5, 22, 7, 0, 2, 0, 0]), method: 0 as const },
    ]);
    const zip = join(tempDir(), 'OneRoster Export.zip');
    writeFileSync(zip, makeZip(entries));
    const r = await run(['roster', 'import', zip, '--class', 'ALG-1', '--section', 'Algebra'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Read 5 students from');
    expect(readFileSync(join(dir, 'roster.csv'), 'utf8')).toContain('604863,Mary,Archer,Algebra,mqlqmrqb76@example.com,active\n');
  });

  it('imports the three real students of the Canvas export, skipping Points Possible, Manual Posting and the test student', async () => {
    const dir = copyExample();
    const r = await run(['roster', 'import', join(SAMPLES, 'canvas-gradebook', 'canvas-valid.csv')], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Skipped the test student (line 7).\n');
    expect(r.stdout).toContain('3 added, 0 updated, 0 unchanged, 27 absent from the file');
    const roster = readFileSync(join(dir, 'roster.csv'), 'utf8');
    expect(roster).toContain('9001,Ada,Lovelace,MATH 140,adl1@psu.edu,active\n9002,Grace,Hopper,MATH 140,gxh2@psu.edu,active\n9003,Katherine,Johnson,MATH 140,,active\n');
    expect(rosterIds(dir)).toHaveLength(31);
  });
});
