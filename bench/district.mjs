// A district (10,000 students, 200 standards, 22 assessments of 5 items: 1,013,541 item responses):
// the full mastery recompute, `pathbook mastery --write -q --section P1` (every one of the 2,000,000
// cells computed and mastery.csv brought up to date; the heatmap shows one section of 250), cold (no
// .pathbook/, no mastery.csv) and warm (nothing changed since the last run), against bare node and a
// reference computation of the same decaying averages in pandas (bench/district_pandas.py), all in
// the same run: medians of interleaved runs. Peak memory from GNU time. Also: the whole district's
// heatmap, and an import of one 300-student exit ticket into the warm district.
//
// pandas: Debian's python3-pandas (`apt-get install -y python3-pandas`); without it that row is skipped.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { DISTRICT, generateExitTicket, generateTeacherYear } from './generate.mjs';
import { BIN, interleaved, NODE0, pathbook, peak, printRows, row, settle, tempDir } from './lib.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const here = fileURLToPath(new URL('.', import.meta.url));
const sh = (args, cwd) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', CI: '1' }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`pathbook ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
};

const root = tempDir('pathbook-bench-district-');
const cold = join(root, 'cold');
const size = generateTeacherYear(cold, DISTRICT);
const warm = join(root, 'warm');
cpSync(cold, warm, { recursive: true });
const recompute = ['mastery', '--write', '-q', '--section', 'P1'];
// Warm: the caches filled, and mastery.csv's stat remembered (a file is trusted by its stat only once
// it is 2 s old, see src/store/parse-cache.ts).
sh(recompute, warm);
settle();
sh(recompute, warm);
const emptyCaches = () => {
  rmSync(join(cold, '.pathbook'), { recursive: true, force: true });
  rmSync(join(cold, 'mastery.csv'), { force: true });
};

// The reference reads the items' alignment from JSON (so that it needs nothing beyond pandas).
const items = join(root, 'items.json');
writeFileSync(items, JSON.stringify(readdirSync(join(cold, 'assessments')).filter((f) => f.endsWith('.yaml')).sort().map((f) => {
  const a = parseYaml(readFileSync(join(cold, 'assessments', f), 'utf8'));
  return { id: a.id, date: String(a.date), items: a.items.map((i) => ({ id: i.id, standards: i.standards, points: i.points })) };
})));
const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0);
const refOut = join(root, 'reference.csv');

const commands = {
  node: NODE0,
  cold: { ...pathbook(recompute, cold), prepare: emptyCaches },
  warm: pathbook(recompute, warm),
  ...(python ? { pandas: { argv: [python, join(here, 'district_pandas.py'), cold, items, '0.65', refOut] } } : {}),
};
const t = interleaved(commands, { runs });

const coldPeak = (emptyCaches(), peak([process.execPath, BIN, ...recompute], { cwd: cold }));
const warmPeak = peak([process.execPath, BIN, ...recompute], { cwd: warm });
const heatmap = peak([process.execPath, BIN, 'mastery', '-q'], { cwd: warm });

// One exit ticket for 300 students into the warm district, then `mastery` (the class table updated in place).
const ticket = generateExitTicket(join(root, 'ticket.csv'), warm, { students: 300 });
writeFileSync(join(root, 'ticket.map.yaml'), ['title: District ticket', 'date: 2027-06-01', 'kind: exit-ticket', 'items:',
  ...[1, 2, 3, 4, 5].map((i) => `  - { id: q${i}, column: q${i}, standards: [6.G1.A.${i}], points: 1 }`)].join('\n') + '\n');
const ids = readFileSync(ticket, 'utf8').replace(/\bS(\d{4})\b/g, (_, n) => `S${n.padStart(6, '0')}`);
writeFileSync(ticket, ids);
const imported = peak([process.execPath, BIN, 'import', ticket, '-q'], { cwd: warm });

const rows = [
  row('node -e 0', `${t.node.toFixed(0)} ms`),
  row('mastery --write, cold', `${(t.cold / 1000).toFixed(2)} s`, `${(t.cold / t.node).toFixed(1)}× node; no .pathbook/, no mastery.csv (129 MB written); goal < 5 s: ${t.cold < 5000 ? 'met' : 'MISSED'}`),
  row('mastery --write, warm', `${(t.warm / 1000).toFixed(2)} s`, `${(t.warm / t.node).toFixed(1)}× node; nothing changed; goal < 1 s: ${t.warm < 1000 ? 'met' : 'MISSED'}`),
  row('peak memory, cold', coldPeak.mib === null ? 'n/a' : `${coldPeak.mib.toFixed(0)} MiB`, `goal < 1024 MiB${coldPeak.mib === null ? '' : `: ${coldPeak.mib < 1024 ? 'met' : 'MISSED'}`}`),
  row('peak memory, warm', warmPeak.mib === null ? 'n/a' : `${warmPeak.mib.toFixed(0)} MiB`),
  row('whole-district heatmap, warm', `${(heatmap.ms / 1000).toFixed(2)} s`, `${heatmap.mib === null ? '' : `${heatmap.mib.toFixed(0)} MiB; `}10,000 rows, 1 run, to /dev/null`),
  row('import a 300-student ticket, warm', `${(imported.ms / 1000).toFixed(2)} s`, `${imported.mib === null ? '' : `${imported.mib.toFixed(0)} MiB; `}1 run; only the cells it changes are computed again`),
];
if (python) {
  const ref = spawnSync(python, [join(here, 'district_pandas.py'), cold, items, '0.65', refOut], { encoding: 'utf8' });
  const info = JSON.parse(ref.stdout.trim().split('\n').pop());
  // The same scores? Every cell with evidence, compared as mastery.csv prints it.
  sh(recompute, cold);
  const mine = new Map();
  for (const line of readFileSync(join(cold, 'mastery.csv'), 'utf8').split('\n').slice(1)) {
    const [s, std, score] = line.split(',');
    if (score) mine.set(`${s},${std}`, score);
  }
  let differ = 0;
  const theirs = readFileSync(refOut, 'utf8').trim().split('\n').slice(1);
  for (const line of theirs) {
    const [s, std, score] = line.split(',');
    if (mine.get(`${s},${std}`) !== score) differ++;
  }
  if (theirs.length !== mine.size) differ += Math.abs(theirs.length - mine.size);
  rows.push(
    row(`pandas ${info.pandas} (same decaying average)`, `${(t.pandas / 1000).toFixed(2)} s`, `whole process: import ${info.import_s.toFixed(2)} s, compute ${info.compute_s.toFixed(2)} s, write ${info.write_s.toFixed(2)} s (one run)`),
    row('pathbook cold ÷ pandas', `${(t.cold / t.pandas).toFixed(2)}×`),
    row('pathbook warm ÷ pandas', `${(t.warm / t.pandas).toFixed(2)}×`),
    row('scores compared with pandas', `${theirs.length.toLocaleString('en')}`, differ ? `${differ} DIFFER` : 'cells with evidence, all equal to 2 decimals'),
  );
} else {
  rows.push(row('pandas reference', 'skipped', 'no python3 with pandas: apt-get install -y python3-pandas'));
}
printRows(`district: ${size.students.toLocaleString('en')} students, ${size.standards} standards, ${size.assessments} assessments, ${size.responses.toLocaleString('en')} item responses (median of ${runs} interleaved runs)`, rows);
rmSync(root, { recursive: true, force: true });
