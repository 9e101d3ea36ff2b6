// pathbook activities: list the activity bank, or merge a spreadsheet of activities into activities.yaml.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { readActivitiesCsv } from '../../importers/activities-csv.ts';
import { renderTable } from '../../render/table.ts';
import { ACTIVITIES_FILE, mergeActivitiesText, parseActivities, TIERS } from '../../store/activities-store.ts';
import { UserError } from '../../store/errors.ts';
import type { CliContext } from '../context.ts';

export function register(program: Command, ctx: CliContext): void {
  const activities = program.command('activities')
    .summary('list the activity bank, or import activities from CSV')
    .description('The activity bank in activities.yaml, used by playlists and choice boards.')
    .addHelpText('after', `
Examples:
  $ pathbook activities list --standard 6.RP.A.3
  $ pathbook activities import new-activities.csv --dry-run`);

  activities.command('list')
    .summary('list activities in curriculum order')
    .option('--standard <id>', 'only activities aligned to this standard')
    .addOption(new Option('--tier <tier>', 'only this tier').choices([...TIERS]))
    .option('--kind <kind>', 'only this kind (video, reading, quiz, …)')
    .addHelpText('after', `
Examples:
  $ pathbook activities list --standard 6.RP.A.3
  $ pathbook activities list --tier extend --json`)
    .action(async (opts: { standard?: string; tier?: string; kind?: string }) => {
      const { book } = await ctx.loadBook();
      if (opts.standard && !book.standards.some((s) => s.id === opts.standard)) {
        throw new UserError(`unknown standard ${JSON.stringify(opts.standard)}`, { hint: 'see `pathbook standards list`', exitCode: 2 });
      }
      const list = book.activities.filter((a) => (!opts.standard || a.standards.includes(opts.standard))
        && (!opts.tier || a.tier === opts.tier) && (!opts.kind || a.kind === opts.kind));
      if (ctx.globals.json) {
        ctx.json({ activities: list.map(({ source: _s, ...a }) => a) });
        return;
      }
      if (!list.length) {
        ctx.out(book.activities.length ? 'No activities match.' : `No activities yet: add them to ${ACTIVITIES_FILE} or import a CSV with \`pathbook activities import <file>\`.`);
        return;
      }
      ctx.out(renderTable(['id', 'standards', 'kind', 'tier', 'modality', 'min', 'supports'],
        list.map((a) => [a.id, a.standards.join(' '), a.kind, a.tier, a.modality, String(a.minutes), a.supports.join(' ')]),
        { align: ['left', 'left', 'left', 'left', 'left', 'right', 'left'] }).trimEnd());
      ctx.out(`${list.length} activit${list.length === 1 ? 'y' : 'ies'}`);
    });

  activities.command('import')
    .summary('merge activities from a CSV into activities.yaml')
    .description('Columns as in activities.yaml: id, title, standards, kind, tier, modality,\n'
      + 'minutes, link, supports (lists separated by ";" or spaces). A known id updates\n'
      + 'only the fields its row fills in (a blank cell keeps the field), keeping the\n'
      + 'file\'s comments and order; a new id goes after the activities of its first\n'
      + 'standard.')
    .argument('<csv>', 'the CSV file')
    .option('--dry-run', 'report what would change without writing')
    .addHelpText('after', `
Examples:
  $ pathbook activities import new-activities.csv --dry-run
  $ pathbook activities import new-activities.csv`)
    .action(async (csv: string, opts: { dryRun?: boolean }) => {
      const file = ctx.resolvePath(csv);
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(file);
      } catch {
        throw new UserError(`cannot read ${csv}`, { hint: 'check the path to the CSV file', exitCode: 2 });
      }
      const plan = (book: import('../../domain/types.ts').Book, current: string | undefined) => {
        const { rows, diagnostics } = readActivitiesCsv(bytes, csv, new Set(book.standards.map((s) => s.id)));
        const merged = mergeActivitiesText(current, rows);
        const errors = [...diagnostics, ...merged.diagnostics].filter((d) => d.severity === 'error');
        if (!errors.length) errors.push(...parseActivities(merged.text).diagnostics.filter((d) => d.severity === 'error'));
        if (errors.length) throw new UserError(errors[0]!.message, { source: errors[0]!.source, hint: errors[0]!.hint ?? 'fix the CSV and import again', diagnostics: errors.length > 1 ? errors : [] });
        return merged;
      };
      const readCurrent = (root: string) => {
        try { return readFileSync(join(root, ACTIVITIES_FILE), 'utf8').replace(/^\uFEFF/, ''); } catch { return undefined; }
      };
      let merged: ReturnType<typeof plan>;
      if (opts.dryRun) {
        const { book, root } = await ctx.loadBook();
        merged = plan(book, readCurrent(root));
      } else {
        merged = (await ctx.write('activities import', ({ book, root }) => {
          const m = plan(book, readCurrent(root));
          return { changes: m.added.length || m.updated.length ? [{ path: ACTIVITIES_FILE, content: m.text }] : [], result: { m } };
        })).m;
      }
      if (ctx.globals.json) {
        ctx.json({ dry_run: !!opts.dryRun, added: merged.added, updated: merged.updated, unchanged: merged.unchanged });
        return;
      }
      for (const id of merged.added) ctx.out(`added      ${id}`);
      for (const u of merged.updated) ctx.out(`updated    ${u.id} (${u.fields.join(', ')})`);
      ctx.out(`${opts.dryRun ? 'Would add' : 'Added'} ${merged.added.length}, ${opts.dryRun ? 'update' : 'updated'} ${merged.updated.length}, ${merged.unchanged.length} unchanged${opts.dryRun ? ' (dry run: nothing written)' : ''}.`);
    });
}
