// The real terminal wired to the program: bin/pathbook calls main().
import { runCli } from './program.ts';
import type { Io } from './context.ts';

export async function main(args: string[]): Promise<number> {
  const io: Io = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: !!process.stdout.isTTY,
    stdinIsTTY: !!process.stdin.isTTY,
    stderrIsTTY: !!process.stderr.isTTY,
    now: () => new Date(),
  };
  // A reader that closes the pipe early (| head) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); });
  return runCli(args, io);
}
