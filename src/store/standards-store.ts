// standards.yaml: the standards tracked, in curriculum order.
import { DEFAULT_N, DEFAULT_W } from '../domain/settings.ts';
import { METHODS, type Diagnostic, type MethodName, type RollupRule, type Standard } from '../domain/types.ts';
import { Fields } from './fields.ts';
import { parseYamlText, yamlText } from './yaml.ts';

export const STANDARDS_FILE = 'standards.yaml';

export function parseStandards(text: string, file = STANDARDS_FILE, defaults: { method?: MethodName; w: number; n: number } = { w: DEFAULT_W, n: DEFAULT_N }): { standards: Standard[]; diagnostics: Diagnostic[] } {
  const { yaml, diagnostics } = parseYamlText(text, file);
  if (!yaml || yaml.data === null || yaml.data === undefined) return { standards: [], diagnostics };
  const f = new Fields(yaml, diagnostics, 'standards');
  const standards: Standard[] = [];
  f.list([], 'standards.yaml').forEach((_, i) => {
    if (!f.isMap([i])) {
      f.error([i], 'each standard should be a mapping with at least `id:` and `statement:`');
      return;
    }
    f.unknownKeys([i], ['id', 'statement', 'student_statement', 'unit', 'prerequisites', 'children', 'rollup', 'method', 'w', 'n', 'case_id']);
    // A standard may set its method, its parameters, or both (DESIGN.md: "overridable per standard");
    // what it leaves out comes from pathbook.yaml.
    const own = f.has([i, 'method']) || f.has([i, 'w']) || f.has([i, 'n']);
    const method = f.has([i, 'method']) ? f.oneOf<MethodName>([i, 'method'], METHODS, 'decaying-average') : (defaults.method ?? 'decaying-average');
    standards.push({
      id: f.text([i, 'id'], { required: true, id: true }),
      statement: f.text([i, 'statement']),
      studentStatement: f.text([i, 'student_statement']),
      unit: f.text([i, 'unit']),
      prerequisites: f.texts([i, 'prerequisites'], { id: true }),
      children: f.texts([i, 'children'], { id: true }),
      rollup: f.has([i, 'rollup']) ? f.oneOf<RollupRule>([i, 'rollup'], ['all-mastered', 'mean', 'min'], 'mean') : undefined,
      method: own ? {
        method,
        w: f.number([i, 'w'], { fallback: defaults.w, min: 0.01, max: 0.99 }),
        n: f.number([i, 'n'], { fallback: defaults.n, min: 1, max: 10, integer: true }),
      } : undefined,
      caseId: f.has([i, 'case_id']) ? f.text([i, 'case_id']) : undefined,
      source: f.at([i]),
    });
  });
  return { standards, diagnostics };
}

export function standardsText(standards: readonly Standard[]): string {
  return yamlText(standards.map((s) => {
    const o: Record<string, unknown> = { id: s.id, statement: s.statement, student_statement: s.studentStatement, unit: s.unit, prerequisites: s.prerequisites };
    if (s.children.length) o.children = s.children;
    if (s.rollup) o.rollup = s.rollup;
    if (s.method) Object.assign(o, { method: s.method.method, w: s.method.w, n: s.method.n });
    if (s.caseId) o.case_id = s.caseId;
    return o;
  }));
}
