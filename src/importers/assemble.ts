// From what a source says (raw.ts) to assessments the gradebook can hold: pick the assignments, join
// each question with its map item, match students with the roster, score answers against the key,
// resolve repeated submissions, and check everything before anything is written (DESIGN.md: a
// writing command writes nothing if one check fails). Pure: the book and the raw result come in.
import { hasKey, scoreAnswer } from '../domain/answers.ts';
import { checkBook } from '../domain/checks.ts';
import { assessmentIdProblem, normalizeName, slugify, studentIdProblem } from '../domain/ids.ts';
import { normalizeStandardCode } from '../domain/standard-codes.ts';
import { compareText, formatPoints } from '../domain/numbers.ts';
import { sortByIds } from '../domain/sort.ts';
import type { Assessment, AssessmentKind, Book, Diagnostic, Item, ScoreRow, Student } from '../domain/types.ts';
import { defaultItemId, mapFromAssessment, type MapEntry, type MapItem } from './map.ts';
import { headerKey, type RawAssessment, type RawColumn, type RawResult, type RawStudent } from './raw.ts';

export type KeepRule = 'latest' | 'highest' | 'first';

export interface AssembleOptions {
  title?: string;
  date?: string;
  kind?: AssessmentKind;
  retakeOf?: string;
  as?: string;
  keep: KeepRule;
  addUnknown: boolean;
  skipUnknown: boolean;
  replace: boolean;
  /** Canvas/OneRoster: which assignments (title or id). */
  assignment?: string[];
  /** Align every item the map leaves unaligned with these standards. */
  standards?: string[];
  /** From --map, or the map found beside the file. */
  map?: MapEntry[];
  today: string;
}

export interface PlannedAssessment {
  assessment: Assessment;
  /** Raw answers by student id and item id (sources that export answers). */
  responses?: Map<string, Record<string, string>>;
  /** The assessment this import overwrites (--replace). */
  replaces?: Assessment;
  mapFrom: string;
}

export interface ImportPlan {
  planned: PlannedAssessment[];
  /** Assessments this very file already gave (same sha256), or assignments already imported. */
  already: { title: string; id: string; sameFile: boolean }[];
  /** Assessments with no map to say their standards, points or key. */
  needsMap: RawAssessment[];
  added: Student[];
  notes: string[];
  errors: Diagnostic[];
}

const NOT_TAKEN = /^(ex|excused|exempt|n\/a|na|-|\u2014|\u2013)$/i;

/** How to name a student from the file in a message: name, then email or id. */
export function studentLabel(s: RawStudent): string {
  const who = s.email ?? s.id ?? s.altIds?.[0];
  if (s.name && who) return `${s.name} (${who})`;
  return s.name ?? who ?? 'a row with no name, email or id';
}

/** Whether a row's name, when it has one, shares a given or family name with the roster's student. */
function namesAgree(s: RawStudent, m: Student): boolean {
  const words = (t: string | undefined) => (t ? normalizeName(t).split(' ').filter(Boolean) : []);
  const row = new Set([...words(s.name), ...words(s.givenName), ...words(s.familyName)]);
  if (!row.size) return true;
  return [...words(m.givenName), ...words(m.familyName)].some((w) => row.has(w));
}

interface Roster {
  match(s: RawStudent): Student | undefined;
  /** The two students a row names when its id and its email belong to different students. */
  conflict(s: RawStudent): [Student, Student] | undefined;
}

function rosterIndex(students: readonly Student[]): Roster {
  const byId = new Map<string, Student>();
  const byIdLower = new Map<string, Student>();
  const byEmail = new Map<string, Student>();
  for (const s of students) {
    byId.set(s.id, s);
    byIdLower.set(s.id.toLowerCase(), s);
    if (s.email) byEmail.set(s.email.trim().toLowerCase(), s);
  }
  // Names are normalized (Unicode decomposition, a pass of regular expressions each) only for an
  // export that has a row with neither a known id nor a known email.
  let names: Map<string, Student | null> | undefined;
  const byName = () => {
    if (names) return names;
    names = new Map();
    for (const s of students) {
      for (const n of [`${s.givenName} ${s.familyName}`, `${s.familyName} ${s.givenName}`]) {
        const k = normalizeName(n);
        if (!k) continue;
        // A name two students share identifies neither.
        names.set(k, names.has(k) && names.get(k) !== s ? null : s);
      }
    }
    return names;
  };
  const one = (v: string | undefined) => {
    if (!v) return undefined;
    const t = v.trim();
    return byId.get(t) ?? byIdLower.get(t.toLowerCase()) ?? byEmail.get(t.toLowerCase());
  };
  return {
    conflict(s) {
      const byIdHit = one(s.id);
      const byMail = s.email ? byEmail.get(s.email.trim().toLowerCase()) : undefined;
      return byIdHit && byMail && byIdHit !== byMail ? [byIdHit, byMail] : undefined;
    },
    match(s) {
      const direct = one(s.id) ?? one(s.email);
      if (direct) return direct;
      // Another id or login is weaker evidence: the name beside it must not belong to someone else.
      for (const a of s.altIds ?? []) {
        const m = one(a);
        if (m && namesAgree(s, m)) return m;
      }
      for (const n of [s.name, s.givenName && s.familyName ? `${s.givenName} ${s.familyName}` : undefined]) {
        const m = n ? byName().get(normalizeName(n)) : undefined;
        if (m) return m;
      }
      return undefined;
    },
  };
}

