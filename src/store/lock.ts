// The folder lock: one writing command at a time. A second one waits briefly, then exits 3 naming
// the holder; a lock left by a process that no longer exists is taken over.
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { CACHE_DIR } from './atomic.ts';
import { LockedError } from './errors.ts';
import { removeFile } from './remove-file.ts';

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

const sameHolder = (a: LockInfo | undefined, b: LockInfo | undefined) =>
  a === b || (!!a && !!b && a.pid === b.pid && a.host === b.host && a.started === b.started);

/**
 * Removes a stale lock so that two commands finding it at once cannot both take over: only the one
 * holding lock.break may remove the lock, and only if it is still the stale one it saw (a fresh
 * lock can appear only after the stale one is gone, and only a breaker removes it). A breaker
 * killed inside this short step leaves lock.break behind; it is taken by rename, so one process
 * removes it.
 */
function breakStaleLock(root: string, file: string, seen: LockInfo | undefined): void {
  const brk = join(root, CACHE_DIR, 'lock.break');
  let fd: number;
  try {
    fd = openSync(brk, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const other = readLock(brk);
    if (other && other.host === hostname() && alive(other.pid)) return;
    // Left by a killed breaker (or cut off mid-write): take it away by rename, which only one process can.
    const mine = `${brk}.${process.pid}`;
    try {
      renameSync(brk, mine);
      const taken = readLock(mine);
      if (taken && taken.host === hostname() && alive(taken.pid)) {
        // A live breaker's file after all (it began between our read and the rename): give it back.
        try { linkSync(mine, brk); } catch { /* it made another; it will finish */ }
      }
      removeFile(mine);
    } catch { /* another process took it */ }
    return;
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), command: 'take over a stale lock', started: new Date().toISOString() }));
    closeSync(fd);
    if (sameHolder(readLock(file), seen)) removeFile(file);
  } finally {
    removeFile(brk);
  }
}

export async function acquireLock(root: string, command: string, waitMs: number): Promise<FolderLock> {
  mkdirSync(join(root, CACHE_DIR), { recursive: true });
  const file = join(root, CACHE_DIR, 'lock');
  const deadline = Date.now() + waitMs;
  let staleTries = 0;
  for (;;) {
    const info: LockInfo = { pid: process.pid, host: hostname(), command, started: new Date().toISOString() };
    if (createComplete(file, JSON.stringify(info))) {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        if (sameHolder(readLock(file), info)) removeFile(file);
        process.off('exit', release);
      };
      process.on('exit', release);
      return { release };
    }
    const holder = readLock(file);
    // A lock whose process is gone (killed, crashed) is stale; an unreadable one was cut off mid-write.
    if (!holder || (holder.host === hostname() && !alive(holder.pid))) {
      // Stale: take it over at once, whatever the wait (a lock that cannot be removed ends the loop).
      breakStaleLock(root, file, holder);
      if (++staleTries < 200) {
        await sleep(staleTries > 1 ? 5 : 0);
        continue;
      }
      throw new LockedError(`the gradebook's lock file ${file} cannot be taken over`, 'make sure no pathbook command is running, then delete that file');
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

/**
 * Creates `file` with its whole content or not at all (false when it exists): written beside it,
 * then hard-linked into place, so no reader ever sees an empty lock and takes it for a broken one.
 */
function createComplete(file: string, content: string): boolean {
  const tmp = `${file}.${process.pid}`;
  const fd = openSync(tmp, 'w');
  try { writeSync(fd, content); } finally { closeSync(fd); }
  try {
    linkSync(tmp, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw e;
    // A file system without hard links: exclusive create, then write (a tiny window with an empty file).
    try {
      const lfd = openSync(file, 'wx');
      try { writeSync(lfd, content); } finally { closeSync(lfd); }
      return true;
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e2;
    }
  } finally {
    removeFile(tmp);
  }
}
