// Start-up: `pathbook --version` and `pathbook roster list` / `mastery` on the example class against bare node.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { interleaved, NODE0, pathbook, printRows, REPO, row, settle, tempDir } from './lib.mjs';

const dir = join(tempDir(), 'grade6-math');
// Without the caches a demo run may have left in examples/; one run fills them, after the copy has settled.
cpSync(join(REPO, 'examples', 'grade6-math'), dir, { recursive: true, filter: (src) => !/[\\/]\.pathbook$/.test(src) });
settle();
const runs = Number(process.env.BENCH_RUNS ?? 10);
const t = interleaved({
  node: NODE0,
  version: pathbook(['--version'], dir),
  roster: pathbook(['roster', 'list'], dir),
  mastery: pathbook(['mastery'], dir),
}, { runs });
printRows(`start-up (median of ${runs} interleaved runs)`, [
  row('node -e 0', `${t.node.toFixed(1)} ms`),
  row('pathbook --version', `${(t.version / t.node).toFixed(2)}×`, `${t.version.toFixed(1)} ms (goal ≤ 1.3×)`),
  row('pathbook roster list', `${(t.roster / t.node).toFixed(2)}×`, `${t.roster.toFixed(1)} ms (issue 9 sets no goal for it)`),
  row('pathbook mastery', `${(t.mastery / t.node).toFixed(2)}×`, `${t.mastery.toFixed(1)} ms (goal ≤ 1.5×)`),
]);
