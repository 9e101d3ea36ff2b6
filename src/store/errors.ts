// Errors a user can cause: they carry an exit code (DESIGN.md § Exit codes) and print without a stack.
import type { Diagnostic, Source } from '../domain/types.ts';

export const EXIT = { ok: 0, data: 1, usage: 2, locked: 3 } as const;

export class UserError extends Error {
  readonly exitCode: number;
  readonly hint?: string;
  readonly source?: Source;
  readonly diagnostics: Diagnostic[];
  constructor(message: string, opts: { hint?: string; source?: Source; exitCode?: number; diagnostics?: Diagnostic[] } = {}) {
    super(message);
    this.name = 'UserError';
    this.exitCode = opts.exitCode ?? EXIT.data;
    this.hint = opts.hint;
    this.source = opts.source;
    this.diagnostics = opts.diagnostics ?? [];
  }
}

export class UsageError extends UserError {
  constructor(message: string, hint?: string) {
    super(message, { hint, exitCode: EXIT.usage });
    this.name = 'UsageError';
  }
}

export class LockedError extends UserError {
  constructor(message: string, hint?: string) {
    super(message, { hint, exitCode: EXIT.locked });
    this.name = 'LockedError';
  }
}

/** A failed check as an error: the first error diagnostic leads, the rest ride along. */
export function errorFromDiagnostics(diags: Diagnostic[]): UserError {
  const errors = diags.filter((d) => d.severity === 'error');
  const first = errors[0]!;
  return new UserError(first.message, { hint: first.hint, source: first.source, diagnostics: errors });
}

export function formatSource(s: Source | undefined): string {
  if (!s) return '';
  return s.column ? `${s.file}:${s.line}:${s.column}` : `${s.file}:${s.line}`;
}
