// pathbook mastery: the class heatmap (students × standards), mastery.csv, and --json for scripts.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { isValidDate } from '../../domain/ids.ts';
import { masteryTable, type MasteryOptions } from '../../domain/mastery/table.ts';
import { METHODS, type Book, type MethodName } from '../../domain/types.ts';
import { renderHeatmap } from '../../render/heatmap.ts';
import { UserError } from '../../store/errors.ts';
import { MASTERY_FILE, masteryCsvText, masteryRow, masteryChange } from '../../store/mastery-store.ts';
import type { CliContext } from '../context.ts';

interface MasteryCliOptions {
  section?: string; standard?: string[]; unit?: string; student?: string[];
  method?: MethodName; w?: number; n?: number; asOf?: string; csv?: boolean; write?: boolean;
}

export function parseWeight(v: string): number {
  const n = Number(v);
  if (!(n > 0 && n < 1)) throw new InvalidArgumentError('must be a number between 0 and 1, e.g. 0.65');
  return n;
}

export function parseCount(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 10) throw new InvalidArgumentError('must be a whole number from 1 to 10');
  return n;
}

export function parseDate(v: string): string {
  if (!isValidDate(v)) throw new InvalidArgumentError('must be a date like 2026-11-20');
  return v;
}

const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

/** --method/--w/--n/--as-of as domain options (shared by mastery, explain, student). */
export function methodOptions(o: { method?: MethodName; w?: number; n?: number; asOf?: string }): MasteryOptions {
  return { method: o.method ? { method: o.method, w: o.w, n: o.n } : undefined, asOf: o.asOf };
}

export function addMethodOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--method <method>', 'see another calculation method without changing the folder').choices([...METHODS]))
    .option('--w <weight>', 'weight of the newest score for decaying/weighted averages (0–1)', parseWeight)
    .option('--n <count>', 'scores needed (n-mastery) or averaged (most-recent-n)', parseCount)
    .option('--as-of <date>', 'the class as it stood on this date (YYYY-MM-DD)', parseDate);
}

export function register(program: Command, ctx: CliContext): void {
  const cmd = program.command('mastery')
    .summary('the class heatmap: mastery by student and standard')
    .description('Mastery of each standard for each active student, coloured by level, with\nper-standard class mean, median and counts at each level, and per-student\ncounts mastered.')
    .option('--section <section>', 'only this section')
    .option('--standard <ids>', 'only these standards (comma-separated, repeatable)', collect)
    .option('--unit <unit>', 'only the standards of this unit')
    .option('--student <ids>', 'only these students (comma-separated, repeatable)', collect)
    .option('--csv', 'print CSV with mastery.csv\'s columns')
    .option('--write', `rewrite ${MASTERY_FILE} from the evidence`);
  addMethodOptions(cmd)
    .addHelpText('after', `
Examples:
  $ pathbook mastery
  $ pathbook mastery --section P2 --unit ratios
  $ pathbook mastery --method power-law --as-of 2026-11-01
  $ pathbook mastery --json | jq '.[] | select(.mastered == false)'`)
    .action(async (opts: MasteryCliOptions) => {
      if (opts.write) {
        if (opts.method || opts.asOf) throw new UserError('--write records the folder\'s own method and today\'s evidence', { hint: 'drop --method/--as-of when writing mastery.csv', exitCode: 2 });
        const r = await ctx.write('mastery --write', ({ book }) => ({ changes: [masteryChange(book)], result: {}, message: `mastery: ${MASTERY_FILE} recomputed from the evidence` }));
        ctx.info(r.written.length ? `Wrote ${MASTERY_FILE}.` : `${MASTERY_FILE} is up to date.`);
      }
      const { book } = await ctx.loadBook();
      const view = filterView(book, opts);
      const table = masteryTable(book, methodOptions(opts));
      const students = table.students.filter((s) => view.students.has(s.id));
      const standards = table.standards.filter((s) => view.standards.has(s.id));
      const cells = students.flatMap((s) => standards.map((std) => table.cells.get(s.id)!.get(std.id)!));
      if (ctx.globals.json) {
        ctx.json(cells.map(masteryRow).sort((a, b) => (a.student_id < b.student_id ? -1 : a.student_id > b.student_id ? 1 : a.standard < b.standard ? -1 : a.standard > b.standard ? 1 : 0)));
        return;
      }
      if (opts.csv) {
        ctx.out(masteryCsvText(cells.map(masteryRow).sort((a, b) => (a.student_id < b.student_id ? -1 : a.student_id > b.student_id ? 1 : a.standard < b.standard ? -1 : a.standard > b.standard ? 1 : 0)), true).trimEnd());
        return;
      }
      ctx.out(renderHeatmap({ book, table, students, standards, style: ctx.style }));
    });
}

function filterView(book: Book, o: MasteryCliOptions): { students: Set<string>; standards: Set<string> } {
  const knownStd = new Set(book.standards.map((s) => s.id));
  for (const s of o.standard ?? []) if (!knownStd.has(s)) throw new UserError(`unknown standard ${JSON.stringify(s)}`, { hint: 'see `pathbook standards list`', exitCode: 2 });
  const knownStu = new Set(book.students.map((s) => s.id));
  for (const s of o.student ?? []) if (!knownStu.has(s)) throw new UserError(`unknown student ${JSON.stringify(s)}`, { hint: 'see `pathbook roster list`', exitCode: 2 });
  if (o.unit && !book.standards.some((s) => s.unit === o.unit)) {
    const units = [...new Set(book.standards.map((s) => s.unit))].join(', ');
    throw new UserError(`no standards in unit ${JSON.stringify(o.unit)}`, { hint: `units: ${units}`, exitCode: 2 });
  }
  if (o.section && !book.students.some((s) => s.section === o.section)) {
    const sections = [...new Set(book.students.map((s) => s.section))].sort().join(', ');
    throw new UserError(`no students in section ${JSON.stringify(o.section)}`, { hint: `sections: ${sections}`, exitCode: 2 });
  }
  return {
    students: new Set(book.students.filter((s) => (!o.section || s.section === o.section) && (!o.student || o.student.includes(s.id))).map((s) => s.id)),
    standards: new Set(book.standards.filter((s) => (!o.unit || s.unit === o.unit) && (!o.standard || o.standard.includes(s.id))).map((s) => s.id)),
  };
}
