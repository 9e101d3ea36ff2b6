// pathbook init: create a gradebook folder (asks in a terminal; flags and --yes for scripts).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { Option, type Command } from 'commander';
import { SCALE_PRESETS } from '../../domain/scale.ts';
import { METHODS, type MethodName } from '../../domain/types.ts';
import { commitChanges } from '../../store/atomic.ts';
import { UserError } from '../../store/errors.ts';
import { emptyRoster, emptyStandards, GITIGNORE, settingsTemplate, type InitAnswers } from '../../store/init-store.ts';
import { SETTINGS_FILE } from '../../store/settings-store.ts';
import type { CliContext } from '../context.ts';

interface InitOptions { yes?: boolean; name?: string; subject?: string; grade?: string; scale?: string; method?: MethodName; git?: boolean }

export function register(program: Command, ctx: CliContext): void {
  program.command('init [dir]')
    .summary('create a gradebook folder')
    .description('Create a gradebook: a commented pathbook.yaml, an empty roster.csv and\nstandards.yaml, and a .gitignore. In a terminal it asks a few questions; use\n--yes and flags in scripts.')
    .option('-y, --yes', 'do not ask: use the flags and defaults')
    .option('--name <class>', 'class name, e.g. "Grade 6 Math"')
    .option('--subject <subject>', 'subject, e.g. Mathematics')
    .option('--grade <grade>', 'grade level, e.g. 6')
    .addOption(new Option('--scale <preset>', 'mastery scale preset').choices(Object.keys(SCALE_PRESETS)))
    .addOption(new Option('--method <method>', 'mastery calculation method').choices([...METHODS]))
    .option('--no-git', 'do not run git init')
    .addHelpText('after', `
Examples:
  $ pathbook init grade6-math
  $ pathbook init grade6-math --yes --name "Grade 6 Math" --subject Mathematics --grade 6
  $ pathbook init . --yes --scale canvas --method n-mastery`)
    .action(async (dirArg: string | undefined, opts: InitOptions) => {
      const dir = ctx.resolvePath(dirArg ?? '.');
      if (existsSync(join(dir, SETTINGS_FILE))) {
        throw new UserError(`${join(dir, SETTINGS_FILE)} already exists: this folder is a gradebook`, { hint: 'pathbook init never overwrites a gradebook; choose another folder' });
      }
      // The class is named after its folder, not the path to it ("grade6-math", not "/home/…/grade6-math").
      const answers = await ask(ctx, opts, dirArg === undefined || dirArg === '.' ? '.' : basename(dir));
      mkdirSync(dir, { recursive: true });
      const files = [
        { path: SETTINGS_FILE, content: settingsTemplate(answers) },
        { path: 'roster.csv', content: emptyRoster() },
        { path: 'standards.yaml', content: emptyStandards() },
        { path: '.gitignore', content: GITIGNORE },
      ].filter((f) => f.path === SETTINGS_FILE || !existsSync(join(dir, f.path)));
      commitChanges(dir, files);
      const gitNote = opts.git === false ? '' : gitInit(dir);
      const shown = relative(ctx.io.cwd, dir) || '.';
      if (ctx.globals.json) {
        ctx.json({ dir, files: files.map((f) => f.path), git: gitNote.startsWith('initialised') });
        return;
      }
      ctx.out(`Created the gradebook ${shown}/ for ${answers.className}: ${files.map((f) => f.path).join(', ')}${gitNote ? `; ${gitNote}` : ''}.`);
      const arg = /[^\w./-]/.test(shown) ? JSON.stringify(shown) : shown;
      ctx.out(`Next: add students with \`pathbook -C ${arg} roster import <file>\` and standards with \`pathbook -C ${arg} standards import <file>\`.`);
    });
}

async function ask(ctx: CliContext, o: InitOptions, dirName: string): Promise<InitAnswers> {
  const defaults: InitAnswers = {
    className: o.name ?? dirName.replace(/[-_]+/g, ' ').replace(/^\.$/, 'My class'),
    subject: o.subject ?? '', grade: o.grade ?? '', scale: o.scale ?? 'four-level', method: o.method ?? 'decaying-average',
  };
  if (o.yes || !ctx.interactive) return defaults;
  // Loaded only here: prompts cost start-up time every other command should not pay.
  const { input, select } = await import('@inquirer/prompts');
  return {
    className: o.name ?? await input({ message: 'Class name', default: defaults.className }),
    subject: o.subject ?? await input({ message: 'Subject', default: 'Mathematics' }),
    grade: o.grade ?? await input({ message: 'Grade', default: '6' }),
    scale: o.scale ?? await select({ message: 'Mastery scale', choices: [
      { name: 'Four levels: Exceeds 3.5 / Mastered 3 / Approaching 2 / Beginning (default)', value: 'four-level' },
      { name: 'Canvas: 4 Exceeds / 3 Mastery / 2 Near / 1 Below / 0 No Evidence', value: 'canvas' },
      { name: 'Three levels: Secure / Developing / Emerging (0–3)', value: 'three-level' },
    ] }),
    method: o.method ?? await select<MethodName>({ message: 'Calculation method', choices: METHODS.map((m) => ({ name: m === 'decaying-average' ? `${m} (default, weight 0.65)` : m, value: m })) }),
  };
}

function gitInit(dir: string): string {
  try {
    execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir, stdio: 'ignore' });
    return 'already inside a git repository';
  } catch { /* not in a repository, or no git */ }
  try {
    execFileSync('git', ['init', '-q'], { cwd: dir, stdio: 'ignore' });
    return 'initialised a git repository';
  } catch {
    return '';
  }
}
