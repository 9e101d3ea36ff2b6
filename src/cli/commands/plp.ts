// pathbook plp: Personalized Learning Plans for conferences — plp/<id>.md always, print-ready
// plp/<id>.html with --format html, PDFs through a local Chromium with --format pdf; --all and
// --section also write one combined file to print a whole day of conferences (DESIGN.md § PLPs).
import { isAbsolute, join, relative } from 'node:path';
import { Option, type Command } from 'commander';
import { slugify } from '../../domain/ids.ts';
import { masteryTable } from '../../domain/mastery/table.ts';
import { buildPlp, type PlpModel } from '../../domain/plp.ts';
import type { Playlist } from '../../domain/playlists.ts';
import type { Book, Student } from '../../domain/types.ts';
import { writeFileAtomic, type FileChange } from '../../store/atomic.ts';
import { checkWritePaths, resolveInside } from '../../store/safe-path.ts';
import { UsageError, UserError } from '../../store/errors.ts';
import { readPlaylist, readPlaylists, type StoredPlaylist } from '../../store/playlist-store.ts';
import { LANGUAGES, loadLabels, loadTemplate, type Language } from '../../store/templates-store.ts';
import { progressBar } from '../../render/progress.ts';
import type { Paper } from '../../render/pdf.ts';
import type { CliContext } from '../context.ts';
import { findStudent } from '../profile-edit.ts';

type Format = 'md' | 'html' | 'pdf';

interface PlpCliOptions { section?: string; all?: boolean; format: Format; lang?: Language; out?: string; paper: Paper }

export const PLP_DIR = 'plp';

interface Selection { students: Student[]; combined?: string }

/** Exactly one of: a student, a section, everyone (active students only for the last two). */
function select(book: Book, studentArg: string | undefined, o: PlpCliOptions): Selection {
  const given = [studentArg !== undefined, o.section !== undefined, !!o.all].filter(Boolean).length;
  if (given !== 1) throw new UsageError('name one student, or --section <section>, or --all', 'e.g. `pathbook plp S005`, `pathbook plp --section P2`, `pathbook plp --all --format html`');
  if (studentArg !== undefined) return { students: [findStudent(book, studentArg)] };
  const active = book.students.filter((s) => s.status === 'active').sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (o.all) {
    if (!active.length) throw new UserError('no active students in roster.csv', { hint: 'add students with `pathbook roster import <file>`' });
    return { students: active, combined: 'all' };
  }
  const inSection = active.filter((s) => s.section === o.section);
  if (!inSection.length) {
    const sections = [...new Set(active.map((s) => s.section))].sort().join(', ');
    throw new UserError(`no active students in section ${JSON.stringify(o.section)}`, { hint: `sections: ${sections || 'none'}`, exitCode: 2 });
  }
  return { students: inSection, combined: `section-${slugify(o.section!)}` };
}

/** The combined file must not overwrite a student's own report (a student could have the id "all"). */
function checkCombinedName(book: Book, sel: Selection): void {
  const clash = sel.combined && book.students.find((s) => s.id.toLowerCase() === sel.combined!.toLowerCase());
  if (clash) {
    throw new UserError(`the combined file ${PLP_DIR}/${sel.combined}.md would overwrite the report of student ${clash.id}`, {
      hint: 'print the students one by one, or use --section for a group whose file name is free',
    });
  }
}

interface Output { name: string; content: string | Uint8Array }

/** A playlist file copied under another student's name must never print on this student's report. */
function playlistFor(stored: StoredPlaylist | undefined, studentId: string): Playlist | undefined {
  if (!stored) return undefined;
  if (stored.playlist.student !== studentId) {
    throw new UserError(`this file is the playlist of ${JSON.stringify(stored.playlist.student)}, not of ${studentId}`, {
      hint: `regenerate it with \`pathbook playlist --unit <unit> --student ${studentId}\`, or delete it`, source: { file: stored.file, line: 1 },
    });
  }
  return stored.playlist;
}

