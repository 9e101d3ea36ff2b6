// The gradebook's history through the git command line (local commands only: nothing here talks to
// a remote). Every function runs git in the gradebook folder, which may sit anywhere inside a
// repository; paths are relative to the gradebook folder.
export type Env = Record<string, string | undefined>;

export interface GitResult { code: number; stdout: string; stderr: string }

export const COMMAND_TRAILER = 'Pathbook-Command';
export const UNDOES_TRAILER = 'Pathbook-Undoes';

export function runGit(root: string, args: string[], env: Env = {}): GitResult {
  // Loaded here, not at start-up: most commands never run git, and node:child_process is slow to load.
  const r = process.getBuiltinModule('node:child_process').spawnSync('git', args, {
    cwd: root,
    // The user's own environment (PATH, HOME, GIT_AUTHOR_*) with the caller's on top; never a prompt.
    env: { ...process.env, ...env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) return { code: -1, stdout: '', stderr: (r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed' : r.error.message };
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The repository's top folder, or undefined when the gradebook is not in one (or git is missing). */
export function repoTop(root: string, env?: Env): string | undefined {
  const r = runGit(root, ['rev-parse', '--show-toplevel'], env);
  return r.code === 0 ? r.stdout.trim() : undefined;
}

export interface CommitInfo { hash: string; date: string; subject: string }

/** A revision (hash, HEAD~2, tag…) as a commit, or undefined when git does not know it. */
export function commitInfo(root: string, rev: string, env?: Env): CommitInfo | undefined {
  if (rev.startsWith('-')) return undefined;
  const r = runGit(root, ['log', '-1', '--format=%H%x1f%cs%x1f%s', `${rev}^{commit}`, '--'], env);
  if (r.code !== 0 || !r.stdout.trim()) return undefined;
  const [hash, date, subject] = r.stdout.trim().split('\x1f') as [string, string, string];
  return { hash, date, subject };
}

/** The newest commit made before the start of `date` (YYYY-MM-DD, local time). */
export function commitBefore(root: string, date: string, env?: Env): CommitInfo | undefined {
  const r = runGit(root, ['rev-list', '-1', `--before=${date} 00:00:00`, 'HEAD', '--'], env);
  const hash = r.stdout.trim();
  return r.code === 0 && hash ? commitInfo(root, hash, env) : undefined;
}

/** The first commit of the current history (the oldest ancestor of HEAD). */
export function firstCommit(root: string, env?: Env): CommitInfo | undefined {
  const r = runGit(root, ['rev-list', '--max-parents=0', 'HEAD', '--'], env);
  const hashes = r.stdout.trim().split('\n').filter(Boolean);
  return r.code === 0 && hashes.length ? commitInfo(root, hashes.at(-1)!, env) : undefined;
}

/** The newest commit that changed `rel`. */
export function lastCommitTouching(root: string, rel: string, env?: Env): CommitInfo | undefined {
  const r = runGit(root, ['log', '-1', '--format=%H', 'HEAD', '--', rel], env);
  const hash = r.stdout.trim();
  return r.code === 0 && hash ? commitInfo(root, hash, env) : undefined;
}

/** A file as it was in a commit, or undefined when it did not exist there. */
export function showFile(root: string, rev: string, rel: string, env?: Env): string | undefined {
  const r = runGit(root, ['show', `${rev}:./${rel}`], env);
  return r.code === 0 ? r.stdout : undefined;
}

/** Uncommitted changes (and untracked files) in the gradebook folder, apart from the cache. */
export function uncommitted(root: string, env?: Env): string[] {
  const r = runGit(root, ['status', '--porcelain', '--untracked-files=all', '--', '.', ':(exclude).pathbook'], env);
  if (r.code !== 0) return [];
  return r.stdout.split('\n').filter(Boolean).map((l) => l.slice(3));
}

/**
 * Commits exactly these paths (written or deleted by one command) with a message and trailers,
 * leaving anything else the teacher has staged alone.
 */
export function commitPaths(root: string, paths: readonly string[], subject: string, trailers: Record<string, string>, env?: Env): { hash?: string; error?: string; ignored?: string[] } {
  // Files the teacher keeps out of git (.gitignore: plp/, say) stay out; the rest is committed.
  const ignoredOut = runGit(root, ['check-ignore', '--', ...paths], env);
  const ignored = new Set(ignoredOut.code === 0 ? ignoredOut.stdout.split('\n').filter(Boolean) : []);
  const kept = paths.filter((p) => !ignored.has(p));
  if (!kept.length) return { ignored: [...ignored] };
  const specs = kept.map((p) => `:(literal)${p}`);
  const add = runGit(root, ['add', '-A', '--', ...specs], env);
  if (add.code !== 0) return { error: add.stderr.trim() || 'git add failed' };
  const body = Object.entries(trailers).map(([k, v]) => `${k}: ${v}`).join('\n');
  const commit = runGit(root, ['commit', '-q', '-m', subject, '-m', body, '--', ...specs], env);
  if (commit.code !== 0) return { error: (commit.stderr || commit.stdout).trim() || 'git commit failed' };
  return { hash: runGit(root, ['rev-parse', 'HEAD'], env).stdout.trim(), ignored: [...ignored] };
}

export interface PathbookCommit extends CommitInfo { command: string; undoes?: string }

/** Commits pathbook made in this folder (those with a Pathbook-Command trailer), newest first. */
export function pathbookCommits(root: string, env?: Env, limit = 500): PathbookCommit[] {
  const fmt = `%H%x1f%cs%x1f%s%x1f%(trailers:key=${COMMAND_TRAILER},valueonly,separator=%x20)%x1f%(trailers:key=${UNDOES_TRAILER},valueonly,separator=%x20)%x1e`;
  const r = runGit(root, ['log', `-${limit}`, `--format=${fmt}`, 'HEAD', '--', '.'], env);
  if (r.code !== 0) return [];
  return r.stdout.split('\x1e').map((s) => s.trim()).filter(Boolean).map((rec) => {
    const [hash, date, subject, command, undoes] = rec.split('\x1f').map((x) => x.trim()) as [string, string, string, string, string];
    return { hash, date, subject, command, undoes: undoes || undefined };
  }).filter((c) => c.command !== '');
}

export interface ChangedPath { status: 'A' | 'M' | 'D'; path: string }

/** What a commit changed in the gradebook folder (paths relative to it). */
export function changedPaths(root: string, hash: string, env?: Env): ChangedPath[] | undefined {
  const r = runGit(root, ['diff-tree', '--root', '-r', '--no-renames', '--relative', '--no-commit-id', '--name-status', '-z', hash], env);
  if (r.code !== 0) return undefined;
  const parts = r.stdout.split('\0').filter((x) => x !== '');
  const out: ChangedPath[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const s = parts[i]!.charAt(0);
    out.push({ status: s === 'A' ? 'A' : s === 'D' ? 'D' : 'M', path: parts[i + 1]! });
  }
  return out;
}
