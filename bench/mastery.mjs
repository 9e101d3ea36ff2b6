// Mastery on a generated teacher's year (150 students, 5 sections, 40 standards, 180 assessments of 5
// items): `pathbook mastery` (heatmap), `--json`, `--write`, `explain` and `student`, as the median of
// interleaved runs against bare `node -e 0` in the same run, printed as ratios. Warm = the parse cache
// under .pathbook/ is filled (every run after the first); cold = it is deleted before each run.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateTeacherYear } from './generate.mjs';
import { interleaved, NODE0, pathbook, printRows, row, settle, tempDir } from './lib.mjs';

const dir = join(tempDir(), 'teacher-year');
const size = generateTeacherYear(dir, { students: 150, sections: 5, standards: 40, assessments: 180, itemsPerAssessment: 5, seed: 1 });
settle();
const runs = Number(process.env.BENCH_RUNS ?? 10);
const cold = () => rmSync(join(dir, '.pathbook'), { recursive: true, force: true });
const t = interleaved({
  node: NODE0,
  heatmap: pathbook(['mastery'], dir),
  json: pathbook(['--json', 'mastery'], dir),
  write: pathbook(['mastery', '--write', '-q'], dir),
  explain: pathbook(['explain', 'S0005', '6.G2.A.3'], dir),
  student: pathbook(['student', 'S0005'], dir),
  heatmapCold: { ...pathbook(['mastery'], dir), prepare: cold },
}, { runs });
const ratio = (ms) => `${(ms / t.node).toFixed(2)}×`;
printRows(`mastery on a teacher's year: ${size.students} students, ${size.standards} standards, ${size.assessments} assessments, ${size.responses} item responses (median of ${runs} interleaved runs)`, [
  row('node -e 0', `${t.node.toFixed(1)} ms`),
  row('pathbook mastery (heatmap)', ratio(t.heatmap), `${t.heatmap.toFixed(1)} ms, warm parse cache`),
  row('pathbook mastery (cold cache)', ratio(t.heatmapCold), `${t.heatmapCold.toFixed(1)} ms, .pathbook/ deleted first`),
  row('pathbook --json mastery', ratio(t.json), `${t.json.toFixed(1)} ms (6000 rows)`),
  row('pathbook mastery --write', ratio(t.write), `${t.write.toFixed(1)} ms (mastery.csv up to date after the first)`),
  row('pathbook explain', ratio(t.explain), `${t.explain.toFixed(1)} ms (every method)`),
  row('pathbook student', ratio(t.student), `${t.student.toFixed(1)} ms`),
]);
