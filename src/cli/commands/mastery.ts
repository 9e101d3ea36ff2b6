// pathbook mastery: the class heatmap (students × standards), mastery.csv, and --json for scripts.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { isValidDate } from '../../domain/ids.ts';
import { describeMethod } from '../../domain/mastery/methods.ts';
import { cellReader } from '../../domain/mastery/class-table.ts';
import { folderMethod, methodFor, type MasteryOptions } from '../../domain/mastery/table.ts';
import { compareText } from '../../domain/numbers.ts';
import { METHODS, type Book, type MethodName } from '../../domain/types.ts';
import { renderHeatmap } from '../../render/heatmap.ts';
import { UserError } from '../../store/errors.ts';
import type { LoadedBook } from '../../store/book-load.ts';
import { cachedClassMastery, cachedView, masteryFileChange, noteMasteryFile } from '../../store/mastery-cache.ts';
import { classRows, MASTERY_FILE, masteryCsvText } from '../../store/mastery-store.ts';
import type { CliContext } from '../context.ts';

export interface MethodCliOptions { method?: MethodName; w?: number; n?: number; asOf?: string }

interface MasteryCliOptions extends MethodCliOptions {
  section?: string; standard?: string[]; unit?: string; student?: string[]; csv?: boolean; write?: boolean;
}

export function parseWeight(v: string): number {
  const n = Number(v);
  if (!(n >= 0.01 && n <= 0.99)) throw new InvalidArgumentError('must be a number from 0.01 to 0.99, e.g. 0.65');
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
export function methodOptions(o: MethodCliOptions): MasteryOptions {
  const given = o.method !== undefined || o.w !== undefined || o.n !== undefined;
  return { method: given ? { method: o.method, w: o.w, n: o.n } : undefined, asOf: o.asOf };
}

export function addMethodOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--method <method>', 'see another calculation method without changing the folder').choices([...METHODS]))
    .option('--w <weight>', 'weight of the newest score for decaying/weighted averages (0.01–0.99)', parseWeight)
    .option('--n <count>', 'scores needed (n-mastery) or averaged (most-recent-n), 1–10', parseCount)
    .option('--as-of <date>', 'the class as it stood on this date (YYYY-MM-DD)', parseDate);
}

/** "decaying-average (w 0.65)", with a note when some of the standards shown use their own method. */
export function methodLine(book: Book, opts: MasteryOptions, standards = book.standards): string {
  const main = describeMethod(folderMethod(book, opts));
  const other = standards.filter((s) => !s.children.length && describeMethod(methodFor(book, s, opts)) !== main).length;
  return other ? `${main}; ${other} standard${other === 1 ? '' : 's'} with their own` : main;
}

export function register(program: Command, ctx: CliContext): void {
  const cmd = program.command('mastery')
    .summary('the class heatmap: mastery by student and standard')
    .description('Mastery of each standard for each active student, one level per cell (coloured when the terminal allows), with per-standard class mean, median and counts at each level, and per-student counts mastered. --json and --csv give mastery.csv\'s rows for the same view.')
    .option('--section <section>', 'only this section')
    .option('--standard <ids>', 'only these standards (comma-separated, repeatable)', collect)
    .option('--unit <unit>', 'only the standards of this unit')
    .option('--student <ids>', 'only these students (comma-separated, repeatable)', collect)
    .option('--csv', 'print CSV with mastery.csv\'s columns (safe to open in a spreadsheet)')
    .option('--write', `rewrite ${MASTERY_FILE} from the evidence`);
  addMethodOptions(cmd)
    .addHelpText('after', `
Examples:
  $ pathbook mastery --section P2 --unit ratios
  $ pathbook mastery --method power-law --as-of 2026-11-01
  $ pathbook mastery --json | jq '.[] | select(.mastered == false)'`)
    .action(async (opts: MasteryCliOptions) => {
      let loaded: LoadedBook;
      if (opts.write) {
        if (opts.method || opts.w || opts.n || opts.asOf) {
          throw new UserError(`--write records the folder's own methods and all of today's evidence in ${MASTERY_FILE}`, { hint: 'drop --method/--w/--n/--as-of when writing', exitCode: 2 });
        }
        // Report on the very book that was written from (no second load).
        const r = await ctx.write('mastery --write', (l) => {
          const change = masteryFileChange(l, cachedClassMastery(l));
          return { changes: change ? [change] : [], result: { loaded: l, content: change?.content }, message: `mastery: ${MASTERY_FILE} recomputed from the evidence` };
        });
        if (r.content instanceof Uint8Array) noteMasteryFile(r.loaded, r.content);
        ctx.info(r.written.length ? `Wrote ${MASTERY_FILE}.` : `${MASTERY_FILE} is up to date.`);
        loaded = r.loaded;
      } else loaded = await ctx.loadBook();
      const { book } = loaded;
      const view = filterView(book, opts);
      const mopts = methodOptions(opts);
      const scale = book.settings.scale;
      if (ctx.globals.json || opts.csv) {
        const rows = classRows(cachedClassMastery(loaded, mopts), scale, view.students, view.standards);
        if (ctx.globals.json) ctx.json(rows);
        else ctx.out(masteryCsvText(rows, true));
        return;
      }
      const students = book.students.filter((s) => s.status === 'active' && view.students.has(s.id));
      if (!students.length) {
        ctx.out(opts.section || opts.student ? 'No active students match.' : 'No active students yet: add them with `pathbook roster import <file>`.');
        return;
      }
      if (!book.standards.some((s) => view.standards.has(s.id))) {
        ctx.out('No standards yet: add them to standards.yaml or run `pathbook standards import <file>`.');
        return;
      }
      // The heatmap depends on the folder, these options and colour alone: an unchanged folder prints it from the cache.
      const variant = { section: opts.section, standard: opts.standard, unit: opts.unit, student: opts.student, method: mopts, color: ctx.style.color };
      ctx.out(cachedView(loaded, 'heatmap', variant, () => {
        const cm = cachedClassMastery(loaded, mopts);
        const shown = cm.students.filter((s) => view.students.has(s.id));
        const standards = cm.standards.filter((s) => view.standards.has(s.id));
        const who = `${shown.length} student${shown.length === 1 ? '' : 's'}${opts.section ? ` in ${opts.section}` : ''}`;
        const title = `${book.settings.className} · ${who} · ${methodLine(book, mopts, standards)}${opts.asOf ? ` · as of ${opts.asOf}` : ''}`;
        const cell = cellReader(cm, scale);
        return renderHeatmap({ scale, cell: (s, std) => cell(s, std)!, students: shown, standards, style: ctx.style, title });
      }));
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
    const sections = [...new Set(book.students.map((s) => s.section))].sort(compareText).join(', ');
    throw new UserError(`no students in section ${JSON.stringify(o.section)}`, { hint: `sections: ${sections}`, exitCode: 2 });
  }
  return {
    students: new Set(book.students.filter((s) => (!o.section || s.section === o.section) && (!o.student || o.student.includes(s.id))).map((s) => s.id)),
    standards: new Set(book.standards.filter((s) => (!o.unit || s.unit === o.unit) && (!o.standard || o.standard.includes(s.id))).map((s) => s.id)),
  };
}
