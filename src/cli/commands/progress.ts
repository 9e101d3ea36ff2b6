// pathbook progress: the class's playlist completion, from playlists/*.yaml. A student who has finished
// their must-dos (N of M, the playlist's rule) is flagged ready for the checkpoint.
import type { Command } from 'commander';
import { playlistProgress, type PlaylistProgress } from '../../domain/playlist-progress.ts';
import { renderTable } from '../../render/table.ts';
import { readPlaylists } from '../../store/playlist-store.ts';
import { displayName } from '../../store/roster-store.ts';
import type { CliContext } from '../context.ts';
import { requireSection, requireUnit } from './playlist.ts';

export function register(program: Command, ctx: CliContext): void {
  program.command('progress')
    .summary('the class\'s playlist progress: who is ready for a checkpoint')
    .description('One row per active student: must-dos, checkpoints and may-dos done, and a status\n(working, ready for checkpoint, checkpoints done, may-dos only, no playlist).')
    .option('--unit <unit>', 'only playlists for this unit')
    .option('--section <section>', 'only this section')
    .addHelpText('after', `
Examples:
  $ pathbook progress --unit ratios
  $ pathbook progress --json | jq '.progress[] | select(.ready_for_checkpoint)'`)
    .action(async (opts: { unit?: string; section?: string }) => {
      const { book, root } = await ctx.loadBook();
      if (opts.unit) requireUnit(book, opts.unit);
      if (opts.section) requireSection(book, opts.section);
      const stored = readPlaylists(root);
      const rows = book.students
        .filter((s) => s.status === 'active' && (!opts.section || s.section === opts.section))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((s) => {
          const p = stored.get(s.id)?.playlist;
          const mine = p && (!opts.unit || p.unit === opts.unit) ? p : undefined;
          return { student: s, playlist: mine, progress: mine ? playlistProgress(mine) : undefined };
        });
      if (ctx.globals.json) {
        ctx.json({
          progress: rows.map(({ student: s, playlist: p, progress: g }) => ({
            student: s.id, name: displayName(s), section: s.section, unit: p ? p.unit : null,
            must: g?.must ?? null, checkpoint: g?.checkpoint ?? null, may: g?.may ?? null,
            ready_for_checkpoint: g?.readyForCheckpoint ?? false, status: g?.status ?? 'no playlist', last_done: g?.lastDone ?? null,
          })),
        });
        return;
      }
      const c = ctx.style.c;
      const frac = (x: { done: number; of: number } | undefined) => (x ? `${x.done}/${x.of}` : '');
      const mustText = (g: PlaylistProgress | undefined) => (g ? `${g.must.done}/${g.must.of}${g.must.n < g.must.of ? ` (need ${g.must.n})` : ''}` : '');
      const status = (g: PlaylistProgress | undefined) => {
        if (!g) return c.dim('no playlist');
        return g.status === 'ready for checkpoint' ? c.green.bold(g.status) : g.status === 'checkpoints done' ? c.green(g.status) : g.status;
      };
      ctx.out(renderTable(
        ['student', 'name', 'unit', 'must', 'checks', 'may', 'last done', 'status'],
        rows.map(({ student: s, playlist: p, progress: g }) => [s.id, displayName(s), p ? (p.unit ?? p.standards.join(' ')) : '', mustText(g), frac(g?.checkpoint), frac(g?.may), g?.lastDone ?? '', status(g)]),
      ).trimEnd());
      const ready = rows.filter((r) => r.progress?.readyForCheckpoint).map((r) => r.student.id);
      const none = rows.filter((r) => !r.playlist).length;
      ctx.out(`\nReady for checkpoint: ${ready.length ? `${ready.join(', ')} (${ready.length})` : 'nobody yet'}.`
        + (none ? ` ${none} student${none === 1 ? ' has' : 's have'} no playlist${opts.unit ? ` for ${opts.unit}` : ''}.` : ''));
    });
}
