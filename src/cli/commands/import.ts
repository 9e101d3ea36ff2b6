// pathbook import: a downloaded export (Google Forms, Canvas, OneRoster, generic CSV) becomes an
// assessment, mastery.csv is brought up to date, and the summary with tomorrow's plan is printed.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { analyzeAssessment, levelsFromClass, type LevelLookup } from '../../domain/analysis.ts';
import { isValidDate } from '../../domain/ids.ts';
import { ASSESSMENT_KINDS, type AssessmentKind, type Book, type Diagnostic } from '../../domain/types.ts';
import { applyPlan, planImport, resolveStandard, type AssembleOptions, type ImportPlan, type KeepRule } from '../../importers/assemble.ts';
import { parseDateOrder } from '../../importers/dates.ts';
import { FORMAT_ALIASES } from '../../importers/detect.ts';
import { mapPathBeside, mapTemplate, parseMapText, type MapEntry } from '../../importers/map.ts';
import type { DateOrder, RawResult, SourceFormat } from '../../importers/raw.ts';
import { readSource } from '../../importers/source.ts';
import { analysisJson, renderAnalysis } from '../../render/analysis.ts';
import { assessmentYamlText, scoresCsvText } from '../../store/assessment-store.ts';
import type { FileChange } from '../../store/atomic.ts';
import { writeFileAtomic } from '../../store/atomic.ts';
import { UserError } from '../../store/errors.ts';
import { classMasteryAfter, keepTableAfterImport, masteryChangeAfter } from '../../store/mastery-cache.ts';
import { responsesCsvText, responsesFile } from '../../store/responses-store.ts';
import { rosterText } from '../../store/roster-store.ts';
import type { CliContext } from '../context.ts';

interface ImportCliOptions {
  map?: string; format?: SourceFormat; as?: string; title?: string; date?: string; kind?: AssessmentKind; retakeOf?: string;
  dateFormat?: DateOrder; keep: KeepRule; assignment?: string[]; standards?: string[];
  addUnknown?: boolean; skipUnknown?: boolean; replace?: boolean; dryRun?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];
const collectList = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

function parseFormat(v: string): SourceFormat {
  const f = FORMAT_ALIASES[v.toLowerCase()];
  if (!f) throw new InvalidArgumentError('must be one of google-forms, canvas, oneroster, wide, long');
  return f;
}

function parseOrder(v: string): DateOrder {
  const o = parseDateOrder(v);
  if (!o) throw new InvalidArgumentError('must be mdy (month first, e.g. 3/4/2026 is March 4), dmy (day first) or ymd');
  return o;
}

function parseDay(v: string): string {
  if (!isValidDate(v)) throw new InvalidArgumentError('must be a date like 2026-11-20');
  return v;
}

function throwDiagnostics(diags: Diagnostic[]): never {
  const first = diags[0]!;
  // Only command-line mistakes: exit 2 (DESIGN.md § Exit codes).
  const exitCode = diags.every((d) => d.check === 'usage') ? 2 : 1;
  throw new UserError(first.message, { hint: first.hint, source: first.source, diagnostics: diags.length > 1 ? diags : [], exitCode });
}

