// OneRoster gradebook CSVs (formats.md §1.5–1.6): lineItems.csv (one per assignment) and results.csv
// (one per student and line item), from a folder or an unzipped export. OneRoster 1.2's
// lineItemLearningObjectiveIds.csv aligns a line item with standards; users.csv, when present, lets
// students be matched by email or identifier as well as by sourcedId.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Diagnostic } from '../domain/types.ts';
import { parseCsvBytes, type CsvTable } from '../store/csv.ts';
import type { OneRosterFiles } from './oneroster.ts';
import { resolveDates } from './dates.ts';
import { headerKey, type RawAssessment, type RawColumn, type RawResult, type RawStudent, type ReadOptions } from './raw.ts';


export function looksLikeOneRoster(header: readonly string[]): boolean {
  const keys = header.map(headerKey);
  return keys[0] === 'sourcedid' && (keys.includes('lineitemsourcedid') || (keys.includes('assigndate') && keys.includes('title')));
}

/** The folder holding the gradebook files, when `path` is that folder or one of its files. */
export function oneRosterFolder(path: string): string | undefined {
  const dir = existsSync(path) && statSync(path).isDirectory() ? path : dirname(path);
  if (dir !== path && !/^(lineitems|results|lineitemlearningobjectiveids|users|manifest)\.csv$/i.test(basename(path))) return undefined;
  const names = readdirSync(dir).map((n) => n.toLowerCase());
  return names.includes('results.csv') && names.includes('lineitems.csv') ? dir : undefined;
}

/** The CSV files of a folder by lower-case name (OneRoster names are case-sensitive; some exporters are not). */
export function folderCsvs(dir: string, shown: string): OneRosterFiles {
  const names = readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.csv'));
  const files = new Map(names.map((n) => [n.toLowerCase(), readFileSync(join(dir, n)) as Uint8Array]));
  return { files, label: (n) => `${shown.replace(/\/$/, '')}/${names.find((x) => x.toLowerCase() === n) ?? n}` };
}

export function hasGradebook(files: OneRosterFiles): boolean {
  return files.files.has('lineitems.csv') && files.files.has('results.csv');
}

function table(files: OneRosterFiles, name: string, diagnostics: Diagnostic[]): { table?: CsvTable; bytes?: Uint8Array } {
  const bytes = files.files.get(name.toLowerCase());
  if (!bytes) return {};
  const r = parseCsvBytes(bytes, files.label(name.toLowerCase()));
  diagnostics.push(...r.diagnostics);
  return { table: r.table, bytes };
}

function rows(t: CsvTable | undefined): Record<string, string>[] {
  if (!t) return [];
  const keys = t.header.map(headerKey);
  return t.rows.map((r) => {
    const o: Record<string, string> = { _line: String(r.line) };
    keys.forEach((k, i) => { o[k] = (r.values[i] ?? '').trim(); });
    return o;
  });
}

export interface OneRosterRead {
  result: RawResult;
  /** The bytes that identify this export (hashed for source: sha256). */
  hashed: Uint8Array[];
}

