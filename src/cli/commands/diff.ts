// pathbook diff: who moved up or down on which standard between two moments of the gradebook's
// git history (mastery.csv then) and now (computed from the folder's evidence) or another commit.
import type { Command } from 'commander';
import { diffMastery, sinceDate, type MasteryMove, type SnapshotRow } from '../../domain/mastery-diff.ts';
import { formatScore } from '../../domain/numbers.ts';
import { renderTable } from '../../render/table.ts';
import { UsageError, UserError } from '../../store/errors.ts';
import { commitBefore, commitInfo, firstCommit, lastCommitTouching, repoTop, showFile, type CommitInfo } from '../../store/git.ts';
import { MASTERY_FILE, parseMasterySnapshot, snapshotOfBook } from '../../store/mastery-history.ts';
import { displayName } from '../../store/roster-store.ts';
import type { CliContext } from '../context.ts';

interface DiffOptions { since?: string; to?: string; scores?: boolean; student?: string[]; standard?: string[] }

/** One side of the comparison: a commit's mastery.csv, or the folder now. */
interface Side { commit: CommitInfo | null; rows: SnapshotRow[]; label: string }

const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];
const short = (c: CommitInfo) => `${c.hash.slice(0, 7)} (${c.date}, "${c.subject}")`;

export function register(program: Command, ctx: CliContext): void {
  program.command('diff')
    .summary('who moved up or down a level, from git history')
    .description(`Compare mastery now with an earlier moment of the gradebook's git history:
who moved up or down a level on which standard, and who has a first score.
The folder must be in git (git.autoCommit: true in pathbook.yaml commits every
change).`)
    .option('--since <when>', 'a commit (hash, HEAD~3, tag), a date (YYYY-MM-DD), yesterday, last-week or last-month (default: before the last change)')
    .option('--to <commit>', 'compare up to this commit instead of the folder now')
    .option('--scores', 'also list score changes within the same level')
    .option('--student <ids>', 'only these students (comma-separated)', collect)
    .option('--standard <ids>', 'only these standards (comma-separated)', collect)
    .addHelpText('after', `
Examples:
  $ pathbook diff                        what the last change did
  $ pathbook diff --since last-week      this week's movement
  $ pathbook diff --since HEAD~5 --to HEAD~1 --json`)
    .action(async (opts: DiffOptions) => {
      const root = ctx.root();
      const env = ctx.io.env;
      if (!repoTop(root, env)) {
        throw new UserError(`${root} is not in a git repository, so there is no mastery history to compare`, { hint: 'run `git init` there and commit, or set git.autoCommit: true in pathbook.yaml so every command commits' });
      }
      const { book } = await ctx.loadBook({ allowErrors: true });
      let to: Side;
      if (opts.to) {
        const c = commitInfo(root, opts.to, env);
        if (!c) throw new UsageError(`--to ${opts.to}: git knows no such commit`, 'give a hash, HEAD~1 or a tag; see `git log --oneline`');
        to = sideAt(root, c, env);
      } else {
        to = { commit: null, rows: snapshotOfBook(book), label: 'now' };
      }
      const since = resolveSince(ctx, root, opts, to);
      const d = diffMastery(since.rows, to.rows, { scores: opts.scores, standardOrder: book.standards.map((s) => s.id) });
      const moves = d.moves.filter((m) => (!opts.student || opts.student.includes(m.studentId)) && (!opts.standard || opts.standard.includes(m.standard)));
      const names = new Map(book.students.map((s) => [s.id, displayName(s)]));
      const counts = { up: 0, down: 0, first: 0, removed: 0, score: 0 };
      for (const m of moves) counts[m.kind]++;
      if (ctx.globals.json) {
        const side = (s: Side) => (s.commit ? { commit: s.commit.hash, date: s.commit.date, subject: s.commit.subject } : s.label === 'now' ? { commit: null, folder: true } : { commit: null, empty: true });
        ctx.json({
          since: side(since), to: side(to), counts,
          changes: moves.map((m) => ({ student_id: m.studentId, name: names.get(m.studentId) ?? '', standard: m.standard, change: m.kind, before: m.before, after: m.after, delta: m.delta })),
        });
        return;
      }
      ctx.out(`Mastery changes from ${since.label} to ${to.label}:`);
      if (!moves.length) {
        ctx.out('  no student changed level.' + (opts.scores ? '' : ' (--scores also lists score changes within a level)'));
        return;
      }
      ctx.out(renderTable(['Standard', 'Student', 'Name', 'Before', 'After', 'Change'],
        moves.map((m) => [m.standard, m.studentId, names.get(m.studentId) ?? '', cell(m.before), cell(m.after), change(ctx, m)])).trimEnd());
      const parts = [[counts.up, 'moved up'], [counts.down, 'moved down'], [counts.first, 'first score'], [counts.removed, 'score removed'], [counts.score, 'score changed within its level']]
        .filter(([n]) => n).map(([n, what]) => `${n} ${what}`);
      ctx.out(`${parts.join(', ')}.`);
    });
}

