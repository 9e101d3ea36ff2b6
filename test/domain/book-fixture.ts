// Small gradebooks for domain tests, built from inline file texts through the real parsers and checks.
import { checkBook } from '../../src/domain/checks.ts';
import type { Assessment, Book, Diagnostic } from '../../src/domain/types.ts';
import { parseAssessmentYaml, parseScores } from '../../src/store/assessment-store.ts';
import { parseObservations } from '../../src/store/observations-store.ts';
import { parseRoster } from '../../src/store/roster-store.ts';
import { parseSettings } from '../../src/store/settings-store.ts';
import { parseStandards } from '../../src/store/standards-store.ts';

export interface BookFiles {
  settings?: string;
  roster: string;
  standards: string;
  /** Keyed by file base name: [yaml, csv]. */
  assessments?: Record<string, [string, string]>;
  observations?: string;
}

const bytes = (s: string) => new TextEncoder().encode(s);
/** Strips the common indentation of a template literal, so fixtures can be indented in the test. */
export function dedent(s: string): string {
  const lines = s.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

/** The Book the loader would build from these files; throws on any error diagnostic. */
export function bookFrom(files: BookFiles): Book {
  const diagnostics: Diagnostic[] = [];
  const { settings, diagnostics: sd } = parseSettings(dedent(files.settings ?? ''));
  diagnostics.push(...sd);
  const roster = parseRoster(bytes(dedent(files.roster)));
  diagnostics.push(...roster.diagnostics);
  const standards = parseStandards(dedent(files.standards), 'standards.yaml', settings.mastery);
  diagnostics.push(...standards.diagnostics);
  const assessments: Assessment[] = [];
  for (const [base, [yaml, csv]] of Object.entries(files.assessments ?? {})) {
    const head = parseAssessmentYaml(dedent(yaml), `assessments/${base}.yaml`);
    diagnostics.push(...head.diagnostics);
    if (!head.assessment) continue;
    const scores = parseScores(bytes(dedent(csv)), `assessments/${base}.csv`, head.assessment.items);
    diagnostics.push(...scores.diagnostics);
    assessments.push({ ...head.assessment, scores: scores.scores });
  }
  const obs = files.observations ? parseObservations(bytes(dedent(files.observations))) : { observations: [], diagnostics: [] };
  diagnostics.push(...obs.diagnostics);
  const book: Book = { settings, students: roster.students, standards: standards.standards, assessments, observations: obs.observations, activities: [], profiles: [] };
  diagnostics.push(...checkBook(book));
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => `${d.source?.file}:${d.source?.line}: ${d.message}`).join('\n'));
  return book;
}

/** An assessment's YAML from a compact item list: [id, standards, points]. */
export function assessmentYaml(id: string, items: [string, string[], number][], extra: { retakeOf?: string; title?: string } = {}): string {
  const date = id.slice(0, 10);
  return [
    `id: ${id}`, `title: "${extra.title ?? id}"`, `date: ${date}`, 'kind: quiz', `retakeOf: ${extra.retakeOf ?? 'null'}`, 'items:',
    ...items.map(([iid, stds, pts]) => `  - { id: ${iid}, standards: [${stds.join(', ')}], points: ${pts} }`),
  ].join('\n') + '\n';
}
