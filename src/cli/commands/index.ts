// Every command, in the order `pathbook --help` lists them.
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import * as init from './init.ts';
import * as check from './check.ts';
import * as roster from './roster.ts';
import * as standards from './standards.ts';
import * as mastery from './mastery.ts';
import * as importCmd from './import.ts';
import * as analyze from './analyze.ts';
import * as observe from './observe.ts';

export const COMMANDS: ((program: Command, ctx: CliContext) => void)[] = [
  init.register,
  roster.register,
  standards.register,
  importCmd.register,
  analyze.register,
  observe.register,
  mastery.register,
  check.register,
];
