// npm run bench: every benchmark script under bench/, one after the other (see bench/RESULTS.md).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const skip = new Set(['run.mjs', 'lib.mjs', 'generate.mjs']);
const only = process.argv.slice(2);
const scripts = readdirSync(here).filter((f) => f.endsWith('.mjs') && !skip.has(f) && (!only.length || only.some((o) => f.startsWith(o)))).sort();
let failed = 0;
for (const s of scripts) {
  const r = spawnSync(process.execPath, [`${here}${s}`], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`bench/${s} failed (exit ${r.status})`);
  }
}
process.exit(failed ? 1 : 0);
