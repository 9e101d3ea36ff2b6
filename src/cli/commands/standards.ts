// pathbook standards: list the standards tracked, and (standards import) bring them in from CSV or CASE.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { checkBook } from '../../domain/checks.ts';
import { mergeStandards } from '../../domain/standards-merge.ts';
import { renderDiagnostic } from '../../render/diagnostics.ts';
import { renderStandardsMerge, standardsMergeJson, type StandardsMergeView } from '../../render/standards-merge.ts';
import { renderTable } from '../../render/table.ts';
import { errorFromDiagnostics, UserError } from '../../store/errors.ts';
import { applyStandardsMerge } from '../../store/standards-edit.ts';
import { parseStandards, STANDARDS_FILE } from '../../store/standards-store.ts';
import type { Book } from '../../domain/types.ts';
import type { CliContext } from '../context.ts';

function readStandardsText(root: string): string {
  const path = join(root, STANDARDS_FILE);
  return existsSync(path) ? readFileSync(path, 'utf8').replace(/^\uFEFF/, '') : '';
}

interface ImportOptions { unit?: string; only?: string[]; dryRun?: boolean }

const codes = (v: string, prev: string[] = []) => [...prev, ...v.split(/[\s,;]+/).filter(Boolean)];

export function register(program: Command, ctx: CliContext): void {
  const standards = program.command('standards')
    .summary('list standards, or import them')
    .description('The standards tracked, in standards.yaml, in curriculum order.')
    .addHelpText('after', `
Examples:
  $ pathbook standards list --unit ratios
  $ pathbook standards import grade6-standards.csv --dry-run`);

  standards.command('import <file>')
    .summary('merge standards from a CSV or a CASE package')
    .description(`Merge standards into standards.yaml, keeping your comments, your order,
and your wording wherever the file is blank. It reads:
  - a CSV with the columns id, statement, student_statement, unit and
    prerequisites (codes separated by spaces, semicolons or commas);
  - a 1EdTech CASE package (CFPackage JSON): the items with a
    humanCodingScheme, in the framework's order.
Common Core codes are shortened: CCSS.MATH.CONTENT.6.RP.A.1 becomes 6.RP.A.1.
New standards go at the end; importing the same file twice changes nothing.`)
    .option('--unit <unit>', 'the unit for imported standards the file gives none')
    .option('--only <codes>', 'only codes starting with these, e.g. 6.RP,6.EE (comma-separated)', codes)
    .option('--dry-run', 'show what would change and write nothing')
    .addHelpText('after', `
Examples:
  $ pathbook standards import grade6-standards.csv --dry-run
  $ pathbook standards import ccss-math.json --only 6.RP,6.EE --unit ratios
  $ pathbook standards import ccss-math.json --only 6.NS --json`)
    .action(async (file: string, opts: ImportOptions) => {
      const { readStandardsSource } = await import('../../importers/standards-source.ts');
      const parsed = readStandardsSource(ctx.resolvePath(file), file, { only: opts.only });
      if (parsed.diagnostics.some((d) => d.severity === 'error')) throw errorFromDiagnostics(parsed.diagnostics);
      if (!parsed.rows.length) throw new UserError(`no standards to import from ${file}`, { hint: opts.only ? 'check --only against the codes in the file' : 'add one row per standard' });
      for (const d of parsed.diagnostics) ctx.info(renderDiagnostic(d, ctx.style).trimEnd());
      for (const n of parsed.notes) ctx.info(n);
      const plan = (book: Book, text: string) => {
        const merge = mergeStandards(book.standards, parsed.rows, { unit: opts.unit });
        if (merge.diagnostics.length) throw errorFromDiagnostics(merge.diagnostics);
        const next = applyStandardsMerge(text, merge);
        // The new file must load and pass the checks (a prerequisite cycle, say) before it is written.
        const reread = parseStandards(next, STANDARDS_FILE, book.settings.mastery);
        const problems = [...reread.diagnostics, ...checkBook({ ...book, standards: reread.standards })].filter((d) => d.severity === 'error');
        if (problems.length) {
          throw new UserError(`importing ${file} would leave standards.yaml broken: ${problems[0]!.message}`, { hint: 'nothing was written; fix the file and import again' });
        }
        return { merge, next };
      };
      let result: ReturnType<typeof plan>;
      let written: string[] = [];
      if (opts.dryRun) {
        const loaded = await ctx.loadBook();
        result = plan(loaded.book, readStandardsText(loaded.root));
      } else {
        const r = await ctx.write('standards import', ({ book, root }) => {
          const p = plan(book, readStandardsText(root));
          return { changes: [{ path: STANDARDS_FILE, content: p.next }], result: p, message: `standards import: ${file.split(/[\\/]/).pop()}, ${p.merge.added.length} added, ${p.merge.updated.length} updated` };
        });
        result = r;
        written = r.written;
      }
      const view: StandardsMergeView = { merge: result.merge, source: file, format: parsed.format, read: parsed.rows.length, dryRun: !!opts.dryRun, written };
      if (ctx.globals.json) ctx.json(standardsMergeJson(view));
      else ctx.out(renderStandardsMerge(view, ctx.style));
    });

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
