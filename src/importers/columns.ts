// Small helpers every importer shares: finding a column among the names exports give it, and
// reading names and sections the way school systems write them.
import { normalizeHeader } from '../store/csv.ts';

/** The first column matching the accepted names, tried in order of preference (-1 if none). */
export function pickColumn(header: readonly string[], names: readonly string[]): number {
  const norm = header.map(normalizeHeader);
  for (const n of names) {
    const i = norm.indexOf(normalizeHeader(n));
    if (i >= 0) return i;
  }
  return -1;
}

/** A cell's text, trimmed, with a spreadsheet formula guard undone (Canvas writes ="…" for names starting with =). */
export function cellText(values: readonly string[], i: number): string {
  if (i < 0) return '';
  const v = (values[i] ?? '').trim();
  const guarded = /^="(.*)"$/.exec(v);
  return guarded ? guarded[1]!.replace(/""/g, '"') : v;
}

/**
 * "Last, First" (how SIS and Canvas sort names) or "First Last" as given and family names.
 * Without a comma the last word is the family name: exports that mean otherwise use separate columns.
 */
export function splitFullName(full: string): { givenName: string; familyName: string } {
  const s = full.trim().replace(/\s+/g, ' ');
  const comma = s.indexOf(',');
  if (comma >= 0) return { familyName: s.slice(0, comma).trim(), givenName: s.slice(comma + 1).trim() };
  const space = s.lastIndexOf(' ');
  if (space < 0) return { givenName: s, familyName: '' };
  return { givenName: s.slice(0, space), familyName: s.slice(space + 1) };
}

/**
 * Sections as the example class writes them: "Period 2", "Per. 2" and a bare 2 under a Period
 * column all become "P2", so a school export matches a roster kept by period.
 */
export function sectionName(value: string, periodColumn: boolean): string {
  const v = value.trim();
  const m = /^(?:period|per\.?|p)\s*(\d{1,2})$/i.exec(v);
  if (m) return `P${Number(m[1])}`;
  if (periodColumn && /^\d{1,2}$/.test(v)) return `P${Number(v)}`;
  return v;
}
