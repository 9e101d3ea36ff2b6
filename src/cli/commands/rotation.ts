// pathbook rotation: the week's groups through the stations as a Latin square, written to
// rotations/<week>.md for printing.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { buildRotation, DEFAULT_STATIONS, type Rotation } from '../../domain/rotation.ts';
import { errorFromDiagnostics, UserError } from '../../store/errors.ts';
import { groupsFile, readGroupWeek, rotationFile } from '../../store/groups-store.ts';
import type { CliContext } from '../context.ts';
import { parseWeekOption, parseWhole, weekFor } from './group.ts';

export function parseStations(v: string): string[] {
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  if (list.length < 2) throw new InvalidArgumentError('list at least two stations, e.g. teacher,tech,collab,independent');
  const lower = list.map((s) => s.toLowerCase());
  if (new Set(lower).size !== list.length) throw new InvalidArgumentError('each station once');
  if (list.some((s) => s.length > 40)) throw new InvalidArgumentError('station names are short words, e.g. tech');
  return list;
}

export function parseClock(v: string): string {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(v.trim());
  if (!m) throw new InvalidArgumentError('a time like 09:10 (24-hour clock)');
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

function rotationJson(rot: Rotation, week: string, file: string) {
  return {
    week, stations: rot.stations, teacher: rot.teacher, minutes: rot.minutes, start: rot.start,
    sections: rot.sections.map((s) => ({
      section: s.section, order: s.order,
      rounds: s.rounds.map((r) => ({ round: r.round, from: r.from, to: r.to, start: r.start, end: r.end, stations: r.stations })),
    })),
    file,
  };
}

export function register(program: Command, ctx: CliContext): void {
  program.command('rotation')
    .summary('a station-rotation timetable from the week\'s groups')
    .description('Every group visits every station once (a Latin square); the group most in need of reteaching is at the teacher station first. '
      + 'With more groups than stations, the teacher still takes one group a round and the extra groups double up at the other stations (the last listed first), '
      + 'one round per group. Writes rotations/<week>.md; run `pathbook group` for the week first.')
    .option('--week <week>', 'YYYY-Www, this or next', parseWeekOption, 'next')
    .addOption(new Option('--stations <list>', 'stations in order (comma-separated); "teacher", else the first, is teacher-led')
      .argParser(parseStations).default([...DEFAULT_STATIONS], DEFAULT_STATIONS.join(',')))
    .option('--minutes <n>', 'minutes per round', parseWhole(1, 'minutes'), 15)
    .option('--start <hh:mm>', 'clock time the first round starts', parseClock)
    .addHelpText('after', `
Examples:
  $ pathbook rotation --week next
  $ pathbook rotation --stations teacher,ipads,games --minutes 18 --start 09:10
  $ pathbook rotation --week 2026-W49 --json`)
    .action(async (opts: { week: string; stations: string[]; minutes: number; start?: string }) => {
      if (opts.minutes > 240) throw new UserError('--minutes: a round is at most 240 minutes', { exitCode: 2 });
      const week = weekFor(opts.week, ctx.today);
      const file = rotationFile(week);
      const { rotationMarkdown, renderRotationTable } = await import('../../render/rotation.ts');
      const r = await ctx.write('rotation', ({ book, root }) => {
        const found = readGroupWeek(root, week);
        if (!found) {
          throw new UserError(`no groups for ${week}: ${groupsFile(week)} does not exist`, { hint: `run \`pathbook group --week ${week}\` first` });
        }
        if (!found.groups || found.diagnostics.some((d) => d.severity === 'error')) throw errorFromDiagnostics(found.diagnostics);
        const groups = found.groups;
        if (!groups.groups.length) throw new UserError(`${groupsFile(week)} has no groups`, { hint: `run \`pathbook group --week ${week}\` again` });
        const rot = buildRotation(groups.groups, { stations: opts.stations, minutes: opts.minutes, start: opts.start });
        return { changes: [{ path: file, content: rotationMarkdown(rot, groups, book) }], result: { rot } };
      });
      if (ctx.globals.json) ctx.json(rotationJson(r.rot, week, file));
      else ctx.out(renderRotationTable(r.rot, week, ctx.style).trimEnd());
      ctx.info(r.written.length ? `Wrote ${file}.` : `${file} is up to date.`);
    });
}
