// pathbook choice-board: a 3×3 tic-tac-toe board for a unit (the centre a required must-do), printed and
// written to boards/<unit>.md, or boards/<unit>-<student>.md for one student.
import type { Command } from 'commander';
import { buildChoiceBoard } from '../../domain/choice-board.ts';
import { genericIdProblem, slugify } from '../../domain/ids.ts';
import { masteryTable } from '../../domain/mastery/table.ts';
import { renderBoardMarkdown } from '../../render/choice-board-markdown.ts';
import { UserError } from '../../store/errors.ts';
import { displayName } from '../../store/roster-store.ts';
import type { CliContext } from '../context.ts';
import { requireStudent, requireUnit } from './playlist.ts';

export const BOARDS_DIR = 'boards';

export function register(program: Command, ctx: CliContext): void {
  program.command('choice-board')
    .summary('a printable 3×3 tic-tac-toe choice board for a unit')
    .description('Nine activities across kinds. The centre square is a required must-do (for\n'
      + 'the class: practice on the standard fewest students have mastered; for a\n'
      + 'student: the first must-do on their playlist). The other squares are placed so\n'
      + 'that every row, column and diagonal covers the unit\'s standards as far as the\n'
      + 'bank allows. Writes boards/<unit>.md (or boards/<unit>-<student>.md).')
    .requiredOption('--unit <unit>', 'the unit')
    .option('--student <id>', 'a board for one student (their must-do in the centre, their supports first)')
    .addHelpText('after', `
Examples:
  $ pathbook choice-board --unit ratios
  $ pathbook choice-board --unit ratios --student S020
  $ pathbook choice-board --unit expressions --json`)
    .action(async (opts: { unit: string; student?: string }) => {
      const r = await ctx.write('choice-board', ({ book }) => {
        requireUnit(book, opts.unit);
        const student = opts.student ? requireStudent(book, opts.student) : undefined;
        const built = buildChoiceBoard(book, masteryTable(book), opts.unit, student?.id);
        if ('problem' in built) throw new UserError(built.problem, { hint: built.hint });
        const base = genericIdProblem(opts.unit) ? slugify(opts.unit) : opts.unit;
        const path = `${BOARDS_DIR}/${base}${student ? `-${student.id}` : ''}.md`;
        const text = renderBoardMarkdown({ board: built.board, standards: book.standards, name: student ? displayName(student) : undefined });
        return { changes: [{ path, content: text }], result: { board: built.board, text, path } };
      });
      if (ctx.globals.json) {
        const { centreWhy, ...board } = r.board;
        ctx.json({ board: { ...board, centre_why: centreWhy, file: r.path } });
      } else {
        ctx.out(r.text.trimEnd());
      }
      ctx.info(r.written.length ? `Wrote ${r.path}.` : `${r.path} is up to date.`);
    });
}
