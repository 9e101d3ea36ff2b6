// pathbook undo: take back the last change pathbook committed (git.autoCommit), as a new commit
// that restores the files it changed. Refuses when the folder has uncommitted work it could lose.
import type { Command } from 'commander';
import type { FileChange } from '../../store/atomic.ts';
import { UserError } from '../../store/errors.ts';
import { changedPaths, pathbookCommits, repoTop, showFile, uncommitted, UNDOES_TRAILER, type PathbookCommit } from '../../store/git.ts';
import type { CliContext } from '../context.ts';

/** The newest pathbook commit that is not an undo and has not been undone. */
export function undoTarget(commits: readonly PathbookCommit[]): PathbookCommit | undefined {
  const undone = new Set<string>();
  for (const c of commits) {
    if (c.undoes) {
      undone.add(c.undoes);
      continue;
    }
    if (!undone.has(c.hash)) return c;
  }
  return undefined;
}

export function register(program: Command, ctx: CliContext): void {
  program.command('undo')
    .summary('take back the last change pathbook committed')
    .description(`Restore the files that the last pathbook commit changed, as a new commit
(with git.autoCommit: true in pathbook.yaml, every writing command commits).
Run it again to go one more step back. The folder must have no uncommitted
changes.`)
    .addHelpText('after', `
Examples:
  $ pathbook undo                 take back the last import
  $ pathbook undo --json`)
    .action(async () => {
      const root = ctx.root();
      const env = ctx.io.env;
      if (!repoTop(root, env)) {
        throw new UserError(`${root} is not in a git repository, so there is nothing pathbook can undo`, { hint: 'set git.autoCommit: true in pathbook.yaml (after `git init`) so each command is committed and can be undone' });
      }
      const dirty = uncommitted(root, env);
      if (dirty.length) {
        const shown = dirty.slice(0, 5).join(', ') + (dirty.length > 5 ? `, … (${dirty.length} in all)` : '');
        throw new UserError(`the folder has uncommitted changes (${shown}), which undo could lose`, { hint: 'commit them (`git add -A && git commit`) or discard them (`git restore .`), then run `pathbook undo` again' });
      }
      const target = undoTarget(pathbookCommits(root, env));
      if (!target) {
        throw new UserError('no pathbook commit to undo in this folder\'s history', { hint: 'pathbook commits each change when pathbook.yaml has `git: { autoCommit: true }`' });
      }
      const paths = changedPaths(root, target.hash, env) ?? [];
      for (const p of paths) {
        if (showFile(root, target.hash, p.path, env) !== showFile(root, 'HEAD', p.path, env)) {
          throw new UserError(`${p.path} changed again after ${target.hash.slice(0, 7)} ("${target.subject}"), so undoing it would lose the later change`, { hint: `undo the later change first, or run \`git revert ${target.hash.slice(0, 7)}\` and resolve it by hand` });
        }
      }
      const r = await ctx.write('undo', () => {
        const changes: FileChange[] = paths.map((p) => ({ path: p.path, content: p.status === 'A' ? null : showFile(root, `${target.hash}^`, p.path, env) ?? null }));
        return {
          changes, result: {},
          message: `undo: ${target.subject}`,
          trailers: { [UNDOES_TRAILER]: target.hash },
        };
      }, { allowErrors: true, commit: 'always' });
      if (ctx.globals.json) {
        ctx.json({ undone: { commit: target.hash, date: target.date, subject: target.subject, command: target.command }, files: r.written, commit: r.commit ?? null });
        return;
      }
      const added = new Set(paths.filter((p) => p.status === 'A').map((p) => p.path));
      const removed = r.written.filter((f) => added.has(f));
      const restored = r.written.filter((f) => !added.has(f));
      const what = [restored.length ? `restored ${fileList(restored)}` : '', removed.length ? `removed ${fileList(removed)}` : ''].filter(Boolean).join('; ');
      ctx.out(`Undid ${target.hash.slice(0, 7)} "${target.subject}": ${what}${r.commit ? `; committed ${r.commit.slice(0, 7)}` : ''}.`);
    });
}

/** A few files by name; many as a count per folder, so a whole PLP run reads in one line. */
function fileList(files: readonly string[]): string {
  if (files.length <= 6) return files.join(', ');
  const byDir = new Map<string, number>();
  for (const f of files) {
    const d = f.includes('/') ? f.slice(0, f.lastIndexOf('/') + 1) : './';
    byDir.set(d, (byDir.get(d) ?? 0) + 1);
  }
  return [...byDir].map(([d, n]) => `${n} file${n === 1 ? '' : 's'} in ${d}`).join(', ');
}
