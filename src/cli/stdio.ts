// Writing to stdout and stderr by their file descriptors. process.stdout is a stream that Node builds on
// first use, loading its stream, net and tty modules: about 3 ms of every run, for text that a
// synchronous write puts out as well. The stream is still used where a write cannot complete at once.
import { writeSync } from 'node:fs';

let streamUsed = false;

/** True once a writer has handed text to a stream, which may still hold some of it (so the process must not exit at once). */
export const outputMayBePending = () => streamUsed;

/**
 * A writer for fd 1 or 2. A reader that closes the pipe early (`| head`) ends the run quietly. A
 * descriptor left non-blocking by whoever started us (EAGAIN) hands this text and all that follows to
 * Node's stream, which waits for the reader, so the order of the output is kept.
 */
export function fdWriter(fd: 1 | 2, stream: () => Pick<NodeJS.WriteStream, 'write' | 'on'>, write: typeof writeSync = writeSync): (text: string) => void {
  let viaStream: Pick<NodeJS.WriteStream, 'write' | 'on'> | undefined;
  return (text) => {
    if (viaStream) {
      viaStream.write(text);
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    let done = 0;
    try {
      while (done < bytes.length) done += write(fd, bytes, done);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') process.exit(0);
      if (code !== 'EAGAIN') throw e;
      viaStream = stream();
      streamUsed = true;
      viaStream.on('error', (err: NodeJS.ErrnoException) => { if (err.code === 'EPIPE') process.exit(0); });
      viaStream.write(bytes.subarray(done));
    }
  };
}

/** isatty(fd), through node:tty, loaded only when asked. */
export function isTerminal(fd: 0 | 1 | 2): boolean {
  const tty = process.getBuiltinModule('node:tty');
  return tty.isatty(fd);
}
