// Grouping at scale: the engine on 150 students (a teacher's year) and 2,000 (a grade-level team, one
// pool), readiness and mixed, timed, with the objective beside a plain snake draft of the same class;
// then `pathbook group` end to end on generated folders.
// The engine is bundled from src/domain/grouping/engine.ts with esbuild (a dev dependency) into a
// temporary module, so this measures the current source without a separate build entry.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { generateTeacherYear, mulberry32 } from './generate.mjs';
import { interleaved, median, pathbook, printRows, REPO, row, tempDir } from './lib.mjs';

const out = join(tempDir(), 'engine.mjs');
await build({ entryPoints: [join(REPO, 'src/domain/grouping/engine.ts')], bundle: true, format: 'esm', platform: 'neutral', outfile: out, logLevel: 'warning' });
const { partitionStudents } = await import(pathToFileURL(out).href);

/** A class with real structure: a latent ability per student, two standards near it, a few interests. */
function makeClass(n, seed) {
  const r = mulberry32(seed);
  const interests = ['soccer', 'music', 'art', 'games', 'reading', 'science', 'cooking', 'dance'];
  return Array.from({ length: n }, (_, i) => {
    const ability = Math.min(1, Math.max(0, 0.55 + 0.2 * (r() + r() + r() - 1.5)));
    const scores = [0, 1].map(() => Math.min(1, Math.max(0, ability + 0.08 * (r() - 0.5))));
    const m = (scores[0] + scores[1]) / 2;
    return {
      id: `S${String(i + 1).padStart(5, '0')}`, section: 'all', scores,
      band: m >= 0.875 ? 3 : m >= 0.75 ? 2 : m >= 0.5 ? 1 : 0,
      interests: r() < 0.6 ? [interests[Math.floor(r() * 8)], interests[Math.floor(r() * 8)]] : [],
    };
  });
}

const runs = Number(process.env.BENCH_RUNS ?? 3);
const rows = [];
for (const n of [150, 2000]) {
  const students = makeClass(n, n);
  for (const mode of ['readiness', 'mixed']) {
    const input = { mode, students, bands: 4, size: { target: 4 }, seed: 1 };
    const times = [];
    let result;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      result = partitionStudents(input);
      times.push(performance.now() - t0);
    }
    const snake = partitionStudents(input, { search: false, start: 'snake' });
    const start = partitionStudents(input, { search: false });
    const f = (x) => x.stats.objective.toFixed(mode === 'mixed' ? 6 : 3);
    rows.push(row(`${n} students, ${mode}`, `${median(times).toFixed(0)} ms`,
      `objective ${f(result)} (snake draft ${f(snake)}${mode === 'readiness' ? `, sorted-DP start ${f(start)}` : ''}); ${result.groups.length} groups`));
  }
  // A second week of mixed groups: the search against the snake draft on repeated pairs.
  const week1 = partitionStudents({ mode: 'mixed', students, bands: 4, size: { target: 4 }, seed: 1 });
  const history = new Map();
  for (const g of week1.groups) for (let i = 0; i < g.members.length; i++) for (let j = i + 1; j < g.members.length; j++) history.set(`${g.members[i]} ${g.members[j]}`, 1);
  const input2 = { mode: 'mixed', students, bands: 4, size: { target: 4 }, seed: 2, history };
  const t0 = performance.now();
  const week2 = partitionStudents(input2);
  const ms = performance.now() - t0;
  const snake2 = partitionStudents(input2, { search: false, start: 'snake' });
  rows.push(row(`${n} students, mixed week 2`, `${ms.toFixed(0)} ms`, `repeated pairs ${week2.stats.repeatedPairs} (snake draft ${snake2.stats.repeatedPairs}); balance ${week2.stats.fit.toFixed(6)}`));
}
printRows(`grouping engine (median of ${runs} runs; objective: lower is better)`, rows);

// End to end: load, mastery, group, write, on generated gradebooks.
const cli = [];
const year = join(tempDir(), 'year');
generateTeacherYear(year, { students: 150, sections: 5, assessments: 180 });
const team = join(tempDir(), 'team');
generateTeacherYear(team, { students: 2000, sections: 1, assessments: 30, profiles: 200 });
for (const dir of [year, team]) {
  writeFileSync(join(dir, '.gitignore'), '.pathbook/\n');
  appendFileSync(join(dir, 'pathbook.yaml'), 'grouping:\n  avoidRepeatWeeks: 2\n');
}
const t = interleaved({
  year: pathbook(['group', '--mode', 'readiness', '--week', '2026-W49', '-q'], year),
  yearMixed: pathbook(['group', '--mode', 'mixed', '--week', '2026-W50', '-q'], year),
  team: pathbook(['group', '--mode', 'readiness', '--week', '2026-W49', '-q'], team),
  // Baselines: loading the folder and computing mastery, which every group run does first.
  yearMastery: pathbook(['mastery', '--json'], year),
  teamMastery: pathbook(['mastery', '--json'], team),
}, { runs: Math.max(1, runs) });
cli.push(row('pathbook group, 150 students in 5 sections', `${t.year.toFixed(0)} ms`, `readiness, 180 assessments; pathbook mastery --json on the same folder: ${t.yearMastery.toFixed(0)} ms`));
cli.push(row('pathbook group --mode mixed, 150 students', `${t.yearMixed.toFixed(0)} ms`, 'avoiding the pairs of the readiness week before'));
cli.push(row('pathbook group, 2,000 students in one pool', `${t.team.toFixed(0)} ms`, `readiness, 30 assessments; pathbook mastery --json: ${t.teamMastery.toFixed(0)} ms`));
printRows(`pathbook group end to end (median of ${Math.max(1, runs)} runs)`, cli);
