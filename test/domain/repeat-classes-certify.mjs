// Runs repeat-classes-certify.ts (bundled with esbuild, a dev dependency) and writes repeat-classes.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
// Inside the repository, so the bundle finds node_modules.
const cache = join(here, '../../node_modules/.cache');
mkdirSync(cache, { recursive: true });
const out = join(cache, 'repeat-classes-certify.mjs');
await build({ entryPoints: [join(here, 'repeat-classes-certify.ts')], bundle: true, format: 'esm', platform: 'node', packages: 'external', outfile: out, logLevel: 'warning' });
const { certifyAll } = await import(pathToFileURL(out).href);
// Seeds 1–60 make the committed fixture; other ranges (and a file to write) are for trying the engine harder.
const from = Number(process.argv[2] ?? 1);
const to = Number(process.argv[3] ?? 60);
const file = process.argv[4] ?? join(here, 'repeat-classes.json');
const { kept, dropped } = certifyAll(from, to);
// One class a line, so a regenerated fixture diffs class by class.
writeFileSync(file, `{"seeds": [${from}, ${to}], "classes": [\n${kept.map((c) => JSON.stringify(c)).join(',\n')}\n]}\n`);
console.log(`${kept.length} classes with a repeat-free month; no schedule found for ${dropped.length}:`);
for (const d of dropped) console.log(`  ${d}`);
