// pathbook profile / reflect / interest / accommodation: what people write about a student
// (students/<id>.yaml). Edits keep the file's comments and order; a missing profile is created.
import type { Command } from 'commander';
import { cleanText, KNOWN_ACCOMMODATIONS } from '../../domain/profile.ts';
import { emptyProfile } from '../../store/profile-store.ts';
import { addReflection, addText, profilePath, removeText } from '../../store/profile-edit.ts';
import { UsageError, UserError } from '../../store/errors.ts';
import { renderProfile } from '../../render/profile.ts';
import type { CliContext } from '../context.ts';
import { editProfile, findStudent } from '../profile-edit.ts';

export function register(program: Command, ctx: CliContext): void {
  program.command('profile <student>')
    .summary('show a student\'s profile: interests, strengths, goals, reflections')
    .description('What students/<id>.yaml holds about a student, as the PLP will show it.')
    .addHelpText('after', `
Examples:
  $ pathbook profile S005
  $ pathbook profile S020 --json`)
    .action(async (studentId: string) => {
      const { book } = await ctx.loadBook();
      const student = findStudent(book, studentId);
      const profile = book.profiles.find((p) => p.studentId === student.id);
      const file = profilePath(student.id);
      if (ctx.globals.json) {
        const p = profile ?? emptyProfile(student.id);
        ctx.json({
          student: { id: student.id, given_name: student.givenName, family_name: student.familyName, section: student.section, status: student.status },
          file, exists: !!profile,
          interests: p.interests, strengths: p.strengths, preferences: p.preferences, accommodations: p.accommodations,
          goals: p.goals, reflections: p.reflections,
        });
        return;
      }
      ctx.out(renderProfile(student, profile, file, ctx.style));
    });

  program.command('reflect <student> [text]')
    .summary('add the student\'s reflection, dated today')
    .addHelpText('after', `
Examples:
  $ pathbook reflect S005 "Drawing the table first helped me."
  $ pathbook reflect S020        (in a terminal: the student types it)`)
    .action(async (studentId: string, textArg: string | undefined) => {
      let text = cleanText(textArg ?? '');
      if (!text) {
        if (!ctx.interactive) throw new UsageError('give the reflection\'s text', `pathbook reflect ${studentId} "What helped me this week …"`);
        const { book } = await ctx.loadBook();
        findStudent(book, studentId);
        const { input } = await import('@inquirer/prompts');
        text = cleanText(await input({ message: 'Your reflection, in your own words:', validate: (v) => (cleanText(v) ? true : 'Write a sentence or two') }));
      }
      const r = await editProfile(ctx, 'reflect', studentId, (doc, { file }) => {
        addReflection(doc, ctx.today, text, file);
        return {};
      });
      if (ctx.globals.json) {
        ctx.json({ student: studentId, file: r.file, created: r.created, reflection: { date: ctx.today, text } });
        return;
      }
      ctx.out(`Added a reflection dated ${ctx.today} for ${studentId} to ${r.file}${r.created ? ', a new profile' : ''}.`);
    });

  const interest = program.command('interest')
    .summary('add or remove a student\'s interest (used by playlists and interest groups)')
    .addHelpText('after', `
Examples:
  $ pathbook interest add S005 chess
  $ pathbook interest remove S005 dogs`);
  interest.command('add <student> <text...>')
    .summary('add an interest')
    .addHelpText('after', `
Examples:
  $ pathbook interest add S005 chess
  $ pathbook interest add S020 baking videos`)
    .action(async (studentId: string, words: string[]) => {
      const text = cleanText(words.join(' '));
      const r = await editProfile(ctx, 'interest add', studentId, (doc, { file }) => ({ added: addText(doc, 'interests', text, file) }));
      report(ctx, studentId, r, 'interest', text, r.added ? 'Added' : 'Already listed:');
    });
  interest.command('remove <student> <text...>')
    .summary('remove an interest')
    .addHelpText('after', `
Examples:
  $ pathbook interest remove S005 chess
  $ pathbook interest remove S020 baking videos`)
    .action(async (studentId: string, words: string[]) => {
      const text = cleanText(words.join(' '));
      const r = await editProfile(ctx, 'interest remove', studentId, (doc, { file }) => {
        if (!removeText(doc, 'interests', text)) throw new UserError(`${studentId} has no interest ${JSON.stringify(text)} in ${file}`, { hint: `see \`pathbook profile ${studentId}\``, exitCode: 2 });
        return {};
      });
      report(ctx, studentId, r, 'interest', text, 'Removed');
    });

  const acc = program.command('accommodation')
    .summary('add or remove a student\'s accommodation (extended-time, text-to-speech, …)')
    .description(`Accommodations in students/<id>.yaml. Known kinds: ${KNOWN_ACCOMMODATIONS.join(', ')}.
Other kinds are kept too, with a warning: playlists only match the known kinds
to activities. Accommodations print on the student's own PLP only, never on
class handouts.`)
    .addHelpText('after', `
Examples:
  $ pathbook accommodation add S005 extended-time
  $ pathbook accommodation remove S005 text-to-speech`);
  acc.command('add <student> <kind>')
    .summary('add an accommodation')
    .addHelpText('after', `
Examples:
  $ pathbook accommodation add S005 extended-time
  $ pathbook accommodation add S020 captions`)
    .action(async (studentId: string, kindArg: string) => {
      const kind = accommodationKind(kindArg);
      if (!(KNOWN_ACCOMMODATIONS as readonly string[]).includes(kind)) {
        ctx.info(`warning: "${kind}" is not a kind pathbook knows (${KNOWN_ACCOMMODATIONS.join(', ')}); it is kept, but playlists will not match it to activities`);
      }
      const r = await editProfile(ctx, 'accommodation add', studentId, (doc, { file }) => ({ added: addText(doc, 'accommodations', kind, file) }));
      report(ctx, studentId, r, 'accommodation', kind, r.added ? 'Added' : 'Already listed:');
    });
  acc.command('remove <student> <kind>')
    .summary('remove an accommodation')
    .addHelpText('after', `
Examples:
  $ pathbook accommodation remove S005 extended-time
  $ pathbook accommodation remove S007 reduced-items --json`)
    .action(async (studentId: string, kindArg: string) => {
      const kind = accommodationKind(kindArg);
      const r = await editProfile(ctx, 'accommodation remove', studentId, (doc, { file }) => {
        if (!removeText(doc, 'accommodations', kind)) throw new UserError(`${studentId} has no accommodation ${JSON.stringify(kind)} in ${file}`, { hint: `see \`pathbook profile ${studentId}\``, exitCode: 2 });
        return {};
      });
      report(ctx, studentId, r, 'accommodation', kind, 'Removed');
    });
}

/** A kind as an id: one word, lower case (Extended Time → extended-time). */
function accommodationKind(arg: string): string {
  const kind = cleanText(arg).toLowerCase().replace(/\s+/g, '-');
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(kind)) throw new UsageError(`"${arg}" is not an accommodation kind`, `use a word like ${KNOWN_ACCOMMODATIONS.join(', ')}`);
  return kind;
}

function report(ctx: CliContext, studentId: string, r: { file: string; created: boolean; written: string[] }, what: string, value: string, verb: string): void {
  if (ctx.globals.json) {
    ctx.json({ student: studentId, file: r.file, created: r.created, changed: r.written.length > 0, [what]: value });
    return;
  }
  ctx.out(`${verb} ${what} "${value}" for ${studentId}${r.written.length ? ` (${r.file}${r.created ? ', a new profile' : ''})` : ''}.`);
}