/** The column a map item names: its header exactly, then loosely, then a Canvas title or id. */
export function findColumn(spec: string, cols: readonly RawColumn[], taken: ReadonlySet<number>): RawColumn | undefined {
  const free = cols.filter((c) => !taken.has(c.index));
  const ws = (s: string) => s.replace(/\s+/g, ' ').trim();
  const tests: ((c: RawColumn) => boolean)[] = [
    (c) => c.header === spec,
    (c) => ws(c.header) === ws(spec),
    (c) => ws(c.header).toLowerCase() === ws(spec).toLowerCase(),
    (c) => c.title === spec || ws(c.title).toLowerCase() === ws(spec).toLowerCase(),
    (c) => c.ref !== undefined && (c.ref === spec || ws(spec).endsWith(`(${c.ref})`)),
    (c) => headerKey(c.header) !== '' && headerKey(c.header) === headerKey(spec),
  ];
  for (const t of tests) {
    const hit = free.find(t);
    if (hit) return hit;
  }
  return undefined;
}

function parseNumber(text: string, decimalComma: boolean): number {
  const t = decimalComma ? text.replace(/^(-?\d+),(\d+)$/, '$1.$2') : text;
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t) ? Number(t) : NaN;
}

/** The next id in the roster's own pattern: S028 → S029. */
function nextStudentId(taken: Set<string>): string {
  const pattern = new Map<string, { width: number; max: number; n: number }>();
  for (const id of taken) {
    const m = /^([A-Za-z]*)(\d+)$/.exec(id);
    if (!m) continue;
    const p = pattern.get(m[1]!) ?? { width: m[2]!.length, max: 0, n: 0 };
    p.max = Math.max(p.max, Number(m[2]));
    p.width = Math.max(p.width, m[2]!.length);
    p.n++;
    pattern.set(m[1]!, p);
  }
  const [prefix, p] = [...pattern].sort((a, b) => b[1].n - a[1].n || compareText(a[0], b[0]))[0] ?? ['S', { width: 3, max: 0, n: 0 }];
  let n = p.max + 1;
  let id: string;
  do id = `${prefix}${String(n++).padStart(p.width, '0')}`; while (taken.has(id));
  return id;
}

function newStudent(s: RawStudent, taken: Set<string>): Student {
  let given = s.givenName ?? '';
  let family = s.familyName ?? '';
  if (!given && !family && s.name) {
    const parts = s.name.trim().split(/\s+/);
    family = parts.length > 1 ? parts.pop()! : '';
    given = parts.join(' ');
  }
  if (!given && !family && s.email) {
    // jane.doe@… → Jane Doe: a guess, so the message asks the teacher to check it.
    const words = s.email.split('@')[0]!.split(/[._-]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1));
    family = words.length > 1 ? words.pop()! : '';
    given = words.join(' ');
  }
  const own = s.id && !s.id.includes('@') && !studentIdProblem(s.id) && !taken.has(s.id) ? s.id : undefined;
  const id = own ?? nextStudentId(taken);
  taken.add(id);
  return { id, givenName: given, familyName: family, section: s.section ?? '', email: s.email ?? '', status: 'active', source: { file: 'roster.csv', line: 0 } };
}

