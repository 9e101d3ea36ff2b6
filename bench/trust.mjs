// Reliability figures for the README: runs the crash, concurrency, fuzz and hostile-input tests
// (test/trust/) and prints kills survived, where they landed, fuzz cases run and inputs rejected.
// `npm run build` first. PATHBOOK_CRASH_KILLS / PATHBOOK_FUZZ_RUNS scale the runs up.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printRows, REPO, row, tempDir } from './lib.mjs';

const report = join(tempDir(), 'trust.jsonl');
const started = performance.now();
const r = spawnSync(process.execPath, [join(REPO, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/trust/', '--reporter=json'], {
  cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  env: { ...process.env, PATHBOOK_TRUST_REPORT: report },
});
const seconds = (performance.now() - started) / 1000;
let tests = { numPassedTests: 0, numFailedTests: 0, numTotalTests: 0, testResults: [] };
try { tests = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))); } catch { /* printed below */ }
const lines = existsSync(report) ? readFileSync(report, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
const crash = Object.assign({}, ...lines.filter((l) => l.crash).map((l) => l.crash));
const fuzz = lines.find((l) => l.fuzz)?.fuzz;
const fuzzImporters = lines.find((l) => l.fuzzImporters)?.fuzzImporters;

const kills = Object.values(crash).reduce((n, c) => n + c.kills, 0);
const inCommit = Object.values(crash).reduce((n, c) => n + c.staged + c.journal, 0);
printRows('crash safety (SIGKILL at random moments; the next command finds the folder before or after)', [
  ...Object.entries(crash).map(([name, c]) => row(name, `${c.kills} kills`, `before ${c.before}, lock only ${c.locked}, staged ${c.staged}, journal ${c.journal}, committed ${c.committed}, finished ${c.finished}; ${c.staleLocks} stale locks taken over; ${(c.ms / 1000).toFixed(0)} s`)),
  row('all scenarios', `${kills} kills`, `${inCommit} inside a commit (staged or journal)`),
]);
if (fuzz) {
  printRows('hostile input (fast-check, every loader)', [
    row('inputs to loaders', fuzz.cases, `${fuzz.properties} properties over ${fuzz.properties / 4} loaders`),
    row('rejected with a diagnostic', fuzz.rejected, 'the rest parsed (possibly with warnings)'),
    ...(fuzzImporters ? [row('inputs to importers', fuzzImporters.cases, 'CSV, Canvas, OneRoster, CASE JSON, activities, zip (incl. bombs)'), row('refused cleanly', fuzzImporters.rejected, 'a diagnostic, UserError or ZipError')] : []),
    row('exceptions', 0, 'any would have failed the run'),
    row('slowest input (CPU)', `${fuzz.slowestMs.toFixed(0)} ms`),
  ]);
}
const files = tests.testResults.map((t) => [t.name.replace(REPO, '').replace(/^\//, ''), t.assertionResults?.length ?? 0]);
printRows(`test/trust (${seconds.toFixed(0)} s wall)`, [
  ...files.map(([f, n]) => row(f, n, 'tests')),
  row('passed / total', `${tests.numPassedTests}/${tests.numTotalTests}`),
]);
if (r.status !== 0) {
  console.error(r.stderr.slice(-4000));
  process.exit(1);
}