export function register(program: Command, ctx: CliContext): void {
  program.command('import <file>')
    .summary('import a quiz, exit ticket or gradebook')
    .description('Import a downloaded export as an assessment: Google Forms responses, a Canvas\n' +
      'gradebook, a OneRoster gradebook (a .zip, or a folder with lineItems.csv and\n' +
      'results.csv), or a generic CSV (one column per item, or one row per student and\n' +
      'item). The map (--map, or <name>.map.yaml beside the file) says which standards,\n' +
      'points and answer key go with each question. Prints the class result per\n' +
      'question and standard, who moved a level, and tomorrow\'s plan.')
    .option('--map <file>', 'the map: an assessment YAML whose items name their `column:`')
    .addOption(new Option('--format <format>', 'the source, when it cannot be told from the header').argParser(parseFormat))
    .option('--as <id>', 'the assessment id (default: date and title, e.g. 2026-11-20-exit-ticket)')
    .option('--title <title>', 'the assessment title (default: from the file)')
    .option('--date <date>', 'the assessment date, YYYY-MM-DD (default: from the file, else today)', parseDay)
    .addOption(new Option('--kind <kind>', 'the kind of assessment').choices([...ASSESSMENT_KINDS]))
    .option('--retake-of <id>', 'this assessment reassesses that one (its evidence replaces the original\'s)')
    .option('--date-format <order>', 'how to read dates like 3/4/2026: mdy or dmy', parseOrder)
    .addOption(new Option('--keep <which>', 'which of a student\'s repeated submissions counts').choices(['latest', 'highest', 'first']).default('latest'))
    .option('--assignment <title-or-id>', 'Canvas/OneRoster: import this assignment (repeatable; default: those not yet imported)', collect)
    .option('--standards <ids>', 'align items the map leaves unaligned with these standards (comma-separated)', collectList)
    .option('--add-unknown', 'add students missing from roster.csv to it')
    .option('--skip-unknown', 'leave out students missing from roster.csv')
    .option('--replace', 'import again a file (or assessment id) already imported, overwriting it')
    .option('--dry-run', 'check everything and print the summary, but write nothing')
    .addHelpText('after', `
Examples:
  $ pathbook import "Exit ticket 11-20 (Responses).csv" --map "Exit ticket 11-20.map.yaml"
  $ pathbook import 2026-11-20T1148_Grades-Math_6.csv --assignment "Ratios quiz" --standards 6.RP.A.3
  $ pathbook import scores.csv --date 2026-11-20 --title "Unit rates check" --dry-run`)
    .action(async (file: string, opts: ImportCliOptions) => {
      if (opts.addUnknown && opts.skipUnknown) throw new UserError('--add-unknown and --skip-unknown contradict each other', { hint: 'choose one', exitCode: 2 });
      ctx.root(); // no gradebook here: say so before reading a large export

      const path = ctx.resolvePath(file);
      const raw = await readSource(path, file, { format: opts.format, dateFormat: opts.dateFormat });
      const folder = existsSync(path) && statSync(path).isDirectory();
      const beside = mapPathBeside(path, folder);
      // Named as the teacher named the export, so the message points where they are looking.
      const shownBeside = folder ? join(file, basename(beside)) : join(dirname(file), basename(beside));
      const map = readMap(ctx, opts.map, beside, shownBeside);
      const assemble = (book: Book, entries: MapEntry[] | undefined): ImportPlan => planImport(raw, book, {
        title: opts.title, date: opts.date, kind: opts.kind, retakeOf: opts.retakeOf, as: opts.as, keep: opts.keep,
        addUnknown: !!opts.addUnknown, skipUnknown: !!opts.skipUnknown, replace: !!opts.replace,
        assignment: opts.assignment, standards: opts.standards, map: entries, today: ctx.today,
      } satisfies AssembleOptions);

      // The whole import under the folder lock: load, plan, check, write. A missing map stops it before
      // anything is written; the map is then asked for (or its template written) outside the lock.
      const attempt = (entries: MapEntry[] | undefined) => ctx.write('import', (loaded) => {
        const { book } = loaded;
        const bad = (opts.standards ?? []).filter((c) => !resolveStandard(c, book));
        if (bad.length) throw new UserError(`--standards ${bad.map((c) => JSON.stringify(c)).join(', ')}: not in standards.yaml`, { hint: `standards: ${book.standards.slice(0, 6).map((x) => x.id).join(', ')}${book.standards.length > 6 ? ', …' : ''}`, exitCode: 2 });
        const plan = assemble(book, entries);
        if (plan.needsMap.length) throw new NeedsMap(plan, book);
        if (plan.errors.length) throwDiagnostics(plan.errors);
        // The source rows are in the plan now; a million-row export should not hold them through the class table.
        if (!opts.dryRun) raw.students = [];
        const next = applyPlan(book, plan);
        // Computed again only for the students in the import, when the class table before it is cached.
        const tables = plan.planned.length ? classMasteryAfter(loaded, next) : undefined;
        const changes = tables ? changesFor(next, plan, masteryChangeAfter(loaded, tables.before, tables.table, next.settings.scale)) : [];
        // Keep only the levels the summary needs, so the class table can be let go before it is written.
        const aligned = new Set(plan.planned.flatMap((p) => p.assessment.items.flatMap((it) => it.standards)));
        const takers = new Set(plan.planned.flatMap((p) => p.assessment.scores.map((r) => r.studentId)));
        const after = tables ? levelsFromClass(tables.table, next.settings.scale, aligned, takers) : undefined;
        // The levels before this assessment are the cached table's when it is the only one added.
        const leaves = [...aligned].filter((id) => !next.standards.find((s) => s.id === id)?.children.length);
        const before = tables?.before && plan.planned.length === 1 && !plan.planned[0]!.replaces ? levelsFromClass(tables.before, next.settings.scale, leaves, takers) : undefined;
        // The commit message under git.autoCommit: what came in, and for how many students.
        const titles = plan.planned.map((p) => p.assessment.title || p.assessment.id);
        const message = `import: ${titles.length === 1 ? titles[0] : `${titles.length} assessments from ${raw.fileName}`}, ${takers.size} student${takers.size === 1 ? '' : 's'}`;
        return { changes: opts.dryRun ? [] : changes, result: { plan, next, after, before, files: changes.filter((c) => c.content !== null || existsSync(join(loaded.root, c.path))).map((c) => c.path), loaded, table: tables?.table, changes }, message };
      });

      let done;
      try {
        done = await attempt(map?.entries);
      } catch (e) {
        if (!(e instanceof NeedsMap)) throw e;
        const { plan, book } = e;
        if (map) {
          throw new UserError(`the map ${map.shown} has nothing for ${plan.needsMap.map((g) => JSON.stringify(g.title)).join(', ')}`, {
            hint: 'add an entry for each (a list of assessments with title and items), or pick assignments with --assignment',
          });
        }
        const answers = raw.columns.some((c) => c.holds === 'answers');
        if (opts.dryRun) {
          throw new UserError(`${file} needs a map to say which standards${answers ? ', points and answer key' : ' and points'} go with each question`, {
            hint: `run without --dry-run to get a template to fill in (${shownBeside}), or give one with --map`,
          });
        }
        if (!ctx.interactive) {
          const hint = book.standards.slice(0, 6).map((s) => s.id).join(', ') + (book.standards.length > 6 ? ', …' : '');
          const cmd = `pathbook import ${JSON.stringify(file)}`;
          writeFileAtomic(beside, mapTemplate(raw, plan.needsMap, cmd, hint || '(none yet)'));
          throw new UserError(`${file} needs a map to say which standards${answers ? ', points and answer key' : ' and points'} go with each question; wrote a template to fill in: ${shownBeside}`, {
            hint: `fill in its standards${answers ? ' and keys' : ''}, then run \`${cmd}\` again (the map beside the file is read automatically)`,
          });
        }
        const prompts = await import('@inquirer/prompts');
        const { promptMap } = await import('../../importers/map-prompts.ts');
        const text = await promptMap(raw, plan.needsMap, book, prompts, (s) => ctx.info(s));
        writeFileAtomic(beside, text);
        ctx.info(`Saved the map as ${shownBeside}; the next import of this file reads it from there.`);
        done = await attempt(parseMapText(text, shownBeside).entries);
      }
      if (!opts.dryRun && done.table && done.written.length) {
        keepTableAfterImport(done.loaded, done.next, done.table, done.changes);
      }
      if (!done.plan.planned.length) reportNothing(ctx, raw, done.plan, !!opts.dryRun);
      else {
        const removed = new Set(done.changes.filter((c) => c.content === null).map((c) => c.path));
        const touched: string[] = opts.dryRun ? done.files : done.written;
        report(ctx, raw, done.plan, done.next, { after: done.after, before: done.before }, touched.filter((f) => !removed.has(f)), touched.filter((f) => removed.has(f)), !!opts.dryRun);
      }
    });
}

