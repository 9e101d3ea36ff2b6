// Crash safety (issue #8): SIGKILL a writing command at random moments from start to finish, then
// check that the next command finds the folder exactly as it was before or after, that
// `pathbook check` passes, and that the dead command's lock does not block anyone.
// Seeded: PATHBOOK_CRASH_SEED replays a run; PATHBOOK_CRASH_KILLS sets how many kills per scenario.
import { appendFileSync, cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyExample, DOWNLOADS, snapshot, tempDir } from '../helpers.ts';
import { exampleWithoutMastery, pool, prng, spawnNode, storeWorker, type KillOn, type SpawnResult } from './harness.ts';

const SEED = Number(process.env.PATHBOOK_CRASH_SEED ?? 20261123);
const KILLS = Number(process.env.PATHBOOK_CRASH_KILLS ?? 0);
const WIDTH = 2;

/**
 * Where a kill landed, read from what the dead command left: nothing yet (`before`), its lock only
 * (`locked`), new files staged but no journal (`staged`), a journal being replayed (`journal`), its
 * changes committed but the process still running (`committed`), or it had already exited (`finished`).
 */
type Trace = 'before' | 'locked' | 'staged' | 'journal' | 'committed' | 'finished';

function tmpFiles(dir: string): number {
  const tmp = join(dir, '.pathbook', 'tmp');
  return existsSync(tmp) ? readdirSync(tmp).length : 0;
}

function traceOf(dir: string, r: SpawnResult, after: string): Trace {
  if (r.signal !== 'SIGKILL') return 'finished';
  const cache = join(dir, '.pathbook');
  if (existsSync(join(cache, 'journal.json'))) return 'journal';
  if (tmpFiles(dir)) return 'staged';
  if (existsSync(join(cache, 'lock'))) return 'locked';
  return JSON.stringify(snapshot(dir)) === after ? 'committed' : 'before';
}

interface Scenario {
  name: string;
  kills: number;
  /** A fresh folder in its "before" state. */
  setup(): Promise<string>;
  /** The writing command, killed at random. */
  write(dir: string, kill?: { afterMs?: number; on?: KillOn }, env?: Record<string, string>): Promise<SpawnResult>;
}

export const tally: Record<string, Record<Trace, number> & { kills: number; rerun: number; staleLocks: number; ms: number }> = {};

/**
 * One uninterrupted run, watching the folder every millisecond: how long the command takes, and
 * when its commit (staging to the end of the journal) happens.
 */
async function calibrate(s: Scenario, base: string): Promise<{ ms: number; commitFrom: number; commitTo: number; after: string }> {
  const dir = join(tempDir(), 'after');
  cpSync(base, dir, { recursive: true });
  let commitFrom = -1;
  let commitTo = -1;
  const t0 = performance.now();
  const watch = setInterval(() => {
    const busy = tmpFiles(dir) > 0 || existsSync(join(dir, '.pathbook', 'journal.json'));
    const t = performance.now() - t0;
    if (busy && commitFrom < 0) commitFrom = t;
    if (busy) commitTo = t;
  }, 1);
  const r = await s.write(dir);
  clearInterval(watch);
  expect(r.code, r.stderr).toBe(0);
  return { ms: r.ms, commitFrom, commitTo, after: JSON.stringify(snapshot(dir)) };
}

