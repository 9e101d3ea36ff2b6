// Shared benchmark helpers: medians of interleaved runs against a baseline from the same run, so
// figures are ratios that survive a busy or slower machine.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(REPO, 'bin', 'pathbook');

export function tempDir(prefix = 'pathbook-bench-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

function once(argv, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { cwd: opts.cwd, env: { ...process.env, NO_COLOR: '1', CI: '1', ...opts.env }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && !opts.allowFail) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs each command `runs` times, interleaved (A B C A B C …) so drift hits all alike, after one warm-up
 * each. `prepare` (optional) runs untimed before each timed run of that command (e.g. restore a folder).
 */
export function interleaved(commands, { runs = 10 } = {}) {
  const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (const c of Object.values(commands)) { c.prepare?.(); once(c.argv, c); }
  for (let i = 0; i < runs; i++) {
    for (const [name, c] of Object.entries(commands)) {
      c.prepare?.();
      times[name].push(once(c.argv, c));
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

/** Peak resident memory (MiB) and wall time of one run, read from GNU time when installed. */
export function peak(argv, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', ...argv], { cwd: opts.cwd, env: { ...process.env, NO_COLOR: '1', CI: '1' }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) return { ms: once(argv, opts), mib: null };
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  const kb = Number(r.stderr.trim().split('\n').pop());
  return { ms, mib: Number.isFinite(kb) ? kb / 1024 : null };
}

/**
 * Waits until files just written are 2 s old. Until then the parse cache does not trust their stat
 * (src/store/parse-cache.ts), and every run reads and hashes them again. A teacher's folder was
 * written long before the command, so a bench times it that way.
 */
export function settle() {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2100);
}

export const NODE0 = { argv: [process.execPath, '-e', '0'] };
export const pathbook = (args, cwd) => ({ argv: [process.execPath, BIN, ...args], cwd });

export function row(name, value, note = '') {
  return { name, value, note };
}

export function printRows(title, rows) {
  console.log(`\n## ${title}`);
  const w = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) console.log(`${r.name.padEnd(w)}  ${String(r.value).padStart(10)}  ${r.note}`);
}
