// Four weeks of mixed groups with avoidRepeatWeeks: 3 (issue #5, "repeat no pair where the arithmetic
// allows"): the certified classes of test/domain/repeat-classes.json through the engine (classes left
// with a repeat, CPU per run), the engine's CPU per run at 30 and 150 students beside the same runs
// without avoiding repeats, then `pathbook group --mode mixed` end to end on generated folders.
// The engine is bundled from src/domain/grouping/engine.ts with esbuild, as in groups.mjs.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { generateTeacherYear, mulberry32 } from './generate.mjs';
import { BIN, median, printRows, REPO, row, tempDir } from './lib.mjs';

const out = join(tempDir(), 'engine.mjs');
await build({ entryPoints: [join(REPO, 'src/domain/grouping/engine.ts')], bundle: true, format: 'esm', platform: 'neutral', outfile: out, logLevel: 'warning' });
const { partitionStudents } = await import(pathToFileURL(out).href);

const cpuMs = (f) => {
  const c0 = process.cpuUsage();
  const value = f();
  const c = process.cpuUsage(c0);
  return { value, ms: (c.user + c.system) / 1000 };
};
const pct = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
/** The seed `pathbook group` takes for a week when none is given (random.ts seedFromText, FNV-1a). */
const weekSeed = (week) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < week.length; i++) h = Math.imul(h ^ week.charCodeAt(i), 0x01000193) >>> 0;
  return h % 100000;
};
const WEEKS = ['2026-W49', '2026-W50', '2026-W51', '2026-W52'];
const sizeOf = (s) => {
  const r = /^(\d+)-(\d+)$/.exec(s);
  return r ? { min: Number(r[1]), max: Number(r[2]) } : { target: Number(s), policy: 'smaller' };
};

/**
 * Four weeks of one class. `ahead` false gives the engine only the pairs of the last 3 weeks, as before
 * planning ahead: each week then avoids the weeks before it, one week at a time.
 */
function month(students, size, keepApart, ahead = true) {
  const recent = [];
  const weeks = [];
  for (const week of WEEKS) {
    const history = new Map();
    for (const x of recent) for (const g of x.groups) for (const a of g) for (const b of g) if (a < b) history.set(`${a} ${b}`, (history.get(`${a} ${b}`) ?? 0) + 1);
    const input = { mode: 'mixed', students, bands: 4, size, keepApart, seed: weekSeed(week), ...(ahead ? { avoidWeeks: 3, recent } : { history }) };
    const { value: r, ms } = cpuMs(() => partitionStudents(input));
    if (!r.ok) throw new Error(r.conflicts[0].message);
    weeks.push({ ms, repeats: r.stats.repeatedPairs, fit: r.stats.fit });
    for (const x of recent) x.back++;
    recent.unshift({ back: 1, groups: r.groups.map((g) => g.members) });
    if (recent.length > 3) recent.pop();
  }
  return weeks;
}

// 1. The certified classes: each has a repeat-free month with the sizes the engine uses.
const { classes } = JSON.parse(readFileSync(join(REPO, 'test/domain/repeat-classes.json'), 'utf8'));
const runs = [];
let left = 0;
let before = 0;
for (const c of classes) {
  const students = c.students.filter((s) => !c.absent.includes(s.id))
    .map((s) => ({ id: s.id, section: s.section, scores: [s.score / 4], band: Math.min(3, Math.floor(s.score)), interests: [] }));
  const weeks = month(students, sizeOf(c.size), c.keepApart);
  runs.push(...weeks.map((w) => w.ms));
  if (weeks.some((w) => w.repeats > 0)) left++;
  if (month(students, sizeOf(c.size), c.keepApart, false).some((w) => w.repeats > 0)) before++;
}
printRows('certified classes, four weeks of mixed groups (avoidRepeatWeeks: 3)', [
  row('classes with a repeated pair', `${left} of ${classes.length}`, `each has a repeat-free month (the test checks its proof); one week at a time: ${before} of ${classes.length}`),
  row('CPU per group run', `${median(runs).toFixed(0)} ms`, `median; p90 ${pct(runs, 0.9).toFixed(0)} ms, slowest ${Math.max(...runs).toFixed(0)} ms (${runs.length} runs)`),
]);

// 2. The engine at 30 and 150 students, with and without the repeat window.
function makeClass(n, sections, seed) {
  const r = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const scores = [r(), r()];
    return { id: `S${String(i + 1).padStart(4, '0')}`, section: `P${(i % sections) + 1}`, scores, band: Math.min(3, Math.floor(2 * (scores[0] + scores[1]))), interests: [] };
  });
}
const rows = [];
for (const [n, sections, size] of [[30, 1, '3-5'], [30, 1, '4'], [150, 1, '3-5'], [150, 5, '3-5']]) {
  const students = makeClass(n, sections, n + sections);
  const on = [];
  const off = [];
  let repeats = 0;
  let offRepeats = 0;
  for (let rep = 0; rep < 3; rep++) {
    for (const w of month(students, sizeOf(size), [])) { on.push(w.ms); repeats += rep === 0 ? w.repeats : 0; }
    for (const w of month(students, sizeOf(size), [], false)) { off.push(w.ms); offRepeats += rep === 0 ? w.repeats : 0; }
  }
  rows.push(row(`${n} students${sections > 1 ? ` in ${sections} sections` : ''}, --size ${size}`, `${median(on).toFixed(0)} ms`,
    `CPU per run, median of 12 (slowest ${Math.max(...on).toFixed(0)} ms); one week at a time ${median(off).toFixed(0)} ms; repeated pairs over the month ${repeats} (one week at a time ${offRepeats})`));
}
printRows('engine CPU per group run, four weeks of mixed groups', rows);

// 3. End to end on generated folders: load, mastery, group, write.
const timed = (args, cwd) => {
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', CI: '1', PATHBOOK_TODAY: '2026-11-23' }, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) return null;
  if (r.status !== 0) throw new Error(`pathbook ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const [u, s] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { ms: (u + s) * 1000, json: r.stdout ? JSON.parse(r.stdout) : null };
};
const cli = [];
for (const [n, sections] of [[30, 1], [150, 5], [150, 1]]) {
  const dir = join(tempDir(), `year-${n}-${sections}`);
  generateTeacherYear(dir, { students: n, sections, assessments: 60 });
  writeFileSync(join(dir, '.gitignore'), '.pathbook/\n');
  appendFileSync(join(dir, 'pathbook.yaml'), 'grouping:\n  avoidRepeatWeeks: 3\n');
  const times = [];
  const repeats = [];
  for (const week of WEEKS) {
    const t = timed(['group', '--mode', 'mixed', '--size', '3-5', '--week', week, '--json'], dir);
    if (!t) break;
    times.push(t.ms);
    repeats.push(t.json.repeatedPairs);
  }
  const base = timed(['mastery', '--json'], dir);
  if (!times.length || !base) { cli.push(row(`${n} students`, 'n/a', 'needs /usr/bin/time')); continue; }
  cli.push(row(`pathbook group --mode mixed, ${n} students${sections > 1 ? ` in ${sections} sections` : ''}`, `${median(times).toFixed(0)} ms`,
    `process CPU per week: ${times.map((t) => t.toFixed(0)).join(', ')} ms (the first builds the mastery cache); repeats per week ${repeats.join(', ')}; pathbook mastery --json ${base.ms.toFixed(0)} ms`));
}
printRows('pathbook group end to end, four weeks, avoidRepeatWeeks: 3', cli);
