// pathbook export --anonymize <dir>: a copy of the gradebook to share with a coach or a PLC, with
// consistent pseudonyms and none of what people wrote about a student (issue #8, peers.md §3.1).
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { anonymizeBook } from '../../domain/anonymize.ts';
import { compareText } from '../../domain/numbers.ts';
import { commitChanges, writeFileAtomic } from '../../store/atomic.ts';
import { csvText } from '../../store/csv.ts';
import { UsageError, UserError } from '../../store/errors.ts';
import { anonymizedFiles, DERIVED_LEFT_OUT } from '../../store/export-store.ts';
import { isInside } from '../../store/safe-path.ts';
import type { CliContext } from '../context.ts';

interface ExportOptions { anonymize?: boolean; key?: string }

export function register(program: Command, ctx: CliContext): void {
  program.command('export <dir>')
    .summary('write an anonymized copy of the gradebook to share')
    .description(`Write a copy of the gradebook to <dir>, a new or empty folder outside it, to
share with a coach or a PLC. Students become A001, A002… (in the order of
their ids), named "Student 001"…; emails are removed, and so is free text
about a student: observation notes, strengths, reflections, goal texts,
accommodations and comments in YAML files. Only source files are written,
each read and written again: printouts (plp/, playlists/*.md, groups/*.md,
rotations/, choice boards, report cards) are left out, and mastery.csv is
computed again. The copy passes \`pathbook check\` and gives the same mastery
under the new ids.`)
    .option('--anonymize', 'replace names and ids and remove free text (required)')
    .option('--key <file>', 'also write the id → pseudonym key to this CSV file (keep it private; not inside <dir>)')
    .addHelpText('after', `
Examples:
  $ pathbook export --anonymize ../grade6-math-for-coach
  $ pathbook export --anonymize /tmp/plc-share --key ~/private/plc-key.csv`)
    .action(async (dirArg: string, opts: ExportOptions) => {
      if (!opts.anonymize) throw new UsageError('pathbook export writes anonymized copies only: add --anonymize', 'to copy the gradebook as it is, copy the folder or clone its git repository');
      const { root, book } = await ctx.loadBook();
      const target = ctx.resolvePath(dirArg);
      if (isInside(root, target) || isInside(target, root)) {
        throw new UsageError(`${dirArg} is ${isInside(root, target) ? 'inside' : 'around'} the gradebook ${root}`, 'choose a folder outside the gradebook, e.g. ../' + basename(root) + '-anonymized');
      }
      if (existsSync(target) && (!statSync(target).isDirectory() || readdirSync(target).length > 0)) {
        throw new UserError(`${target} already exists and is not an empty folder`, { hint: 'pathbook never overwrites: choose a new folder name' });
      }
      const keyFile = opts.key ? ctx.resolvePath(opts.key) : undefined;
      if (keyFile && (isInside(target, keyFile) || isInside(root, keyFile))) {
        throw new UsageError('--key must point outside the export and the gradebook: the key turns pseudonyms back into students', 'write it to a private folder, e.g. --key ~/private/key.csv');
      }
      const anon = anonymizeBook(book);
      const files = anonymizedFiles(root, book, anon);
      // Built beside the target and renamed into place: a crash leaves no half-made copy at <dir>.
      mkdirSync(dirname(target), { recursive: true });
      const staging = join(dirname(target), `.${basename(target)}.pathbook-export-${process.pid}`);
      rmSync(staging, { recursive: true, force: true });
      try {
        mkdirSync(staging);
        commitChanges(staging, files);
        rmSync(join(staging, '.pathbook'), { recursive: true, force: true });
        if (existsSync(target)) rmSync(target, { recursive: true, force: true }); // checked empty above
        renameSync(staging, target);
      } catch (e) {
        rmSync(staging, { recursive: true, force: true });
        throw e;
      }
      if (keyFile) {
        const rows = book.students.map((s) => [s.id, anon.ids.get(s.id)!]).sort((a, b) => compareText(a[0]!, b[0]!));
        writeFileAtomic(keyFile, csvText(['student_id', 'pseudonym'], rows, { escapeFormulas: true }));
      }
      const ids = [...anon.ids.values()].sort(compareText);
      if (ctx.globals.json) {
        ctx.json({ dir: target, students: book.students.length, pseudonyms: ids.length ? `${ids[0]}–${ids.at(-1)}` : '', files: files.map((f) => f.path), removed: anon.removed, leftOut: DERIVED_LEFT_OUT, skipped: anon.skipped ?? [], key: keyFile ?? null });
        return;
      }
      ctx.out(`Wrote an anonymized copy of ${book.settings.className} to ${target}: ${book.students.length} students as ${ids[0]}–${ids.at(-1)}, ${book.assessments.length} assessments, ${book.observations.length} observations, ${book.profiles.length} profiles (${files.length} files).`);
      ctx.out(`Removed: ${anon.removed.join(', ')}. Left out: ${DERIVED_LEFT_OUT.join(', ')}.`);
      if (anon.skipped?.length) ctx.info(`Skipped (they do not read as pathbook files; run \`pathbook group\`/\`playlist\` again): ${anon.skipped.join(', ')}.`);
      if (keyFile) ctx.out(`The key from ids to pseudonyms is in ${keyFile}: keep it private.`);
    });
}

