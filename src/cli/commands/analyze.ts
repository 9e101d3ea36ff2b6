// pathbook analyze: the summary an import prints, for any assessment in the folder: item analysis,
// the class per standard, who moved a level because of it, and tomorrow's plan.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { analyzeAssessment } from '../../domain/analysis.ts';
import type { Assessment, Book } from '../../domain/types.ts';
import { analysisJson, renderAnalysis } from '../../render/analysis.ts';
import { UserError } from '../../store/errors.ts';
import { parseResponses, responsesFile } from '../../store/responses-store.ts';
import type { CliContext } from '../context.ts';

/** An assessment by id, by title, or by a part of its id that only one has. */
export function findAssessment(book: Book, want: string): Assessment {
  const w = want.trim().toLowerCase();
  const exact = book.assessments.find((a) => a.id === want) ?? book.assessments.filter((a) => a.title.trim().toLowerCase() === w).at(-1);
  if (exact) return exact;
  const part = book.assessments.filter((a) => a.id.includes(w));
  if (part.length === 1) return part[0]!;
  const ids = (part.length ? part : book.assessments).map((a) => a.id).sort();
  throw new UserError(part.length ? `${JSON.stringify(want)} matches ${part.length} assessments` : `no assessment ${JSON.stringify(want)}`, {
    hint: `${part.length ? 'say which' : 'assessments'}: ${ids.slice(-8).join(', ')}${ids.length > 8 ? ', …' : ''}`,
  });
}

export function register(program: Command, ctx: CliContext): void {
  program.command('analyze <assessment>')
    .summary('item analysis and tomorrow\'s plan')
    .description('For one assessment (id, title, or a part of the id): per item the share correct,\n' +
      'discrimination (point-biserial, item-rest) and the answers chosen; KR-20 or α;\n' +
      'per standard the class mean, counts at each level and who moved a level\n' +
      'because of it; and tomorrow\'s plan with names.')
    .addHelpText('after', `
Examples:
  $ pathbook analyze 2026-11-20-ratios-exit
  $ pathbook analyze fraction-division
  $ pathbook analyze 2026-11-13-equations-exit --json | jq '.standards[].plan'`)
    .action(async (want: string) => {
      const { book, root } = await ctx.loadBook();
      const a = findAssessment(book, want);
      const rf = join(root, responsesFile(a.id));
      const responses = existsSync(rf) ? parseResponses(readFileSync(rf), responsesFile(a.id)) : undefined;
      const analysis = analyzeAssessment(book, a.id, responses);
      if (ctx.globals.json) ctx.json(analysisJson(analysis));
      else ctx.out(renderAnalysis(analysis, ctx.style).trimEnd());
    });
}
