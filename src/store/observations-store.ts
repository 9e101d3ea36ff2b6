// observations.csv: student_id,standard,date,score,source,note — evidence that is not an assessment.
import { isValidDate } from '../domain/ids.ts';
import { formatPoints } from '../domain/numbers.ts';
import type { Diagnostic, Observation } from '../domain/types.ts';
import { csvText, parseCsvBytes } from './csv.ts';
import { OBSERVATIONS_FILE } from './files.ts';

export { OBSERVATIONS_FILE } from './files.ts';
export const OBSERVATION_COLUMNS = ['student_id', 'standard', 'date', 'score', 'source', 'note'] as const;

export function parseObservations(buf: Uint8Array, file = OBSERVATIONS_FILE): { observations: Observation[]; diagnostics: Diagnostic[] } {
  const { table, diagnostics } = parseCsvBytes(buf, file);
  if (!table) return { observations: [], diagnostics: diagnostics.filter((d) => d.message !== 'the file is empty') };
  const col = (n: string) => table.header.indexOf(n);
  const missing = ['student_id', 'standard', 'date', 'score'].filter((c) => col(c) < 0);
  if (missing.length) {
    diagnostics.push({ check: 'observations', severity: 'error', source: { file, line: 1 }, message: `observations.csv lacks ${missing.join(', ')}`, hint: `its header must be: ${OBSERVATION_COLUMNS.join(',')}` });
    return { observations: [], diagnostics };
  }
  const observations: Observation[] = [];
  table.rows.forEach((row, index) => {
    const get = (n: string) => (col(n) >= 0 ? (row.values[col(n)] ?? '').trim() : '');
    const source = { file, line: row.line };
    const date = get('date');
    const scoreText = get('score');
    const score = Number(scoreText);
    if (!isValidDate(date)) {
      diagnostics.push({ check: 'observations', severity: 'error', source, message: `date ${JSON.stringify(date)} is not a date like 2026-11-20`, hint: 'write the date as YYYY-MM-DD' });
      return;
    }
    if (scoreText === '' || !Number.isFinite(score)) {
      diagnostics.push({ check: 'observations', severity: 'error', source, message: `score ${JSON.stringify(scoreText)} is not a number`, hint: 'write a score on the mastery scale, e.g. 3 or 2.5' });
      return;
    }
    observations.push({ studentId: get('student_id'), standard: get('standard'), date, score, kind: get('source') || 'observation', note: col('note') >= 0 ? (row.values[col('note')] ?? '') : '', index, source });
  });
  return { observations, diagnostics };
}

/** Observations keep their file order: it orders evidence on the same date (DESIGN.md). */
export function observationsText(observations: readonly Observation[]): string {
  return csvText(OBSERVATION_COLUMNS, observations.map((o) => [o.studentId, o.standard, o.date, formatPoints(o.score), o.kind, o.note]));
}
