// assessments/<id>.responses.csv: what each student answered (for sources that export answers), kept
// for distractor analysis. Students type these, so the file is written with spreadsheet formulas
// defused (a leading ' before = + - @), and read back without that quote. The loader skips it.
import { compareText } from '../domain/numbers.ts';
import type { Responses } from '../domain/analysis.ts';
import { csvText, parseCsvBytes, restoreFormula } from './csv.ts';

export function responsesFile(assessmentId: string): string {
  return `assessments/${assessmentId}.responses.csv`;
}

export function responsesCsvText(itemIds: readonly string[], responses: ReadonlyMap<string, Readonly<Record<string, string>>>): string {
  const rows = [...responses].sort((a, b) => compareText(a[0], b[0])).map(([sid, r]) => [sid, ...itemIds.map((id) => r[id] ?? '')]);
  return csvText(['student_id', ...itemIds], rows, { escapeFormulas: true });
}


export function parseResponses(buf: Uint8Array, file: string): Responses {
  const out = new Map<string, Record<string, string>>();
  const { table } = parseCsvBytes(buf, file);
  if (!table) return out;
  const sid = table.header.indexOf('student_id');
  if (sid < 0) return out;
  for (const row of table.rows) {
    const r: Record<string, string> = {};
    table.header.forEach((h, i) => { if (i !== sid) r[h] = restoreFormula(row.values[i] ?? ''); });
    out.set((row.values[sid] ?? '').trim(), r);
  }
  return out;
}
