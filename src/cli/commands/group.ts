// pathbook group: this week's (or next week's) flexible groups from mastery, written to
// groups/<week>.yaml and a printable groups/<week>.md; `group history` counts who has worked with whom.
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { GroupMode, GroupPlan, SizeRequest } from '../../domain/grouping.ts';
import { GROUP_MODES } from '../../domain/grouping/objective.ts';
import { seedFromText } from '../../domain/grouping/random.ts';
import { compareIds, compareText } from '../../domain/numbers.ts';
import type { Book } from '../../domain/types.ts';
import { resolveWeek, weekProblem } from '../../domain/weeks.ts';
import { displayName } from '../../store/roster-store.ts';
import { errorFromDiagnostics, UsageError, UserError } from '../../store/errors.ts';
import { groupsFile, groupsHandout, groupsYamlText, readGroupWeeks } from '../../store/groups-store.ts';
import type { CliContext } from '../context.ts';

interface GroupCliOptions {
  mode: GroupMode;
  standard?: string[];
  size?: SizeRequest;
  groups?: number;
  absent?: string[];
  seed?: number;
  week: string;
  dryRun?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

/** "3-5" (bounds), "4" (about 4, leftovers make groups smaller) or "4+" (leftovers join groups). */
export function parseSize(v: string): SizeRequest {
  const range = /^(\d+)\s*[-\u2013]\s*(\d+)$/.exec(v.trim());
  if (range) {
    const min = Number(range[1]);
    const max = Number(range[2]);
    if (min < 1 || max < 2 || min > max || max > 100) throw new InvalidArgumentError('a range runs from a smaller to a larger size, e.g. 3-5');
    return { min, max };
  }
  const one = /^(\d+)([+-]?)$/.exec(v.trim());
  if (one) {
    const target = Number(one[1]);
    if (target < 2 || target > 100) throw new InvalidArgumentError('a group size is at least 2, e.g. 4');
    return { target, policy: one[2] === '+' ? 'bigger' : 'smaller' };
  }
  throw new InvalidArgumentError('use a range like 3-5, or a size like 4 (4+ lets leftover students make groups bigger)');
}

export function parseWhole(min: number, what: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > 4294967295) throw new InvalidArgumentError(`must be a whole number of ${what} (${min} or more)`);
    return n;
  };
}

export function parseWeekOption(v: string): string {
  if (v === 'this' || v === 'next') return v;
  const problem = weekProblem(v);
  if (problem) throw new InvalidArgumentError(`${problem}, or "this" or "next"`);
  return v;
}

/** The week a command is about: "this", "next" or YYYY-Www, from ctx.today. */
export function weekFor(spec: string, today: string): string {
  return resolveWeek(spec, today);
}

/** Standards to group on: those asked for, else the standards of the latest assessment. */
function chooseStandards(book: Book, asked: string[] | undefined, ctx: CliContext): string[] {
  const known = new Map(book.standards.map((s) => [s.id, s]));
  if (asked?.length) {
    for (const id of asked) {
      if (!known.has(id)) throw new UserError(`unknown standard ${JSON.stringify(id)}`, { hint: 'see `pathbook standards list`', exitCode: 2 });
    }
    return [...new Set(asked)];
  }
  const latest = [...book.assessments].sort((a, b) => compareText(b.date, a.date) || compareText(b.id, a.id))[0];
  if (!latest) return [];
  const used = new Set(latest.items.flatMap((i) => i.standards));
  const chosen = book.standards.filter((s) => used.has(s.id)).map((s) => s.id);
  if (chosen.length) ctx.info(`Grouping on the standards of the latest assessment, ${latest.id}: ${chosen.join(', ')} (choose with --standard).`);
  return chosen;
}

function checkAbsent(book: Book, absent: string[]): void {
  const known = new Set(book.students.map((s) => s.id));
  const unknown = absent.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new UserError(`--absent names ${unknown.map((id) => JSON.stringify(id)).join(', ')}, not in roster.csv`, {
      hint: 'use student ids as in `pathbook roster list`, separated by commas (e.g. --absent S004,S019)', exitCode: 2,
    });
  }
}

function planJson(plan: GroupPlan, book: Book, files: string[], dryRun: boolean) {
  const byId = new Map(book.students.map((s) => [s.id, s]));
  const name = (id: string) => { const s = byId.get(id); return s ? displayName(s) : id; };
  return {
    week: plan.week,
    mode: plan.mode,
    standards: plan.standards,
    seed: plan.seed,
    size: plan.size,
    absent: plan.absent,
    groups: plan.groups.map((g) => ({
      name: g.name, section: g.section, focus: g.focus, tier: g.tier, mean: g.mean,
      members: g.members.map((m) => ({ id: m.id, name: name(m.id), reason: m.reason })),
    })),
    summary: plan.summary,
    repeatedPairs: plan.stats.repeatedPairs,
    files,
    dryRun,
  };
}

