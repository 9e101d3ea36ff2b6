// The map: which standards, points and answer key go with each question of a download. It has the
// shape of an assessment YAML (each item may name its source `column:`); a list of them maps a file
// holding several assignments (Canvas, OneRoster). A template beside the source file is written when
// none is given, and found there on the next run.
import { basename, dirname, join } from 'node:path';
import { genericIdProblem, isValidDate, slugify } from '../domain/ids.ts';
import { compareText } from '../domain/numbers.ts';
import { normalizeAnswer } from '../domain/answers.ts';
import { ASSESSMENT_KINDS, type Assessment, type AssessmentKind, type Diagnostic, type Source } from '../domain/types.ts';
import { Fields } from '../store/fields.ts';
import { parseYamlText } from '../store/yaml.ts';
import type { RawAssessment, RawColumn, RawResult } from './raw.ts';
import { describeFormat } from './detect.ts';
import { fileStem } from './source-meta.ts';

export interface MapItem {
  id?: string;
  column?: string;
  standards?: string[];
  points?: number;
  key?: string[];
  keyAll?: string[];
  source: Source;
}

export interface MapEntry {
  id?: string;
  title?: string;
  date?: string;
  kind?: AssessmentKind;
  retakeOf?: string | null;
  items: MapItem[];
  /** Question columns to leave out (ungraded questions). */
  ignore: string[];
  /** Where it came from, for messages: a map file, or an assessment reused by title. */
  from: string;
  source: Source;
}

const ENTRY_KEYS = ['id', 'title', 'date', 'kind', 'retakeOf', 'items', 'ignore', 'source'];
const ITEM_KEYS = ['id', 'column', 'standards', 'points', 'key', 'keyAll'];

function entryAt(f: Fields, base: (string | number)[], file: string): MapEntry {
  f.unknownKeys(base, ENTRY_KEYS);
  const date = f.has([...base, 'date']) ? f.text([...base, 'date']) : undefined;
  if (date && !isValidDate(date)) f.error([...base, 'date'], `date ${JSON.stringify(date)} is not a date like 2026-11-20`, 'write the date as YYYY-MM-DD');
  const items = f.list([...base, 'items'], 'items').map((_, i): MapItem | undefined => {
    const p = [...base, 'items', i];
    if (!f.isMap(p)) {
      f.error(p, 'each item should be a mapping with id, column, standards, points and key');
      return undefined;
    }
    f.unknownKeys(p, ITEM_KEYS);
    const item: MapItem = { source: f.at(p) };
    if (f.has([...p, 'id'])) {
      item.id = f.text([...p, 'id'], { id: true });
      const problem = genericIdProblem(item.id);
      if (problem) f.error([...p, 'id'], `item id ${JSON.stringify(item.id)}: ${problem}`);
    }
    if (f.has([...p, 'column'])) item.column = f.text([...p, 'column']);
    if (f.has([...p, 'standards'])) item.standards = f.texts([...p, 'standards'], { id: true });
    if (f.has([...p, 'points'])) {
      item.points = f.number([...p, 'points'], { fallback: 1 });
      if (!(item.points > 0)) f.error([...p, 'points'], `an item's points must be above 0 (found ${item.points})`);
    }
    // `key: ""` in an unfilled template is no key at all.
    const key = f.texts([...p, 'key']).filter((k) => k.trim() !== '');
    const keyAll = f.texts([...p, 'keyAll']).filter((k) => k.trim() !== '');
    if (key.length) item.key = key;
    if (keyAll.length) item.keyAll = keyAll;
    return item;
  }).filter((x): x is MapItem => !!x);
  const retake = f.get([...base, 'retakeOf']);
  return {
    ...(f.has([...base, 'id']) ? { id: f.text([...base, 'id'], { id: true }) } : {}),
    ...(f.has([...base, 'title']) ? { title: f.text([...base, 'title']) } : {}),
    ...(date ? { date } : {}),
    ...(f.has([...base, 'kind']) ? { kind: f.oneOf<AssessmentKind>([...base, 'kind'], ASSESSMENT_KINDS, 'quiz') } : {}),
    ...(retake === null || retake === undefined || retake === '' ? {} : { retakeOf: f.text([...base, 'retakeOf'], { id: true }) }),
    items,
    ignore: f.texts([...base, 'ignore']),
    from: file,
    source: f.at(base),
  };
}

