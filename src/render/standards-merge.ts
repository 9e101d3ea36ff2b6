// What a standards import changed: one line per standard added or updated, then the counts; --json
// carries the same content.
import type { StandardsMerge } from '../domain/standards-merge.ts';
import type { Style } from './style.ts';
import { alignColumns } from './plain-table.ts';

export interface StandardsMergeView {
  merge: StandardsMerge;
  source: string;
  format: string;
  read: number;
  dryRun: boolean;
  written: string[];
}

const short = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function renderStandardsMerge(v: StandardsMergeView, style: Style): string {
  const { merge: m } = v;
  const lines = [`Read ${v.read} standard${v.read === 1 ? '' : 's'} from ${v.source} (${v.format === 'case' ? 'CASE package' : 'CSV'}).`];
  const rows: string[][] = [];
  for (const s of m.added) rows.push([style.c.green('added'), s.id, s.unit, short(s.statement)]);
  for (const u of m.updated) rows.push([style.c.yellow('updated'), u.id, '', u.changes.map((c) => c.field === 'prerequisites' || c.field === 'unit' ? `${c.field} ${c.from || '(none)'} → ${c.to}` : `new ${c.field.replace('_', ' ')}`).join('; ')]);
  if (rows.length) lines.push(alignColumns(['', 'id', 'unit', 'details'], rows).trimEnd());
  lines.push(`${m.added.length} added, ${m.updated.length} updated, ${m.unchanged.length} unchanged.`);
  if (v.dryRun) lines.push('Dry run: nothing written.');
  else lines.push(v.written.length ? `Wrote ${v.written.join(', ')}.` : 'standards.yaml is already up to date.');
  return lines.join('\n') + '\n';
}

export function standardsMergeJson(v: StandardsMergeView): Record<string, unknown> {
  const { merge: m } = v;
  return {
    source: v.source, format: v.format, read: v.read, dry_run: v.dryRun,
    added: m.added.map((s) => ({ id: s.id, statement: s.statement, student_statement: s.studentStatement, unit: s.unit, prerequisites: s.prerequisites ?? [], ...(s.caseId ? { case_id: s.caseId } : {}) })),
    updated: m.updated.map((u) => ({ id: u.id, changes: u.changes })),
    unchanged: m.unchanged,
    written: v.written,
  };
}
