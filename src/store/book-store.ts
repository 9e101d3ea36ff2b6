// The gradebook folder: find it, load every file (keeping where each record came from), report problems.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { checkBook } from '../domain/checks.ts';
import type { Assessment, Book, Diagnostic, Profile } from '../domain/types.ts';
import { ACTIVITIES_FILE, parseActivities } from './activities-store.ts';
import { ASSESSMENTS_DIR, parseAssessmentYaml, parseScores } from './assessment-store.ts';
import { UserError } from './errors.ts';
import { ParseCache } from './parse-cache.ts';
import { OBSERVATIONS_FILE, parseObservations } from './observations-store.ts';
import { parseProfile, STUDENTS_DIR } from './profile-store.ts';
import { parseRoster, ROSTER_FILE } from './roster-store.ts';
import { parseSettings, SETTINGS_FILE } from './settings-store.ts';
import { parseStandards, STANDARDS_FILE } from './standards-store.ts';

/** The nearest folder upward holding pathbook.yaml, as git finds .git. */
export function findRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, SETTINGS_FILE))) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export function requireRoot(start: string, explicit: boolean): string {
  if (explicit) {
    if (!existsSync(join(start, SETTINGS_FILE))) {
      throw new UserError(`${resolve(start)} is not a pathbook gradebook (no ${SETTINGS_FILE})`, { hint: `create one with \`pathbook init ${start}\`` });
    }
    return resolve(start);
  }
  const root = findRoot(start);
  if (!root) {
    throw new UserError(`no gradebook here: neither ${resolve(start)} nor a folder above it holds ${SETTINGS_FILE}`, { hint: 'run `pathbook init` to create one, or pass `-C <folder>`' });
  }
  return root;
}

function readBytes(root: string, rel: string): Uint8Array | undefined {
  const p = join(root, rel);
  return existsSync(p) ? readFileSync(p) : undefined;
}

function listDir(root: string, rel: string): string[] {
  const p = join(root, rel);
  if (!existsSync(p) || !statSync(p).isDirectory()) return [];
  return readdirSync(p).filter((f) => !f.startsWith('.')).sort();
}

export interface LoadedBook {
  root: string;
  book: Book;
  diagnostics: Diagnostic[];
}

/** Reads the whole folder. Never throws for a user's mistake: problems come back as diagnostics. */
export function loadBook(root: string): LoadedBook {
  const diagnostics: Diagnostic[] = [];
  const cache = new ParseCache(root);
  const dec = (b: Uint8Array) => new TextDecoder('utf-8').decode(b).replace(/^\uFEFF/, '');
  /** Parse a file through the cache (bytes → value); undefined when the file is absent. */
  const parsed = <T>(rel: string, keyExtra: string, parse: (bytes: Uint8Array) => T): T | undefined => {
    const bytes = readBytes(root, rel);
    return bytes === undefined ? undefined : cache.get(rel + keyExtra, bytes, () => parse(bytes));
  };
  const { settings, diagnostics: sd } = parsed(SETTINGS_FILE, '', (b) => parseSettings(dec(b))) ?? parseSettings('');
  diagnostics.push(...sd);

  const roster = parsed(ROSTER_FILE, '', (b) => parseRoster(b)) ?? { students: [], diagnostics: [] };
  // An empty roster (header only) is a new class, not an error.
  diagnostics.push(...roster.diagnostics);

  const standards = parsed(STANDARDS_FILE, `|${settings.mastery.w}|${settings.mastery.n}`, (b) => parseStandards(dec(b), STANDARDS_FILE, settings.mastery)) ?? { standards: [], diagnostics: [] };
  diagnostics.push(...standards.diagnostics);

  const assessments: Assessment[] = [];
  const files = listDir(root, ASSESSMENTS_DIR);
  const yamls = files.filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'));
  const csvs = new Set(files.filter((f) => f.endsWith('.csv') && !f.endsWith('.responses.csv')));
  for (const y of yamls) {
    const base = y.replace(/\.ya?ml$/, '');
    const file = `${ASSESSMENTS_DIR}/${y}`;
    const { assessment, diagnostics: ad } = parsed(file, '', (b) => parseAssessmentYaml(dec(b), file))!;
    diagnostics.push(...ad);
    if (!assessment) continue;
    if (assessment.id && assessment.id !== base) {
      diagnostics.push({ check: 'assessment', severity: 'error', source: { file, line: 1 }, message: `the id ${JSON.stringify(assessment.id)} does not match the file name ${y}`, hint: `rename the file to ${assessment.id}.yaml or change the id to ${base}` });
    }
    const csvName = `${base}.csv`;
    const csvFile = `${ASSESSMENTS_DIR}/${csvName}`;
    let scores: Assessment['scores'] = [];
    if (csvs.has(csvName)) {
      csvs.delete(csvName);
      const itemKey = '|' + assessment.items.map((i) => i.id).join(',');
      const sc = parsed(csvFile, itemKey, (b) => parseScores(b, csvFile, assessment.items))!;
      scores = sc.scores;
      diagnostics.push(...sc.diagnostics);
    } else {
      diagnostics.push({ check: 'assessment', severity: 'error', source: { file, line: 1 }, message: `${file} has no scores file ${csvFile}`, hint: 'add the CSV (student_id and one column per item), or delete the YAML' });
    }
    assessments.push({ ...assessment, scores });
  }
  for (const orphan of csvs) {
    diagnostics.push({ check: 'assessment', severity: 'error', source: { file: `${ASSESSMENTS_DIR}/${orphan}`, line: 1 }, message: `${ASSESSMENTS_DIR}/${orphan} has no assessment file ${orphan.replace(/\.csv$/, '.yaml')}`, hint: 'add the YAML describing its items, or delete the CSV' });
  }

  const obs = parsed(OBSERVATIONS_FILE, '', (b) => parseObservations(b)) ?? { observations: [], diagnostics: [] };
  diagnostics.push(...obs.diagnostics);

  const acts = parsed(ACTIVITIES_FILE, '', (b) => parseActivities(dec(b))) ?? { activities: [], diagnostics: [] };
  diagnostics.push(...acts.diagnostics);

  const profiles: Profile[] = [];
  for (const f of listDir(root, STUDENTS_DIR).filter((n) => n.endsWith('.yaml'))) {
    const file = `${STUDENTS_DIR}/${f}`;
    const { profile, diagnostics: pd } = parsed(file, '', (b) => parseProfile(dec(b), f.replace(/\.yaml$/, ''), file))!;
    diagnostics.push(...pd);
    profiles.push(profile);
  }

  const book: Book = {
    settings, students: roster.students, standards: standards.standards, assessments,
    observations: obs.observations, activities: acts.activities, profiles,
  };
  cache.save();
  diagnostics.push(...checkBook(book));
  return { root, book, diagnostics: sortDiagnostics(diagnostics) };
}

export function sortDiagnostics(d: Diagnostic[]): Diagnostic[] {
  return [...d].sort((a, b) => {
    const fa = a.source?.file ?? '';
    const fb = b.source?.file ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    return (a.source?.line ?? 0) - (b.source?.line ?? 0) || (a.source?.column ?? 0) - (b.source?.column ?? 0);
  });
}
