// pathbook observe: evidence that is not an assessment (a conference, a rubric score, a platform
// report, a teacher override) appended to observations.csv; mastery.csv follows.
import { InvalidArgumentError, type Command } from 'commander';
import { genericIdProblem, isValidDate } from '../../domain/ids.ts';
import { masteryTable } from '../../domain/mastery/table.ts';
import { formatPoints, formatScore } from '../../domain/numbers.ts';
import type { Book, Observation, Student } from '../../domain/types.ts';
import { normalizeName } from '../../domain/ids.ts';
import { csvText } from '../../store/csv.ts';
import { UserError } from '../../store/errors.ts';
import { masteryChange } from '../../store/mastery-store.ts';
import { OBSERVATION_COLUMNS, OBSERVATIONS_FILE, observationsText } from '../../store/observations-store.ts';
import { displayName } from '../../store/roster-store.ts';
import type { CliContext } from '../context.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ObserveOptions { date?: string; note?: string; override?: boolean; source?: string }

function parseDay(v: string): string {
  if (!isValidDate(v)) throw new InvalidArgumentError('must be a date like 2026-11-20');
  return v;
}

export function findStudent(book: Book, want: string): Student {
  const w = want.trim();
  const hit = book.students.find((s) => s.id === w) ?? book.students.find((s) => s.id.toLowerCase() === w.toLowerCase() || (s.email && s.email.toLowerCase() === w.toLowerCase()));
  if (hit) return hit;
  const byName = book.students.filter((s) => normalizeName(`${s.givenName} ${s.familyName}`) === normalizeName(w));
  if (byName.length === 1) return byName[0]!;
  throw new UserError(byName.length ? `${byName.length} students are called ${JSON.stringify(want)}` : `no student ${JSON.stringify(want)} in roster.csv`, {
    hint: byName.length ? `use the id: ${byName.map((s) => s.id).join(', ')}` : 'give the id, email or full name (see `pathbook roster list`)', exitCode: 2,
  });
}

/** observations.csv with one more row: existing bytes kept as they are, the new row at the end. */
export function appendObservation(existing: Buffer | undefined, all: readonly Observation[], o: Observation): string {
  const row = csvText(OBSERVATION_COLUMNS, [[o.studentId, o.standard, o.date, formatPoints(o.score), o.kind, o.note]]).split('\n')[1]!;
  if (!existing || existing.length === 0) return observationsText([...all, o]);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(existing);
  } catch {
    // Not UTF-8 (a spreadsheet saved it as Windows-1252): rewrite it whole, in UTF-8.
    return observationsText([...all, o]);
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return text + (text.endsWith('\n') ? '' : eol) + row + eol;
}

export function register(program: Command, ctx: CliContext): void {
  program.command('observe <student> <standard> <score>')
    .summary('record a conference, rubric or override')
    .description('Append evidence to observations.csv and update mastery.csv. <student> is an\n' +
      'id, email or full name; <score> is on the mastery scale. --override sets the\n' +
      'level outright until newer evidence arrives.')
    .option('--date <date>', 'when it was observed (default: today)', parseDay)
    .option('--note <text>', 'what you saw')
    .option('--source <kind>', 'where it came from: conference, rubric, platform… (default: observation)')
    .option('--override', 'a teacher judgment that sets the level until newer evidence arrives')
    .addHelpText('after', `
Examples:
  $ pathbook observe S007 6.RP.A.1 3 --source conference --note "Explained equivalent ratios with a table"
  $ pathbook observe "Liam O'Brien" 6.RP.A.3 2.5 --date 2026-11-20 --source rubric
  $ pathbook observe S014 6.EE.A.3 4 --override --note "Project shows full mastery"`)
    .action(async (who: string, standardId: string, scoreText: string, opts: ObserveOptions) => {
      if (opts.override && opts.source && opts.source !== 'override') throw new UserError('--override and --source say two different things', { hint: 'an override is its own source; drop --source', exitCode: 2 });
      const kind = opts.override ? 'override' : (opts.source ?? 'observation');
      const kp = genericIdProblem(kind);
      if (kp) throw new UserError(`--source ${JSON.stringify(kind)}: ${kp}`, { hint: 'use one word, like conference or rubric', exitCode: 2 });
      const r = await ctx.write('observe', ({ book, root }) => {
        const student = findStudent(book, who);
        const std = book.standards.find((s) => s.id === standardId) ?? book.standards.find((s) => s.id.toLowerCase() === standardId.toLowerCase());
        if (!std) throw new UserError(`no standard ${JSON.stringify(standardId)} in standards.yaml`, { hint: 'see `pathbook standards list`', exitCode: 2 });
        if (std.children.length) throw new UserError(`${std.id} rolls up from ${std.children.join(', ')}`, { hint: 'record the evidence on one of those', exitCode: 2 });
        const max = book.settings.scale.max;
        const score = Number(scoreText.replace(',', '.'));
        if (scoreText.trim() === '' || !Number.isFinite(score) || score < 0 || score > max) {
          throw new UserError(`the score ${JSON.stringify(scoreText)} is not on the scale 0–${formatPoints(max)}`, { hint: 'observations carry a score on the mastery scale, e.g. 3 or 2.5', exitCode: 2 });
        }
        const date = opts.date ?? ctx.today;
        const o: Observation = {
          studentId: student.id, standard: std.id, date, score, kind, note: opts.note ?? '', index: book.observations.length,
          source: { file: OBSERVATIONS_FILE, line: 0 },
        };
        const path = join(root, OBSERVATIONS_FILE);
        const content = appendObservation(existsSync(path) ? readFileSync(path) : undefined, book.observations, o);
        const next: Book = { ...book, observations: [...book.observations, o] };
        const cell = (b: Book) => masteryTable(b, {}, true).cells.get(student.id)?.get(std.id);
        return { changes: [{ path: OBSERVATIONS_FILE, content }, masteryChange(next)], result: { student, std, o, before: cell(book), after: cell(next) } };
      });
      const fmt = (c: typeof r.before) => (c ? `${c.label}${c.score === null ? '' : ` ${formatScore(c.score)}`}` : 'Not yet assessed');
      if (ctx.globals.json) {
        ctx.json({
          student_id: r.o.studentId, standard: r.o.standard, date: r.o.date, score: r.o.score, source: r.o.kind, note: r.o.note,
          before: r.before ? { score: r.before.score, level: r.before.level?.level ?? null, label: r.before.label, mastered: r.before.mastered } : null,
          after: r.after ? { score: r.after.score, level: r.after.level?.level ?? null, label: r.after.label, mastered: r.after.mastered } : null,
        });
        return;
      }
      ctx.info(`Wrote ${r.written.join(', ')}.`);
      ctx.out(`${displayName(r.student)} (${r.student.id}), ${r.std.id}: ${r.o.kind} ${formatPoints(r.o.score)} on ${r.o.date}. Mastery: ${fmt(r.before)} → ${fmt(r.after)}.`);
    });
}
