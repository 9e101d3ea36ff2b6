// Every command, in the order `pathbook --help` lists them.
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import * as init from './init.ts';
import * as check from './check.ts';
import * as roster from './roster.ts';
import * as standards from './standards.ts';
import * as mastery from './mastery.ts';
import * as explain from './explain.ts';
import * as student from './student.ts';
import * as group from './group.ts';
import * as rotation from './rotation.ts';
import * as activities from './activities.ts';
import * as playlist from './playlist.ts';
import * as done from './done.ts';
import * as progress from './progress.ts';
import * as choiceBoard from './choice-board.ts';
import * as diff from './diff.ts';
import * as undo from './undo.ts';
import * as exportCmd from './export.ts';

export const COMMANDS: ((program: Command, ctx: CliContext) => void)[] = [
  init.register,
  roster.register,
  standards.register,
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
  diff.register,
  undo.register,
  exportCmd.register,
  check.register,
];
