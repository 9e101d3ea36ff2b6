// pathbook explain <student> <standard>: how one mastery figure was reached, step by step.
import type { Command } from 'commander';
import { explainMastery } from '../../domain/mastery/explain.ts';
import { explanationJson, renderExplanation } from '../../render/explain.ts';
import { UserError } from '../../store/errors.ts';
import { masteryRow } from '../../store/mastery-store.ts';
import type { CliContext } from '../context.ts';
import { addMethodOptions, methodOptions, type MethodCliOptions } from './mastery.ts';

export function register(program: Command, ctx: CliContext): void {
  const cmd = program.command('explain')
    .summary('show how a student\'s mastery of a standard was worked out')
    .description('Each piece of evidence in order with its file and row, the points behind it, what a retake replaced, the calculation step by step, the level, and what every other method would give. The figure is the one `pathbook mastery` shows with the same options.')
    .argument('<student>', 'student id, e.g. S005')
    .argument('<standard>', 'standard id, e.g. 6.RP.A.3');
  addMethodOptions(cmd)
    .addHelpText('after', `
Examples:
  $ pathbook explain S005 6.RP.A.3
  $ pathbook explain S007 6.RP.A.1 --method power-law
  $ pathbook explain S014 6.EE.A.3 --as-of 2026-11-10 --json`)
    .action(async (studentId: string, standardId: string, opts: MethodCliOptions) => {
      const { book } = await ctx.loadBook();
      const student = book.students.find((s) => s.id === studentId);
      if (!student) throw new UserError(`unknown student ${JSON.stringify(studentId)}`, { hint: 'see `pathbook roster list` for the ids', exitCode: 2 });
      const standard = book.standards.find((s) => s.id === standardId);
      if (!standard) throw new UserError(`unknown standard ${JSON.stringify(standardId)}`, { hint: 'see `pathbook standards list` for the ids', exitCode: 2 });
      const x = explainMastery(book, student, standard, methodOptions(opts));
      if (ctx.globals.json) ctx.json(explanationJson(x, masteryRow));
      else ctx.out(renderExplanation(x, ctx.style));
    });
}
