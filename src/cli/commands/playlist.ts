// pathbook playlist: one learning playlist per student for a unit (or named standards), written to
// playlists/<id>.yaml (plan and progress) and playlists/<id>.md (the checklist to print).
import { InvalidArgumentError, type Command } from 'commander';
import { masteryTable } from '../../domain/mastery/table.ts';
import { activityRollup, buildPlaylist, indexBank, keepProgress, prerequisiteOrder, standardsScope, unitScope, type Playlist, type PlaylistScope } from '../../domain/playlists.ts';
import type { Book, Student } from '../../domain/types.ts';
import { shortCode } from '../../render/heatmap.ts';
import { renderPlaylistMarkdown } from '../../render/playlist-markdown.ts';
import { renderTable } from '../../render/table.ts';
import type { FileChange } from '../../store/atomic.ts';
import { UserError, UsageError } from '../../store/errors.ts';
import { ParseCache } from '../../store/parse-cache.ts';
import { playlistFile, playlistMarkdownFile, playlistText, readPlaylist } from '../../store/playlist-store.ts';
import { displayName } from '../../store/roster-store.ts';
import type { CliContext } from '../context.ts';

const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

function parseMust(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number of must-do activities, e.g. 2');
  return n;
}

export function unitNames(book: Book): string[] {
  return [...new Set(book.standards.map((s) => s.unit).filter(Boolean))];
}

export function requireUnit(book: Book, unit: string): void {
  if (!book.standards.some((s) => s.unit === unit)) {
    throw new UserError(`no standards in unit ${JSON.stringify(unit)}`, { hint: `units: ${unitNames(book).join(', ') || 'none yet (set unit: in standards.yaml)'}`, exitCode: 2 });
  }
}

/** --unit U or --standard S…, exactly one. */
export function scopeFrom(book: Book, o: { unit?: string; standard?: string[] }): PlaylistScope {
  if (!!o.unit === !!o.standard?.length) throw new UsageError('choose the standards with --unit U or with --standard S (one of them)', 'e.g. --unit ratios');
  if (o.unit) {
    requireUnit(book, o.unit);
    return unitScope(book, o.unit);
  }
  const known = new Set(book.standards.map((s) => s.id));
  for (const s of o.standard!) if (!known.has(s)) throw new UserError(`unknown standard ${JSON.stringify(s)}`, { hint: 'see `pathbook standards list`', exitCode: 2 });
  return standardsScope(book, o.standard!);
}

/** An active student on the roster, by id. */
export function requireStudent(book: Book, id: string): Student {
  const s = book.students.find((x) => x.id === id);
  if (!s) throw new UserError(`unknown student ${JSON.stringify(id)}`, { hint: 'see `pathbook roster list`', exitCode: 2 });
  if (s.status !== 'active') throw new UserError(`${id} (${displayName(s)}) has withdrawn`, { source: s.source, hint: 'playlists are for active students' });
  return s;
}

export function requireSection(book: Book, section: string): void {
  if (!book.students.some((s) => s.section === section && s.status === 'active')) {
    const sections = [...new Set(book.students.map((s) => s.section))].filter(Boolean).sort().join(', ');
    throw new UserError(`no active students in section ${JSON.stringify(section)}`, { hint: `sections: ${sections}`, exitCode: 2 });
  }
}

/** --student ID… | --section P | --all, exactly one; active students in id order. */
function studentsFrom(book: Book, o: { student?: string[]; section?: string; all?: boolean }): Student[] {
  const given = [o.student?.length, o.section, o.all].filter(Boolean).length;
  if (given !== 1) throw new UsageError('choose the students with --student ID, --section P or --all (one of them)', 'e.g. --all');
  const active = book.students.filter((s) => s.status === 'active').sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (o.all) return active;
  if (o.section) {
    requireSection(book, o.section);
    return active.filter((s) => s.section === o.section);
  }
  const ids = new Set(o.student!.map((id) => requireStudent(book, id).id));
  return active.filter((s) => ids.has(s.id));
}

/** The printable view of a playlist, from the playlist and the folder's names and statements. */
export function playlistMarkdown(book: Book, p: Playlist): string {
  const s = book.students.find((x) => x.id === p.student);
  return renderPlaylistMarkdown({ playlist: p, name: s ? displayName(s) : p.student, standards: book.standards });
}

export function playlistJson(book: Book, p: Playlist) {
  const s = book.students.find((x) => x.id === p.student);
  return { student: p.student, name: s ? displayName(s) : p.student, unit: p.unit, standards: p.standards, complete: p.complete, tracks: p.tracks, notes: p.notes };
}

interface PlaylistCliOptions { unit?: string; standard?: string[]; student?: string[]; section?: string; all?: boolean; must?: number }

