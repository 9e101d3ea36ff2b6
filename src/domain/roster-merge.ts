// Merging a class list from a school export into the roster: idempotent, reported, never deleting.
// A student's history hangs off their id, so ids are checked here before anything is written.
import { fileNameKey, normalizeName, studentIdProblem } from './ids.ts';
import { compareText } from './numbers.ts';
import type { Diagnostic, Source, Student, StudentStatus } from './types.ts';

/** A student as an importer read them from a file (fields left '' when the file does not say). */
export interface ImportedStudent {
  id: string;
  givenName: string;
  familyName: string;
  section: string;
  email: string;
  /** 'withdrawn' when the file itself says the student left (OneRoster `tobedeleted`). */
  status: StudentStatus;
  source: Source;
}

export type RosterField = 'given_name' | 'family_name' | 'section' | 'email' | 'status';

export interface FieldChange {
  field: RosterField;
  from: string;
  to: string;
}

export interface RosterMerge {
  /** The roster after the merge, sorted by id. */
  students: Student[];
  added: Student[];
  updated: { id: string; changes: FieldChange[] }[];
  unchanged: string[];
  /** Active students the file does not list; `withdrawn` when --withdraw-missing marked them. */
  absent: { id: string; name: string; withdrawn: boolean }[];
  /** Listed in the file but withdrawn in roster.csv: left withdrawn (re-enrolling is the teacher's call). */
  stillWithdrawn: string[];
  /** Withdrawn in the file and never in the roster: not added. */
  skipped: string[];
  /**
   * Students the file lists under another id (a Canvas user id, a OneRoster sourcedId), recognised in
   * the roster by their email or, when nobody else has it, their name: kept under the roster's id.
   */
  matched: { id: string; fileId: string; by: 'email' | 'name' }[];
  diagnostics: Diagnostic[];
}

export interface MergeOptions {
  /** Mark active students who are not in the file as withdrawn. */
  withdrawMissing?: boolean;
  /** One section for every imported student (--section). */
  section?: string;
}

const FIELDS: [RosterField, keyof Pick<Student, 'givenName' | 'familyName' | 'section' | 'email'>][] = [
  ['given_name', 'givenName'], ['family_name', 'familyName'], ['section', 'section'], ['email', 'email'],
];

function at(s: Source): string {
  return `${s.file}:${s.line}`;
}

/** The incoming ids that cannot be used: unsafe, repeated, or clashing with the roster by letter case only. */
function idProblems(existing: readonly Student[], incoming: readonly ImportedStudent[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const roster = new Map(existing.map((s) => [fileNameKey(s.id), s]));
  const seen = new Map<string, ImportedStudent>();
  for (const r of incoming) {
    const problem = studentIdProblem(r.id);
    if (problem) {
      out.push({ check: 'ids', severity: 'error', source: r.source, message: `student id ${JSON.stringify(r.id)} cannot be used: ${problem}`, hint: 'fix the id in the file (ids like S001 or the school\'s student number), then import again' });
      continue;
    }
    const key = fileNameKey(r.id);
    const first = seen.get(key);
    if (first) {
      const same = first.id === r.id;
      out.push({
        check: 'ids', severity: 'error', source: r.source,
        message: same ? `student id ${r.id} appears twice in the file (first at line ${first.source.line})` : `student id ${JSON.stringify(r.id)} differs from ${JSON.stringify(first.id)} (line ${first.source.line}) only by letter case or accents`,
        hint: 'each student needs one row with their own id: remove the repeated row or fix the id',
      });
      continue;
    }
    seen.set(key, r);
    const known = roster.get(key);
    if (known && known.id !== r.id) {
      out.push({ check: 'ids', severity: 'error', source: r.source, message: `student id ${JSON.stringify(r.id)} differs from ${JSON.stringify(known.id)} in ${at(known.source)} only by letter case or accents`, hint: `write it as ${known.id}, the way roster.csv has it` });
    }
  }
  return out;
}

const nameKey = (s: { givenName: string; familyName: string }) => normalizeName(`${s.givenName} ${s.familyName}`);

/**
 * Incoming rows whose id the roster does not know, given the roster's id when they are a roster
 * student the file does not list by id: same email, or else the same name as exactly one such
 * student (and as no other row of the file). Otherwise a school export numbered differently from
 * the roster would add every student a second time.
 */
function recognise(existing: readonly Student[], incoming: readonly ImportedStudent[]): { rows: ImportedStudent[]; matched: RosterMerge['matched'] } {
  const ids = new Set(existing.map((s) => s.id));
  const listed = new Set(incoming.filter((r) => ids.has(r.id)).map((r) => r.id));
  const open = existing.filter((s) => !listed.has(s.id));
  const email = (e: string) => e.trim().toLowerCase();
  const byEmail = new Map(open.filter((s) => s.email).map((s) => [email(s.email), s]));
  const count = <T,>(keys: T[]) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<T, number>());
  const openNames = count(open.map(nameKey));
  const fileNames = count(incoming.map(nameKey));
  const claimed = new Set<string>();
  const matched: RosterMerge['matched'] = [];
  const rows = incoming.map((r) => {
    if (ids.has(r.id)) return r;
    let s = r.email ? byEmail.get(email(r.email)) : undefined;
    let by: 'email' | 'name' = 'email';
    if (!s) {
      const k = nameKey(r);
      const same = k && openNames.get(k) === 1 && fileNames.get(k) === 1 ? open.find((x) => nameKey(x) === k) : undefined;
      // Two different emails say two different people, whatever their names.
      if (same && !(same.email && r.email && email(same.email) !== email(r.email))) [s, by] = [same, 'name'];
    }
    if (!s || claimed.has(s.id)) return r;
    claimed.add(s.id);
    matched.push({ id: s.id, fileId: r.id, by });
    return { ...r, id: s.id };
  });
  return { rows, matched };
}

