// Writing a cache file: whole or not at all (temp file, then rename), but without the fsyncs of
// writeFileAtomic. A cache lost in a crash is only a miss: the next run computes it again.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { removeFile } from './remove-file.ts';

export function writeCacheFile(file: string, content: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (e) {
    removeFile(tmp);
    throw e;
  }
}