/** Thrown out of the locked section when an assessment has no map; carries what is needed to ask for one. */
class NeedsMap extends Error {
  readonly plan: ImportPlan;
  readonly book: Book;
  constructor(plan: ImportPlan, book: Book) {
    super('needs a map');
    this.plan = plan;
    this.book = book;
  }
}

function readMap(ctx: CliContext, given: string | undefined, beside: string, shownBeside: string): { entries: MapEntry[]; shown: string } | undefined {
  const path = given ? ctx.resolvePath(given) : beside;
  const shown = given ?? shownBeside;
  if (!existsSync(path)) {
    if (given) throw new UserError(`the map ${given} does not exist`, { hint: 'check the file name, or leave out --map to get a template' });
    return undefined;
  }
  const { entries, diagnostics } = parseMapText(new TextDecoder().decode(readFileSync(path)).replace(/^\uFEFF/, ''), shown);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throwDiagnostics(errors);
  for (const d of diagnostics) ctx.info(`${d.source ? `${d.source.file}:${d.source.line}: ` : ''}warning: ${d.message}`);
  if (!given) ctx.info(`Using the map beside the file: ${shown}`);
  return { entries, shown };
}

/** Every file the import writes: per assessment its YAML, scores and answers; the roster when students were added; mastery.csv. */
function changesFor(next: Book, plan: ImportPlan, mastery: FileChange): FileChange[] {
  const changes: FileChange[] = [];
  for (const p of plan.planned) {
    const a = p.assessment;
    const { scores: _scores, ...head } = a;
    changes.push({ path: `assessments/${a.id}.yaml`, content: assessmentYamlText(head) });
    changes.push({ path: `assessments/${a.id}.csv`, content: scoresCsvText(a) });
    if (p.responses) changes.push({ path: responsesFile(a.id), content: responsesCsvText(a.items.map((i) => i.id), p.responses) });
    else changes.push({ path: responsesFile(a.id), content: null });
    if (p.replaces && p.replaces.id !== a.id) {
      for (const f of [`assessments/${p.replaces.id}.yaml`, `assessments/${p.replaces.id}.csv`, responsesFile(p.replaces.id)]) changes.push({ path: f, content: null });
    }
  }
  if (plan.added.length) changes.push({ path: 'roster.csv', content: rosterText(next.students) });
  changes.push(mastery);
  return changes;
}

