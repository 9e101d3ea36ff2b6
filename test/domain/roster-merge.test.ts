// The roster merge a teacher relies on: nothing lost, nothing duplicated, every change reported.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeRoster, type ImportedStudent } from '../../src/domain/roster-merge.ts';
import { parseRoster } from '../../src/store/roster-store.ts';

const roster = parseRoster(new Uint8Array(Buffer.from([
  'id,given_name,family_name,section,email,status',
  'S001,Aaliyah,Brooks,P2,aaliyah@x.org,active',
  'S002,José,Hernández,P4,jose@x.org,active',
  'S003,Zoë,Clarke,P2,,active',
  'S021,Jack,Thompson,P4,jack@x.org,withdrawn',
].join('\n')))).students;

let line = 1;
const row = (id: string, givenName: string, familyName: string, section = '', email = '', status: 'active' | 'withdrawn' = 'active'): ImportedStudent =>
  ({ id, givenName, familyName, section, email, status, source: { file: 'export.csv', line: ++line } });

describe('mergeRoster', () => {
  it('adds new students, updates changed fields, and reports the rest', () => {
    const m = mergeRoster(roster, [
      row('S001', 'Aaliyah', 'Brooks', 'P2', 'aaliyah@x.org'),
      row('S002', 'José', 'Hernández', 'P2', 'jose@x.org'),
      row('S003', 'Zoë', 'Clarke', 'P2', 'zoe@x.org'),
      row('S029', 'Valentina', 'Cruz', 'P2', 'vc@x.org'),
    ]);
    expect(m.diagnostics).toEqual([]);
    expect(m.added.map((s) => s.id)).toEqual(['S029']);
    expect(m.updated).toEqual([
      { id: 'S002', changes: [{ field: 'section', from: 'P4', to: 'P2' }] },
      { id: 'S003', changes: [{ field: 'email', from: '', to: 'zoe@x.org' }] },
    ]);
    expect(m.unchanged).toEqual(['S001']);
    expect(m.absent).toEqual([]);
    expect(m.students.map((s) => s.id)).toEqual(['S001', 'S002', 'S003', 'S021', 'S029']);
  });

  it('never blanks what the teacher has when the file leaves a field empty', () => {
    const m = mergeRoster(roster, [row('S001', 'Aaliyah', 'Brooks')]);
    expect(m.unchanged).toEqual(['S001']);
    expect(m.students.find((s) => s.id === 'S001')).toMatchObject({ section: 'P2', email: 'aaliyah@x.org' });
  });

  it('reports active students missing from the file and withdraws them only when asked; nobody is deleted', () => {
    const keep = mergeRoster(roster, [row('S001', 'Aaliyah', 'Brooks')]);
    expect(keep.absent).toEqual([{ id: 'S002', name: 'José Hernández', withdrawn: false }, { id: 'S003', name: 'Zoë Clarke', withdrawn: false }]);
    expect(keep.students.filter((s) => s.status === 'active').map((s) => s.id)).toEqual(['S001', 'S002', 'S003']);
    const withdraw = mergeRoster(roster, [row('S001', 'Aaliyah', 'Brooks')], { withdrawMissing: true });
    expect(withdraw.absent.map((a) => a.withdrawn)).toEqual([true, true]);
    expect(withdraw.students.map((s) => `${s.id}:${s.status}`)).toEqual(['S001:active', 'S002:withdrawn', 'S003:withdrawn', 'S021:withdrawn']);
  });

  it('leaves a withdrawn student withdrawn when the file still lists them, and says so', () => {
    const m = mergeRoster(roster, [row('S021', 'Jack', 'Thompson', 'P4')]);
    expect(m.stillWithdrawn).toEqual(['S021']);
    expect(m.students.find((s) => s.id === 'S021')!.status).toBe('withdrawn');
  });

  it('withdraws a student the file marks as withdrawn, and does not add one it never had', () => {
    const m = mergeRoster(roster, [row('S001', 'Aaliyah', 'Brooks', '', '', 'withdrawn'), row('S040', 'New', 'Gone', '', '', 'withdrawn')]);
    expect(m.updated).toEqual([{ id: 'S001', changes: [{ field: 'status', from: 'active', to: 'withdrawn' }] }]);
    expect(m.skipped).toEqual(['S040']);
    expect(m.added).toEqual([]);
  });

  it('puts everyone in the --section given', () => {
    const m = mergeRoster(roster, [row('S001', 'Aaliyah', 'Brooks', 'P2'), row('S050', 'Kai', 'Lee', 'P2')], { section: 'P6' });
    expect(m.students.filter((s) => s.section === 'P6').map((s) => s.id)).toEqual(['S001', 'S050']);
  });

  it('refuses unsafe, repeated and case-clashing ids, naming the file and line', () => {
    const m = mergeRoster(roster, [
      row('../x', 'A', 'B'), row('/etc/passwd', 'A', 'B'), row('CON', 'A', 'B'), row('S\0', 'A', 'B'),
      row('S060', 'A', 'B'), row('S060', 'C', 'D'), row('s001', 'Aaliyah', 'Brooks'),
    ]);
    expect(m.diagnostics.map((d) => `${d.source!.line}: ${d.message}`)).toEqual([
      expect.stringMatching(/^\d+: student id "\.\.\/x" cannot be used: a student id may hold only letters/),
      expect.stringMatching(/^\d+: student id "\/etc\/passwd" cannot be used/),
      expect.stringMatching(/^\d+: student id "CON" cannot be used: "CON" is a reserved file name on Windows$/),
      expect.stringMatching(/^\d+: student id "S\\u0000" cannot be used: the id contains a NUL byte$/),
      expect.stringMatching(/^\d+: student id S060 appears twice in the file \(first at line \d+\)$/),
      expect.stringMatching(/^\d+: student id "s001" differs from "S001" in roster.csv:2 only by letter case or accents$/),
    ]);
    expect(m.students).toEqual([]);
  });

  it('is idempotent: merging its own result again changes nothing', () => {
    const student = fc.record({
      id: fc.stringMatching(/^S[0-9]{3}$/),
      givenName: fc.string({ maxLength: 8 }),
      familyName: fc.string({ maxLength: 8 }),
      section: fc.constantFrom('', 'P2', 'P4'),
      email: fc.constantFrom('', 'a@x.org'),
      status: fc.constantFrom('active' as const, 'withdrawn' as const),
    });
    fc.assert(fc.property(fc.uniqueArray(student, { selector: (s) => s.id, maxLength: 12 }), fc.boolean(), (rows, withdrawMissing) => {
      const incoming = rows.map((r, i) => ({ ...r, source: { file: 'f.csv', line: i + 2 } }));
      const once = mergeRoster(roster, incoming, { withdrawMissing });
      const twice = mergeRoster(once.students, incoming, { withdrawMissing });
      expect(twice.added).toEqual([]);
      expect(twice.updated).toEqual([]);
      expect(twice.students).toEqual(once.students);
      // Nobody disappears.
      for (const s of roster) expect(once.students.some((x) => x.id === s.id)).toBe(true);
    }));
  });
});

