// pathbook roster: list the class, and (roster import) merge a class list from a school export.
import type { Command } from 'commander';
import { compareText } from '../../domain/numbers.ts';
import { renderTable } from '../../render/table.ts';
import { displayName } from '../../store/roster-store.ts';
import type { CliContext } from '../context.ts';

export function register(program: Command, ctx: CliContext): void {
  const roster = program.command('roster')
    .summary('list students, or import a class list')
    .description('The class list in roster.csv.');

  roster.command('list')
    .summary('list the students')
    .option('--section <section>', 'only this section')
    .option('--all', 'include withdrawn students')
    .addHelpText('after', `
Examples:
  $ pathbook roster list
  $ pathbook roster list --section P2 --json`)
    .action(async (opts: { section?: string; all?: boolean }) => {
      const { book } = await ctx.loadBook();
      const students = book.students
        .filter((s) => (opts.all || s.status === 'active') && (!opts.section || s.section === opts.section))
        .sort((a, b) => compareText(a.id, b.id));
      if (ctx.globals.json) {
        ctx.json({ students: students.map((s) => ({ id: s.id, given_name: s.givenName, family_name: s.familyName, section: s.section, email: s.email, status: s.status })) });
        return;
      }
      if (!students.length) {
        ctx.out(opts.section ? `No students in section ${opts.section}.` : 'No students yet: add them with `pathbook roster import <file>`.');
        return;
      }
      ctx.out(renderTable(['id', 'name', 'section', 'email', ...(opts.all ? ['status'] : [])],
        students.map((s) => [s.id, displayName(s), s.section, s.email, ...(opts.all ? [s.status] : [])])).trimEnd());
      ctx.out(`${students.length} student${students.length === 1 ? '' : 's'}`);
    });
}
