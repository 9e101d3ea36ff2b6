// The students of one or more classes in a OneRoster 1.1 or 1.2 CSV export (reference/formats.md §1):
// classes.csv names the classes, enrollments.csv puts users in them, users.csv holds the names.
// Works on file contents already read (from a folder or a zip), so it is tested without a disk.
import type { ImportedStudent } from '../domain/roster-merge.ts';
import type { Diagnostic, StudentStatus } from '../domain/types.ts';
import { normalizeHeader, parseCsvBytes, type CsvTable } from '../store/csv.ts';
import { cellText, pickColumn, sectionName } from './columns.ts';
import type { RosterParse } from './roster-csv.ts';

export interface OneRosterClass {
  sourcedId: string;
  title: string;
  classCode: string;
  periods: string;
  /** Students enrolled (active enrollments). */
  students: number;
}

export interface OneRosterFiles {
  /** Data files by lower-case base name (users.csv, …). */
  files: Map<string, Uint8Array>;
  /** How to name a file in messages: `export.zip/users.csv`, `oneroster/users.csv`. */
  label: (name: string) => string;
}

export interface OneRosterParse extends RosterParse {
  version: string;
  classes: OneRosterClass[];
  /** The classes the rows come from. */
  chosen: OneRosterClass[];
  /** A delta export lists only changes: students it leaves out are not "absent". */
  delta: boolean;
  /** Set when the classes to import must be chosen with --class: the message to show. */
  needChoice?: { message: string; hint: string };
}

// Known columns, so headers a 1.2 exporter misspells are recognised and others are reported.
const USER_COLUMNS = ['sourcedId', 'status', 'dateLastModified', 'enabledUser', 'orgSourcedIds', 'role', 'username', 'userIds', 'givenName', 'familyName', 'middleName', 'identifier', 'email', 'sms', 'phone', 'agentSourcedIds', 'grades', 'password', 'userMasterIdentifier', 'resourceSourcedIds', 'preferredGivenName', 'preferredMiddleName', 'preferredFamilyName', 'primaryOrgSourcedId', 'pronouns', 'prefferedGivenName', 'prefferedMiddleName', 'prefferedFamilyName'];
const ENROLLMENT_COLUMNS = ['sourcedId', 'status', 'dateLastModified', 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role', 'primary', 'beginDate', 'endDate'];
const CLASS_COLUMNS = ['sourcedId', 'status', 'dateLastModified', 'title', 'grades', 'courseSourcedId', 'classCode', 'classType', 'location', 'schoolSourcedId', 'termSourcedIds', 'subjects', 'subjectCodes', 'periods'];

function unknownColumns(t: CsvTable, known: readonly string[]): Diagnostic[] {
  const k = new Set(known.map(normalizeHeader));
  return t.header
    .map((h, i) => ({ h, i }))
    .filter(({ h }) => h && !k.has(normalizeHeader(h)) && !/^(metadata\.|ext_)/i.test(h))
    .map(({ h, i }) => ({ check: 'oneroster', severity: 'warning' as const, source: { file: t.file, line: 1, column: i + 1 }, message: `column ${JSON.stringify(h)} is not a OneRoster column; it is ignored`, hint: 'nothing to do unless it holds the student names or ids' }));
}

/** The OneRoster version: the manifest's word, else what users.csv looks like. */
function readVersion(files: OneRosterFiles, diagnostics: Diagnostic[]): { version: string; delta: boolean } {
  const bytes = files.files.get('manifest.csv');
  let version = '';
  let delta = false;
  if (bytes) {
    const { table, diagnostics: d } = parseCsvBytes(bytes, files.label('manifest.csv'));
    diagnostics.push(...d.map((x) => ({ ...x, severity: 'warning' as const })));
    for (const row of table?.rows ?? []) {
      const key = (row.values[0] ?? '').trim();
      const value = (row.values[1] ?? '').trim().toLowerCase();
      if (key === 'oneroster.version') version = value;
      if (['file.users', 'file.enrollments', 'file.classes'].includes(key) && value === 'delta') delta = true;
    }
  }
  return { version, delta };
}

function table(files: OneRosterFiles, name: string, diagnostics: Diagnostic[]): CsvTable | undefined {
  const bytes = files.files.get(name);
  if (!bytes) return undefined;
  const { table: t, diagnostics: d } = parseCsvBytes(bytes, files.label(name));
  diagnostics.push(...d);
  return t;
}

function isTrue(v: string): boolean {
  return v.trim().toLowerCase() === 'true';
}

/** A class's matching key for --class: its sourcedId, title or classCode (case ignored for titles). */
function matchesClass(c: OneRosterClass, want: string): boolean {
  const w = want.trim().toLowerCase();
  return c.sourcedId === want.trim() || c.title.toLowerCase() === w || (c.classCode !== '' && c.classCode.toLowerCase() === w);
}

/** A word as typed in a shell: quoted only when it needs to be. */
export function shellWord(s: string): string {
  return /^[\w.\/:@+-]+$/.test(s) ? s : `"${s.replace(/(["\\$`])/g, '\\$1')}"`;
}

