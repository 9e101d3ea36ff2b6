// Playlists for a teacher's year (150 students, 40 standards, 180 assessments): `pathbook playlist --all`
// writing 300 files from scratch, regenerating them unchanged, `progress` and a choice board,
// as ratios to bare `node -e 0` from the same interleaved runs.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateTeacherYear } from './generate.mjs';
import { interleaved, NODE0, pathbook, peak, printRows, row, tempDir } from './lib.mjs';

const dir = join(tempDir(), 'year');
const size = generateTeacherYear(dir, { students: 150 });
const runs = Number(process.env.BENCH_RUNS ?? 10);
const env = { PATHBOOK_TODAY: '2026-11-23' };
const withEnv = (c, extra = {}) => ({ ...c, env, ...extra });

// Warm the parse cache and leave one set of playlists for the "unchanged" and progress runs.
interleaved({ warm: withEnv(pathbook(['playlist', '--unit', 'ratios', '--all'], dir)) }, { runs: 1 });
const t = interleaved({
  node: NODE0,
  fresh: withEnv(pathbook(['playlist', '--unit', 'ratios', '--all'], dir), { prepare: () => rmSync(join(dir, 'playlists'), { recursive: true, force: true }) }),
  again: withEnv(pathbook(['playlist', '--unit', 'ratios', '--all'], dir)),
  progress: withEnv(pathbook(['progress', '--unit', 'ratios'], dir)),
  board: withEnv(pathbook(['choice-board', '--unit', 'ratios'], dir)),
}, { runs });
const mem = peak(pathbook(['playlist', '--unit', 'ratios', '--all'], dir).argv, { cwd: dir });
printRows(`playlists, ${size.students} students × unit ratios (8 standards) (median of ${runs} interleaved runs)`, [
  row('node -e 0', `${t.node.toFixed(1)} ms`),
  row('playlist --all (300 files written)', `${(t.fresh / t.node).toFixed(2)}×`, `${t.fresh.toFixed(1)} ms`),
  row('playlist --all (regenerated, unchanged)', `${(t.again / t.node).toFixed(2)}×`, `${t.again.toFixed(1)} ms`),
  row('progress --unit ratios', `${(t.progress / t.node).toFixed(2)}×`, `${t.progress.toFixed(1)} ms`),
  row('choice-board --unit ratios', `${(t.board / t.node).toFixed(2)}×`, `${t.board.toFixed(1)} ms`),
  row('playlist --all peak memory', mem.mib === null ? 'n/a' : `${mem.mib.toFixed(0)} MiB`),
]);
