// Every command, in the order `pathbook --help` lists them.
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import * as init from './init.ts';
import * as check from './check.ts';
import * as roster from './roster.ts';
import * as standards from './standards.ts';
import * as mastery from './mastery.ts';
import * as diff from './diff.ts';
import * as undo from './undo.ts';
import * as exportCmd from './export.ts';

export const COMMANDS: ((program: Command, ctx: CliContext) => void)[] = [
  init.register,
  roster.register,
  standards.register,
  mastery.register,
  diff.register,
  undo.register,
  exportCmd.register,
  check.register,
];
