// Before and after: this checkout against another built checkout of pathbook (e.g. the commit before
// issue 9), interleaved in the same run with bare `node -e 0`, each on its own copy of every folder
// (their caches are not shared). Medians of interleaved runs; the district's cold recompute once each.
//
// usage: node bench/before-after.mjs <other checkout> (its `npm run build` done)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DISTRICT, generateExitTicket, generateTeacherYear } from './generate.mjs';
import { BIN, interleaved, NODE0, peak, printRows, REPO, row, tempDir } from './lib.mjs';

const other = process.argv[2] && resolve(process.argv[2]);
if (!other || !existsSync(join(other, 'bin', 'pathbook'))) {
  console.log('\n## before/after: skipped (usage: node bench/before-after.mjs <another built checkout>)');
  process.exit(0);
}
const runs = Number(process.env.BENCH_RUNS ?? 11);
const builds = { before: join(other, 'bin', 'pathbook'), after: BIN };
const root = tempDir('pathbook-bench-ab-');

const example = join(REPO, 'examples', 'grade6-math');
const year = join(root, 'year');
const yearSize = generateTeacherYear(year, { students: 150, profiles: 150 });
const ticket = generateExitTicket(join(root, 'ticket.csv'), year);
writeFileSync(join(root, 'ticket.map.yaml'), ['title: Exit ticket bench', 'date: 2026-12-01', 'kind: exit-ticket', 'items:',
  ...[1, 2, 3, 4, 5].map((i) => `  - { id: q${i}, column: q${i}, standards: [6.G${i <= 3 ? 1 : 2}.A.${i}], points: 1 }`)].join('\n') + '\n');

/** A copy of `dir` per build, warmed by one run of `args`. */
function copies(dir, name, warm) {
  return Object.fromEntries(Object.entries(builds).map(([b, bin]) => {
    const to = join(root, `${name}-${b}`);
    cpSync(dir, to, { recursive: true });
    rmSync(join(to, '.pathbook'), { recursive: true, force: true });
    if (warm) spawnSync(process.execPath, [bin, ...warm], { cwd: to, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1', CI: '1' } });
    return [b, to];
  }));
}
const ex = copies(example, 'example', ['mastery']);
const yr = copies(year, 'year', ['mastery', '--write', '-q']);
// The imports go into folders of their own, put back as they were before each run.
const yi = copies(year, 'year-import', ['mastery', '--write', '-q']);
const saved = Object.fromEntries(Object.entries(yi).map(([b, d]) => { const f = join(root, `mastery-${b}.csv`); copyFileSync(join(d, 'mastery.csv'), f); return [b, f]; }));
const restore = (b) => () => {
  for (const f of readdirSync(join(yi[b], 'assessments'))) if (f.startsWith('2026-12-01-exit-ticket-bench')) rmSync(join(yi[b], 'assessments', f));
  copyFileSync(saved[b], join(yi[b], 'mastery.csv'));
};

const env = { PATHBOOK_TODAY: '2026-12-18' };
const cmd = (b, args, cwd, extra = {}) => ({ argv: [process.execPath, builds[b], ...args], cwd, ...extra });
const commands = { node: NODE0 };
for (const b of Object.keys(builds)) {
  commands[`version ${b}`] = cmd(b, ['--version'], ex[b]);
  commands[`example mastery ${b}`] = cmd(b, ['mastery'], ex[b]);
  commands[`example roster list ${b}`] = cmd(b, ['roster', 'list'], ex[b]);
  commands[`year mastery ${b}`] = cmd(b, ['mastery'], yr[b]);
  commands[`year import ${b}`] = cmd(b, ['import', ticket, '-q'], yi[b], { prepare: restore(b) });
}
const t = interleaved(commands, { runs });
const plp = interleaved(Object.fromEntries([['node', NODE0], ...Object.keys(builds).map((b) => [`plp ${b}`, {
  ...cmd(b, ['plp', '--all', '--format', 'html'], yr[b], { env }), prepare: () => rmSync(join(yr[b], 'plp'), { recursive: true, force: true }),
}])]), { runs: Math.max(3, Math.floor(runs / 3)) });

const rows = [row('node -e 0', `${t.node.toFixed(0)} ms`)];
const pair = (label, key, goal) => {
  const [a, b] = [t[`${key} before`], t[`${key} after`]];
  rows.push(row(label, `${(a / t.node).toFixed(2)}× → ${(b / t.node).toFixed(2)}×`, `${a.toFixed(0)} → ${b.toFixed(0)} ms${goal ? `; goal ${goal}` : ''}`));
};
pair('--version', 'version', '≤ 1.3×');
pair('mastery, example class', 'example mastery', '≤ 1.5×');
pair('roster list, example class', 'example roster list');
pair(`mastery, teacher's year (warm)`, 'year mastery', '≤ 2×');
pair(`import one exit ticket, teacher's year`, 'year import', '≤ 2×');
rows.push(row('plp --all --format html', `${(plp['plp before'] / 1000).toFixed(2)} → ${(plp['plp after'] / 1000).toFixed(2)} s`, `node -e 0 = ${plp.node.toFixed(0)} ms that run; goal < 3 s`));

// The district: one cold recompute per build (the one before takes about a minute).
if (!process.env.BENCH_NO_DISTRICT) {
  const district = join(root, 'district');
  const size = generateTeacherYear(district, DISTRICT);
  for (const b of Object.keys(builds)) {
    const dir = join(root, `district-${b}`);
    cpSync(district, dir, { recursive: true });
    const p = peak([process.execPath, builds[b], 'mastery', '--write', '-q', '--section', 'P1'], { cwd: dir });
    rows.push(row(`district cold recompute, ${b}`, `${(p.ms / 1000).toFixed(1)} s`, `${p.mib === null ? 'n/a' : `${p.mib.toFixed(0)} MiB peak`}; ${size.responses.toLocaleString('en')} responses, 1 run`));
    rmSync(dir, { recursive: true, force: true });
  }
}
printRows(`before → after (${other} → ${REPO}; medians of ${runs} interleaved runs)`, rows);
console.log(`teacher's year: ${yearSize.students} students, ${yearSize.standards} standards, ${yearSize.assessments} assessments, ${yearSize.responses.toLocaleString('en')} responses`);
rmSync(root, { recursive: true, force: true });
