// pathbook done: record that a student finished an activity on their playlist. Only the `done:` line
// changes in playlists/<id>.yaml (comments and hand edits stay); the printable .md is redrawn from it.
import type { Command } from 'commander';
import { playlistProgress } from '../../domain/playlist-progress.ts';
import { UserError } from '../../store/errors.ts';
import { parsePlaylist, playlistFile, playlistMarkdownFile, readPlaylist, setDoneText } from '../../store/playlist-store.ts';
import type { CliContext } from '../context.ts';
import { parseDate } from './mastery.ts';
import { playlistMarkdown } from './playlist.ts';

export function register(program: Command, ctx: CliContext): void {
  program.command('done')
    .summary('record that a student finished an activity on their playlist')
    .description('Sets `done:` (today, or --date) on the activity in playlists/<student>.yaml,\nkeeping the file\'s comments and hand edits, and redraws playlists/<student>.md.')
    .argument('<student>', 'the student id, e.g. S005')
    .argument('<activity>', 'the activity id, as on the playlist')
    .option('--date <date>', 'the day it was finished (YYYY-MM-DD; default today)', parseDate)
    .option('--undo', 'clear the done date instead')
    .addHelpText('after', `
Examples:
  $ pathbook done S005 ratio-language-reading
  $ pathbook done S014 animal-speed-challenge --date 2026-11-20
  $ pathbook done S005 ratio-language-reading --undo`)
    .action(async (studentId: string, activity: string, opts: { date?: string; undo?: boolean }) => {
      if (opts.undo && opts.date) throw new UserError('--undo clears the date; leave out --date', { exitCode: 2 });
      const date = opts.undo ? null : (opts.date ?? ctx.today);
      const r = await ctx.write('done', ({ book, root }) => {
        const student = book.students.find((s) => s.id === studentId);
        if (!student) throw new UserError(`unknown student ${JSON.stringify(studentId)}`, { hint: 'see `pathbook roster list`', exitCode: 2 });
        const stored = readPlaylist(root, studentId);
        if (!stored) throw new UserError(`${studentId} has no playlist (${playlistFile(studentId)})`, { hint: `make one with \`pathbook playlist --unit <unit> --student ${studentId}\`` });
        const edited = setDoneText(stored.text, stored.file, activity, date);
        if (!edited) {
          const open = stored.playlist.tracks.filter((t) => !t.done).map((t) => t.activity);
          const inBank = book.activities.some((a) => a.id === activity);
          throw new UserError(
            inBank ? `${activity} is not on ${studentId}'s playlist (${stored.file})` : `unknown activity ${JSON.stringify(activity)}: it is not in activities.yaml or on ${studentId}'s playlist`,
            { hint: open.length ? `activities still to do: ${open.join(', ')}` : 'every activity on the playlist is done', exitCode: inBank ? 1 : 2 },
          );
        }
        const { playlist } = parsePlaylist(edited.text, stored.file);
        return {
          changes: [{ path: stored.file, content: edited.text }, { path: playlistMarkdownFile(studentId), content: playlistMarkdown(book, playlist!) }],
          result: { playlist: playlist!, previous: edited.previous },
        };
      });
      const progress = playlistProgress(r.playlist);
      const track = r.playlist.tracks.find((t) => t.activity === activity)!;
      if (ctx.globals.json) {
        ctx.json({
          student: studentId, activity, type: track.type, done: date, previous: r.previous, file: playlistFile(studentId),
          progress: { must: progress.must, checkpoint: progress.checkpoint, may: progress.may, ready_for_checkpoint: progress.readyForCheckpoint, status: progress.status },
        });
        return;
      }
      const was = r.previous && r.previous !== date ? ` (was ${r.previous})` : '';
      const what = date ? `${studentId} finished ${activity} on ${date}${was}` : `${studentId}'s ${activity} is no longer marked done${was}`;
      const { must } = progress;
      const where = progress.status === 'ready for checkpoint' ? ': ready for checkpoint'
        : progress.status === 'checkpoints done' ? ': every checkpoint done' : '';
      ctx.out(`${what}. Must-dos ${must.done} of ${must.of} (needs ${must.n})${where}.`);
      if (!r.written.length) ctx.info('Already recorded: nothing changed.');
    });
}
