// pathbook student <id>: one student's mastery by unit, with trends, thin-evidence flags and next-ready standards.
import type { Command } from 'commander';
import { describeMethod } from '../../domain/mastery/methods.ts';
import { nextReady } from '../../domain/mastery/next-ready.ts';
import { folderMethod, masteryTable } from '../../domain/mastery/table.ts';
import { flagsOf, renderStudent, trendOf, unitsOf } from '../../render/student.ts';
import { UserError } from '../../store/errors.ts';
import { masteryRow } from '../../store/mastery-store.ts';
import type { CliContext } from '../context.ts';
import { addMethodOptions, methodLine, methodOptions, type MethodCliOptions } from './mastery.ts';

export function register(program: Command, ctx: CliContext): void {
  const cmd = program.command('student')
    .summary('one student\'s standards: level, trend, flags, and what is next')
    .description('A student\'s mastery of each standard, grouped by unit, with a trend line of the evidence scores, thin-evidence and override flags, and the standards they are ready for next (not yet mastered, every prerequisite mastered).')
    .argument('<id>', 'student id, e.g. S005');
  addMethodOptions(cmd)
    .addHelpText('after', `
Examples:
  $ pathbook student S005
  $ pathbook student S014 --as-of 2026-10-31
  $ pathbook student S007 --json | jq '.next_ready[].standard'`)
    .action(async (id: string, opts: MethodCliOptions) => {
      const { book } = await ctx.loadBook();
      const student = book.students.find((s) => s.id === id);
      if (!student) throw new UserError(`unknown student ${JSON.stringify(id)}`, { hint: 'see `pathbook roster list` for the ids', exitCode: 2 });
      const mopts = methodOptions(opts);
      // Withdrawn students keep their history: include them so their page still opens.
      const table = masteryTable({ ...book, students: [student] }, mopts, true);
      const cells = table.cells.get(student.id)!;
      const next = nextReady(book, table, student.id);
      const method = methodLine(book, mopts);
      if (ctx.globals.json) {
        ctx.json({
          student: { id: student.id, given_name: student.givenName, family_name: student.familyName, section: student.section, status: student.status },
          method: describeMethod(folderMethod(book, mopts)),
          as_of: opts.asOf ?? null,
          mastered: book.standards.filter((s) => cells.get(s.id)!.mastered).length,
          standards: book.standards.length,
          units: unitsOf(book.standards).map((u) => ({
            unit: u.unit,
            standards: u.standards.map((s) => {
              const c = cells.get(s.id)!;
              return { ...masteryRow(c), thin: c.thin, override: c.override, flags: flagsOf(c), trend: trendOf(c) };
            }),
          })),
          next_ready: next.map((n) => ({ standard: n.standard.id, unit: n.standard.unit, student_statement: n.standard.studentStatement, prerequisites: n.prerequisites, score: n.cell.score, label: n.cell.label })),
        });
        return;
      }
      ctx.out(renderStudent({ student, standards: book.standards, cells, next, scale: book.settings.scale, method, asOf: opts.asOf }, ctx.style));
    });
}
