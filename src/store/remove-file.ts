// Deleting one file that may already be gone. fs.rmSync({ force: true }) does the same, but its first
// call loads Node's recursive-removal module: 0.7 ms of every writing command's start.
import { unlinkSync } from 'node:fs';

export function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}
