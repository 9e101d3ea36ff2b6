// The folder lock: one writing command at a time. A second one waits briefly, then exits 3 naming
// the holder; a lock left by a process that no longer exists is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { CACHE_DIR } from './atomic.ts';
import { LockedError } from './errors.ts';

interface LockInfo { pid: number; host: string; command: string; started: string }

export interface FolderLock { release(): void }

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | undefined {
  try { return JSON.parse(readFileSync(file, 'utf8')) as LockInfo; } catch { return undefined; }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function acquireLock(root: string, command: string, waitMs: number): Promise<FolderLock> {
  mkdirSync(join(root, CACHE_DIR), { recursive: true });
  const file = join(root, CACHE_DIR, 'lock');
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      const info: LockInfo = { pid: process.pid, host: hostname(), command, started: new Date().toISOString() };
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const now = readLock(file);
        if (now && now.pid === process.pid) rmSync(file, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = readLock(file);
    // A lock whose process is gone (killed, crashed) is stale; an unreadable one was cut off mid-write.
    if (!holder || (holder.host === hostname() && !alive(holder.pid))) {
      rmSync(file, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new LockedError(
        `the gradebook is locked by \`pathbook ${holder.command}\` (process ${holder.pid}, started ${holder.started})`,
        'wait for that command to finish and try again',
      );
    }
    await sleep(50);
  }
}