export function readOneRoster(files: OneRosterFiles, display: string, fileName: string, opts: ReadOptions): OneRosterRead {
  const diagnostics: Diagnostic[] = [];
  const li = table(files, 'lineItems.csv', diagnostics);
  const re = table(files, 'results.csv', diagnostics);
  const lo = table(files, 'lineItemLearningObjectiveIds.csv', diagnostics);
  const us = table(files, 'users.csv', diagnostics);
  const resultsFile = files.label('results.csv');
  const lineItemsFile = files.label('lineitems.csv');
  const notes: string[] = [];

  const live = (r: Record<string, string>) => r.status?.toLowerCase() !== 'tobedeleted';
  const items = rows(li.table).filter(live);
  const results = rows(re.table).filter(live);
  const objectives = new Map<string, string[]>();
  for (const r of rows(lo.table).filter(live)) {
    const list = objectives.get(r.lineitemsourcedid ?? '') ?? [];
    if (r.learningobjectiveid) list.push(r.learningobjectiveid);
    objectives.set(r.lineitemsourcedid ?? '', list);
  }
  const users = new Map(rows(us.table).map((u) => [u.sourcedid ?? '', u]));

  const used = new Set(results.map((r) => r.lineitemsourcedid));
  const columns: RawColumn[] = [];
  const byItem = new Map<string, number>();
  const dueDates = resolveDates(items.map((r) => ({ text: r.duedate || r.assigndate || '', line: Number(r._line) })), lineItemsFile, 'due dates', opts.dateFormat);
  const assessments: RawAssessment[] = [];
  items.forEach((r, i) => {
    const id = r.sourcedid ?? '';
    if (!id || !used.has(id)) return;
    const max = Number(r.resultvaluemax);
    const min = Number(r.resultvaluemin || '0');
    const index = columns.length;
    byItem.set(id, index);
    columns.push({
      index, header: id, title: r.title || id, ref: id, holds: 'points', role: 'question', fileColumn: 0,
      ...(r.resultvaluemax && Number.isFinite(max) && max > 0 ? { pointsPossible: max } : {}),
      ...(objectives.get(id)?.length ? { standards: objectives.get(id)! } : {}),
    });
    if (r.resultvaluemin && Number.isFinite(min) && min !== 0) notes.push(`${r.title || id}: scores start at ${min}, not 0; they are read as points earned`);
    const st = dueDates.stamps[i];
    assessments.push({ title: r.title || id, ref: id, columns: [index], ...(st ? { date: st.date } : {}) });
  });
  const missingItems = [...used].filter((id) => id && !byItem.has(id));
  for (const id of missingItems) {
    const first = results.find((r) => r.lineitemsourcedid === id)!;
    diagnostics.push({ check: 'import', severity: 'error', source: { file: resultsFile, line: Number(first._line) }, message: `results for the line item ${JSON.stringify(id)}, which is not in lineItems.csv`, hint: 'export lineItems.csv and results.csv together' });
  }

  const students = new Map<string, RawStudent>();
  const statuses = { exempt: 0, notSubmitted: 0, partial: 0, ungraded: 0 };
  for (const r of results) {
    const sid = r.studentsourcedid ?? '';
    const ci = byItem.get(r.lineitemsourcedid ?? '');
    if (!sid || ci === undefined) continue;
    let s = students.get(sid);
    if (!s) {
      s = { line: Number(r._line), id: sid, cells: [], cellLines: [] };
      const u = users.get(sid);
      if (u) {
        if (u.email) s.email = u.email;
        s.altIds = [u.identifier, u.username].filter((x): x is string => !!x);
        s.givenName = u.givenname;
        s.familyName = u.familyname;
        s.name = `${u.givenname ?? ''} ${u.familyname ?? ''}`.trim() || undefined;
      }
      students.set(sid, s);
    }
    const status = (r.scorestatus ?? '').toLowerCase();
    // Exempt and not-submitted results are "not taken", never zeros (DESIGN.md § Mastery).
    if (status === 'exempt') { statuses.exempt++; continue; }
    // Not submitted is not taken even when the LMS wrote a 0 for it; a partial grade is not yet a score.
    if (status === 'not submitted') { statuses.notSubmitted++; continue; }
    if (status === 'partially graded') { statuses.partial++; continue; }
    if (!(r.score ?? '').trim()) { statuses.ungraded++; continue; }
    if (s.cells[ci] !== undefined) {
      diagnostics.push({ check: 'import', severity: 'error', source: { file: resultsFile, line: Number(r._line) }, message: `a second result for ${sid} on ${columns[ci]!.title} (the first is on line ${s.cellLines![ci]})`, hint: 'keep one result per student and line item' });
      continue;
    }
    s.cells[ci] = r.score ?? '';
    s.cellLines![ci] = Number(r._line);
  }
  if (statuses.exempt) notes.push(`${statuses.exempt} exempt result(s) count as not taken`);
  if (statuses.notSubmitted) notes.push(`${statuses.notSubmitted} result(s) not submitted count as not taken (a score given with them is not counted)`);
  if (statuses.partial) notes.push(`left out ${statuses.partial} partially graded result(s) until they are fully graded (import the export again then, with --replace)`);
  if (statuses.ungraded) notes.push(`${statuses.ungraded} result(s) with no score yet count as not taken`);
  if (lo.table) notes.push('standards from lineItemLearningObjectiveIds.csv (OneRoster 1.2)');
  const result: RawResult = {
    format: 'oneroster', file: display, fileName, sha256: '',
    columns, students: [...students.values()], assessments, decimalComma: false, notes, diagnostics,
    ...(dueDates.problem ? { dateProblem: dueDates.problem } : {}),
  };
  return { result, hashed: [li.bytes, re.bytes, lo.bytes].filter((b): b is Uint8Array => !!b) };
}
