// pathbook goal add|done|drop: the goals in a student's profile. In a terminal, `goal add <id>`
// without a text asks for it, so a student can type their own goal.
import { Option, type Command } from 'commander';
import { cleanText, GOAL_AUTHORS, type GoalAuthor } from '../../domain/profile.ts';
import type { Goal, Standard } from '../../domain/types.ts';
import { UsageError, UserError } from '../../store/errors.ts';
import { addGoal, goalIds, nextGoalId, setGoalStatus } from '../../store/profile-edit.ts';
import type { CliContext } from '../context.ts';
import { editProfile, findStudent } from '../profile-edit.ts';
import { parseDate } from './mastery.ts';

const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

interface GoalAddOptions { author?: GoalAuthor; target?: string; standard?: string[] }

export interface GoalAnswers { text: string; author: GoalAuthor; target: string; standards: string[] }

/** The prompts `goal add` uses: @inquirer/prompts in a terminal, fakes in tests. */
export interface GoalPrompts {
  input(o: { message: string; default?: string; validate?: (v: string) => boolean | string }): Promise<string>;
  select<T>(o: { message: string; choices: { name: string; value: T }[]; default?: T }): Promise<T>;
  checkbox<T>(o: { message: string; choices: { name: string; value: T; checked?: boolean }[] }): Promise<T[]>;
}

/** Asks for what the flags did not give, in words a student understands. */
export async function askGoal(p: GoalPrompts, given: GoalAddOptions, standards: readonly Standard[], today: string): Promise<GoalAnswers> {
  const text = cleanText(await p.input({ message: 'Your goal, in your own words:', validate: (v) => (cleanText(v) ? true : 'Write a goal, for example: "I will label my units in every answer."') }));
  const author = given.author ?? await p.select<GoalAuthor>({
    message: 'Who set this goal?',
    choices: [{ name: 'the student', value: 'student' }, { name: 'the teacher', value: 'teacher' }, { name: 'a parent or family member', value: 'parent' }],
    default: 'student',
  });
  const target = given.target ?? cleanText(await p.input({
    message: 'By when? (YYYY-MM-DD, or leave empty)',
    validate: (v) => !cleanText(v) || (/^\d{4}-\d{2}-\d{2}$/.test(cleanText(v)) && cleanText(v) >= today) || 'Write a date like 2027-01-22, today or later',
  }));
  const picked = given.standard ?? (standards.length ? await p.checkbox<string>({
    message: 'Which "I can" statements is it about? (space to pick, enter when done)',
    choices: standards.filter((s) => !s.children.length).map((s) => ({ name: `${s.id}  ${s.studentStatement || s.statement}`, value: s.id })),
  }) : []);
  return { text, author, target, standards: picked };
}

export function register(program: Command, ctx: CliContext): void {
  const goal = program.command('goal')
    .summary('add a goal to a student\'s plan, or mark one met or dropped')
    .description(`Goals in students/<id>.yaml: who set each one (student, teacher or parent),
when, by when, and the standards it is about. The PLP shows each goal with
the levels of its standards.`)
    .addHelpText('after', `
Examples:
  $ pathbook goal add S005 "I will check my units on every answer" --author student --standard 6.RP.A.3
  $ pathbook goal done S005 g1
  $ pathbook goal drop S007 g3`);

  goal.command('add <student> [text]')
    .summary('add a goal (asks in a terminal when the text is left out)')
    .description(`Adds a goal to students/<id>.yaml with the next free id (g1, g2, …), set today,
status active; the file is created when the student has no profile yet. In a
terminal, leave out the text and the student is asked for it in their own words.`)
    .addOption(new Option('--author <who>', 'who set the goal (default: teacher; asked in a terminal)').choices([...GOAL_AUTHORS]))
    .option('--target <date>', 'the date to reach it by (YYYY-MM-DD)', parseDate)
    .option('--standard <ids>', 'standards the goal is about (comma-separated, repeatable)', collect)
    .addHelpText('after', `
Examples:
  $ pathbook goal add S005 "I will check my units on every answer" --author student --standard 6.RP.A.3
  $ pathbook goal add S020 "Mastered on unit rates by January" --author teacher --target 2027-01-22
  $ pathbook goal add S005        (in a terminal: the student types the goal)`)
    .action(async (studentId: string, textArg: string | undefined, opts: GoalAddOptions) => {
      let answers: GoalAnswers;
      const { book } = await ctx.loadBook();
      findStudent(book, studentId);
      if (textArg === undefined || !cleanText(textArg)) {
        if (!ctx.interactive) throw new UsageError('give the goal\'s text', `pathbook goal add ${studentId} "I will …" --author student`);
        // Loaded only here; asked before the folder is locked, since a student may take a while.
        const prompts = await import('@inquirer/prompts');
        answers = await askGoal(prompts as unknown as GoalPrompts, opts, book.standards, ctx.today);
      } else {
        answers = { text: cleanText(textArg), author: opts.author ?? 'teacher', target: opts.target ?? '', standards: opts.standard ?? [] };
      }
      const known = new Set(book.standards.map((s) => s.id));
      for (const s of answers.standards) {
        if (!known.has(s)) throw new UserError(`unknown standard ${JSON.stringify(s)}`, { hint: 'see `pathbook standards list`', exitCode: 2 });
      }
      const r = await editProfile(ctx, 'goal add', studentId, (doc, { file }) => {
        const g: Goal = {
          id: nextGoalId(goalIds(doc)), text: answers.text, author: answers.author, set: ctx.today,
          target: answers.target, status: 'active', standards: [...new Set(answers.standards)],
        };
        addGoal(doc, g, file);
        return { goal: g };
      });
      if (r.goal.target && r.goal.target < ctx.today) ctx.info(`warning: the target ${r.goal.target} is already past`);
      if (ctx.globals.json) {
        ctx.json({ student: studentId, file: r.file, created: r.created, goal: r.goal });
        return;
      }
      ctx.out(`Added goal ${r.goal.id} for ${studentId} (${r.goal.author}${r.goal.target ? `, by ${r.goal.target}` : ''}${r.goal.standards.length ? `, ${r.goal.standards.join(', ')}` : ''}) to ${r.file}${r.created ? ', a new profile' : ''}.`);
    });

  for (const [name, status, summary] of [['done', 'met', 'mark a goal as met'], ['drop', 'dropped', 'set a goal aside (kept in the file as dropped)']] as const) {
    goal.command(`${name} <student> <goal>`)
      .summary(summary)
      .addHelpText('after', `
Examples:
  $ pathbook goal ${name} S005 g2
  $ pathbook goal ${name} S020 g1 --json`)
      .action(async (studentId: string, goalId: string) => {
        const r = await editProfile(ctx, `goal ${name}`, studentId, (doc, { file }) => ({ before: setGoalStatus(doc, goalId, status, file) }));
        if (ctx.globals.json) {
          ctx.json({ student: studentId, file: r.file, goal: goalId, status, was: r.before });
          return;
        }
        ctx.out(r.before === status ? `Goal ${goalId} of ${studentId} was already ${status}.` : `Goal ${goalId} of ${studentId}: ${r.before} → ${status} (${r.file}).`);
      });
  }
}
