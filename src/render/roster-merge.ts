// What a roster import changed, as a teacher reads it (one line per student touched, then the counts)
// and as JSON with the same content.
import type { RosterMerge } from '../domain/roster-merge.ts';
import type { Student } from '../domain/types.ts';
import type { Style } from './style.ts';
import { alignColumns } from './plain-table.ts';

export interface RosterMergeView {
  merge: RosterMerge;
  source: string;
  format: string;
  classes: string[];
  read: number;
  dryRun: boolean;
  written: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const name = (s: Pick<Student, 'givenName' | 'familyName'>) => `${s.givenName} ${s.familyName}`.trim();

export function formatLabel(format: string): string {
  return format === 'canvas' ? 'Canvas gradebook' : format === 'csv' ? 'CSV' : format.replace('oneroster-', 'OneRoster ');
}

export function renderRosterMerge(v: RosterMergeView, style: Style): string {
  const { merge: m } = v;
  const lines: string[] = [];
  const what = [formatLabel(v.format), ...(v.classes.length ? [`${v.classes.length === 1 ? 'class' : 'classes'} ${v.classes.join(', ')}`] : [])].join(', ');
  lines.push(`Read ${plural(v.read, 'student')} from ${v.source} (${what}).`);
  const rows: string[][] = [];
  for (const s of m.added) rows.push([style.c.green('added'), s.id, name(s), s.section, s.email]);
  for (const u of m.updated) {
    const s = m.students.find((x) => x.id === u.id)!;
    rows.push([style.c.yellow('updated'), u.id, name(s), s.section, u.changes.map((c) => `${c.field.replace('_', ' ')} ${c.from || '(blank)'} → ${c.to}`).join('; ')]);
  }
  for (const a of m.absent) rows.push([style.c.red(a.withdrawn ? 'withdrawn' : 'absent'), a.id, a.name, '', a.withdrawn ? 'not in the file: marked withdrawn' : 'not in the file (kept active)']);
  for (const id of m.stillWithdrawn) {
    const s = m.students.find((x) => x.id === id)!;
    rows.push(['kept', id, name(s), s.section, 'in the file but withdrawn in roster.csv: left withdrawn']);
  }
  for (const id of m.skipped) rows.push(['skipped', id, '', '', 'withdrawn in the file and not in the roster']);
  for (const x of m.matched) {
    const s = m.students.find((y) => y.id === x.id)!;
    rows.push(['matched', x.id, name(s), s.section, `the file's id ${x.fileId}; the same ${x.by} as in roster.csv, so kept as ${x.id}`]);
  }
  if (rows.length) lines.push(alignColumns(['', 'id', 'name', 'section', 'details'], rows).trimEnd());
  const absent = m.absent.length;
  lines.push(`${m.added.length} added, ${m.updated.length} updated, ${m.unchanged.length} unchanged${m.matched.length ? ` (${m.matched.length} of them under another id in the file)` : ''}, ${absent} absent from the file${absent && !m.absent[0]!.withdrawn ? ' (kept active; --withdraw-missing marks them withdrawn)' : absent ? ' (marked withdrawn)' : ''}.`);
  if (m.stillWithdrawn.length) lines.push(`To re-enrol a withdrawn student, set their status to active in roster.csv.`);
  if (v.dryRun) lines.push('Dry run: nothing written.');
  else lines.push(v.written.length ? `Wrote ${v.written.join(', ')}.` : 'roster.csv is already up to date.');
  return lines.join('\n') + '\n';
}

export function rosterMergeJson(v: RosterMergeView): Record<string, unknown> {
  const { merge: m } = v;
  const student = (s: Student) => ({ id: s.id, given_name: s.givenName, family_name: s.familyName, section: s.section, email: s.email });
  return {
    source: v.source, format: v.format, classes: v.classes, read: v.read, dry_run: v.dryRun,
    added: m.added.map(student),
    updated: m.updated.map((u) => ({ id: u.id, changes: u.changes })),
    unchanged: m.unchanged,
    absent: m.absent,
    still_withdrawn: m.stillWithdrawn,
    skipped: m.skipped,
    matched: m.matched.map((x) => ({ id: x.id, file_id: x.fileId, by: x.by })),
    written: v.written,
  };
}