export function describeClass(c: OneRosterClass): string {
  const extra = [c.classCode && c.classCode !== c.title ? c.classCode : '', c.periods ? `period ${c.periods}` : '', `${c.students} student${c.students === 1 ? '' : 's'}`].filter(Boolean).join(', ');
  return `${c.title} (${c.sourcedId}): ${extra}`;
}

export function parseOneRoster(files: OneRosterFiles, opts: { classes?: string[]; command?: string } = {}): OneRosterParse {
  const diagnostics: Diagnostic[] = [];
  const { version: manifestVersion, delta } = readVersion(files, diagnostics);
  const result: OneRosterParse = { format: 'oneroster', version: manifestVersion, classes: [], chosen: [], delta, rows: [], diagnostics, notes: [] };
  const missing = ['users.csv', 'enrollments.csv', 'classes.csv'].filter((n) => !files.files.has(n));
  if (missing.length) {
    diagnostics.push({ check: 'oneroster', severity: 'error', source: { file: files.label(missing[0]!), line: 1 }, message: `the OneRoster export has no ${missing.join(', ')}`, hint: 'export the roster again with users, classes and enrollments included' });
    return result;
  }
  const users = table(files, 'users.csv', diagnostics);
  const enrollments = table(files, 'enrollments.csv', diagnostics);
  const classes = table(files, 'classes.csv', diagnostics);
  if (!users || !enrollments || !classes || diagnostics.some((d) => d.severity === 'error')) return result;
  for (const [t, known] of [[users, USER_COLUMNS], [enrollments, ENROLLMENT_COLUMNS], [classes, CLASS_COLUMNS]] as const) diagnostics.push(...unknownColumns(t, known));

  const col = (t: CsvTable, ...names: string[]) => pickColumn(t.header, names);
  const need = (t: CsvTable, name: string): number => {
    const i = col(t, name);
    if (i < 0) diagnostics.push({ check: 'oneroster', severity: 'error', source: { file: t.file, line: 1 }, message: `the column ${name} is missing`, hint: `a OneRoster ${t.file.split('/').pop()} starts sourcedId,status,dateLastModified,…; export it again` });
    return i;
  };
  // 1.2 moved `role` out of users.csv into roles.csv; enrollments carry the role in both versions.
  const uRole = col(users, 'role');
  result.version = manifestVersion || (uRole >= 0 ? '1.1' : '1.2');
  const u = { id: need(users, 'sourcedId'), status: col(users, 'status'), given: need(users, 'givenName'), family: need(users, 'familyName'), preferred: col(users, 'preferredGivenName', 'prefferedGivenName'), identifier: col(users, 'identifier'), email: col(users, 'email') };
  const e = { klass: need(enrollments, 'classSourcedId'), user: need(enrollments, 'userSourcedId'), role: need(enrollments, 'role'), status: col(enrollments, 'status') };
  const c = { id: need(classes, 'sourcedId'), status: col(classes, 'status'), title: need(classes, 'title'), code: col(classes, 'classCode'), periods: col(classes, 'periods') };
  if (diagnostics.some((d) => d.severity === 'error')) return result;

  // Enrollments of students, by class: active unless the export says `tobedeleted`.
  const enrolled = new Map<string, Map<string, { status: StudentStatus; line: number }>>();
  for (const row of enrollments.rows) {
    if (cellText(row.values, e.role).toLowerCase() !== 'student') continue;
    const klass = cellText(row.values, e.klass);
    const user = cellText(row.values, e.user);
    const gone = cellText(row.values, e.status).toLowerCase() === 'tobedeleted';
    const m = enrolled.get(klass) ?? new Map<string, { status: StudentStatus; line: number }>();
    const before = m.get(user);
    // A student enrolled for Fall and Spring has two rows: one active enrollment is enough.
    if (!before || (before.status === 'withdrawn' && !gone)) m.set(user, { status: gone ? 'withdrawn' : 'active', line: row.line });
    enrolled.set(klass, m);
  }
  for (const row of classes.rows) {
    if (cellText(row.values, c.status).toLowerCase() === 'tobedeleted') continue;
    const sourcedId = cellText(row.values, c.id);
    const students = [...(enrolled.get(sourcedId)?.values() ?? [])].filter((x) => x.status === 'active').length;
    result.classes.push({ sourcedId, title: cellText(row.values, c.title), classCode: cellText(row.values, c.code), periods: cellText(row.values, c.periods), students });
  }

  const list = result.classes.map((k) => `  ${describeClass(k)}`).join('\n');
  const cmd = opts.command ?? 'pathbook roster import <export>';
  const wanted = opts.classes ?? [];
  if (!wanted.length) {
    if (result.classes.length === 1) result.chosen = result.classes;
    else if (!result.classes.length) {
      diagnostics.push({ check: 'oneroster', severity: 'error', source: { file: classes.file, line: 1 }, message: 'the export lists no classes', hint: 'export the roster again with your classes included' });
      return result;
    } else {
      const example = result.classes[0]!.title || result.classes[0]!.sourcedId;
      result.needChoice = { message: `${files.label('classes.csv')} lists ${result.classes.length} classes; choose one with --class:\n${list}`, hint: `${cmd} --class ${shellWord(example)}` };
      return result;
    }
  } else {
    for (const w of wanted) {
      const hits = result.classes.filter((k) => matchesClass(k, w));
      if (hits.length === 0) {
        result.needChoice = { message: `there is no class ${JSON.stringify(w)} in ${files.label('classes.csv')}; it lists:\n${list}`, hint: 'give --class a title or sourcedId from this list' };
        return result;
      }
      if (hits.length > 1) {
        result.needChoice = { message: `--class ${JSON.stringify(w)} matches ${hits.length} classes in ${files.label('classes.csv')}:\n${hits.map((k) => `  ${describeClass(k)}`).join('\n')}`, hint: 'give the sourcedId to pick one' };
        return result;
      }
      if (!result.chosen.includes(hits[0]!)) result.chosen.push(hits[0]!);
    }
  }

  const userRows = new Map<string, { values: string[]; line: number }>();
  for (const row of users.rows) {
    const id = cellText(row.values, u.id);
    if (userRows.has(id)) {
      diagnostics.push({ check: 'oneroster', severity: 'warning', source: { file: users.file, line: row.line }, message: `user ${id} is listed twice; the first row (line ${userRows.get(id)!.line}) is used` });
      continue;
    }
    userRows.set(id, row);
  }
  const seen = new Map<string, number>();
  let teachers = 0;
  for (const klass of result.chosen) {
    // The section: the class's period when it has one ("2" → P2), else its title.
    const section = /^\d{1,2}$/.test(klass.periods) ? sectionName(klass.periods, true) : klass.title;
    for (const [userId, enr] of enrolled.get(klass.sourcedId) ?? []) {
      const row = userRows.get(userId);
      if (!row) {
        diagnostics.push({ check: 'oneroster', severity: 'error', source: { file: enrollments.file, line: enr.line }, message: `the enrollment names user ${userId}, who is not in ${users.file}`, hint: 'export the roster again: the files are out of step' });
        continue;
      }
      if (uRole >= 0 && cellText(row.values, uRole).toLowerCase() !== 'student') {
        teachers++;
        continue;
      }
      const gone = enr.status === 'withdrawn' || cellText(row.values, u.status).toLowerCase() === 'tobedeleted';
      const prev = seen.get(userId);
      if (prev !== undefined) {
        // In two chosen classes: active in either wins; the first class's section stays.
        if (!gone) result.rows[prev]!.status = 'active';
        continue;
      }
      seen.set(userId, result.rows.length);
      result.rows.push({
        // The school's student number (identifier) when the export has one, else the OneRoster id.
        id: cellText(row.values, u.identifier) || userId,
        givenName: cellText(row.values, u.preferred) || cellText(row.values, u.given),
        familyName: cellText(row.values, u.family),
        section, email: cellText(row.values, u.email),
        status: gone ? 'withdrawn' : 'active',
        source: { file: users.file, line: row.line },
      });
    }
  }
  if (teachers) result.notes.push(`Left out ${teachers} enrollment${teachers === 1 ? '' : 's'} of users whose role is not student.`);
  const names = result.chosen.map((k) => k.title || k.sourcedId).join(', ');
  if (!result.rows.length && !diagnostics.some((d) => d.severity === 'error')) {
    diagnostics.push({ check: 'oneroster', severity: 'error', source: { file: enrollments.file, line: 1 }, message: `no students are enrolled in ${names}`, hint: 'check --class, or export the roster again' });
  }
  result.rows.sort((a, b) => a.source.line - b.source.line);
  return result;
}
