// Every command, in the order `pathbook --help` lists them.
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import * as init from './init.ts';
import * as check from './check.ts';
import * as roster from './roster.ts';
import * as standards from './standards.ts';
import * as mastery from './mastery.ts';
import * as profile from './profile.ts';
import * as goal from './goal.ts';
import * as plp from './plp.ts';
import * as reportCard from './report-card.ts';

export const COMMANDS: ((program: Command, ctx: CliContext) => void)[] = [
  init.register,
  roster.register,
  standards.register,
  mastery.register,
  profile.register,
  goal.register,
  plp.register,
  reportCard.register,
  check.register,
];
