// Every command, in the order `pathbook --help` lists them. Each is loaded only when it runs (or for
// help and unknown commands, which need them all): start-up should not compile 20 commands to run one.
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';

export type Register = (program: Command, ctx: CliContext) => void;

export interface CommandModule {
  /** The top-level commands the module registers. */
  names: readonly string[];
  load: () => Promise<{ register: Register }>;
}

export const COMMANDS: readonly CommandModule[] = [
  { names: ['init'], load: () => import('./init.ts') },
  { names: ['roster'], load: () => import('./roster.ts') },
  { names: ['standards'], load: () => import('./standards.ts') },
  { names: ['import'], load: () => import('./import.ts') },
  { names: ['analyze'], load: () => import('./analyze.ts') },
  { names: ['observe'], load: () => import('./observe.ts') },
  { names: ['mastery'], load: () => import('./mastery.ts') },
  { names: ['explain'], load: () => import('./explain.ts') },
  { names: ['student'], load: () => import('./student.ts') },
  { names: ['group'], load: () => import('./group.ts') },
  { names: ['rotation'], load: () => import('./rotation.ts') },
  { names: ['activities'], load: () => import('./activities.ts') },
  { names: ['playlist'], load: () => import('./playlist.ts') },
  { names: ['done'], load: () => import('./done.ts') },
  { names: ['progress'], load: () => import('./progress.ts') },
  { names: ['choice-board'], load: () => import('./choice-board.ts') },
  { names: ['profile', 'reflect', 'interest', 'accommodation'], load: () => import('./profile.ts') },
  { names: ['goal'], load: () => import('./goal.ts') },
  { names: ['plp'], load: () => import('./plp.ts') },
  { names: ['report-card'], load: () => import('./report-card.ts') },
  { names: ['diff'], load: () => import('./diff.ts') },
  { names: ['undo'], load: () => import('./undo.ts') },
  { names: ['export'], load: () => import('./export.ts') },
  { names: ['check'], load: () => import('./check.ts') },
];

/** Global options that take a value (the command name comes after it). */
const VALUE_OPTIONS = new Set(['-C', '--dir']);
const FLAG_OPTIONS = new Set(['--json', '--no-color', '-q', '--quiet']);

/**
 * The module of the command the arguments run, or undefined when every command is needed: no
 * command, help, the version, an unknown name (commander suggests a near one), or anything unusual.
 */
export function commandFor(argv: readonly string[]): CommandModule | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (VALUE_OPTIONS.has(a)) i++;
    else if (a.startsWith('--dir=') || (a.startsWith('-C') && a.length > 2) || FLAG_OPTIONS.has(a)) continue;
    else if (a.startsWith('-')) return undefined;
    else return COMMANDS.find((c) => c.names.includes(a));
  }
  return undefined;
}
