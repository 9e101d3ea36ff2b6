// The gradebook folder: find it, load every file (keeping where each record came from), report problems.
// Files come from the parse cache when unchanged; the parsers (and the YAML and CSV libraries) are
// loaded only for a file that is not there.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { checkAssessmentScores, checkBook } from '../domain/checks.ts';
import type { Assessment, Book, Diagnostic, Item, Profile, ScoreRow } from '../domain/types.ts';
import type * as Parsers from './book-parsers.ts';
import { UserError } from './errors.ts';
import { ACTIVITIES_FILE, ASSESSMENTS_DIR, MASTERY_FILE, OBSERVATIONS_FILE, ROSTER_FILE, SETTINGS_FILE, STANDARDS_FILE, STUDENTS_DIR } from './files.ts';
import { DerivedCache } from './derived-cache.ts';
import { BUILD, ParseCache, ParseNeeded, type Codec } from './parse-cache.ts';
import { sha256 } from './sha256.ts';
import type { FileChange } from './atomic.ts';

export type BookParsers = typeof Parsers;

const isFile = (p: string) => statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;

/** The nearest folder upward holding pathbook.yaml, as git finds .git. */
export function findRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (isFile(join(dir, SETTINGS_FILE))) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export function requireRoot(start: string, explicit: boolean): string {
  if (explicit) {
    if (!isFile(join(start, SETTINGS_FILE))) {
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

function listDir(root: string, rel: string): string[] {
  try {
    return readdirSync(join(root, rel)).filter((f) => !f.startsWith('.')).sort();
  } catch {
    return []; // absent, or not a folder
  }
}

export interface LoadedBook {
  root: string;
  book: Book;
  diagnostics: Diagnostic[];
  /**
   * Every file the book was read from with its content hash (and the build that read them): what
   * results derived from the whole book are cached under (derived-cache.ts). Undefined without a cache.
   */
  inputs?: string;
}

/** A scores file read: its diagnostics now, its rows when first asked for (see lazyScores). */
interface Scores { diagnostics: Diagnostic[]; rows: () => ScoreRow[]; rowsOf?: (students: ReadonlySet<string>) => ScoreRow[] }

const scoresOf = ({ scores, diagnostics }: { scores: ScoreRow[]; diagnostics: Diagnostic[] }): Scores => ({ diagnostics, rows: () => scores });

/**
 * Score rows as one line of text: `count|ids|lines|points`, ids comma-separated, lines as `first+` when
 * they follow one another, points as a JSON array (every item's points in item order, null for a
 * blank). A plain string in the cache file is cheap to read; it is split only for the assessments whose
 * rows are used, and for some students only their rows are built. Ids holding a separator are kept as
 * JSON instead.
 */
export function scoresCodec(file: string, items: readonly Item[]): Codec<Scores> {
  const ids = items.map((i) => i.id);
  return {
    encode: ({ rows, diagnostics }) => {
      const scores = rows();
      const students = scores.map((r) => r.studentId);
      const lines = scores.map((r) => r.source.line);
      const points: (number | null)[] = [];
      for (const r of scores) for (const id of ids) points.push(r.points[id] ?? null);
      if (students.some((id) => /[,|]/.test(id))) return { diagnostics, rows: JSON.stringify({ students, lines, points }) };
      const consecutive = lines.every((l, k) => l === lines[0]! + k);
      const text = `${scores.length}|${students.join(',')}|${consecutive ? `${lines[0] ?? 0}+` : lines.join(',')}|${JSON.stringify(points)}`;
      return { diagnostics, rows: text };
    },
    decode: (stored) => {
      const { diagnostics, rows } = stored as { diagnostics: Diagnostic[]; rows: string };
      let columns: { students: string[]; line: (r: number) => number; points: (number | null)[] } | undefined;
      const split = () => {
        if (rows.startsWith('{')) {
          const j = JSON.parse(rows) as { students: string[]; lines: number[]; points: (number | null)[] };
          return { students: j.students, line: (r: number) => j.lines[r]!, points: j.points };
        }
        const [count, ids0, lines0, points0] = rows.split('|') as [string, string, string, string];
        const n = Number(count);
        const first = lines0.endsWith('+') ? Number(lines0.slice(0, -1)) : undefined;
        const lines = first === undefined && n ? lines0.split(',').map(Number) : [];
        return {
          students: n ? ids0.split(',') : [],
          line: first === undefined ? (r: number) => lines[r]! : (r: number) => first + r,
          points: JSON.parse(points0) as (number | null)[],
        };
      };
      const row = (r: number): ScoreRow => {
        const { students, line, points } = (columns ??= split());
        const p: Record<string, number | null> = {};
        // Index loops here and below: this runs for thousands of rows before V8 has optimised it,
        // and an iterator allocates a result object per step until then.
        for (let c = 0, k = r * ids.length; c < ids.length; c++, k++) p[ids[c]!] = points[k] ?? null;
        return { studentId: students[r]!, points: p, source: { file, line: line(r) } };
      };
      let decoded: ScoreRow[] | undefined;
      const all = () => (decoded ??= (columns ??= split()).students.map((_, r) => row(r)));
      return {
        diagnostics,
        rows: all,
        rowsOf: (wanted) => {
          const { students } = (columns ??= split());
          // For most of the class, every row is built (and kept for whoever reads them next).
          if (decoded || wanted.size * 2 >= students.length) return all().filter((x) => wanted.has(x.studentId));
          const out: ScoreRow[] = [];
          for (let r = 0; r < students.length; r++) if (wanted.has(students[r]!)) out.push(row(r));
          return out;
        },
      };
    },
  };
}

/**
 * An assessment whose `scores` are built on first use. A warm `mastery` or `check` reads its results
 * from the derived cache and never touches the 125,000 scores of a teacher's year; to every reader the
 * property is an ordinary array, read (and kept) on first use, and it can be assigned.
 */
function lazyScores(a: Omit<Assessment, 'scores' | 'scoresOf'>, sc: Pick<Scores, 'rows' | 'rowsOf'>): Assessment {
  let scores: ScoreRow[] | undefined;
  const out = {
    ...a,
    get scores() { return (scores ??= sc.rows()); },
    set scores(value: ScoreRow[]) { scores = value; },
  } as Assessment;
  const pick = (wanted: ReadonlySet<string>) => (!scores && sc.rowsOf ? sc.rowsOf(wanted) : out.scores.filter((r) => wanted.has(r.studentId)));
  Object.defineProperty(out, 'scoresOf', { value: pick, enumerable: false });
  return out;
}

const decode = (b: Uint8Array) => new TextDecoder('utf-8').decode(b).replace(/^\uFEFF/, '');

/**
 * Reads the whole folder. Never throws for a user's mistake: problems come back as diagnostics.
 * Without `parsers`, a file missing from the parse cache throws ParseNeeded.
 */
export function readBook(root: string, parsers?: BookParsers): LoadedBook {
  const diagnostics: Diagnostic[] = [];
  const cache = new ParseCache(root);
  /** A file's parser, given the parsers (none on the first, cache-only attempt). */
  const use = <T>(parse: (p: BookParsers, bytes: Uint8Array) => T) => (parsers ? (bytes: Uint8Array) => parse(parsers, bytes) : undefined);

  const settingsRead = cache.file(SETTINGS_FILE, '', use((p, b) => p.parseSettings(decode(b))));
  if (!settingsRead && !parsers) throw new ParseNeeded(SETTINGS_FILE);
  const { settings, diagnostics: sd } = settingsRead ?? parsers!.parseSettings('');
  diagnostics.push(...sd);

  const roster = cache.file(ROSTER_FILE, '', use((p, b) => p.parseRoster(b))) ?? { students: [], diagnostics: [] };
  // An empty roster (header only) is a new class, not an error.
  diagnostics.push(...roster.diagnostics);

  const standards = cache.file(STANDARDS_FILE, `|${settings.mastery.w}|${settings.mastery.n}`, use((p, b) => p.parseStandards(decode(b), STANDARDS_FILE, settings.mastery))) ?? { standards: [], diagnostics: [] };
  diagnostics.push(...standards.diagnostics);

  const assessments: Assessment[] = [];
  const files = listDir(root, ASSESSMENTS_DIR);
  const yamls = files.filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'));
  const csvs = new Set(files.filter((f) => f.endsWith('.csv') && !f.endsWith('.responses.csv')));
  for (const y of yamls) {
    const base = y.replace(/\.ya?ml$/, '');
    const file = `${ASSESSMENTS_DIR}/${y}`;
    const head = cache.file(file, '', use((p, b) => p.parseAssessmentYaml(decode(b), file)));
    if (!head) continue; // a folder named like a file
    diagnostics.push(...head.diagnostics);
    const assessment = head.assessment;
    if (!assessment) continue;
    if (assessment.id && assessment.id !== base) {
      diagnostics.push({ check: 'assessment', severity: 'error', source: { file, line: 1 }, message: `the id ${JSON.stringify(assessment.id)} does not match the file name ${y}`, hint: `rename the file to ${assessment.id}.yaml or change the id to ${base}` });
    }
    const csvName = `${base}.csv`;
    const csvFile = `${ASSESSMENTS_DIR}/${csvName}`;
    const sc = csvs.has(csvName) ? cache.file(csvFile, '|' + assessment.items.map((i) => i.id).join(','), use((p, b) => scoresOf(p.parseScores(b, csvFile, assessment.items))), scoresCodec(csvFile, assessment.items)) : undefined;
    if (sc) {
      csvs.delete(csvName);
      diagnostics.push(...sc.diagnostics);
    } else {
      diagnostics.push({ check: 'assessment', severity: 'error', source: { file, line: 1 }, message: `${file} has no scores file ${csvFile}`, hint: 'add the CSV (student_id and one column per item), or delete the YAML' });
    }
    assessments.push(lazyScores(assessment, sc ?? { rows: () => [] }));
  }
  for (const orphan of csvs) {
    diagnostics.push({ check: 'assessment', severity: 'error', source: { file: `${ASSESSMENTS_DIR}/${orphan}`, line: 1 }, message: `${ASSESSMENTS_DIR}/${orphan} has no assessment file ${orphan.replace(/\.csv$/, '.yaml')}`, hint: 'add the YAML describing its items, or delete the CSV' });
  }

  const obs = cache.file(OBSERVATIONS_FILE, '', use((p, b) => p.parseObservations(b))) ?? { observations: [], diagnostics: [] };
  diagnostics.push(...obs.diagnostics);

  const acts = cache.file(ACTIVITIES_FILE, '', use((p, b) => p.parseActivities(decode(b)))) ?? { activities: [], diagnostics: [] };
  diagnostics.push(...acts.diagnostics);

  const profiles: Profile[] = [];
  for (const f of listDir(root, STUDENTS_DIR).filter((n) => n.endsWith('.yaml'))) {
    const file = `${STUDENTS_DIR}/${f}`;
    const read = cache.file(file, '', use((p, b) => p.parseProfile(decode(b), f.replace(/\.yaml$/, ''), file)));
    if (!read) continue;
    diagnostics.push(...read.diagnostics);
    profiles.push(read.profile);
  }

  const book: Book = {
    settings, students: roster.students, standards: standards.standards, assessments,
    observations: obs.observations, activities: acts.activities, profiles,
  };
  const inputs = cache.enabled ? inputsOf(cache.hashes, [...csvs].map((f) => `${ASSESSMENTS_DIR}/${f}`)) : undefined;
  // The cross-file checks depend on nothing but the files: kept with them.
  const derived = new DerivedCache(root, inputs);
  let checks = derived.readJson<Diagnostic[]>('check');
  if (!checks) {
    checks = checkBook(book, { scores: false });
    // Each assessment's score rows are checked against the roster only when its files or the roster
    // changed: after an import, the new assessment's rows, not a year's.
    const students = new Set(book.students.map((s) => s.id));
    const roster = cache.hashes.get(ROSTER_FILE) ?? '-';
    for (const a of book.assessments) {
      const file = a.source.file;
      const csv = file.replace(/\.ya?ml$/, '.csv');
      const hash = `${cache.hashes.get(file) ?? '-'} ${cache.hashes.get(csv) ?? '-'} ${roster}`;
      checks.push(...cache.memo(`${csv}|scores-check`, hash, () => checkAssessmentScores(a, students)));
    }
    derived.writeJson('check', checks);
  }
  cache.save();
  diagnostics.push(...checks);
  return { root, book, diagnostics: sortDiagnostics(diagnostics), inputs };
}

/** One line per file read (path and content hash) and per file seen but not read (an orphan scores file). */
function inputsOf(hashes: ReadonlyMap<string, string>, unread: readonly string[]): string {
  const lines = [...hashes].map(([f, h]) => `${f}\t${h}`);
  for (const f of unread) lines.push(`${f}\t-`);
  return [`build\t${BUILD}`, ...lines.sort()].join('\n');
}

/** Reads the whole folder, loading the parsers only when some file is not in the parse cache. */
export async function openBook(root: string): Promise<LoadedBook> {
  try {
    return readBook(root);
  } catch (e) {
    if (!(e instanceof ParseNeeded)) throw e;
    return readBook(root, await import('./book-parsers.ts'));
  }
}

export function sortDiagnostics(d: Diagnostic[]): Diagnostic[] {
  return [...d].sort((a, b) => {
    const fa = a.source?.file ?? '';
    const fb = b.source?.file ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    return (a.source?.line ?? 0) - (b.source?.line ?? 0) || (a.source?.column ?? 0) - (b.source?.column ?? 0);
  });
}

/**
 * The folder's inputs once `changes` are written, worked out without reading the folder again (see
 * keepTableAfterImport), and the ids of the assessments they write: undefined unless every change is
 * an assessment (its YAML and scores together) or a file the book is not read from.
 */
export function inputsAfter(loaded: LoadedBook, changes: readonly FileChange[]): { inputs: string; assessments: string[] } | undefined {
  if (loaded.inputs === undefined) return undefined;
  const [build, ...rest] = loaded.inputs.split('\n');
  const lines = new Map(rest.map((l) => [l.slice(0, l.indexOf('\t')), l]));
  const written = new Set<string>();
  for (const c of changes) {
    if (c.path === MASTERY_FILE || c.path.endsWith('.responses.csv')) continue;
    if (c.content === null || !/^assessments\/[^/]+\.(?:yaml|csv)$/.test(c.path)) return undefined;
    lines.set(c.path, `${c.path}\t${sha256(c.content)}`);
    written.add(c.path);
  }
  const assessments = [...written].filter((f) => f.endsWith('.yaml')).map((f) => f.slice('assessments/'.length, -'.yaml'.length));
  if (assessments.length * 2 !== written.size || assessments.some((id) => !written.has(`assessments/${id}.csv`))) return undefined;
  return { inputs: [build!, ...[...lines.values()].sort()].join('\n'), assessments };
}
