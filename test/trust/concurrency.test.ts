// Two writing commands never interleave: the second waits for the lock, or (when told not to wait)
// exits 3 naming the holder. A lock left by a killed process is taken over, even by several
// commands finding it at once.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshot, tempDir } from '../helpers.ts';
import { exampleWithoutMastery, spawnNode, storeWorker } from './harness.ts';

/** A pid that belonged to a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  return r.pid!;
}

function plantStaleLock(root: string, command = 'import x.csv'): void {
  mkdirSync(join(root, '.pathbook'), { recursive: true });
  writeFileSync(join(root, '.pathbook', 'lock'), JSON.stringify({ pid: deadPid(), host: hostname(), command, started: '2026-11-20T08:00:00.000Z' }));
}

describe('two writing commands started together', () => {
  it('the second exits 3 naming the holder when it may not wait, and the folder is the first one\'s result', async () => {
    const dir = exampleWithoutMastery();
    const env = { PATHBOOK_LOCK_WAIT_MS: '0', PATHBOOK_TEST_PAUSE_MS: '300' };
    const [a, b] = await Promise.all([
      spawnNode(['mastery', '--write', '-q'], { cwd: dir, env }),
      spawnNode(['mastery', '--write', '-q'], { cwd: dir, env }),
    ]);
    const codes = [a.code, b.code].sort();
    expect(codes).toEqual([0, 3]);
    const loser = a.code === 3 ? a : b;
    expect(loser.stderr).toMatch(/locked by `pathbook mastery --write` \(process \d+, started /);
    expect(loser.stderr).toContain('hint: wait for that command to finish');
    expect(loser.stderr).not.toMatch(/\n\s+at /);
    const ref = exampleWithoutMastery();
    await spawnNode(['mastery', '--write', '-q'], { cwd: ref });
    expect(snapshot(dir)).toEqual(snapshot(ref));
  });

  it('with the default wait, both finish', async () => {
    const dir = exampleWithoutMastery();
    const env = { PATHBOOK_TEST_PAUSE_MS: '100' };
    const rs = await Promise.all([1, 2].map(() => spawnNode(['mastery', '--write', '-q'], { cwd: dir, env })));
    expect(rs.map((r) => r.code)).toEqual([0, 0]);
  });

  it('eight read-modify-write commands at once lose no update', async () => {
    const root = tempDir();
    const rs = await Promise.all(Array.from({ length: 8 }, () => spawnNode(['increment', root, '40'], { cwd: root, script: storeWorker() })));
    expect(rs.map((r) => r.code)).toEqual(Array(8).fill(0));
    expect(readFileSync(join(root, 'counter.txt'), 'utf8')).toBe('8\n');
  });
});

describe('a lock left by a killed command', () => {
  it('is taken over at once by the next writing command', async () => {
    const dir = exampleWithoutMastery();
    plantStaleLock(dir);
    const r = await spawnNode(['mastery', '--write', '-q'], { cwd: dir, env: { PATHBOOK_LOCK_WAIT_MS: '0' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(snapshot(dir)['mastery.csv']).toBeDefined();
  });

  it('is taken over safely by six commands finding it at the same moment (10 rounds)', async () => {
    for (let round = 0; round < 10; round++) {
      const root = tempDir();
      plantStaleLock(root);
      const rs = await Promise.all(Array.from({ length: 6 }, () => spawnNode(['increment', root, '5'], { cwd: root, script: storeWorker() })));
      expect(rs.map((r) => r.code), rs.map((r) => r.stderr).join('')).toEqual(Array(6).fill(0));
      expect(readFileSync(join(root, 'counter.txt'), 'utf8'), `round ${round}`).toBe('6\n');
    }
  }, 60_000);

  it('a live holder on this machine is never taken over', async () => {
    const dir = exampleWithoutMastery();
    mkdirSync(join(dir, '.pathbook'), { recursive: true });
    writeFileSync(join(dir, '.pathbook', 'lock'), JSON.stringify({ pid: process.pid, host: hostname(), command: 'group --week next', started: '2026-11-23T08:00:00.000Z' }));
    const r = await spawnNode(['mastery', '--write'], { cwd: dir, env: { PATHBOOK_LOCK_WAIT_MS: '200' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`locked by \`pathbook group --week next\` (process ${process.pid}`);
    expect(snapshot(dir)['mastery.csv']).toBeUndefined();
  });
});
