// Reads what `standards import` is given — a CSV or a CASE package (JSON) — as a list of standards.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { normalizeStandardCode } from '../domain/standard-codes.ts';
import { parseCsvBytes } from '../store/csv.ts';
import { UserError } from '../store/errors.ts';
import { decodeText, looksBinary } from '../store/text.ts';
import { looksLikeJson, parseCasePackage } from './case-json.ts';
import { parseStandardsCsv, type StandardsParse } from './standards-csv.ts';

export function readStandardsSource(path: string, shown: string, opts: { only?: string[] } = {}): StandardsParse {
  if (!existsSync(path)) throw new UserError(`cannot find ${shown}`, { hint: 'check the path; put it in quotes if it has spaces' });
  if (statSync(path).isDirectory()) throw new UserError(`${shown} is a folder`, { hint: 'give a CSV of standards or a CASE package (.json)' });
  const bytes = readFileSync(path);
  const text = decodeText(bytes).text;
  if (!looksBinary(text) && looksLikeJson(text)) return parseCasePackage(text, shown, opts);
  const { table, diagnostics } = parseCsvBytes(bytes, shown);
  if (!table) return { format: 'csv', rows: [], diagnostics, notes: [] };
  const parsed = parseStandardsCsv(table);
  const only = (opts.only ?? []).map(normalizeStandardCode);
  if (!only.length) return { ...parsed, diagnostics: [...diagnostics, ...parsed.diagnostics] };
  const rows = parsed.rows.filter((r) => only.some((p) => r.id === p || r.id.startsWith(`${p}.`)));
  return { ...parsed, rows, diagnostics: [...diagnostics, ...parsed.diagnostics], notes: [...parsed.notes, ...(rows.length < parsed.rows.length ? [`Left out ${parsed.rows.length - rows.length} standards outside --only.`] : [])] };
}
