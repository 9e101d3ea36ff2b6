// pathbook roster: list the class, and (roster import) merge a class list from a school export.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { compareText } from '../../domain/numbers.ts';
import { mergeRoster, type RosterMerge } from '../../domain/roster-merge.ts';
import { renderDiagnostic } from '../../render/diagnostics.ts';
import { renderRosterMerge, rosterMergeJson, type RosterMergeView } from '../../render/roster-merge.ts';
import { renderTable } from '../../render/table.ts';
import type { FileChange } from '../../store/atomic.ts';
import { errorFromDiagnostics, UserError } from '../../store/errors.ts';
import { MASTERY_FILE, masteryChange } from '../../store/mastery-store.ts';
import { displayName, ROSTER_FILE, rosterText } from '../../store/roster-store.ts';
import type { CliContext } from '../context.ts';

interface ImportOptions { class?: string[]; section?: string; withdrawMissing?: boolean; dryRun?: boolean }

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function register(program: Command, ctx: CliContext): void {
  const roster = program.command('roster')
    .summary('list students, or import a class list')
    .description('The class list in roster.csv: id, given_name, family_name, section, email,\nstatus.')
    .addHelpText('after', `
Examples:
  $ pathbook roster list --section P2
  $ pathbook roster import ~/Downloads/roster-export.csv --dry-run`);

  roster.command('import <file-or-folder>')
    .summary('merge a class list from a school export')
    .description(`Merge students from a class list into roster.csv. It reads:
  - a CSV with loosely named columns: Student ID or SIS ID; First and Last
    Name, or one Name column written "Last, First"; Section or Period (period
    2 becomes section P2); Email;
  - a OneRoster 1.1 or 1.2 export, as a folder or a .zip: the students of the
    class chosen with --class;
  - a Canvas "Export Entire Gradebook" CSV: students only, with the SIS User
    ID as the id (else Canvas's ID).
Importing the same file twice changes nothing. Students missing from the file
are reported and kept; --withdraw-missing marks them withdrawn. Nobody is ever
deleted: their history stays.`)
    .option('--class <class>', 'OneRoster: the class to import, by title or sourcedId (repeatable)', collect)
    .option('--section <section>', 'put every imported student in this section')
    .option('--withdraw-missing', 'mark active students who are not in the file as withdrawn')
    .option('--dry-run', 'show what would change and write nothing')
    .addHelpText('after', `
Examples:
  $ pathbook roster import ~/Downloads/roster-export.csv --dry-run
  $ pathbook roster import oneroster-export.zip --class "Math 6 - Period 2" --section P2
  $ pathbook roster import "2026-11-20T1148_Grades-Math_6.csv" --withdraw-missing`)
    .action(async (sourceArg: string, opts: ImportOptions) => {
      const { readRosterSource } = await import('../../importers/roster-source.ts');
      const { shellWord } = await import('../../importers/oneroster.ts');
      const parsed = readRosterSource(ctx.resolvePath(sourceArg), sourceArg, { classes: opts.class, command: `pathbook roster import ${shellWord(sourceArg)}` });
      if (parsed.diagnostics.some((d) => d.severity === 'error')) throw errorFromDiagnostics(parsed.diagnostics);
      if (parsed.kind === 'oneroster' && parsed.needChoice) throw new UserError(parsed.needChoice.message, { hint: parsed.needChoice.hint });
      if (parsed.kind === 'oneroster' && parsed.delta && opts.withdrawMissing) {
        throw new UserError('this OneRoster export is a delta (it lists only changes), so it cannot tell who left', { hint: 'drop --withdraw-missing, or import a full (bulk) export', exitCode: 2 });
      }
      for (const d of parsed.diagnostics) ctx.info(renderDiagnostic(d, ctx.style).trimEnd());
      for (const n of parsed.notes) ctx.info(n);
      const plan = (students: Parameters<typeof mergeRoster>[0]): RosterMerge => {
        const m = mergeRoster(students, parsed.rows, { withdrawMissing: opts.withdrawMissing, section: opts.section });
        if (m.diagnostics.length) throw errorFromDiagnostics(m.diagnostics);
        return m;
      };
      let merge: RosterMerge;
      let written: string[] = [];
      if (opts.dryRun) {
        merge = plan((await ctx.loadBook()).book.students);
      } else {
        const r = await ctx.write('roster import', ({ book, root }) => {
          const m = plan(book.students);
          const changes: FileChange[] = [{ path: ROSTER_FILE, content: rosterText(m.students) }];
          // mastery.csv lists every student: keep it in step when the folder has one.
          if (existsSync(join(root, MASTERY_FILE))) changes.push(masteryChange({ ...book, students: m.students }));
          const counts = [[m.added.length, 'added'], [m.updated.length, 'updated'], [m.absent.filter((a) => a.withdrawn).length, 'withdrawn']].filter(([n]) => n).map(([n, w]) => `${n} ${w}`);
          return { changes, result: { merge: m }, message: `roster import: ${sourceArg.split(/[\\/]/).pop()}${counts.length ? `, ${counts.join(', ')}` : ''}` };
        });
        merge = r.merge;
        written = r.written;
      }
      const view: RosterMergeView = {
        merge, source: sourceArg, format: parsed.kind === 'oneroster' ? `oneroster-${parsed.version}` : parsed.format,
        classes: parsed.kind === 'oneroster' ? parsed.chosen.map((k) => k.title || k.sourcedId) : [],
        read: parsed.rows.length, dryRun: !!opts.dryRun, written,
      };
      if (ctx.globals.json) ctx.json(rosterMergeJson(view));
      else ctx.out(renderRosterMerge(view, ctx.style));
    });

  roster.command('list')
    .summary('list the students')
    .option('--section <section>', 'only this section')
    .option('--all', 'include withdrawn students')
    .addHelpText('after', `
Examples:
  $ pathbook roster list
  $ pathbook roster list --section P2 --json`)
    .action(async (opts: { section?: string; all?: boolean }) => {
      const { book } = await ctx.loadBook();
      const students = book.students
        .filter((s) => (opts.all || s.status === 'active') && (!opts.section || s.section === opts.section))
        .sort((a, b) => compareText(a.id, b.id));
      if (ctx.globals.json) {
        ctx.json({ students: students.map((s) => ({ id: s.id, given_name: s.givenName, family_name: s.familyName, section: s.section, email: s.email, status: s.status })) });
        return;
      }
      if (!students.length) {
        ctx.out(opts.section ? `No students in section ${opts.section}.` : 'No students yet: add them with `pathbook roster import <file>`.');
        return;
      }
      ctx.out(renderTable(['id', 'name', 'section', 'email', ...(opts.all ? ['status'] : [])],
        students.map((s) => [s.id, displayName(s), s.section, s.email, ...(opts.all ? [s.status] : [])])).trimEnd());
      ctx.out(`${students.length} student${students.length === 1 ? '' : 's'}`);
    });
}
