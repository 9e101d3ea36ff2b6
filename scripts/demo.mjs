// npm run demo: copy the example class to a fresh folder and walk a teacher's week on it, narrated.
// "Today" is pinned to the example's Monday so the output matches the README.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = join(repo, 'bin', 'pathbook');
const dir = join(mkdtempSync(join(tmpdir(), 'pathbook-demo-')), 'grade6-math');
cpSync(join(repo, 'examples', 'grade6-math'), dir, { recursive: true });
// The teacher's Downloads folder sits beside the gradebook, so commands read ../downloads/<file>.
cpSync(join(repo, 'examples', 'downloads'), join(dir, '..', 'downloads'), { recursive: true });
const downloads = '../downloads';

const who = { GIT_AUTHOR_NAME: 'Demo Teacher', GIT_AUTHOR_EMAIL: 'teacher@example.org', GIT_COMMITTER_NAME: 'Demo Teacher', GIT_COMMITTER_EMAIL: 'teacher@example.org' };
const env = { ...process.env, PATHBOOK_TODAY: '2026-11-23', ...who };

// The demo's copy is a git repository with autoCommit on, so every change is a commit (diff, undo).
// The example itself keeps autoCommit off: copies of it outside git would warn.
appendFileSync(join(dir, 'pathbook.yaml'), '\ngit:\n  autoCommit: true\n');
let gitReady = true;
for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-qm', 'The class on Monday']]) {
  const r = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' });
  if (r.status !== 0) gitReady = false;
}
const bold = (s) => (process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[1m${s}\x1b[0m` : s);

/** One step of the week: what the teacher is doing, then the command and its output. */
function step(narration, args, { show = Infinity } = {}) {
  console.log(`\n${bold(`▸ ${narration}`)}`);
  console.log(`  $ pathbook ${args.map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ')}`);
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, env, encoding: 'utf8' });
  const lines = (r.stdout + r.stderr).trimEnd().split('\n');
  console.log(lines.slice(0, show).map((l) => `  ${l}`).join('\n') + (lines.length > show ? `\n  … (${lines.length - show} more lines)` : ''));
  if (r.status !== 0) {
    console.error(`\nThe demo stopped: \`pathbook ${args.join(' ')}\` exited with ${r.status}.`);
    process.exit(1);
  }
  return r;
}

console.log(`pathbook demo: a copy of the example class is in\n  ${dir}`);

step('Monday morning: is the gradebook folder sound?', ['check']);
step('Who is in 2nd period?', ['roster', 'list', '--section', 'P2'], { show: 8 });
step('Two students joined this week: preview the school\'s roster export, then merge it', ['roster', 'import', join(downloads, 'roster-export.csv'), '--dry-run']);
step('Merge it for real (running it again changes nothing)', ['roster', 'import', join(downloads, 'roster-export.csv')], { show: 4 });
step("Friday's exit ticket: import the Google Forms download (its map sits beside it): the class per question and standard, who moved a level, tomorrow's plan", ['import', join(downloads, 'Exit ticket 11-20 (Responses).csv')], { show: 40 });
step('Importing the same download again changes nothing', ['import', join(downloads, 'Exit ticket 11-20 (Responses).csv')]);
if (gitReady) step('What did that import change? The git history of mastery.csv', ['diff', '--standard', '6.RP.A.3'], { show: 16 });
step('A conference today: Liam scaled a recipe with a ratio table', ['observe', 'S005', '6.RP.A.3', '3', '--source', 'conference', '--note', 'Scaled a recipe with a ratio table']);
if (gitReady) step('Oops, that note was meant for tomorrow: take back the last change pathbook made (each one is a commit)', ['undo']);
step('The ratios unit at a glance: one level per student per standard, class mean and median, counts at each level', ['mastery', '--unit', 'ratios']);
step('Why is Liam Approaching on 6.RP.A.3? Every score with its file and row, and the arithmetic', ['explain', 'S005', '6.RP.A.3'], { show: 30 });
step("Liam's page: every standard by unit with a trend line, and what he is ready to learn next", ['student', 'S005']);

step("Friday: next week's readiness groups on ratio word problems, a reason for every student", ['group', '--mode', 'readiness', '--standard', '6.RP.A.3', '--week', 'next'], { show: 16 });
step('…and the station rotation: the group that most needs reteaching meets the teacher first', ['rotation', '--week', 'next'], { show: 14 });
step("Build each student's ratios playlist from the activity bank", ['playlist', '--unit', 'ratios', '--all'], { show: 12 });
step('Liam finished his first must-do', ['done', 'S005', 'ratio-language-reading']);
step('Emma finished her only must-do: she is ready for the checkpoint', ['done', 'S028', 'unit-rate-practice-set']);
step('Who in 4th period is ready for a checkpoint?', ['progress', '--unit', 'ratios', '--section', 'P4']);
step('A tic-tac-toe choice board for the unit', ['choice-board', '--unit', 'ratios'], { show: 12 });

step('Liam writes his own goal for the conference (in a terminal, `goal add S005` asks him)', ['goal', 'add', 'S005', 'I will explain each step of a ratio problem out loud', '--author', 'student', '--standard', '6.RP.A.3', '--target', '2027-01-22']);
step('Conference week: a print-ready plan for every student, and one file to print the whole day', ['plp', '--all', '--format', 'html']);
console.log(`\n${bold("▸ The top of Liam's plan, plp/S005.md (plp/S005.html prints on one or two pages)")}`);
console.log(readFileSync(join(dir, 'plp', 'S005.md'), 'utf8').split('\n').slice(0, 24).map((l) => `  ${l}`).join('\n'));
step('Report-card marks for the term, from standards levels', ['report-card', '--term', '2026-08-15..2026-12-18'], { show: 6 });

step('Share the class with the math coach: pseudonyms, no names, emails or notes', ['export', '--anonymize', join(dirname(dir), 'for-coach')]);

console.log(`\nDone. Explore the folder yourself:\n  cd ${JSON.stringify(dir)}\n  ${join(repo, 'bin', 'pathbook')} --help`);
