// PLPs for a teacher's year: `plp --all --format html` for 150 students (40 standards, 180
// assessments; goal under 3 s), next to `plp --all` (Markdown only) and `report-card` (which
// loads the same folder and computes the same mastery, so the difference is the PLPs' own cost).
// `--format pdf` is timed once when Chromium is installed (it is not part of the goal).
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateTeacherYear } from './generate.mjs';
import { BIN, interleaved, NODE0, pathbook, printRows, row, tempDir } from './lib.mjs';

const dir = join(tempDir(), 'year');
const size = generateTeacherYear(dir, { students: 150, profiles: 150 });
const runs = Number(process.env.BENCH_RUNS ?? 5);
const env = { PATHBOOK_TODAY: '2026-12-18' };
const t = interleaved({
  node: NODE0,
  md: { ...pathbook(['plp', '--all'], dir), env },
  html: { ...pathbook(['plp', '--all', '--format', 'html'], dir), env },
  // The first print of the term: nothing in plp/ yet, every file written.
  fresh: { ...pathbook(['plp', '--all', '--format', 'html'], dir), env, prepare: () => rmSync(join(dir, 'plp'), { recursive: true, force: true }) },
  card: { ...pathbook(['report-card', '--format', 'csv'], dir), env },
}, { runs });

const files = readdirSync(join(dir, 'plp'));
const bytes = files.reduce((n, f) => n + statSync(join(dir, 'plp', f)).size, 0);
const rows = [
  row('node -e 0', `${t.node.toFixed(0)} ms`),
  row('plp --all (Markdown)', `${t.md.toFixed(0)} ms`, `${size.students} students, ${size.standards} standards, ${size.responses} item responses`),
  row('plp --all --format html', `${t.fresh.toFixed(0)} ms`, `into an empty plp/; goal < 3000 ms: ${t.fresh < 3000 ? 'met' : 'MISSED'}; ${files.length} files, ${(bytes / 1048576).toFixed(1)} MiB`),
  row('  again, nothing changed', `${t.html.toFixed(0)} ms`, 'every file compared, none rewritten'),
  row('report-card --format csv', `${t.card.toFixed(0)} ms`),
];

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => spawnSync('test', ['-x', p]).status === 0);
if (chromium && !process.env.BENCH_NO_PDF) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, 'plp', '--all', '--format', 'pdf'], { cwd: dir, env: { ...process.env, ...env, NO_COLOR: '1', CI: '1' }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  rows.push(row('plp --all --format pdf (1 run)', r.status === 0 ? `${(ms / 1000).toFixed(1)} s` : 'failed', r.status === 0 ? `${size.students + 1} PDFs through one headless Chromium` : r.stderr.trim()));
}
printRows(`PLPs for a teacher's year (median of ${runs} interleaved runs)`, rows);
