// Crash safety (issue #8): SIGKILL a writing command at random moments from start to finish, then
// check that the next command finds the folder exactly as it was before or after, that
// `pathbook check` passes, and that the dead command's lock does not block anyone.
// Seeded: PATHBOOK_CRASH_SEED replays a run; PATHBOOK_CRASH_KILLS sets how many kills per scenario.
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyExample, snapshot, tempDir } from '../helpers.ts';
import { pool, prng, spawnNode, storeWorker, type SpawnResult } from './harness.ts';

const SEED = Number(process.env.PATHBOOK_CRASH_SEED ?? 20261123);
const KILLS = Number(process.env.PATHBOOK_CRASH_KILLS ?? 0);
const WIDTH = 2;

type Trace = 'untouched' | 'locked' | 'staged' | 'journal' | 'finished';

/** What a killed command left in .pathbook/, before anyone recovers it. */
function traceOf(dir: string, r: SpawnResult): Trace {
  if (r.signal !== 'SIGKILL') return 'finished';
  const cache = join(dir, '.pathbook');
  if (existsSync(join(cache, 'journal.json'))) return 'journal';
  const tmp = join(cache, 'tmp');
  if (existsSync(tmp) && readdirSync(tmp).length) return 'staged';
  if (existsSync(join(cache, 'lock'))) return 'locked';
  return 'untouched';
}

interface Scenario {
  name: string;
  kills: number;
  /** A fresh folder in its "before" state. */
  setup(): string;
  /** The writing command, killed at random. */
  write(dir: string, killAfterMs?: number, env?: Record<string, string>): Promise<SpawnResult>;
}

export const tally: Record<string, Record<Trace, number> & { kills: number; rerun: number; ms: number }> = {};

async function crashScenario(s: Scenario): Promise<void> {
  const base = s.setup();
  // A teacher's folder has a warm parse cache; the copies below start from it.
  expect((await spawnNode(['check'], { cwd: base })).code).toBe(0);
  const before = snapshot(base);
  const done = join(tempDir(), 'after');
  cpSync(base, done, { recursive: true });
  const full: number[] = [];
  for (let i = 0; i < 3; i++) {
    rmSync(done, { recursive: true, force: true });
    cpSync(base, done, { recursive: true });
    const r = await s.write(done);
    expect(r.code, r.stderr).toBe(0);
    full.push(r.ms);
  }
  const after = snapshot(done);
  expect(after).not.toEqual(before);
  const span = Math.max(...full) * 1.15;
  const rand = prng(SEED ^ s.name.length * 7919);
  const delays = Array.from({ length: s.kills }, () => rand() * span);
  const counts: Record<Trace, number> = { untouched: 0, locked: 0, staged: 0, journal: 0, finished: 0 };
  const started = performance.now();
  const root = tempDir('pathbook-crash-');
  let rerun = 0;
  await pool(delays.length, WIDTH, async (i) => {
    const dir = join(root, `t${i}`);
    cpSync(base, dir, { recursive: true });
    const killed = await s.write(dir, delays[i]!);
    const trace = traceOf(dir, killed);
    counts[trace]++;
    // The next command recovers (rolls the journal forward or drops what never reached it) and passes.
    // With no waiting allowed: a dead command's lock must be taken over at once.
    const check = await spawnNode(['check'], { cwd: dir, env: { PATHBOOK_LOCK_WAIT_MS: '0' } });
    const msg = `kill ${i} after ${delays[i]!.toFixed(1)} ms (${trace}): ${check.stderr}${check.stdout}`;
    expect(check.code, msg).toBe(0);
    const now = snapshot(dir);
    const same = JSON.stringify(now);
    expect(same === JSON.stringify(before) || same === JSON.stringify(after), msg).toBe(true);
    // `check` took the lock only to recover; when the command died before staging anything, its
    // lock is still there: the same command run again must take it over at once and finish.
    if (trace === 'locked') {
      const again = await s.write(dir, undefined, { PATHBOOK_LOCK_WAIT_MS: '0' });
      expect(again.code, `${msg}\nrerun: ${again.stderr}`).toBe(0);
      expect(snapshot(dir), msg).toEqual(after);
      rerun++;
    }
    rmSync(dir, { recursive: true, force: true });
  });
  tally[s.name] = { ...counts, kills: s.kills, rerun, ms: Math.round(performance.now() - started) };
  // Random delays over the whole run must also reach inside the commit itself.
  expect(counts.untouched + counts.locked + counts.staged + counts.journal, JSON.stringify(counts)).toBeGreaterThan(s.kills / 2);
  expect(counts.staged + counts.journal, JSON.stringify(counts)).toBeGreaterThan(0);
}

const scenarios: Scenario[] = [
  {
    name: 'mastery --write',
    kills: KILLS || 100,
    setup: () => copyExample(),
    write: (dir, killAfterMs, env) => spawnNode(['mastery', '--write', '-q'], { cwd: dir, killAfterMs, env: { PATHBOOK_TEST_PAUSE_MS: '15', ...env } }),
  },
  {
    name: 'store: 24 files in one commit',
    kills: KILLS || 100,
    setup: () => copyExample(),
    write: (dir, killAfterMs, env) => spawnNode(['commit', dir, '24', 'v2'], { cwd: dir, killAfterMs, script: storeWorker(), env: { PATHBOOK_TEST_PAUSE_MS: '1', ...env } }),
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
  });
});
