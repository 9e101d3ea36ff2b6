// Import benchmarks: (1) one 30-student exit ticket into a generated teacher's year, end to end, as a
// ratio to bare `node -e 0` (median of interleaved runs; goal under 2×); (2) a 1,000,000-row long CSV
// (10,000 students × 100 items) into a 10,000-student gradebook: wall time and peak memory.
import { copyFileSync, cpSync, createWriteStream, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { spawnSync } from 'node:child_process';
import { generateExitTicket, generateTeacherYear, mulberry32 } from './generate.mjs';
import { BIN, interleaved, NODE0, pathbook, peak, printRows, row, tempDir } from './lib.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 10);
const rowsWanted = Number(process.env.BENCH_LONG_ROWS ?? 1_000_000);

function sh(args, cwd) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', CI: '1' }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pathbook ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r;
}

// ---- 1. the daily exit ticket into a teacher's year ----
const year = join(tempDir(), 'year');
const info = generateTeacherYear(year);
sh(['mastery', '--write'], year);
const downloads = tempDir('pathbook-bench-dl-');
const ticket = generateExitTicket(join(downloads, 'Exit ticket bench.csv'), year);
writeFileSync(join(downloads, 'Exit ticket bench.map.yaml'), [
  'title: Exit ticket bench', 'date: 2026-12-01', 'kind: exit-ticket', 'items:',
  ...[1, 2, 3, 4, 5].map((i) => `  - { id: q${i}, column: q${i}, standards: [6.G${i <= 3 ? 1 : 2}.A.${i}], points: 1 }`),
].join('\n') + '\n');
const id = '2026-12-01-exit-ticket-bench';
const savedMastery = join(downloads, 'mastery.csv.saved');
copyFileSync(join(year, 'mastery.csv'), savedMastery);
/** Back to the year before the import, so every timed run imports afresh (the parse cache stays warm, as at a teacher's desk). */
const restore = () => {
  for (const f of readdirSync(join(year, 'assessments'))) if (f.startsWith(id)) rmSync(join(year, 'assessments', f));
  copyFileSync(savedMastery, join(year, 'mastery.csv'));
};
sh(['import', ticket], year); // warm the parse cache once
restore();
// The caches as a teacher's folder has them: some command ran since the last change (an import
// leaves its class table behind, so the next ticket finds it too).
const derived = join(year, '.pathbook', 'cache', 'derived');
const savedDerived = join(downloads, 'derived.saved');
cpSync(derived, savedDerived, { recursive: true });
/**
 * The restored files are flushed to disk before the timed run: at a teacher's desk the last command's
 * writes are long on disk, and the import's fsyncs should not pay for the restore's.
 */
const flush = () => spawnSync('sync');
const restoreWarm = () => {
  restore();
  rmSync(derived, { recursive: true, force: true });
  cpSync(savedDerived, derived, { recursive: true });
  flush();
};
// Without the derived cache (the class table computed again from every file; the parse cache stays).
const restoreUncached = () => {
  restore();
  rmSync(derived, { recursive: true, force: true });
  flush();
};
const t = interleaved({
  node: NODE0,
  import: { ...pathbook(['import', ticket, '-q'], year), prepare: restoreWarm },
  uncached: { ...pathbook(['import', ticket, '-q'], year), prepare: restoreUncached },
  analyze: pathbook(['analyze', '2026-08-24-check-0001'], year),
}, { runs });
printRows(`import: one exit ticket into a teacher's year (${info.students} students, ${info.assessments} assessments, ${info.responses.toLocaleString('en')} responses; median of ${runs} interleaved runs)`, [
  row('node -e 0', `${t.node.toFixed(1)} ms`),
  row('pathbook import (30 students, 5 items)', `${(t.import / t.node).toFixed(2)}×`, `${t.import.toFixed(1)} ms (goal < 2×); the class table before it cached`),
  row('  without the derived cache', `${(t.uncached / t.node).toFixed(2)}×`, `${t.uncached.toFixed(1)} ms; every cell computed again`),
  row('pathbook analyze <assessment>', `${(t.analyze / t.node).toFixed(2)}×`, `${t.analyze.toFixed(1)} ms`),
]);

// ---- 2. a 1,000,000-row long CSV ----
const students = 10_000;
const items = Math.max(1, Math.round(rowsWanted / students));
const district = join(tempDir(), 'district');
generateTeacherYear(district, { students, sections: 40, standards: 20, assessments: 0, observations: 0, profiles: 0 });
const long = join(tempDir('pathbook-bench-long-'), 'platform export.csv');
{
  const rnd = mulberry32(11);
  const out = createWriteStream(long);
  const width = String(students).length + 1;
  out.write('student,item,points,standard,max points,date\n');
  let buf = '';
  for (let s = 1; s <= students; s++) {
    const sid = `S${String(s).padStart(Math.max(3, width), '0')}`;
    for (let i = 1; i <= items; i++) {
      const max = 1 + (i % 3);
      buf += `${sid},q${i},${Math.floor(rnd() * (max + 1))},6.G${Math.floor(((i - 1) % 20) / 10) + 1}.A.${((i - 1) % 10) + 1},${max},2026-12-01\n`;
    }
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}
const mib = statSync(long).size / (1 << 20);
const big = peak([process.execPath, BIN, 'import', long, '-q'], { cwd: district });
const written = existsSync(join(district, 'assessments', '2026-12-01-platform-export.csv'));
if (!written) throw new Error('the long CSV import wrote no assessment');
printRows(`import: a long CSV of ${(students * items).toLocaleString('en')} rows (${mib.toFixed(0)} MiB; ${students.toLocaleString('en')} students × ${items} items)`, [
  row('wall time', `${(big.ms / 1000).toFixed(1)} s`, 'stream → assessment → mastery.csv → summary'),
  row('peak memory (RSS)', big.mib === null ? 'n/a' : `${big.mib.toFixed(0)} MiB`, '/usr/bin/time; holds students × items cells, never the file'),
]);
