// Problems as people read them: `file:line:col: error: message` then `  hint: …` (bean-check's shape).
import type { Diagnostic } from '../domain/types.ts';
import { formatSource } from '../store/errors.ts';
import type { Style } from './style.ts';

export function renderDiagnostic(d: Diagnostic, style: Style): string {
  const where = d.source ? `${formatSource(d.source)}: ` : '';
  const sev = d.severity === 'error' ? style.c.red('error') : style.c.yellow('warning');
  return `${where}${sev}: ${d.message}\n` + (d.hint ? `  hint: ${d.hint}\n` : '');
}

export function diagnosticJson(d: Diagnostic): Record<string, unknown> {
  return {
    file: d.source?.file ?? null, line: d.source?.line ?? null, column: d.source?.column ?? null,
    severity: d.severity, check: d.check, message: d.message, hint: d.hint ?? null,
  };
}
