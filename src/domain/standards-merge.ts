// Merging standards from a curriculum file into standards.yaml: new ones are appended in the file's
// order, known ones get the file's wording, and nothing the teacher wrote is blanked or reordered.
import { fileNameKey, genericIdProblem } from './ids.ts';
import type { Diagnostic, Source, Standard } from './types.ts';

/** A standard as an importer read it; '' (or undefined prerequisites) where the file does not say. */
export interface ImportedStandard {
  id: string;
  statement: string;
  studentStatement: string;
  unit: string;
  prerequisites?: string[];
  /** The CASE CFItem identifier (OneRoster 1.2 results point at it). */
  caseId?: string;
  source: Source;
}

export type StandardField = 'statement' | 'student_statement' | 'unit' | 'prerequisites' | 'case_id';

export interface StandardChange {
  field: StandardField;
  from: string;
  to: string;
}

export interface StandardsMerge {
  added: ImportedStandard[];
  updated: { id: string; changes: StandardChange[]; set: Partial<Record<StandardField, string | string[]>> }[];
  unchanged: string[];
  diagnostics: Diagnostic[];
}

export function mergeStandards(existing: readonly Standard[], incoming: readonly ImportedStandard[], opts: { unit?: string } = {}): StandardsMerge {
  const result: StandardsMerge = { added: [], updated: [], unchanged: [], diagnostics: [] };
  const err = (source: Source, message: string, hint: string) => result.diagnostics.push({ check: 'standards-import', severity: 'error', source, message, hint });
  const known = new Map(existing.map((s) => [s.id, s]));
  const knownKeys = new Map(existing.map((s) => [fileNameKey(s.id), s]));
  const seen = new Map<string, ImportedStandard>();
  for (const r of incoming) {
    const problem = genericIdProblem(r.id);
    if (problem) {
      err(r.source, `standard code ${JSON.stringify(r.id)} cannot be used: ${problem}`, 'write the code with letters, digits and dots, like 6.RP.A.1');
      continue;
    }
    const first = seen.get(r.id);
    if (first) {
      err(r.source, `standard ${r.id} appears twice in the file (first at line ${first.source.line})`, 'keep one row per standard');
      continue;
    }
    seen.set(r.id, r);
    const clash = knownKeys.get(fileNameKey(r.id));
    if (clash && clash.id !== r.id) err(r.source, `standard ${JSON.stringify(r.id)} differs from ${JSON.stringify(clash.id)} in ${clash.source.file}:${clash.source.line} only by letter case`, `write it as ${clash.id}`);
  }
  for (const r of incoming) {
    for (const p of r.prerequisites ?? []) {
      if (!known.has(p) && !seen.has(p)) err(r.source, `${r.id} lists the prerequisite ${p}, which is neither in the file nor in standards.yaml`, 'add that standard to the file, or remove the prerequisite');
      if (p === r.id) err(r.source, `${r.id} lists itself as a prerequisite`, 'remove it from its own prerequisites');
    }
  }
  if (result.diagnostics.length) return result;

  for (const raw of incoming) {
    const r = opts.unit && !raw.unit ? { ...raw, unit: opts.unit } : raw;
    const s = known.get(r.id);
    if (!s) {
      result.added.push(r);
      continue;
    }
    const changes: StandardChange[] = [];
    const set: Partial<Record<StandardField, string | string[]>> = {};
    // A blank in the file means "the file does not say": the teacher's wording stays.
    const text = (field: StandardField, from: string, to: string) => {
      if (to !== '' && to !== from) {
        changes.push({ field, from, to });
        set[field] = to;
      }
    };
    text('statement', s.statement, r.statement);
    text('student_statement', s.studentStatement, r.studentStatement);
    text('unit', s.unit, r.unit);
    if (r.caseId) text('case_id', s.caseId ?? '', r.caseId);
    if (r.prerequisites?.length && r.prerequisites.join(' ') !== s.prerequisites.join(' ')) {
      changes.push({ field: 'prerequisites', from: s.prerequisites.join(', '), to: r.prerequisites.join(', ') });
      set.prerequisites = r.prerequisites;
    }
    if (changes.length) result.updated.push({ id: r.id, changes, set });
    else result.unchanged.push(r.id);
  }
  return result;
}