async function crashScenario(s: Scenario): Promise<void> {
  const base = await s.setup();
  // A teacher's folder has a warm parse cache; the copies below start from it.
  expect((await spawnNode(['check'], { cwd: base })).code).toBe(0);
  const before = JSON.stringify(snapshot(base));
  // Calibrated two at a time, as the trials run (a busy machine runs them slower).
  const runs = [...await Promise.all([calibrate(s, base), calibrate(s, base)]), ...await Promise.all([calibrate(s, base), calibrate(s, base)])];
  const after = runs[0]!.after;
  expect(runs.every((r) => r.after === after)).toBe(true);
  expect(after).not.toBe(before);
  const span = Math.max(...runs.map((r) => r.ms)) * 1.15;
  const seen = runs.filter((r) => r.commitFrom >= 0);
  expect(seen.length, 'the commit was never seen while calibrating').toBeGreaterThan(0);
  // How long a commit lasts once its first file is staged (the median run: a busy machine stretches some).
  const windows = seen.map((r) => r.commitTo - r.commitFrom).sort((x, y) => x - y);
  const window = windows[Math.floor(windows.length / 2)]! + 5;
  // Kills at random over the whole run; and two in five at a random moment of the commit itself,
  // timed from when its first staged file appears (a short part of the run, and the one that matters).
  const rand = prng(SEED ^ s.name.length * 7919);
  const kills = Array.from({ length: s.kills }, (): { afterMs?: number; inCommitMs?: number } => (rand() < 0.4 ? { inCommitMs: rand() * window } : { afterMs: rand() * span }));
  const counts: Record<Trace, number> = { before: 0, locked: 0, staged: 0, journal: 0, committed: 0, finished: 0 };
  const started = performance.now();
  const root = tempDir('pathbook-crash-');
  let rerun = 0;
  let staleLocks = 0;
  await pool(kills.length, WIDTH, async (i) => {
    const dir = join(root, `t${i}`);
    cpSync(base, dir, { recursive: true });
    const k = kills[i]!;
    const killed = await s.write(dir, k.inCommitMs === undefined ? { afterMs: k.afterMs } : { on: { when: () => tmpFiles(dir) > 0, thenMs: k.inCommitMs } });
    const trace = traceOf(dir, killed, after);
    counts[trace]++;
    if (existsSync(join(dir, '.pathbook', 'lock'))) staleLocks++;
    // The next command recovers (rolls the journal forward or drops what never reached it) and
    // passes; with no waiting allowed, a dead command's lock must be taken over at once.
    const check = await spawnNode(['check'], { cwd: dir, env: { PATHBOOK_LOCK_WAIT_MS: '0' } });
    const when = k.afterMs === undefined ? `${k.inCommitMs!.toFixed(1)} ms into the commit` : `after ${k.afterMs.toFixed(1)} ms`;
    const msg = `kill ${i} ${when} (${trace}): ${check.stderr}${check.stdout}`;
    expect(check.code, msg).toBe(0);
    const now = JSON.stringify(snapshot(dir));
    expect(now === before || now === after, msg).toBe(true);
    if (trace === 'journal' || trace === 'committed' || trace === 'finished') expect(now, msg).toBe(after);
    if (trace === 'before' || trace === 'staged') expect(now, msg).toBe(before);
    // `check` took the lock only to recover; when the command died before staging anything, its
    // lock is still there: the same command run again must take it over at once and finish.
    if (trace === 'locked') {
      const again = await s.write(dir, {}, { PATHBOOK_LOCK_WAIT_MS: '0' });
      expect(again.code, `${msg}\nrerun: ${again.stderr}`).toBe(0);
      expect(JSON.stringify(snapshot(dir)), msg).toBe(after);
      rerun++;
    }
    rmSync(dir, { recursive: true, force: true });
  });
  tally[s.name] = { ...counts, kills: s.kills, rerun, staleLocks, ms: Math.round(performance.now() - started) };
  // The kills must have reached inside the commit, or the test proved little.
  expect(counts.staged + counts.journal, JSON.stringify(counts)).toBeGreaterThan(s.kills / 25);
  expect(counts.before + counts.locked, JSON.stringify(counts)).toBeGreaterThan(s.kills / 10);
}

/** The example class with mastery.csv written, so an import changes two files (roster.csv and mastery.csv). */
async function classWithMastery(): Promise<string> {
  const dir = copyExample();
  expect((await spawnNode(['mastery', '--write', '-q'], { cwd: dir })).code).toBe(0);
  return dir;
}

const scenarios: Scenario[] = [
  {
    // The teacher's daily command: four files (the assessment's YAML, scores, responses, mastery.csv).
    name: 'import (4 files)',
    kills: KILLS || 100,
    setup: async () => copyExample(),
    write: (dir, kill, env) => spawnNode(['import', join(DOWNLOADS, 'Exit ticket 11-20 (Responses).csv'), '-q'], { cwd: dir, killAfterMs: kill?.afterMs, killOn: kill?.on, env: { PATHBOOK_TEST_PAUSE_MS: '10', ...env } }),
  },
  {
    name: 'roster import (roster.csv + mastery.csv)',
    kills: KILLS || 50,
    setup: classWithMastery,
    write: (dir, kill, env) => spawnNode(['roster', 'import', join(DOWNLOADS, 'roster-export.csv'), '-q'], { cwd: dir, killAfterMs: kill?.afterMs, killOn: kill?.on, env: { PATHBOOK_TEST_PAUSE_MS: '15', ...env } }),
  },
  {
    name: 'mastery --write (a new file)',
    kills: KILLS || 30,
    setup: async () => exampleWithoutMastery(),
    write: (dir, kill, env) => spawnNode(['mastery', '--write', '-q'], { cwd: dir, killAfterMs: kill?.afterMs, killOn: kill?.on, env: { PATHBOOK_TEST_PAUSE_MS: '15', ...env } }),
  },
  {
    name: 'store: 24 files in one commit',
    kills: KILLS || 40,
    setup: async () => copyExample(),
    write: (dir, kill, env) => spawnNode(['commit', dir, '24', 'v2'], { cwd: dir, killAfterMs: kill?.afterMs, killOn: kill?.on, script: storeWorker(), env: { PATHBOOK_TEST_PAUSE_MS: '1', ...env } }),
  },
];

describe('a writing command killed at any moment', () => {
  for (const s of scenarios) {
    it(`${s.name}: ${s.kills} kills leave the folder before or after, never between`, async () => {
      await crashScenario(s);
    }, 240_000);
  }
  afterAll(() => {
    if (process.env.PATHBOOK_CRASH_REPORT) console.log(JSON.stringify(tally, null, 2));
    // bench/trust.mjs collects the figures for the README's Reliability section.
    if (process.env.PATHBOOK_TRUST_REPORT) appendFileSync(process.env.PATHBOOK_TRUST_REPORT, JSON.stringify({ crash: tally }) + '\n');
  });
});
