// The commander program, built around an injected io so tests run it in-process with string sinks.
import { Command, CommanderError, Option } from 'commander';
import { formatSource, UserError } from '../store/errors.ts';
import { renderDiagnostic } from '../render/diagnostics.ts';
import { COMMANDS } from './commands/index.ts';
import { CliContext, type Io } from './context.ts';

declare const PATHBOOK_VERSION: string;
const VERSION = typeof PATHBOOK_VERSION === 'string' ? PATHBOOK_VERSION : '0.0.0-dev';

export const REPORT_BUGS = 'This is a bug in pathbook. Please report it with the command you ran and this message (leave out student data); set PATHBOOK_DEBUG=1 to see the details.';

export function createProgram(io: Io): { program: Command; ctx: CliContext } {
  const ctx = new CliContext(io);
  const program = new Command('pathbook');
  // Before any command is added: .command() copies these settings to subcommands.
  program
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s), outputError: (s, write) => write(s) })
    .showHelpAfterError('(run the command with --help for usage)')
    .description('A plain-text gradebook for teachers who personalize learning: mastery by\nstandard, flexible groups, playlists and learning plans, from one folder of\nYAML and CSV.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('-C, --dir <folder>', 'the gradebook folder (default: the nearest folder upward with pathbook.yaml)')
    .option('--json', 'print machine-readable JSON instead of tables')
    .addOption(new Option('--no-color', 'plain text without colours (also when NO_COLOR is set)'))
    .option('-q, --quiet', 'print only results and errors')
    .helpOption('-h, --help', 'show help')
    .addHelpCommand('help [command]', 'show help for a command')
    .hook('preAction', (_this, action) => {
      const o = action.optsWithGlobals() as { dir?: string; json?: boolean; color?: boolean; quiet?: boolean };
      ctx.globals = { dir: o.dir, json: !!o.json, color: o.color !== false, quiet: !!o.quiet };
    });
  program.addHelpText('after', `
Examples:
  $ pathbook init grade6-math                 start a gradebook for a class
  $ pathbook roster import students.csv       add the class list
  $ pathbook import "Exit ticket 11-20 (Responses).csv"
  $ pathbook mastery --section P2             the class heatmap
  $ pathbook check                            validate every file

Exit codes: 0 ok, 1 the data or folder is wrong, 2 the command line is wrong, 3 the folder is locked.`);
  for (const register of COMMANDS) register(program, ctx);
  return { program, ctx };
}

/** Runs the CLI and returns the exit code; never throws for a user's mistake. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const { program, ctx } = createProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (e) {
    return reportError(e, io, ctx);
  }
}

export function reportError(e: unknown, io: Io, ctx: CliContext): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    if (e.code === 'pathbook.exit') return e.exitCode;
    return 2;
  }
  if (e instanceof UserError) {
    const style = ctx.style;
    if (e.diagnostics.length > 1) {
      const shown = e.diagnostics.slice(0, 20);
      for (const d of shown) io.stderr(renderDiagnostic(d, style));
      if (e.diagnostics.length > shown.length) io.stderr(`… and ${e.diagnostics.length - shown.length} more; run \`pathbook check\` to see them all\n`);
    } else {
      const where = e.source ? `${formatSource(e.source)}: ` : 'pathbook: ';
      io.stderr(`${where}${style.c.red('error')}: ${e.message}\n` + (e.hint ? `  hint: ${e.hint}\n` : ''));
    }
    return e.exitCode;
  }
  if (e && typeof e === 'object' && (e as Error).name === 'ExitPromptError') {
    io.stderr('pathbook: cancelled\n');
    return 130;
  }
  const err = e as Error;
  io.stderr(`pathbook: internal error: ${err?.message ?? String(e)}\n${REPORT_BUGS}\n`);
  if (io.env.PATHBOOK_DEBUG) io.stderr(`${err?.stack ?? ''}\n`);
  return 1;
}
