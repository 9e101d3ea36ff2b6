// An activity bank kept in a spreadsheet: one row per activity, columns named as in activities.yaml
// (id, title, standards, kind, tier, modality, minutes, link, supports; a few common aliases accepted).
// Lists (standards, supports) are separated by ";", "|", "," or spaces. A blank cell leaves the field as it is.
import { genericIdProblem } from '../domain/ids.ts';
import type { Diagnostic, Source } from '../domain/types.ts';
import { findColumn, parseCsvBytes } from '../store/csv.ts';

export const ACTIVITY_FIELDS = ['title', 'standards', 'kind', 'tier', 'modality', 'minutes', 'link', 'supports'] as const;
export type ActivityField = (typeof ACTIVITY_FIELDS)[number];
export type ActivityValue = string | number | string[];

export interface ActivityRow {
  id: string;
  /** Only the fields the row gives (non-blank cells). */
  fields: Partial<Record<ActivityField, ActivityValue>>;
  source: Source;
}

const COLUMNS: Record<'id' | ActivityField, string[]> = {
  id: ['id', 'activity', 'activity id'],
  title: ['title', 'name', 'activity name'],
  standards: ['standards', 'standard', 'standard ids', 'aligned standards'],
  kind: ['kind', 'type'],
  tier: ['tier'],
  modality: ['modality', 'mode'],
  minutes: ['minutes', 'mins', 'time', 'duration'],
  link: ['link', 'url', 'href'],
  supports: ['supports', 'accommodations', 'supported accommodations'],
};

const TIERS = ['reteach', 'practice', 'extend'];

export function splitList(text: string): string[] {
  return text.split(/[;|,\s]+/).map((s) => s.trim()).filter(Boolean);
}

export function readActivitiesCsv(buf: Uint8Array, file: string, knownStandards: ReadonlySet<string>): { rows: ActivityRow[]; diagnostics: Diagnostic[] } {
  const { table, diagnostics } = parseCsvBytes(buf, file);
  if (!table) return { rows: [], diagnostics };
  const col = Object.fromEntries(Object.entries(COLUMNS).map(([k, names]) => [k, findColumn(table.header, names)])) as Record<keyof typeof COLUMNS, number>;
  const err = (line: number, message: string, hint?: string) => diagnostics.push({ check: 'activities', severity: 'error', message, hint, source: { file, line } });
  if (col.id < 0) {
    err(1, `no id column (found: ${table.header.join(', ')})`, `name the columns as in activities.yaml: id, ${ACTIVITY_FIELDS.join(', ')}`);
    return { rows: [], diagnostics };
  }
  const rows: ActivityRow[] = [];
  const seen = new Map<string, number>();
  for (const r of table.rows) {
    const cell = (k: keyof typeof COLUMNS) => (col[k] >= 0 ? (r.values[col[k]] ?? '').trim() : '');
    const id = cell('id');
    const problem = id ? genericIdProblem(id) : 'the id is empty';
    if (problem) {
      err(r.line, `activity id ${JSON.stringify(id)}: ${problem}`, 'use ids like ratio-tables-video');
      continue;
    }
    if (seen.has(id)) {
      err(r.line, `activity ${id} appears twice (first on line ${seen.get(id)})`, 'keep one row per activity');
      continue;
    }
    seen.set(id, r.line);
    const fields: ActivityRow['fields'] = {};
    for (const k of ['title', 'kind', 'modality', 'link'] as const) if (cell(k)) fields[k] = cell(k);
    if (cell('tier')) {
      const tier = cell('tier').toLowerCase();
      if (TIERS.includes(tier)) fields.tier = tier;
      else err(r.line, `tier ${JSON.stringify(cell('tier'))} for ${id} is not one of: ${TIERS.join(', ')}`);
    }
    if (cell('minutes')) {
      const n = Number(cell('minutes'));
      if (Number.isFinite(n) && n >= 0) fields.minutes = n;
      else err(r.line, `minutes ${JSON.stringify(cell('minutes'))} for ${id} is not a number of minutes`, 'write a number like 15');
    }
    if (cell('standards')) {
      const list = splitList(cell('standards'));
      const unknown = list.filter((s) => !knownStandards.has(s));
      if (unknown.length) err(r.line, `${id} is aligned to ${unknown.join(', ')}, not in standards.yaml`, 'fix the standard codes, or add the standards first');
      fields.standards = list;
    }
    if (cell('supports')) fields.supports = splitList(cell('supports'));
    rows.push({ id, fields, source: { file, line: r.line } });
  }
  return { rows, diagnostics };
}
