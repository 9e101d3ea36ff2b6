// pathbook report-card: standards levels → report-card marks with the table in pathbook.yaml
// (reportCard.bands and guards; Marzano's by default), for a term or for all the evidence.
import { isAbsolute, relative } from 'node:path';
import { Option, type Command } from 'commander';
import { isValidDate } from '../../domain/ids.ts';
import { formatScore } from '../../domain/numbers.ts';
import { masteryTable } from '../../domain/mastery/table.ts';
import { bookInTerm, reportCard } from '../../domain/report-card.ts';
import type { Book, Term } from '../../domain/types.ts';
import { writeFileAtomic } from '../../store/atomic.ts';
import { UsageError, UserError } from '../../store/errors.ts';
import { reportCardCsv, reportCardJson, reportCardMarkdown, reportCardTable, termLine } from '../../render/report-card.ts';
import type { CliContext } from '../context.ts';

interface ReportCardOptions { term?: string; format?: 'csv' | 'md'; out?: string; section?: string }

/** `2026-08-15..2026-12-18`, or the name of a term in pathbook.yaml (reportCard.terms). */
export function resolveTerm(book: Book, arg: string): Term {
  const m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(arg.trim());
  if (m) {
    const [, from, to] = m as unknown as [string, string, string];
    if (!isValidDate(from) || !isValidDate(to)) throw new UsageError(`--term ${arg}: not a real date`, 'write dates like 2026-08-15..2026-12-18');
    if (from > to) throw new UsageError(`--term ${arg} ends before it starts`, `write it as ${to}..${from}`);
    return { name: `${from}..${to}`, from, to };
  }
  const named = book.settings.reportCard.terms.find((t) => t.name === arg);
  if (named) return named;
  const names = book.settings.reportCard.terms.map((t) => t.name);
  throw new UsageError(`unknown term ${JSON.stringify(arg)}`, names.length
    ? `terms in pathbook.yaml: ${names.join(', ')}; or give dates: --term 2026-08-15..2026-12-18`
    : 'give dates, e.g. --term 2026-08-15..2026-12-18, or name terms in pathbook.yaml under reportCard.terms');
}

export function register(program: Command, ctx: CliContext): void {
  program.command('report-card')
    .summary('report-card marks from standards levels (Marzano bands by default)')
    .description(`One mark per active student: the mean of the current scores of the standards
with evidence, banded by reportCard.bands in pathbook.yaml (by default A from
3.0, B 2.5, C 2.0, D 1.0, F below). Guards lower a mark one band at a time:
{mark: A, minStandardLevel: 3} means no A while any standard is below level 3.
--term counts only the evidence dated in the term, both ends included: give
dates (--term 2026-08-15..2026-12-18) or a name from pathbook.yaml:
  reportCard:
    terms:
      - { name: T1, from: 2026-08-15, to: 2026-12-18 }`)
    .option('--term <term>', 'only evidence in this term: FROM..TO, or a term named in pathbook.yaml')
    .addOption(new Option('--format <format>', 'csv or md (default: a table, or the --out file\'s extension)').choices(['csv', 'md']))
    .option('--out <file>', 'write to this file instead of printing')
    .option('--section <section>', 'only this section')
    .addHelpText('after', `
Examples:
  $ pathbook report-card
  $ pathbook report-card --term 2026-08-15..2026-12-18 --out marks-T1.csv
  $ pathbook report-card --term T1 --format md --section P2`)
    .action(async (opts: ReportCardOptions) => {
      let format = opts.format;
      if (opts.out && !format) {
        const ext = opts.out.toLowerCase().match(/\.(csv|md)$/)?.[1] as 'csv' | 'md' | undefined;
        if (!ext) throw new UsageError(`cannot tell the format of ${opts.out}`, 'name it .csv or .md, or add --format csv|md');
        format = ext;
      }
      const { book, root } = await ctx.loadBook();
      if (opts.section && !book.students.some((s) => s.section === opts.section && s.status === 'active')) {
        const sections = [...new Set(book.students.map((s) => s.section))].sort().join(', ');
        throw new UserError(`no active students in section ${JSON.stringify(opts.section)}`, { hint: `sections: ${sections}`, exitCode: 2 });
      }
      const term = opts.term ? resolveTerm(book, opts.term) : undefined;
      const scoped = term ? bookInTerm(book, term) : book;
      const rows = reportCard(scoped, masteryTable(scoped), { section: opts.section });
      const bands = book.settings.reportCard.bands.map((b) => `${b.mark} from ${formatScore(b.min)}`).join(', ')
        + book.settings.reportCard.guards.map((g) => `; no ${g.mark} with a standard below level ${g.minStandardLevel}`).join('');

      if (ctx.globals.json && !opts.out) {
        ctx.json({ term: term ?? null, bands: book.settings.reportCard.bands, guards: book.settings.reportCard.guards, students: rows.map(reportCardJson) });
        return;
      }
      const text = format === 'csv' ? reportCardCsv(rows) : format === 'md' ? reportCardMarkdown(rows, book.settings.className, term, bands) : undefined;
      if (!opts.out) {
        if (text !== undefined) ctx.out(text.trimEnd());
        else {
          ctx.out(reportCardTable(rows).trimEnd());
          ctx.out(`${termLine(book.settings.className, term)}. Marks: ${bands}.`);
        }
        return;
      }
      const target = ctx.resolvePath(opts.out);
      const rel = relative(root, target);
      if (!rel.startsWith('..') && !isAbsolute(rel)) {
        await ctx.write('report-card', () => ({ changes: [{ path: rel, content: text! }], result: {} }));
      } else {
        writeFileAtomic(target, text!);
      }
      if (ctx.globals.json) ctx.json({ file: opts.out, term: term ?? null, students: rows.length });
      else ctx.out(`Wrote marks for ${rows.length} students to ${opts.out}${term ? ` (${termLine(book.settings.className, term)})` : ''}.`);
    });
}
