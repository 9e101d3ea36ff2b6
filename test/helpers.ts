// Shared test helpers: run the real program in-process or the built CLI, on temporary gradebooks.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/program.ts';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
export const EXAMPLE = join(REPO, 'examples', 'grade6-math');
export const DOWNLOADS = join(REPO, 'examples', 'downloads');
// The shared reference sits beside the checkout (main) or two levels up (a helper's worktree).
export const SAMPLES = [join(REPO, '..', 'shared', 'reference', 'samples'), join(REPO, '..', '..', 'shared', 'reference', 'samples')]
  .find((p) => existsSync(p)) ?? join(REPO, '..', 'shared', 'reference', 'samples');
export const BIN = join(REPO, 'bin', 'pathbook');
export const TODAY = '2026-11-23';

export interface RunResult { code: number; stdout: string; stderr: string }

/** The real commander program in-process, with string sinks and a pinned clock. */
export async function run(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; tty?: boolean } = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (s) => { stdout += s; },
    stderr: (s) => { stderr += s; },
    cwd: opts.cwd ?? process.cwd(),
    env: { PATHBOOK_TODAY: TODAY, NO_COLOR: '1', ...opts.env },
    stdoutIsTTY: !!opts.tty,
    stdinIsTTY: false,
    now: () => new Date(`${TODAY}T12:00:00`),
  });
  return { code, stdout, stderr };
}

/** The built CLI (bin/pathbook → dist), as a teacher runs it. */
export function runBuilt(args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? process.cwd(),
    env: { ...process.env, PATHBOOK_TODAY: TODAY, NO_COLOR: '1', CI: '1', ...opts.env },
    input: opts.input ?? '',
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'pathbook-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A fresh copy of the example class. */
export function copyExample(): string {
  const dir = join(tempDir(), 'grade6-math');
  // Without the caches a demo run may have left in examples/: every test starts from the files alone.
  cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !/[\\/]\.pathbook$/.test(src) });
  return dir;
}

/** Every file under dir (except .pathbook/ and .git/) with its bytes, to prove nothing changed. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      if (f === '.pathbook' || f === '.git') continue;
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p).toString('base64');
    }
  };
  walk(dir);
  return out;
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}
