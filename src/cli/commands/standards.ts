// pathbook standards: list the standards tracked, and (standards import) bring them in from CSV or CASE.
import type { Command } from 'commander';
import { renderTable } from '../../render/table.ts';
import type { CliContext } from '../context.ts';

export function register(program: Command, ctx: CliContext): void {
  const standards = program.command('standards')
    .summary('list standards, or import them')
    .description('The standards tracked, in standards.yaml.');

  standards.command('list')
    .summary('list the standards in curriculum order')
    .option('--unit <unit>', 'only this unit')
    .addHelpText('after', `
Examples:
  $ pathbook standards list
  $ pathbook standards list --unit ratios --json`)
    .action(async (opts: { unit?: string }) => {
      const { book } = await ctx.loadBook();
      const list = book.standards.filter((s) => !opts.unit || s.unit === opts.unit);
      if (ctx.globals.json) {
        ctx.json({ standards: list.map((s) => ({ id: s.id, statement: s.statement, student_statement: s.studentStatement, unit: s.unit, prerequisites: s.prerequisites })) });
        return;
      }
      if (!list.length) {
        ctx.out(opts.unit ? `No standards in unit ${opts.unit}.` : 'No standards yet: add them with `pathbook standards import <file>`.');
        return;
      }
      ctx.out(renderTable(['id', 'unit', 'statement', 'prerequisites'], list.map((s) => [s.id, s.unit, s.statement, s.prerequisites.join(', ')])).trimEnd());
    });
}