describe('mergeRoster: a school export numbered differently from the roster', () => {
  it('keeps a student the file lists under another id but with the roster\'s email, and reports it', () => {
    const m = mergeRoster(roster, [row('201', 'Aaliyah', 'Brooks', 'P2', 'aaliyah@x.org'), row('S002', 'José', 'Hernández', 'P4', 'jose@x.org')]);
    expect(m.added).toEqual([]);
    expect(m.matched).toEqual([{ id: 'S001', fileId: '201', by: 'email' }]);
    expect(m.unchanged).toEqual(['S001', 'S002']);
    expect(m.students.map((s) => s.id)).toEqual(['S001', 'S002', 'S003', 'S021']);
  });

  it('recognises a student by a name only one roster student has, unless the emails say they are two people', () => {
    const byName = mergeRoster(roster, [row('u-3', 'Zoë', 'Clarke', 'P2', 'zoe@x.org')]);
    expect(byName.matched).toEqual([{ id: 'S003', fileId: 'u-3', by: 'name' }]);
    expect(byName.updated).toEqual([{ id: 'S003', changes: [{ field: 'email', from: '', to: 'zoe@x.org' }] }]);
    const twoPeople = mergeRoster(roster, [row('u-1', 'Aaliyah', 'Brooks', 'P2', 'other@x.org')]);
    expect(twoPeople.matched).toEqual([]);
    expect(twoPeople.added.map((s) => s.id)).toEqual(['u-1']);
  });

  it('does not give one roster student to two rows of the file', () => {
    const m = mergeRoster(roster, [row('201', 'Aaliyah', 'Brooks', 'P2', 'aaliyah@x.org'), row('202', 'Aaliyah', 'Brooks', 'P2', '')]);
    expect(m.matched).toEqual([{ id: 'S001', fileId: '201', by: 'email' }]);
    expect(m.added.map((s) => s.id)).toEqual(['202']);
  });
});