function resolveSince(ctx: CliContext, root: string, opts: DiffOptions, to: Side): Side {
  const env = ctx.io.env;
  if (opts.since) {
    const date = sinceDate(opts.since, ctx.today);
    if (date) {
      const c = commitBefore(root, date, env);
      if (c) return sideAt(root, c, env);
      // The history begins after that day: compare from its first commit, and say so.
      const first = firstCommit(root, env);
      if (!first) return { commit: null, rows: [], label: 'the start (no commits yet)' };
      const side = sideAt(root, first, env);
      return { ...side, label: `${side.label}, the first commit (the history begins after ${date})` };
    }
    const c = commitInfo(root, opts.since, env);
    if (!c) throw new UsageError(`--since ${opts.since}: not a commit git knows, a date (YYYY-MM-DD), yesterday, last-week or last-month`, 'see `git log --oneline` for commits');
    return sideAt(root, c, env);
  }
  // Default: the state before the latest change. With uncommitted changes, that is HEAD;
  // otherwise the commit before the one that last changed mastery.csv.
  if (to.commit) return parentSide(root, to.commit, env);
  const head = commitInfo(root, 'HEAD', env);
  if (!head) return { commit: null, rows: [], label: 'the start (no commits yet)' };
  const headSide = sideAt(root, head, env);
  if (JSON.stringify(headSide.rows) !== JSON.stringify(to.rows)) return headSide;
  const last = lastCommitTouching(root, MASTERY_FILE, env);
  return last ? parentSide(root, last, env) : headSide;
}

function sideAt(root: string, c: CommitInfo, env: Record<string, string | undefined>): Side {
  const text = showFile(root, c.hash, MASTERY_FILE, env);
  return { commit: c, rows: text === undefined ? [] : parseMasterySnapshot(text).rows, label: short(c) };
}

function parentSide(root: string, c: CommitInfo, env: Record<string, string | undefined>): Side {
  const p = commitInfo(root, `${c.hash}^`, env);
  return p ? sideAt(root, p, env) : { commit: null, rows: [], label: `the start (before ${c.hash.slice(0, 7)})` };
}

function cell(s: MasteryMove['before']): string {
  return s ? `${formatScore(s.score)} ${s.label}` : '—';
}

function change(ctx: CliContext, m: MasteryMove): string {
  const c = ctx.style.c;
  const delta = m.delta === null ? '' : ` (${m.delta > 0 ? '+' : ''}${formatScore(m.delta)})`;
  switch (m.kind) {
    case 'up': return c.green(`▲ up${delta}`);
    case 'down': return c.red(`▼ down${delta}`);
    case 'first': return 'first score';
    case 'removed': return c.yellow('removed');
    default: return `score${delta}`;
  }
}
