// The real terminal wired to the program: bin/pathbook calls main().
import { runCli } from './program.ts';
import type { Io } from './context.ts';
import { fdWriter, isTerminal } from './stdio.ts';

export async function main(args: string[]): Promise<number> {
  let stdoutIsTTY: boolean | undefined;
  const io: Io = {
    stdout: fdWriter(1, () => process.stdout),
    stderr: fdWriter(2, () => process.stderr),
    cwd: process.cwd(),
    env: process.env,
    // Asked only when it matters (colour without NO_COLOR, prompts, progress): each costs a module load.
    get stdoutIsTTY() { return (stdoutIsTTY ??= isTerminal(1)); },
    get stdinIsTTY() { return isTerminal(0); },
    get stderrIsTTY() { return isTerminal(2); },
    now: () => new Date(),
  };
  return runCli(args, io);
}

// For bin/pathbook, which ends the process at once when nothing is left to write.
export { outputMayBePending } from './stdio.ts';

// For scripts/code-cache.mjs, which runs commands in-process to compile them for the code cache.
export { runCli } from './program.ts';