/** One entry (a mapping), several (a list, or `assessments:`). */
export function parseMapText(text: string, file: string): { entries: MapEntry[]; diagnostics: Diagnostic[] } {
  const { yaml, diagnostics } = parseYamlText(text, file);
  if (!yaml) return { entries: [], diagnostics };
  const f = new Fields(yaml, diagnostics, 'map');
  const data = yaml.data;
  if (Array.isArray(data)) return { entries: data.map((_, i) => entryAt(f, [i], file)), diagnostics };
  if (f.isMap([]) && Array.isArray(f.get(['assessments']))) return { entries: f.list(['assessments'], 'assessments').map((_, i) => entryAt(f, ['assessments', i], file)), diagnostics };
  if (!f.isMap([])) {
    f.error([], 'a map should be a mapping like an assessment file (title, items with column, standards, points, key)');
    return { entries: [], diagnostics };
  }
  return { entries: [entryAt(f, [], file)], diagnostics };
}

/** An assessment already in the folder, reused as the map for a file with the same title. */
export function mapFromAssessment(a: Assessment): MapEntry {
  return {
    title: a.title, kind: a.kind,
    items: a.items.map((it) => ({
      id: it.id, standards: it.standards, points: it.points, source: it.source,
      ...(it.column ? { column: it.column } : {}), ...(it.key ? { key: it.key } : {}), ...(it.keyAll ? { keyAll: it.keyAll } : {}),
    })),
    ignore: [], from: `${a.source.file} (same title)`, source: a.source,
  };
}

/** Where a map for `sourcePath` lives: "Exit ticket 11-20 (Responses).csv" → "Exit ticket 11-20.map.yaml" beside it. */
export function mapPathBeside(sourcePath: string, isFolder = false): string {
  return isFolder ? join(sourcePath, 'pathbook.map.yaml') : join(dirname(sourcePath), `${fileStem(basename(sourcePath))}.map.yaml`);
}

/** An item id from a column: q1, q2… for questions; the item's own name when it is already a safe id. */
export function defaultItemId(col: RawColumn, position: number, raw: RawResult, single: boolean): string {
  if (single) return 'score';
  if (raw.format === 'google-forms') return `q${position + 1}`;
  const own = col.header.trim();
  if (own && !genericIdProblem(own) && own.length <= 32) return own;
  const slug = slugify(col.title, 24);
  return slug !== 'untitled' && !genericIdProblem(slug) ? slug : `q${position + 1}`;
}

const q = (s: string) => JSON.stringify(s);

function answerHint(raw: RawResult, col: RawColumn): string {
  const counts = new Map<string, { text: string; n: number }>();
  for (const s of raw.students) {
    const t = (s.cells[col.index] ?? '').trim();
    if (!t) continue;
    const k = normalizeAnswer(t);
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { text: t, n: 1 });
  }
  const top = [...counts.values()].sort((a, b) => b.n - a.n || compareText(a.text, b.text)).slice(0, 4);
  return top.length ? `   # answers given: ${top.map((c) => `${q(c.text.length > 40 ? c.text.slice(0, 40) + '…' : c.text)} ×${c.n}`).join(', ')}` : '';
}

/** A ready-to-fill map for the assessments of `raw` that have none: every question, with what the file already says. */
export function mapTemplate(raw: RawResult, groups: readonly RawAssessment[], command: string, standardsHint: string): string {
  const many = groups.length > 1;
  const out: string[] = [
    `# pathbook map for ${q(raw.fileName)} (${describeFormat(raw.format)}).`,
    '# Fill in each item\'s standards (ids from standards.yaml)' + (raw.columns.some((c) => c.holds === 'answers') ? ', its points and the answer key' : ' and check its points') + ', then run',
    `#   ${command}`,
    '# again: this file is read from beside the export. `key` may list several accepted answers, e.g. ["8", "8 cups"];',
    '# a checkbox question that needs every right choice uses keyAll: [..]. To leave a question out, delete its item and',
    '# put its column under `ignore:`.',
    `# Standards in this gradebook: ${standardsHint}`,
  ];
  const ind = many ? '  ' : '';
  for (const g of groups) {
    const cols = g.columns.map((i) => raw.columns[i]!).filter((c) => c.role === 'question');
    out.push(many ? `- title: ${q(g.title)}` : `title: ${q(g.title)}`);
    if (!many) out.push(`kind: ${/exit/i.test(g.title) ? 'exit-ticket' : 'quiz'}`);
    out.push(`${ind}ignore: []`);
    out.push(`${ind}items:`);
    cols.forEach((c, i) => {
      out.push(`${ind}  - id: ${defaultItemId(c, i, raw, cols.length === 1 && many)}`);
      out.push(`${ind}    column: ${q(c.header)}`);
      out.push(`${ind}    standards: [${(c.standards ?? []).join(', ')}]${c.standards?.length ? '' : '   # e.g. [' + standardsHint.split(', ')[0] + ']'}`);
      out.push(`${ind}    points: ${c.pointsPossible ?? 1}`);
      if (c.holds === 'answers') out.push(`${ind}    key: ""${answerHint(raw, c)}`);
    });
  }
  return out.join('\n') + '\n';
}