export function mergeRoster(existing: readonly Student[], incomingRaw: readonly ImportedStudent[], opts: MergeOptions = {}): RosterMerge {
  const sectioned = opts.section === undefined ? incomingRaw : incomingRaw.map((r) => ({ ...r, section: opts.section! }));
  const result: RosterMerge = { students: [], added: [], updated: [], unchanged: [], absent: [], stillWithdrawn: [], skipped: [], matched: [], diagnostics: idProblems(existing, sectioned) };
  if (result.diagnostics.length) return result;
  const { rows: incoming, matched } = recognise(existing, sectioned);
  result.matched = matched.sort((a, b) => compareText(a.id, b.id));

  const byId = new Map(incoming.map((r) => [r.id, r]));
  const students: Student[] = [];
  for (const s of existing) {
    const r = byId.get(s.id);
    if (!r) {
      if (s.status === 'active') {
        const name = `${s.givenName} ${s.familyName}`.trim();
        result.absent.push({ id: s.id, name, withdrawn: !!opts.withdrawMissing });
        students.push(opts.withdrawMissing ? { ...s, status: 'withdrawn' } : s);
      } else students.push(s);
      continue;
    }
    const next: Student = { ...s };
    const changes: FieldChange[] = [];
    for (const [field, key] of FIELDS) {
      // A blank in the file means "the file does not say", never "erase what the teacher has".
      if (r[key] !== '' && r[key] !== s[key]) {
        changes.push({ field, from: s[key], to: r[key] });
        next[key] = r[key];
      }
    }
    if (r.status === 'withdrawn' && s.status === 'active') {
      changes.push({ field: 'status', from: 'active', to: 'withdrawn' });
      next.status = 'withdrawn';
    }
    if (r.status === 'active' && s.status === 'withdrawn') result.stillWithdrawn.push(s.id);
    if (changes.length) result.updated.push({ id: s.id, changes });
    else result.unchanged.push(s.id);
    students.push(next);
  }
  const known = new Set(existing.map((s) => s.id));
  for (const r of incoming) {
    if (known.has(r.id)) continue;
    if (r.status === 'withdrawn') {
      result.skipped.push(r.id);
      continue;
    }
    const s: Student = { id: r.id, givenName: r.givenName, familyName: r.familyName, section: r.section, email: r.email, status: 'active', source: r.source };
    result.added.push(s);
    students.push(s);
  }
  const byText = (a: { id: string }, b: { id: string }) => compareText(a.id, b.id);
  result.students = students.sort(byText);
  result.added.sort(byText);
  result.updated.sort(byText);
  result.absent.sort(byText);
  result.unchanged.sort(compareText);
  result.stillWithdrawn.sort(compareText);
  result.skipped.sort(compareText);
  return result;
}
