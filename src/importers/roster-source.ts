// Reads what `roster import` is given — a CSV, a OneRoster folder or zip — and hands the bytes to
// the right parser. The only importer module that touches the disk.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Diagnostic } from '../domain/types.ts';
import { formulaWarnings, normalizeHeader, parseCsvBytes } from '../store/csv.ts';
import { UserError } from '../store/errors.ts';
import { isCanvasGradebook, parseCanvasRoster } from './canvas-roster.ts';
import { parseOneRoster, type OneRosterFiles, type OneRosterParse } from './oneroster.ts';
import { parseRosterCsv, type RosterParse } from './roster-csv.ts';
import { looksLikeZip, readZip, ZipError } from './zip.ts';

export type RosterSource = (RosterParse & { kind: 'csv' | 'canvas' }) | (OneRosterParse & { kind: 'oneroster' });

export interface RosterSourceOptions {
  classes?: string[];
  /** The command as typed, for the --class hint. */
  command?: string;
}

const ONEROSTER_FILES = new Set(['users.csv', 'enrollments.csv', 'classes.csv']);

/** The data files of a OneRoster folder, by lower-case name; a single sub-folder (an unzipped export) is looked into. */
function folderFiles(dir: string, shown: string): OneRosterFiles {
  let names = readdirSync(dir);
  let base = dir;
  let label = shown;
  if (!names.some((n) => n.toLowerCase() === 'users.csv')) {
    const subs = names.filter((n) => !n.startsWith('.') && n !== '__MACOSX' && statSync(join(dir, n)).isDirectory());
    const inner = subs.filter((s) => readdirSync(join(dir, s)).some((n) => n.toLowerCase() === 'users.csv'));
    if (inner.length === 1) {
      base = join(dir, inner[0]!);
      label = `${shown.replace(/\/$/, '')}/${inner[0]}`;
      names = readdirSync(base);
    } else {
      throw new UserError(`${shown} is a folder without a OneRoster users.csv`, { hint: 'give the folder (or .zip) holding users.csv, enrollments.csv and classes.csv, or a CSV file of students' });
    }
  }
  const files = new Map<string, Uint8Array>();
  for (const n of names) if (n.toLowerCase().endsWith('.csv')) files.set(n.toLowerCase(), readFileSync(join(base, n)));
  return { files, label: (n) => `${label.replace(/\/$/, '')}/${names.find((x) => x.toLowerCase() === n) ?? n}` };
}

export function zipFiles(bytes: Uint8Array, shown: string): OneRosterFiles {
  let entries;
  try {
    entries = readZip(bytes);
  } catch (e) {
    if (e instanceof ZipError) throw new UserError(`${shown}: ${e.message}`, { hint: 'download the export again, or unzip it and give the folder' });
    throw e;
  }
  if (entries.some((e) => e.name === 'xl/workbook.xml')) {
    throw new UserError(`${shown} is an Excel workbook, not a class list in CSV`, { hint: 'open it in your spreadsheet and save it as CSV (File › Save As › CSV UTF-8), then import that file' });
  }
  const files = new Map<string, Uint8Array>();
  const paths = new Map<string, string>();
  for (const { name, data } of entries) {
    const file = name.split('/').pop()!;
    // Finder adds __MACOSX/._users.csv shadows when it zips a folder.
    if (name.startsWith('__MACOSX/') || file.startsWith('._') || !file.toLowerCase().endsWith('.csv')) continue;
    const key = file.toLowerCase();
    if (paths.has(key)) throw new UserError(`${shown} holds ${file} twice (${paths.get(key)} and ${name})`, { hint: 'zip one OneRoster export at a time' });
    paths.set(key, name);
    files.set(key, data);
  }
  return { files, label: (n) => `${shown}/${paths.get(n) ?? n}` };
}

/** Reads the file or folder at `path` (shown to the teacher as `shown`) as a list of students. */
export function readRosterSource(path: string, shown: string, opts: RosterSourceOptions = {}): RosterSource {
  if (!existsSync(path)) throw new UserError(`cannot find ${shown}`, { hint: 'check the path; put it in quotes if it has spaces' });
  if (statSync(path).isDirectory()) return { kind: 'oneroster', ...parseOneRoster(folderFiles(path, shown), opts) };
  const bytes = readFileSync(path);
  if (looksLikeZip(bytes)) return { kind: 'oneroster', ...parseOneRoster(zipFiles(bytes, shown), opts) };
  const { table, diagnostics } = parseCsvBytes(bytes, shown);
  if (!table) return { kind: 'csv', format: 'csv', rows: [], diagnostics, notes: [] };
  const header = table.header.map(normalizeHeader);
  // One file of a OneRoster export: read the folder it sits in.
  if (header[0] === 'sourcedid' && ONEROSTER_FILES.has(basename(path).toLowerCase())) {
    const dir = dirname(path);
    const shownDir = dirname(shown);
    return { kind: 'oneroster', ...parseOneRoster(folderFiles(dir, shownDir === '.' ? '.' : shownDir), opts) };
  }
  if (opts.classes?.length) throw new UserError('--class picks a class from a OneRoster export', { hint: `${shown} is a single CSV file of students; drop --class`, exitCode: 2 });
  const parsed = isCanvasGradebook(table.header) ? { kind: 'canvas' as const, ...parseCanvasRoster(table) } : { kind: 'csv' as const, ...parseRosterCsv(table) };
  // Cells a spreadsheet would run as formulas are kept as typed, with a warning (peers.md §3.3).
  return { ...parsed, diagnostics: [...diagnostics, ...parsed.diagnostics, ...formulaWarnings(table)] as Diagnostic[] };
}