function reportNothing(ctx: CliContext, raw: RawResult, plan: ImportPlan, dryRun: boolean): void {
  if (ctx.globals.json) {
    ctx.json({ dryRun, imported: [], already: plan.already, added: [], files: [], removed: [], notes: plan.notes, analyses: [] });
    return;
  }
  for (const n of plan.notes) ctx.info(`note: ${n}`);
  if (plan.already.length) {
    const same = plan.already.filter((x) => x.sameFile);
    const list = plan.already.map((x) => `${x.id}${plan.already.length > 1 ? ` (${x.title})` : ''}`).join(', ');
    ctx.out(same.length === plan.already.length
      ? `${raw.file} is already imported as ${list}: nothing changed (--replace imports it again).`
      : `Every assignment in ${raw.file} is already imported (${list}): nothing changed. If scores changed since, --replace takes the new ones (with --assignment, only those named).`);
  } else ctx.out(`Nothing to import from ${raw.file}.`);
}

function report(ctx: CliContext, raw: RawResult, plan: ImportPlan, next: Book, levels: { after?: LevelLookup; before?: LevelLookup }, files: string[], removed: string[], dryRun: boolean): void {
  const analyses = plan.planned.map((p) => analyzeAssessment(next, p.assessment.id, p.responses, levels));
  if (ctx.globals.json) {
    ctx.json({
      dryRun,
      imported: plan.planned.map((p) => ({ id: p.assessment.id, title: p.assessment.title, date: p.assessment.date, students: p.assessment.scores.length, map: p.mapFrom, replaced: p.replaces?.id ?? null })),
      already: plan.already, added: plan.added.map((s) => ({ id: s.id, given_name: s.givenName, family_name: s.familyName, email: s.email })),
      files, removed, notes: plan.notes, analyses: analyses.map(analysisJson),
    });
    return;
  }
  for (const n of plan.notes) ctx.info(`note: ${n}`);
  for (const p of plan.planned) {
    const a = p.assessment;
    ctx.info(`${dryRun ? 'Would import' : 'Imported'} ${raw.file} as ${a.id}: ${a.scores.length} student${a.scores.length === 1 ? '' : 's'}, ${a.items.length} item${a.items.length === 1 ? '' : 's'} (map: ${p.mapFrom})${p.replaces ? `, replacing ${p.replaces.id}` : ''}.`);
  }
  if (plan.already.length) ctx.info(`Already imported: ${plan.already.map((x) => x.id).join(', ')}.`);
  const parts = [files.length ? `${dryRun ? 'would write:' : 'wrote'} ${files.join(', ')}` : '', removed.length ? `${dryRun ? 'would remove' : 'removed'} ${removed.join(', ')}` : ''].filter(Boolean);
  const line = parts.join('; ');
  ctx.info(!line ? 'No file changed.' : `${line[0]!.toUpperCase()}${line.slice(1)}${dryRun ? ' (dry run: nothing written)' : ''}.`);
  ctx.out(analyses.map((a) => renderAnalysis(a, ctx.style)).join('\n').trimEnd());
}
