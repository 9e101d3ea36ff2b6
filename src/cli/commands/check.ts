// pathbook check: validate the whole folder and point at file:line for each problem (bean-check).
import type { Command } from 'commander';
import { diagnosticJson, renderDiagnostic } from '../../render/diagnostics.ts';
import type { CliContext } from '../context.ts';

export function register(program: Command, ctx: CliContext): void {
  program.command('check')
    .summary('validate every file in the gradebook')
    .description('Validate every file: ids, columns, scores against points, alignments,\nprerequisites, the mastery scale. Each problem prints as file:line:col with a\nhint. Exits 1 on any error.')
    .addHelpText('after', `
Examples:
  $ pathbook check
  $ pathbook check --json | jq '.diagnostics[] | select(.severity == "error")'`)
    .action(async () => {
      const { book, diagnostics } = await ctx.loadBook({ allowErrors: true });
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = diagnostics.length - errors;
      if (errors) ctx.exitCode = 1;
      if (ctx.globals.json) {
        ctx.json({ ok: errors === 0, errors, warnings, diagnostics: diagnostics.map(diagnosticJson) });
        return;
      }
      for (const d of diagnostics) ctx.out(renderDiagnostic(d, ctx.style).trimEnd());
      const counts = `${book.students.length} students, ${book.standards.length} standards, ${book.assessments.length} assessments, ${book.observations.length} observations`;
      const verdict = errors ? ctx.style.c.red(`${errors} error${errors === 1 ? '' : 's'}`) : ctx.style.c.green('ok');
      ctx.out(`${verdict}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''} (${counts})`);
    });
}