/** A code as the map or the source writes it: the id, the CCSS long form, or a CASE identifier. */
export function resolveStandard(code: string, book: Book): string | undefined {
  const c = code.trim();
  const exact = book.standards.find((s) => s.id === c);
  if (exact) return exact.id;
  const short = normalizeStandardCode(c).toUpperCase();
  return (book.standards.find((s) => s.id.toUpperCase() === short)
    ?? book.standards.find((s) => s.caseId !== undefined && s.caseId.toLowerCase() === c.toLowerCase()))?.id;
}

function existingFor(book: Book, raw: RawResult, col: RawColumn): Assessment | undefined {
  return book.assessments.find((a) => a.origin?.format === raw.format && a.items.some((it) => it.column !== undefined && (it.column === col.header || (col.ref !== undefined && (it.column === col.ref || it.column.endsWith(`(${col.ref})`))))));
}

export function planImport(raw: RawResult, book: Book, opts: AssembleOptions): ImportPlan {
  const errors: Diagnostic[] = raw.diagnostics.filter((d) => d.severity === 'error');
  const notes = [...raw.notes];
  const err = (message: string, line: number | undefined, hint?: string, file = raw.file, column?: number) =>
    errors.push({ check: 'import', severity: 'error', message, hint, source: line === undefined ? undefined : { file, line, ...(column ? { column } : {}) } });
  // A mistake on the command line rather than in the file (exit 2).
  const usage = (message: string, hint: string) => errors.push({ check: 'usage', severity: 'error', message, hint });
  const plan: ImportPlan = { planned: [], already: [], needsMap: [], added: [], notes, errors };
  // Dates the file contradicts --date-format on: a mistake on either side, shown even when other dates are read.
  if (raw.dateProblem?.check === 'date-format' && !opts.date) errors.push(raw.dateProblem);
  const perColumn = raw.format === 'canvas' || raw.format === 'oneroster';

  // 1. Which assessments of the file to import.
  let groups = raw.assessments;
  if (opts.assignment?.length) {
    groups = [];
    for (const want of opts.assignment) {
      const w = want.trim().toLowerCase();
      const hit = raw.assessments.filter((g) => g.title.toLowerCase() === w || g.ref === want.trim() || raw.columns[g.columns[0]!]!.header.toLowerCase() === w);
      if (!hit.length) {
        usage(`no assignment ${JSON.stringify(want)} in ${raw.file}`, `assignments: ${raw.assessments.map((g) => `${g.title}${g.ref ? ` (${g.ref})` : ''}`).join(', ') || 'none'}`);
      }
      for (const g of hit) if (!groups.includes(g)) groups.push(g);
    }
  }
  // An assignment imported before (by its column or id) is not imported again, named or not.
  if (perColumn) {
    groups = groups.filter((g) => {
      const prior = existingFor(book, raw, raw.columns[g.columns[0]!]!);
      if (!prior || opts.replace) return true;
      plan.already.push({ title: g.title, id: prior.id, sameFile: prior.origin?.sha256 === raw.sha256 });
      return false;
    });
  }
  if (!raw.assessments.length) err(`${raw.file} holds no assignment columns to import`, 1, raw.format === 'canvas' ? 'Canvas assignment columns look like "Title (12345)"; totals and custom columns are left out' : undefined);

  // 2. The very same file already imported: nothing to do (unless --replace).
  groups = groups.filter((g) => {
    const col = raw.columns[g.columns[0]!];
    const same = book.assessments.find((a) => a.origin?.sha256 === raw.sha256 && (!perColumn || (col && existingFor(book, raw, col) === a)));
    if (!same || opts.replace) return true;
    plan.already.push({ title: g.title, id: same.id, sameFile: true });
    return false;
  });
  if (opts.as && groups.length > 1) usage(`--as names one assessment, but ${groups.length} are being imported`, 'pick one with --assignment');
  if (opts.retakeOf && groups.length > 1) usage(`--retake-of applies to one assessment, but ${groups.length} are being imported`, 'pick one with --assignment');
  // A command-line mistake is reported alone (exit 2), not with what it makes go wrong further on.
  if (errors.some((e) => e.check === 'usage')) return plan;

  // 3. Students: who is who in the roster.
  const roster = rosterIndex(book.students);
  const relevant = new Set<number>();
  for (const g of groups) for (const c of g.columns) relevant.add(c);
  const isRelevant = (s: RawStudent) => perColumn ? [...relevant].some((c) => (s.cells[c] ?? '').trim() !== '') : true;
  const matched = new Map<RawStudent, string>();
  const unknown: RawStudent[] = [];
  for (const s of raw.students) {
    // A typed student id that is someone else's than the signed-in email's: neither is trusted.
    const clash = roster.conflict(s);
    if (clash && isRelevant(s)) {
      const [a, b] = clash;
      err(`this row's id ${JSON.stringify(s.id)} is ${a.id} ${a.givenName} ${a.familyName}'s, but its email ${JSON.stringify(s.email)} is ${b.id} ${b.givenName} ${b.familyName}'s`, s.line,
        'correct the id or the email in the file (or in roster.csv), then import again');
      continue;
    }
    const m = roster.match(s);
    if (m) matched.set(s, m.id);
    else if (isRelevant(s)) unknown.push(s);
  }
  // A row that names nobody cannot become a student, whatever the flags say.
  const nameless = unknown.filter((s) => !s.email && !s.id && !s.name && !s.givenName && !s.familyName && !s.altIds?.length);
  if (nameless.length && !opts.skipUnknown) {
    for (const s of nameless) err('this row has no name, email or id: nobody to give its scores to', s.line);
    err(`${raw.file} has ${nameless.length === 1 ? 'a row' : `${nameless.length} rows`} that name${nameless.length === 1 ? 's' : ''} no student`, 1,
      'collect emails (or ask for the student\'s name or id) in the form, or run again with --skip-unknown to leave such rows out');
    unknown.splice(0, unknown.length, ...unknown.filter((s) => !nameless.includes(s)));
  }
  if (unknown.length) {
    if (opts.addUnknown) {
      const taken = new Set(book.students.map((s) => s.id));
      for (const s of unknown) {
        const st = newStudent(s, taken);
        plan.added.push(st);
        matched.set(s, st.id);
      }
      notes.push(`added ${plan.added.length} student${plan.added.length === 1 ? '' : 's'} to roster.csv: ${plan.added.map((s) => `${s.id} ${`${s.givenName} ${s.familyName}`.trim()}${s.email ? ` <${s.email}>` : ''}`).join(', ')} (check their names and sections)`);
    } else if (opts.skipUnknown) {
      notes.push(`left out ${unknown.length} student${unknown.length === 1 ? '' : 's'} not in roster.csv: ${unknown.map(studentLabel).join(', ')}`);
    } else if (unknown.length === raw.students.filter(isRelevant).length && unknown.length > 1) {
      const example = book.students.find((s) => s.email)?.email;
      err(`none of the ${unknown.length} students in ${raw.file} match roster.csv by email, id or name`, 1,
        `is this export from this class? roster.csv has emails like ${example ? JSON.stringify(example) : '(none)'}, the file ${JSON.stringify(unknown[0]!.email ?? unknown[0]!.id ?? unknown[0]!.name ?? '')}; --add-unknown adds them all to the roster`);
    } else {
      for (const s of unknown) {
        const what = s.email ? `the email ${JSON.stringify(s.email)}` : s.id ? `the id ${JSON.stringify(s.id)}` : s.name ? `the name ${JSON.stringify(s.name)}` : 'no email, id or name';
        err(`${s.name && !what.includes(s.name) ? `${s.name}: ` : ''}no student in roster.csv has ${what}`, s.line);
      }
      err(`${unknown.length} student${unknown.length === 1 ? ' is' : 's are'} not in roster.csv`, 1,
        'fix their emails or ids in roster.csv, or run again with --add-unknown (adds them to the roster) or --skip-unknown (leaves them out)');
    }
  }

  // 4. Each assessment: its map, items, scores.
  const usedIds = new Set<string>();
  for (const g of groups) {
    const cols = g.columns.map((i) => raw.columns[i]!);
    const title = opts.title ?? g.title;
    let entry = pickEntry(opts.map, g, raw, groups.length);
    if (!entry && opts.map?.length === 1 && groups.length > 1) {
      err(`the map describes one assessment, but ${raw.file} holds ${groups.length}`, undefined, 'pick one with --assignment, or write the map as a list with one entry per assignment');
      continue;
    }
    if (!entry) {
      const same = book.assessments.find((a) => a.title.trim().toLowerCase() === (opts.title ?? g.title).trim().toLowerCase() && a.items.length);
      if (same) entry = mapFromAssessment(same);
    }
    if (!entry) {
      // The source may say everything itself (long CSV with standards and max points; OneRoster 1.2).
      const complete = cols.filter((c) => c.role === 'question').every((c) => (c.standards?.length || opts.standards?.length) && c.holds === 'points' && (c.pointsPossible !== undefined));
      if (!complete) {
        plan.needsMap.push(g);
        continue;
      }
      entry = { items: [], ignore: [], from: opts.standards?.length && !cols.every((c) => c.standards?.length) ? `the export and --standards` : 'the export itself', source: { file: raw.file, line: 1 } };
    }
    const pa = planOne(raw, book, g, cols, entry, title, opts, matched, errors, notes, usedIds);
    if (pa) plan.planned.push(pa);
  }

  // 5. Whatever else the folder's own checks would refuse, with the new assessments in place. The rest
  // of the folder passed them when it was loaded, so only the new assessments are checked in full.
  if (!errors.length && plan.planned.length) {
    const next = applyPlan(book, plan);
    const fresh = new Set(plan.planned.map((p) => p.assessment.id));
    const slim: Book = {
      ...next, observations: [], activities: [], profiles: [],
      // Not `{ ...a }`: that would read the scores of every assessment in the folder.
      assessments: next.assessments.map((a) => (fresh.has(a.id) ? a : headOnly(a))),
    };
    for (const d of checkBook(slim)) if (d.severity === 'error') errors.push(d);
  }
  return plan;
}

