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
import * as explain from './explain.ts';
import * as student from './student.ts';
import * as group from './group.ts';
import * as rotation from './rotation.ts';
import * as activities from './activities.ts';
import * as playlist from './playlist.ts';
import * as done from './done.ts';
import * as progress from './progress.ts';
import * as choiceBoard from './choice-board.ts';
import * as profile from './profile.ts';
import * as goal from './goal.ts';
import * as plp from './plp.ts';
import * as reportCard from './report-card.ts';
import * as diff from './diff.ts';
import * as undo from './undo.ts';
import * as exportCmd from './export.ts';

export const COMMANDS: ((program: Command, ctx: CliContext) => void)[] = [
  init.register,
  roster.register,
  standards.register,
  importCmd.register,
  analyze.register,
  observe.register,
  mastery.register,
  explain.register,
  student.register,
  group.register,
  rotation.register,
  activities.register,
  playlist.register,
  done.register,
  progress.register,
  choiceBoard.register,
  profile.register,
  goal.register,
  plp.register,
  reportCard.register,
  diff.register,
  undo.register,
  exportCmd.register,
  check.register,
];
