// assessments/<id>.yaml (what was measured) and assessments/<id>.csv (points earned; blank = not taken).
import { isValidDate } from '../domain/ids.ts';
import { compareText, formatPoints } from '../domain/numbers.ts';
import { ASSESSMENT_KINDS, type Assessment, type AssessmentKind, type Diagnostic, type Item, type ScoreRow } from '../domain/types.ts';
import { csvText, parseCsvBytes } from './csv.ts';
import { Fields } from './fields.ts';
import { parseYamlText, yamlText } from './yaml.ts';
import { ASSESSMENTS_DIR } from './files.ts';

export { ASSESSMENTS_DIR } from './files.ts';

export type AssessmentHead = Omit<Assessment, 'scores'>;

export function parseAssessmentYaml(text: string, file: string): { assessment?: AssessmentHead; diagnostics: Diagnostic[] } {
  const { yaml, diagnostics } = parseYamlText(text, file);
  if (!yaml) return { diagnostics };
  const f = new Fields(yaml, diagnostics, 'assessment');
  if (!f.isMap([])) {
    f.error([], 'an assessment file should be a mapping with id, title, date, kind and items');
    return { diagnostics };
  }
  f.unknownKeys([], ['id', 'title', 'date', 'kind', 'retakeOf', 'items', 'source']);
  const date = f.text(['date'], { required: true });
  if (date && !isValidDate(date)) f.error(['date'], `date ${JSON.stringify(date)} is not a date like 2026-11-20`, 'write the date as YYYY-MM-DD');
  const items: Item[] = f.list(['items'], 'items').map((_, i): Item | undefined => {
    if (!f.isMap(['items', i])) {
      f.error(['items', i], 'each item should be a mapping with id, standards and points');
      return undefined;
    }
    f.unknownKeys(['items', i], ['id', 'standards', 'points', 'key', 'keyAll', 'column']);
    const points = f.number(['items', i, 'points'], { required: true, fallback: 1 });
    if (!(points > 0)) f.error(['items', i, 'points'], `an item's points must be above 0 (found ${points})`);
    return {
      id: f.text(['items', i, 'id'], { required: true, id: true }),
      standards: f.texts(['items', i, 'standards'], { id: true }),
      points,
      key: f.has(['items', i, 'key']) ? f.texts(['items', i, 'key']) : undefined,
      keyAll: f.has(['items', i, 'keyAll']) ? f.texts(['items', i, 'keyAll']) : undefined,
      column: f.has(['items', i, 'column']) ? f.text(['items', i, 'column']) : undefined,
      source: f.at(['items', i]),
    };
  }).filter((x): x is Item => !!x);
  if (!f.has(['items'])) f.error([], 'the assessment has no `items:`', 'list its items with their standards and points');
  const origin = f.isMap(['source']) ? {
    format: f.text(['source', 'format'], { fallback: 'manual' }),
    file: f.has(['source', 'file']) ? f.text(['source', 'file']) : undefined,
    sha256: f.has(['source', 'sha256']) ? f.text(['source', 'sha256']) : undefined,
  } : undefined;
  const retake = f.get(['retakeOf']);
  return {
    assessment: {
      id: f.text(['id'], { required: true, id: true }),
      title: f.text(['title'], { fallback: '' }),
      date,
      kind: f.oneOf<AssessmentKind>(['kind'], ASSESSMENT_KINDS, 'quiz'),
      retakeOf: retake === null || retake === undefined || retake === '' ? null : f.text(['retakeOf'], { id: true }),
      items, origin, source: { file, line: 1 },
    },
    diagnostics,
  };
}

/** Scores, with cells that are not numbers reported; checks against the items' points are in domain/checks. */
export function parseScores(buf: Uint8Array, file: string, items: readonly Item[]): { scores: ScoreRow[]; diagnostics: Diagnostic[] } {
  const { table, diagnostics } = parseCsvBytes(buf, file);
  if (!table) return { scores: [], diagnostics };
  const sid = table.header.indexOf('student_id');
  if (sid < 0) {
    diagnostics.push({ check: 'scores', severity: 'error', source: { file, line: 1 }, message: 'the scores file has no `student_id` column', hint: 'its header must be student_id followed by the item ids' });
    return { scores: [], diagnostics };
  }
  const itemIds = new Set(items.map((i) => i.id));
  const unknown = table.header.map((h, i) => ({ h, i })).filter(({ h, i }) => i !== sid && !itemIds.has(h));
  const hint = `add it to the items in ${file.replace(/\.csv$/, '.yaml')} or remove the column`;
  // A few are named one by one; thousands (a wrong file saved over this one) are summed up.
  for (const { h, i } of unknown.slice(0, 5)) {
    diagnostics.push({ check: 'scores', severity: 'error', source: { file, line: 1, column: i + 1 }, message: `column ${JSON.stringify(h)} is not an item of this assessment`, hint });
  }
  if (unknown.length > 5) {
    const rest = unknown.slice(5);
    diagnostics.push({ check: 'scores', severity: 'error', source: { file, line: 1, column: rest[0]!.i + 1 }, message: `${rest.length} more columns are not items of this assessment (${rest.slice(0, 3).map(({ h }) => JSON.stringify(h)).join(', ')}, …)`, hint: 'is this the right file? remove the extra columns' });
  }
  const scores: ScoreRow[] = [];
  const columns = items.map((item) => table.header.indexOf(item.id));
  for (const row of table.rows) {
    const studentId = (row.values[sid] ?? '').trim();
    const points: Record<string, number | null> = {};
    for (const [k, item] of items.entries()) {
      const ci = columns[k]!;
      const raw = ci >= 0 ? (row.values[ci] ?? '').trim() : '';
      if (raw === '') {
        points[item.id] = null;
        continue;
      }
      const n = Number(raw);
      if (!Number.isFinite(n)) {
        diagnostics.push({ check: 'scores', severity: 'error', source: { file, line: row.line, column: ci + 1 }, message: `${item.id} for ${studentId}: ${JSON.stringify(raw)} is not a number`, hint: 'write the points earned, or leave the cell blank if the item was not taken' });
        points[item.id] = null;
        continue;
      }
      points[item.id] = n;
    }
    scores.push({ studentId, points, source: { file, line: row.line } });
  }
  return { scores, diagnostics };
}

export function assessmentYamlText(a: AssessmentHead): string {
  const o: Record<string, unknown> = {
    id: a.id, title: a.title, date: a.date, kind: a.kind, retakeOf: a.retakeOf,
    items: a.items.map((it) => {
      const x: Record<string, unknown> = { id: it.id, standards: it.standards, points: it.points };
      if (it.key) x.key = it.key.length === 1 ? it.key[0] : it.key;
      if (it.keyAll) x.keyAll = it.keyAll;
      if (it.column) x.column = it.column;
      return x;
    }),
  };
  if (a.origin) {
    const s: Record<string, unknown> = { format: a.origin.format };
    if (a.origin.file) s.file = a.origin.file;
    if (a.origin.sha256) s.sha256 = a.origin.sha256;
    o.source = s;
  }
  return yamlText(o);
}

export function scoresCsvText(a: Pick<Assessment, 'items' | 'scores'>): string {
  const rows = [...a.scores].sort((x, y) => compareText(x.studentId, y.studentId))
    .map((r) => [r.studentId, ...a.items.map((it) => {
      const p = r.points[it.id];
      return p === null || p === undefined ? '' : formatPoints(p);
    })]);
  return csvText(['student_id', ...a.items.map((i) => i.id)], rows);
}
