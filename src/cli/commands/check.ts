// pathbook check: validate the whole folder and point at file:line for each problem (bean-check).
import type { Command } from 'commander';
import { checkGroupWeeks, checkPlaylists } from '../../domain/folder-checks.ts';
import { diagnosticJson, renderDiagnostic } from '../../render/diagnostics.ts';
import { checkedGroupFiles } from '../../store/groups-store.ts';
import { checkedPlaylistFiles } from '../../store/playlist-store.ts';
import type { CliContext } from '../context.ts';

export function register(program: Command, ctx: CliContext): void {
  program.command('check')
    .summary('validate every file in the gradebook')
    .description('Validate every file: ids, columns, scores against points, alignments,\nprerequisites, the mastery scale, and the groups and playlists that\ncommands wrote and you may have edited. Each problem prints as\nfile:line:col with a hint. Exits 1 on any error.')
    .addHelpText('after', `
Examples:
  $ pathbook check
  $ pathbook check --json | jq '.diagnostics[] | select(.severity == "error")'`)
    .action(async () => {
      const { book, diagnostics: bookDiagnostics } = await ctx.loadBook({ allowErrors: true });
      // The files commands write and teachers edit: groups/<week>.yaml and playlists/<student>.yaml.
      const root = ctx.root();
      const groups = checkedGroupFiles(root);
      const playlists = checkedPlaylistFiles(root);
      const diagnostics = [
        ...bookDiagnostics,
        ...groups.diagnostics, ...checkGroupWeeks(book, groups.weeks),
        ...playlists.diagnostics, ...checkPlaylists(book, playlists.playlists),
      ];
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = diagnostics.length - errors;
      if (errors) ctx.exitCode = 1;
      if (ctx.globals.json) {
        ctx.json({ ok: errors === 0, errors, warnings, diagnostics: diagnostics.map(diagnosticJson) });
        return;
      }
      for (const d of diagnostics) ctx.out(renderDiagnostic(d, ctx.style).trimEnd());
      const extra = [
        ...(groups.weeks.length ? [`${groups.weeks.length} week${groups.weeks.length === 1 ? '' : 's'} of groups`] : []),
        ...(playlists.playlists.length ? [`${playlists.playlists.length} playlist${playlists.playlists.length === 1 ? '' : 's'}`] : []),
      ];
      const counts = [`${book.students.length} students, ${book.standards.length} standards, ${book.assessments.length} assessments, ${book.observations.length} observations`, ...extra].join(', ');
      const verdict = errors ? ctx.style.c.red(`${errors} error${errors === 1 ? '' : 's'}`) : ctx.style.c.green('ok');
      ctx.out(`${verdict}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''} (${counts})`);
    });
}