export function register(program: Command, ctx: CliContext): void {
  program.command('plp [student]')
    .summary('Personalized Learning Plans for conferences (Markdown, print-ready HTML, PDF)')
    .description(`One report per student, joining the profile (students/<id>.yaml) with mastery:
who they are, goals and progress, mastery by standard with a trend, what comes
next, supports, recent evidence, and room for student, family and teacher notes.
Always writes plp/<id>.md; --format html adds a print-ready plp/<id>.html (one
or two pages on A4 or Letter); --format pdf also prints plp/<id>.pdf through a
local Chromium. --all and --section also write one combined file to print
(plp/all.* or plp/section-<name>.*), each student starting a new page.
To adapt a report, copy pathbook's templates/plp.md.eta, plp.html.eta or
i18n/<lang>.yaml into the gradebook's templates/ folder: the folder's copy wins.`)
    .option('--section <section>', 'every active student in this section')
    .option('--all', 'every active student')
    .addOption(new Option('--format <format>', 'md; html adds print-ready HTML; pdf adds PDFs').choices(['md', 'html', 'pdf']).default('md'))
    .addOption(new Option('--lang <lang>', 'report language (default: language in pathbook.yaml)').choices([...LANGUAGES]))
    .option('--out <dir>', `folder to write to (default: ${PLP_DIR}/ in the gradebook)`)
    .addOption(new Option('--paper <size>', 'paper size for --format pdf').choices(['letter', 'a4']).default('letter'))
    .addHelpText('after', `
Examples:
  $ pathbook plp S005
  $ pathbook plp --all --format html
  $ pathbook plp --section P2 --format pdf --lang es --paper a4`)
    .action(async (studentArg: string | undefined, opts: PlpCliOptions) => {
      let chromium: string | undefined;
      if (opts.format === 'pdf') {
        const { findChromium, chromiumMissing } = await import('../../render/pdf.ts');
        chromium = findChromium(ctx.io.env);
        if (!chromium) throw chromiumMissing(ctx.io.env);
      }
      const root = ctx.root();
      const outDir = opts.out ? ctx.resolvePath(opts.out) : join(root, PLP_DIR);
      const rel = relative(root, outDir);
      const inside = !rel.startsWith('..') && !isAbsolute(rel);
      const shownDir = inside ? (rel ? `${rel.split('\\').join('/')}/` : '') : `${outDir}/`;

      const produce = async (book: Book): Promise<{ outputs: Output[]; models: PlpModel[]; sel: Selection }> => {
        const sel = select(book, studentArg, opts);
        checkCombinedName(book, sel);
        // Loaded only for this command: the template engine and the PDF printer.
        const { compilePlp, plpView, Words } = await import('../../render/plp.ts');
        const lang = opts.lang ?? book.settings.language;
        const words = new Words(loadLabels(root, lang));
        const md = compilePlp(loadTemplate(root, 'plp.md.eta'), 'md', words, lang);
        const html = opts.format === 'md' ? undefined : compilePlp(loadTemplate(root, 'plp.html.eta'), 'html', words, lang);
        const table = masteryTable(book, {}, true);
        // One student: read only their playlist (another's broken file is not their problem).
        const playlists = sel.students.length === 1 ? undefined : readPlaylists(root);
        const bar = progressBar((s) => ctx.io.stderr(s), !!ctx.io.stderrIsTTY && !ctx.globals.quiet, sel.students.length * (opts.format === 'pdf' ? 2 : 1), 'PLPs');
        const outputs: Output[] = [];
        const models: PlpModel[] = [];
        const views: ReturnType<typeof plpView>[] = [];
        const mdDocs: string[] = [];
        const htmlDocs: { name: string; html: string }[] = [];
        sel.students.forEach((s, i) => {
          const model = buildPlp(book, table, s.id, { today: ctx.today, playlist: playlistFor(playlists ? playlists.get(s.id) : readPlaylist(root, s.id), s.id) });
          const view = plpView(model, words, { svg: !!html });
          models.push(model);
          views.push(view);
          const doc = md.render([view]);
          mdDocs.push(doc);
          outputs.push({ name: `${s.id}.md`, content: doc });
          if (html) {
            const h = html.render([view]);
            outputs.push({ name: `${s.id}.html`, content: h });
            htmlDocs.push({ name: `${s.id}.html`, html: h });
          }
          bar.update(i + 1, s.id);
        });
        if (sel.combined) {
          outputs.push({ name: `${sel.combined}.md`, content: mdDocs.join('\n---\n\n') });
          if (html) {
            const h = html.render(views);
            outputs.push({ name: `${sel.combined}.html`, content: h });
            htmlDocs.push({ name: `${sel.combined}.html`, html: h });
          }
        }
        if (chromium) {
          const { printPdfs } = await import('../../render/pdf.ts');
          const n = sel.students.length;
          const pdfs = await printPdfs(htmlDocs.map((d) => ({ html: d.html, name: `${shownDir}${d.name.replace(/\.html$/, '.pdf')}` })), {
            chromium, paper: opts.paper, day: ctx.today, onDone: (k) => bar.update(Math.min(n + k, 2 * n), 'PDF'),
          });
          htmlDocs.forEach((d, i) => outputs.push({ name: d.name.replace(/\.html$/, '.pdf'), content: pdfs[i]! }));
        }
        bar.end();
        return { outputs, models, sel };
      };

      let r: { outputs: Output[]; models: PlpModel[]; sel: Selection; written: string[] };
      if (inside) {
        r = await ctx.write('plp', async ({ book }) => {
          const p = await produce(book);
          const changes: FileChange[] = p.outputs.map((o) => ({ path: rel ? `${rel}/${o.name}` : o.name, content: o.content, derived: true }));
          return { changes, result: p };
        });
      } else {
        const { book } = await ctx.loadBook();
        const p = await produce(book);
        // Names come from student ids: checked like every path pathbook writes (safe, inside --out).
        checkWritePaths(outDir, p.outputs.map((o) => o.name));
        for (const o of p.outputs) writeFileAtomic(resolveInside(outDir, o.name), o.content);
        r = { ...p, written: p.outputs.map((o) => o.name) };
      }
      const files = r.outputs.map((o) => `${shownDir}${o.name}`);
      if (ctx.globals.json) {
        ctx.json({ files, changed: r.written.length, students: r.sel.students.map((s) => s.id), reports: r.models });
        return;
      }
      const kinds = [...new Set(r.outputs.map((o) => o.name.slice(o.name.lastIndexOf('.') + 1)))].join(', ');
      const unchanged = files.length - (inside ? r.written.length : files.length);
      const tail = unchanged ? ` (${unchanged} unchanged)` : '';
      if (r.sel.students.length === 1) {
        ctx.out(`Wrote ${files.join(', ')}${tail}.`);
      } else {
        const combined = files.filter((f) => f.slice(shownDir.length).startsWith(`${r.sel.combined}.`));
        ctx.out(`Wrote ${r.sel.students.length} PLPs (${kinds}) to ${shownDir || './'}, and ${combined.join(', ')} to print them all${tail}.`);
      }
    });
}