/** An assessment without its items and scores, copied without reading them (they may not be read yet). */
function headOnly(a: Assessment): Assessment {
  const head: Record<string, unknown> = {};
  for (const k of Object.keys(a)) if (k !== 'scores' && k !== 'items') head[k] = a[k as keyof Assessment];
  head.items = [];
  head.scores = [];
  return head as unknown as Assessment;
}

function pickEntry(map: MapEntry[] | undefined, g: RawAssessment, raw: RawResult, groupCount: number): MapEntry | undefined {
  if (!map?.length) return undefined;
  if (map.length === 1 && groupCount === 1) return map[0];
  const cols = g.columns.map((i) => raw.columns[i]!);
  return map.find((e) => e.title !== undefined && e.title.trim().toLowerCase() === g.title.trim().toLowerCase())
    ?? map.find((e) => e.items.some((it) => it.column !== undefined && findColumn(it.column, cols, new Set()) !== undefined));
}

function planOne(raw: RawResult, book: Book, g: RawAssessment, cols: RawColumn[], entry: MapEntry, title0: string, opts: AssembleOptions,
  matched: Map<RawStudent, string>, errors: Diagnostic[], notes: string[], usedIds: Set<string>): PlannedAssessment | undefined {
  const before = errors.length;
  const err = (message: string, source: Diagnostic['source'], hint?: string) => errors.push({ check: 'import', severity: 'error', message, hint, source });
  const fileLine = (line: number, column?: number) => ({ file: raw.file, line, ...(column ? { column } : {}) });
  const title = opts.title ?? entry.title ?? title0;

  // Items ↔ columns: named columns first, then the others in order.
  const usable = [...cols, ...raw.columns.filter((c) => c.role === 'extra' && !cols.includes(c))];
  const taken = new Set<number>();
  const joined: { mi: MapItem; col: RawColumn }[] = [];
  const unplaced: MapItem[] = [];
  const mapItems: MapItem[] = entry.items.length ? entry.items
    : cols.filter((c) => c.role === 'question').map((c): MapItem => ({ column: c.header, source: { file: raw.file, line: 1 } }));
  for (const mi of mapItems) {
    if (mi.column === undefined) {
      unplaced.push(mi);
      continue;
    }
    const col = findColumn(mi.column, usable, taken);
    if (!col) {
      err(`item ${mi.id ?? '?'} reads the column ${JSON.stringify(mi.column)}, which is not in ${raw.file}`, mi.source,
        `the file's question columns are: ${cols.filter((c) => c.role === 'question').map((c) => JSON.stringify(c.header)).join(', ')}`);
      continue;
    }
    taken.add(col.index);
    joined.push({ mi, col });
  }
  for (const ig of entry.ignore) {
    const col = findColumn(ig, cols, taken);
    if (col) taken.add(col.index);
    else notes.push(`${entry.from}: ignore lists ${JSON.stringify(ig)}, which is not a column of ${raw.file}`);
  }
  const free = cols.filter((c) => c.role === 'question' && !taken.has(c.index));
  for (const mi of unplaced) {
    const col = free.shift();
    if (!col) {
      err(`item ${mi.id ?? '?'} has no question left in ${raw.file} to read (the map has more items than the file has questions)`, mi.source, 'remove the item, or name its column with `column:`');
      continue;
    }
    taken.add(col.index);
    joined.push({ mi, col });
  }
  for (const col of free) {
    err(`the question ${JSON.stringify(col.header)} (column ${col.fileColumn || '?'} of ${raw.file}) is not in the map ${entry.from}`, entry.source,
      'add an item for it (with `column:`), or list it under `ignore:` to leave it out');
  }
  // Items keep the order of the file's columns, so the scores CSV reads like the export.
  joined.sort((a, b) => a.col.index - b.col.index);

  const items: Item[] = [];
  const single = joined.length === 1 && (raw.format === 'canvas' || raw.format === 'oneroster');
  const itemIds = new Set<string>();
  joined.forEach(({ mi, col }, i) => {
    const id = mi.id ?? defaultItemId(col, i, raw, single);
    const where = mi.source;
    if (itemIds.has(id)) err(`two items are called ${id}`, where, 'give each item its own id');
    itemIds.add(id);
    let points = mi.points ?? col.pointsPossible ?? (col.holds === 'answers' ? 1 : undefined);
    if (mi.points !== undefined && col.pointsPossible !== undefined && col.holds === 'points' && Math.abs(mi.points - col.pointsPossible) > 1e-9) {
      err(`item ${id}: the map says ${formatPoints(mi.points)} points but ${raw.file} says ${formatPoints(col.pointsPossible)}`, where, 'make the map agree with the export, or remove `points:` from the map');
    }
    if (points === undefined) {
      err(`item ${id} (${JSON.stringify(col.header)}) has no points: ${raw.file} does not say what it is worth`, where, `add \`points:\` to the item in ${entry.from.startsWith('the export') ? 'a map (--map)' : entry.from}`);
      points = 1;
    }
    const codes = mi.standards?.length ? mi.standards : col.standards?.length ? col.standards : opts.standards ?? [];
    const stds: string[] = [];
    for (const code of codes) {
      const sid = resolveStandard(code, book);
      if (sid) {
        if (!stds.includes(sid)) stds.push(sid);
      } else err(`item ${id} is aligned to ${JSON.stringify(code)}, which is not in standards.yaml`, where, `use a standard id from standards.yaml (${book.standards.slice(0, 3).map((s) => s.id).join(', ')}…)${raw.format === 'oneroster' ? ', or map the learning objective in a --map file' : ''}`);
    }
    if (!codes.length) err(`item ${id} (${JSON.stringify(col.header)}) has no standards`, where, `fill in \`standards:\` in ${entry.from.startsWith('the export') ? 'a map (--map), or use --standards' : entry.from}`);
    const item: Item = { id, standards: stds, points, column: col.ref && raw.format === 'oneroster' ? col.ref : col.header, source: { file: '', line: 0 } };
    if (mi.key) item.key = mi.key;
    if (mi.keyAll) item.keyAll = mi.keyAll;
    if (col.holds === 'answers' && !hasKey(item)) {
      err(`item ${id} (${JSON.stringify(col.header)}) holds answer texts but has no \`key:\``, where, 'add the right answer as `key:` (a list for several accepted answers; keyAll for checkboxes)');
    }
    items.push(item);
  });

  // Date, title, kind, id.
  let date = opts.date ?? entry.date ?? g.date;
  // Imported again over an earlier import (--replace) from a source that gives no date: the earlier
  // date and id stand, or the evidence would move to the day of the re-import.
  const sameSha = book.assessments.find((a) => a.origin?.sha256 === raw.sha256 && a.items.some((it) => items.some((x) => x.column === it.column)));
  const earlier = opts.replace && !date && !opts.as ? sameSha ?? existingFor(book, raw, cols[0]!) : undefined;
  if (earlier) date = earlier.date;
  if (!date) {
    if (raw.dateProblem) { if (!errors.includes(raw.dateProblem)) errors.push(raw.dateProblem); }
    else notes.push(`${raw.file} gives no date for ${JSON.stringify(title)}: dated today, ${opts.today} (use --date to change it)`);
    date = opts.today;
  } else if (!opts.date && !entry.date && g.dateSpan) {
    notes.push(`responses run from ${g.dateSpan.first} to ${g.dateSpan.last}: dated ${g.dateSpan.first}, the first (use --date to change it)`);
  }
  const kind: AssessmentKind = opts.kind ?? entry.kind ?? (/exit/i.test(title) ? 'exit-ticket' : 'quiz');
  // The map's id holds unless --date or --title say this is another sitting of it.
  const mapId = earlier && !opts.title ? earlier.id : entry.id && !entry.from.endsWith('(same title)') && !opts.date && !opts.title ? entry.id : undefined;
  let id = opts.as ?? mapId ?? `${date}-${slugify(title)}`;
  if (!opts.as && !mapId) {
    const base = id;
    for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
  }
  const idp = assessmentIdProblem(id);
  if (idp) err(`the assessment id ${JSON.stringify(id)} will not do: ${idp}`, undefined, opts.as ? 'give --as a date and a slug, like 2026-11-20-ratios-exit' : 'set the id with --as');
  if (usedIds.has(id)) err(`two assessments of ${raw.file} would both be ${id}`, undefined, 'import them one at a time with --assignment and --as');
  usedIds.add(id);
  const sameId = book.assessments.find((a) => a.id === id);
  const replaces = opts.replace ? (sameId ?? sameSha ?? existingFor(book, raw, cols[0]!)) : undefined;
  if (sameId && !opts.replace) {
    err(`the assessment ${id} already exists${sameId.origin?.file ? ` (imported from ${JSON.stringify(sameId.origin.file)})` : ''}`, { file: `assessments/${id}.yaml`, line: 1 },
      'run again with --replace to import this file over it, or with --as <new id> to keep both');
  }
  const retakeOf = opts.retakeOf ?? entry.retakeOf ?? null;
  if (retakeOf && !book.assessments.some((a) => a.id === retakeOf)) {
    const e: Diagnostic = { check: opts.retakeOf ? 'usage' : 'import', severity: 'error', message: `${opts.retakeOf ? '--retake-of' : `${entry.from}: retakeOf:`} ${retakeOf}: there is no such assessment`, hint: 'see the ids in assessments/' };
    errors.push(e);
  }

  // Scores, student by student; repeated submissions resolved by --keep.
  const rowsFor = new Map<string, { s: RawStudent; points: Record<string, number | null>; answers: Record<string, string>; total: number }[]>();
  const exCount = { ex: 0 };
  for (const s of raw.students) {
    const sid = matched.get(s);
    if (!sid) continue;
    const points: Record<string, number | null> = {};
    const answers: Record<string, string> = {};
    let any = false;
    let total = 0;
    items.forEach((item, k) => {
      const col = joined[k]!.col;
      const cell = s.cells[col.index];
      const line = s.cellLines?.[col.index] ?? s.line;
      if (col.holds === 'answers') {
        const text = cell ?? '';
        answers[item.id] = text;
        const p = scoreAnswer(item, text);
        points[item.id] = p;
        total += p;
        any = true;
        return;
      }
      const text = (cell ?? '').trim();
      if (text === '' || NOT_TAKEN.test(text)) {
        if (text && /^ex/i.test(text)) exCount.ex++;
        points[item.id] = null;
        return;
      }
      const n = parseNumber(text, raw.decimalComma);
      const what = single ? JSON.stringify(title) : item.id;
      if (!Number.isFinite(n)) {
        const letter = /^[A-F][+-]?$/i.test(text);
        err(`${what} for ${studentLabel(s)}: ${JSON.stringify(text)} is not a number`, fileLine(line, col.fileColumn || undefined),
          letter ? 'a letter grade cannot be read as points: export the assignment graded in points (Canvas exports letters for GPA-scale assignments)' : 'write the points earned, or leave the cell blank if the item was not taken');
        points[item.id] = null;
        return;
      }
      if (n < 0) err(`${what} for ${studentLabel(s)}: ${formatPoints(n)} is negative`, fileLine(line, col.fileColumn || undefined), 'write the points earned, from 0');
      else if (n > item.points + 1e-9) err(`${what} for ${studentLabel(s)}: ${formatPoints(n)} is above the item's ${formatPoints(item.points)} points`, fileLine(line, col.fileColumn || undefined), `fix the score, or raise the item's points in ${entry.from.startsWith('the export') ? 'a map (--map)' : entry.from}`);
      points[item.id] = n;
      total += n;
      any = true;
    });
    if (!any) continue;
    const list = rowsFor.get(sid) ?? [];
    list.push({ s, points, answers, total });
    rowsFor.set(sid, list);
  }
  if (exCount.ex) notes.push(`${exCount.ex} excused (EX) score${exCount.ex === 1 ? ' counts' : 's count'} as not taken`);

  const scores: ScoreRow[] = [];
  const kept: { s: RawStudent; total: number }[] = [];
  const responses = new Map<string, Record<string, string>>();
  const byId = new Map(book.students.map((s) => [s.id, s]));
  for (const [sid, list] of sortByIds([...rowsFor], (e) => e[0])) {
    let keep = list[0]!;
    if (list.length > 1) {
      const timed = list.every((r) => r.s.time !== undefined);
      const later = (x: typeof keep, y: typeof keep) => (timed ? x.s.time! - y.s.time! : 0) || x.s.line - y.s.line;
      const sorted = [...list].sort(later);
      keep = opts.keep === 'first' ? sorted[0]! : opts.keep === 'latest' ? sorted[sorted.length - 1]!
        : [...sorted].sort((x, y) => y.total - x.total || later(y, x))[0]!;
      const st = byId.get(sid);
      const name = st ? `${st.givenName} ${st.familyName}`.trim() : studentLabel(keep.s);
      notes.push(`${name} (${sid}) submitted ${list.length} times (lines ${sorted.map((r) => r.s.line).join(', ')}): kept the ${opts.keep === 'highest' ? 'highest' : opts.keep}${timed || opts.keep === 'highest' ? '' : ' in file order (their times could not be read)'}, line ${keep.s.line}${keep.s.timeText ? ` at ${keep.s.timeText}` : ''} (${formatPoints(keep.total)} point${keep.total === 1 ? '' : 's'}); --keep latest|highest|first chooses`);
    }
    scores.push({ studentId: sid, points: keep.points, source: { file: raw.file, line: keep.s.line } });
    kept.push(keep);
    if (items.some((_, k) => joined[k]!.col.holds === 'answers')) responses.set(sid, keep.answers);
  }

  // Forms' own Score against the key's: a difference usually means a wrong key in the map.
  const scoreCol = raw.columns.find((c) => c.role === 'extra' && raw.format === 'google-forms');
  const allAnswers = joined.length > 0 && joined.every((j) => j.col.holds === 'answers') && cols.filter((c) => c.role === 'question').every((c) => taken.has(c.index));
  const keyTotal = items.reduce((t, it) => t + it.points, 0);
  if (scoreCol?.pointsPossible !== undefined && allAnswers && Math.abs(scoreCol.pointsPossible - keyTotal) > 1e-9) {
    notes.push(`the form's Score is out of ${formatPoints(scoreCol.pointsPossible)}, but the items in ${entry.from} add up to ${formatPoints(keyTotal)}: check their points`);
  }
  if (scoreCol && allAnswers && scoreCol.pointsPossible === keyTotal) {
    const differ = kept.filter((r) => r.s.score && Math.abs(r.s.score.earned - r.total) > 1e-9);
    if (differ.length) {
      const e = differ[0]!;
      notes.push(`for ${differ.length} student${differ.length === 1 ? '' : 's'} the key gives other points than the form's own Score (line ${e.s.line}: ${formatPoints(e.total)} from the key, ${formatPoints(e.s.score!.earned)} on the form); check the keys in ${entry.from}`);
    }
  }

  // An assessment with no scores would only stand in the way of the graded export to come.
  if (!scores.length && !errors.length) {
    if (raw.format === 'canvas' || raw.format === 'oneroster') {
      notes.push(`left out ${JSON.stringify(title)}: no student has a score for it yet (import the export again once it is graded)`);
      return undefined;
    }
    err(`${raw.file} holds no scores to import: no student in it ${raw.students.length ? 'that is in roster.csv has answered' : 'has answered yet'}`, fileLine(1), 'download the results again once students have answered');
  }
  if (errors.length > before) return undefined;
  const yamlFile = `assessments/${id}.yaml`;
  items.forEach((it, i) => { it.source = { file: yamlFile, line: i + 1 }; });
  return {
    assessment: { id, title, date, kind, retakeOf, items, origin: { format: raw.format, file: raw.fileName, sha256: raw.sha256 }, scores, source: { file: yamlFile, line: 1 } },
    ...(responses.size ? { responses } : {}),
    ...(replaces ? { replaces } : {}),
    mapFrom: entry.from,
  };
}

/** The book with the planned assessments (replacing what they replace) and the added students. */
export function applyPlan(book: Book, plan: Pick<ImportPlan, 'planned' | 'added'>): Book {
  const gone = new Set(plan.planned.flatMap((p) => [p.assessment.id, ...(p.replaces ? [p.replaces.id] : [])]));
  return {
    ...book,
    students: [...book.students, ...plan.added],
    assessments: [...book.assessments.filter((a) => !gone.has(a.id)), ...plan.planned.map((p) => p.assessment)],
  };
}