export function register(program: Command, ctx: CliContext): void {
  const group = program.command('group')
    .summary('form flexible groups from current mastery')
    .description(`Forms the week's groups within each section and writes groups/<week>.yaml
(a reason for every student) and groups/<week>.md, a handout with names only.
  readiness  similar levels together, tiers by mastery of --standard
  mixed      each group spans the levels, group means balanced
  interest   shared interests from students/<id>.yaml
Constraints come from pathbook.yaml (grouping: keepApart, keepTogether,
avoidRepeatWeeks); when they cannot all hold, nothing is written and the
conflict is named (exit 1).`)
    .addOption(new Option('--mode <mode>', 'how to group').choices([...GROUP_MODES]).default('readiness'))
    .option('--standard <ids>', 'standards to group on (comma-separated, repeatable; default: the latest assessment\'s)', collect)
    .option('--size <size>', 'group size: bounds like 3-5 (default), or about N like 4 (4+: leftovers make groups bigger)', parseSize)
    .option('--groups <k>', 'this many groups per section', parseWhole(1, 'groups'))
    .option('--absent <ids>', 'students away this week, placed in no group (comma-separated)', collect)
    .option('--seed <n>', 'another arrangement of equal quality (default: from the week, so reruns match)', parseWhole(0, 'seed'))
    .option('--week <week>', 'YYYY-Www, this or next', parseWeekOption, 'next')
    .option('--dry-run', 'show the groups without writing anything')
    .addHelpText('after', `
Examples:
  $ pathbook group --mode readiness --standard 6.RP.A.3 --week next
  $ pathbook group --mode mixed --size 4 --absent S004,S019 --dry-run
  $ pathbook group --mode interest --groups 3 --json`)
    .action(async (opts: GroupCliOptions) => {
      if (opts.size?.target !== undefined && opts.groups !== undefined) {
        throw new UsageError('--size N and --groups K both fix the number of groups', 'give one, or bounds with --groups (e.g. --size 3-6 --groups 4)');
      }
      const week = weekFor(opts.week, ctx.today);
      const seed = opts.seed ?? seedFromText(week) % 100000;
      const size: SizeRequest = { ...opts.size, ...(opts.groups !== undefined ? { groups: opts.groups } : {}) };
      const files = [groupsFile(week), groupsHandout(week)];
      // The engine and the renderers load only when grouping (DESIGN.md: lazy-load what one command uses).
      const { formGroups } = await import('../../domain/grouping.ts');
      const { groupsMarkdown, renderGroupsTable } = await import('../../render/groups.ts');

      const plan = async (book: Book, root: string): Promise<GroupPlan> => {
        checkAbsent(book, opts.absent ?? []);
        const standards = chooseStandards(book, opts.standard, ctx);
        const past = readGroupWeeks(root, week);
        if (past.diagnostics.some((d) => d.severity === 'error')) throw errorFromDiagnostics(past.diagnostics);
        const outcome = formGroups(book, { mode: opts.mode, standards, size, absent: opts.absent ?? [], seed, week, past: past.weeks });
        if (!outcome.ok) {
          const [first, ...rest] = outcome.conflicts;
          const more = rest.length ? `; also: ${rest.map((c) => c.message).join('; ')}` : '';
          throw new UserError(`the groups cannot be formed: ${first!.message}${more}`, { hint: first!.hint });
        }
        return outcome.plan;
      };

      let result: GroupPlan;
      let book: Book;
      let written: string[] = [];
      if (opts.dryRun) {
        const loaded = await ctx.loadBook();
        book = loaded.book;
        result = await plan(book, loaded.root);
      } else {
        const r = await ctx.write('group', async ({ book: b, root }) => {
          const p = await plan(b, root);
          return { changes: [{ path: files[0]!, content: groupsYamlText(p) }, { path: files[1]!, content: groupsMarkdown(p, b) }], result: { plan: p, book: b } };
        });
        result = r.plan;
        book = r.book;
        written = r.written;
      }
      if (ctx.globals.json) ctx.json(planJson(result, book, files, !!opts.dryRun));
      else ctx.out(renderGroupsTable(result, book, ctx.style, book.settings.grouping.avoidRepeatWeeks).trimEnd());
      if (opts.dryRun) ctx.info('Dry run: nothing written.');
      else ctx.info(written.length ? `Wrote ${written.join(' and ')}.` : `${files.join(' and ')} are up to date.`);
    });

  group.command('history')
    .summary('how often each pair of students has shared a group')
    .description('Counts, over every groups/<week>.yaml, how often each pair of students was in the same group.')
    .option('--student <id>', 'only pairs with this student')
    .option('--min <n>', 'only pairs together at least this many times', parseWhole(1, 'times'), 1)
    .addHelpText('after', `
Examples:
  $ pathbook group history
  $ pathbook group history --student S007
  $ pathbook group history --min 2 --json`)
    .action(async (opts: { student?: string; min: number }) => {
      const { book, root } = await ctx.loadBook();
      const { pairCounts } = await import('../../domain/grouping/history.ts');
      const { renderPairTable } = await import('../../render/groups.ts');
      if (opts.student && !book.students.some((s) => s.id === opts.student)) {
        throw new UserError(`unknown student ${JSON.stringify(opts.student)}`, { hint: 'see `pathbook roster list`', exitCode: 2 });
      }
      const past = readGroupWeeks(root);
      if (past.diagnostics.some((d) => d.severity === 'error')) throw errorFromDiagnostics(past.diagnostics);
      const pairs = pairCounts(past.weeks)
        .filter((p) => p.count >= opts.min && (!opts.student || p.a === opts.student || p.b === opts.student))
        .map((p) => (opts.student && p.b === opts.student ? { ...p, a: p.b, b: p.a } : p))
        .sort((x, y) => y.count - x.count || compareIds(x.a, y.a) || compareIds(x.b, y.b));
      if (ctx.globals.json) {
        ctx.json({ weeks: past.weeks.map((w) => w.week), pairs: pairs.map((p) => ({ a: p.a, b: p.b, count: p.count, weeks: p.weeks })) });
        return;
      }
      ctx.out(renderPairTable(pairs, book, past.weeks.length, opts.min).trimEnd());
    });
}
