// Growth: a teacher's year at 1×, 4× and 16× the students (150, 600, 2,400; 40 standards; 180
// assessments of 5 items), the full recompute cold (`mastery --write -q --section P1`, no .pathbook/,
// no mastery.csv) and `mastery --section P1` warm, with peak memory. Time above bare node divided by
// the item responses should stay flat if the cost grows linearly.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateTeacherYear } from './generate.mjs';
import { BIN, interleaved, NODE0, pathbook, peak, printRows, row, tempDir } from './lib.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const scales = [1, 4, 16];
const root = tempDir('pathbook-bench-growth-');
const books = scales.map((k) => {
  const dir = join(root, `year-${k}x`);
  return { k, dir, size: generateTeacherYear(dir, { students: 150 * k, sections: 5 * k, standards: 40, assessments: 180, itemsPerAssessment: 5, seed: 1 }) };
});
const recompute = ['mastery', '--write', '-q', '--section', 'P1'];
const view = ['mastery', '--section', 'P1'];
const emptyCaches = (dir) => () => {
  rmSync(join(dir, '.pathbook'), { recursive: true, force: true });
  rmSync(join(dir, 'mastery.csv'), { force: true });
};
const commands = { node: NODE0 };
for (const b of books) {
  commands[`cold${b.k}`] = { ...pathbook(recompute, b.dir), prepare: emptyCaches(b.dir) };
  commands[`warm${b.k}`] = pathbook(view, b.dir);
}
const t = interleaved(commands, { runs });
const rows = [row('node -e 0', `${t.node.toFixed(0)} ms`)];
const per = (ms, b) => ((ms - t.node) / b.size.responses) * 100_000;
/** Extra milliseconds per 100,000 extra responses from the scale before: flat or falling means linear or better. */
const marginal = (key, i) => {
  if (!i) return '';
  const a = books[i - 1];
  const b = books[i];
  return `; marginal ${(((t[`${key}${b.k}`] - t[`${key}${a.k}`]) / (b.size.responses - a.size.responses)) * 100_000).toFixed(0)} ms per 100,000 more responses`;
};
for (const [i, b] of books.entries()) {
  emptyCaches(b.dir)();
  const p = peak([process.execPath, BIN, ...recompute], { cwd: b.dir });
  const cold = t[`cold${b.k}`];
  const warm = t[`warm${b.k}`];
  rows.push(
    row(`${b.k}× (${b.size.students} students, ${b.size.responses.toLocaleString('en')} responses)`, '', ''),
    row('  cold recompute', `${cold.toFixed(0)} ms`, `${per(cold, b).toFixed(0)} ms per 100,000 responses above node${marginal('cold', i)}`),
    row('  warm mastery', `${warm.toFixed(0)} ms`, `${per(warm, b).toFixed(0)} ms per 100,000 responses above node${marginal('warm', i)}`),
    row('  peak memory, cold', p.mib === null ? 'n/a' : `${p.mib.toFixed(0)} MiB`, p.mib === null ? '' : `${((p.mib * 1024 * 1024) / b.size.responses).toFixed(0)} bytes per response`),
  );
}
printRows(`growth: a teacher's year at 1×, 4×, 16× (median of ${runs} interleaved runs)`, rows);
rmSync(root, { recursive: true, force: true });
