// Shared pieces of the trust tests: a seeded PRNG, spawning the built CLI with a kill timer, and a
// bundled worker that drives the store directly (for many-file commits and lock races).
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { mulberry32 } from '../../src/domain/grouping/random.ts';
import { BIN, copyExample, REPO, TODAY, tempDir } from '../helpers.ts';

/** The same seed replays the same kill times. */
export const prng = mulberry32;

export interface SpawnResult { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number }

export interface KillOn {
  /** Polled every millisecond from the start… */
  when(): boolean;
  /** …and once it holds, SIGKILL after this many more milliseconds. */
  thenMs: number;
}

/**
 * Runs a node script (the built CLI by default). killAfterMs sends SIGKILL after that long;
 * killOn sends it a moment after something is seen in the folder (e.g. the commit beginning).
 */
export function spawnNode(args: string[], opts: { cwd: string; env?: Record<string, string>; killAfterMs?: number; killOn?: KillOn; script?: string }): Promise<SpawnResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child: ChildProcess = spawn(process.execPath, [opts.script ?? BIN, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, PATHBOOK_TODAY: TODAY, NO_COLOR: '1', CI: '1', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => { stdout += d; });
    child.stderr!.on('data', (d) => { stderr += d; });
    let timer = opts.killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs);
    const poll = opts.killOn && setInterval(() => {
      if (!opts.killOn!.when()) return;
      clearInterval(poll);
      timer = setTimeout(() => child.kill('SIGKILL'), opts.killOn!.thenMs);
    }, 1);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (poll) clearInterval(poll);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started });
    });
  });
}

let worker: string | undefined;
/** test/trust/fixtures/store-worker.ts bundled once into a temp file that plain node runs. */
export function storeWorker(): string {
  if (worker) return worker;
  const out = join(tempDir('pathbook-worker-'), 'store-worker.mjs');
  buildSync({
    entryPoints: [join(REPO, 'test', 'trust', 'fixtures', 'store-worker.ts')],
    outfile: out, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning',
  });
  worker = out;
  return out;
}

/** Runs up to `width` async jobs at a time, in order of their index. */
export async function pool<T>(count: number, width: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, count) }, async () => {
    while (next < count) {
      const i = next++;
      results[i] = await job(i);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** The example class before its first `mastery --write` (so that command has a file to write). */
export function exampleWithoutMastery(): string {
  const dir = copyExample();
  rmSync(join(dir, 'mastery.csv'));
  return dir;
}