export function register(program: Command, ctx: CliContext): void {
  program.command('playlist')
    .summary('write a learning playlist per student for a unit')
    .description('For each student: a must-do for every standard of the unit not yet mastered\n'
      + '(reteach when Beginning or not assessed, practice when Approaching), a\n'
      + 'checkpoint quiz per must-do standard, and may-do extensions for the standards\n'
      + 'already mastered. Next-ready standards (prerequisites mastered) come first.\n'
      + 'Activities respect the student\'s accommodations and lean towards their\n'
      + 'interests and preferred ways of learning. Writes playlists/<id>.yaml and a\n'
      + 'printable playlists/<id>.md; a regenerated playlist keeps the done dates of\n'
      + 'the activities it still lists.')
    .option('--unit <unit>', 'the unit whose standards the playlist covers')
    .option('--standard <ids>', 'or these standards (comma-separated, repeatable)', collect)
    .option('--student <ids>', 'for these students (comma-separated, repeatable)', collect)
    .option('--section <section>', 'for every active student in this section')
    .option('--all', 'for every active student')
    .option('--must <n>', 'the student finishes N of their must-do activities (not counting checkpoints or may-dos) before the checkpoints; default all', parseMust)
    .addHelpText('after', `
Examples:
  $ pathbook playlist --unit ratios --all
  $ pathbook playlist --unit ratios --section P2 --must 2
  $ pathbook playlist --standard 6.RP.A.3 --student S002 --json`)
    .action(async (opts: PlaylistCliOptions) => {
      const r = await ctx.write('playlist', ({ book, root }) => {
        const scope = scopeFrom(book, opts);
        const students = studentsFrom(book, opts);
        const table = masteryTable(book);
        const pctx = { book, table, bank: indexBank(book), order: prerequisiteOrder(book) };
        const changes: FileChange[] = [];
        const playlists: Playlist[] = [];
        const replaced: string[] = [];
        // Earlier playlists, for their done dates (cached parses: a class of 150 re-reads fast).
        const cache = new ParseCache(root, undefined, 'playlists');
        for (const s of students) {
          const previous = readPlaylist(root, s.id, cache)?.playlist;
          const p = keepProgress(buildPlaylist(pctx, s.id, scope, { must: opts.must }), previous);
          if (previous && previous.unit !== p.unit) replaced.push(`${s.id} (${previous.unit ?? previous.standards.join(' ')})`);
          playlists.push(p);
          changes.push({ path: playlistFile(s.id), content: playlistText(p) }, { path: playlistMarkdownFile(s.id), content: playlistMarkdown(book, p) });
        }
        cache.save();
        return { changes, result: { book, playlists, replaced } };
      });
      const { book, playlists, replaced, written } = r;
      if (ctx.globals.json) {
        ctx.json({ playlists: playlists.map((p) => playlistJson(book, p)), rollup: activityRollup(playlists) });
      } else {
        ctx.out(renderPlaylistSummary(book, playlists));
      }
      const files = written.filter((f) => f.endsWith('.yaml')).length;
      ctx.info(`${files ? `Wrote ${files} playlist${files === 1 ? '' : 's'}` : 'Playlists are up to date'} in playlists/ (.yaml to record progress, .md to print).`);
      if (replaced.length) ctx.info(`Replaced earlier playlists for another unit: ${replaced.join(', ')}.`);
    });
}

function renderPlaylistSummary(book: Book, playlists: readonly Playlist[]): string {
  const names = new Map(book.students.map((s) => [s.id, displayName(s)]));
  const count = (p: Playlist, type: string) => String(p.tracks.filter((t) => t.type === type).length);
  const rows = playlists.map((p) => {
    const must = [...new Set(p.tracks.filter((t) => t.type !== 'may').map((t) => t.standards[0]!))];
    return [p.student, names.get(p.student) ?? '', must.map(shortCode).join(' ') || '—', count(p, 'must'), count(p, 'checkpoint'), count(p, 'may'), `${p.complete.n} of ${p.complete.of}`];
  });
  const out = [renderTable(['student', 'name', 'must-do standards', 'must', 'checks', 'may', 'finish'], rows).trimEnd()];
  const rollup = activityRollup(playlists);
  if (rollup.length) {
    out.push('', 'Activities to prepare (copies, devices):');
    out.push(renderTable(['activity', 'type', 'students'], rollup.map((a) => [a.activity, a.type, String(a.students)]), { align: ['left', 'left', 'right'] }).trimEnd());
  }
  const lacking = playlists.filter((p) => p.tracks.some((t) => t.note)).map((p) => p.student);
  if (lacking.length) out.push('', `No activity in the bank has every support some students need; their tracks say so: ${lacking.join(', ')}.`);
  const notes = [...new Set(playlists.flatMap((p) => p.notes))];
  if (notes.length) out.push('', 'Some playlists tell the student to ask you:', ...notes.map((n) => `  ${n}`));
  return out.join('\n');
}
