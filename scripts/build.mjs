// Bundles the CLI into dist/ so start-up loads a few files instead of hundreds (see bench/).
// Heavy, rarely used modules (prompts, report templates) stay in lazy chunks via dynamic import().
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// The parse cache (.pathbook/cache) is valid only for the build that wrote it.
const hash = createHash('sha1');
for (const f of readdirSync('src', { recursive: true }).map(String).filter((f) => f.endsWith('.ts')).sort()) hash.update(f).update(readFileSync(join('src', f)));
hash.update(pkg.version);

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  minify: process.env.PATHBOOK_NO_MINIFY ? false : true,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  define: { PATHBOOK_VERSION: JSON.stringify(pkg.version), PATHBOOK_BUILD: JSON.stringify(hash.digest('hex').slice(0, 16)) },
  // CommonJS dependencies (commander, cli-table3) call require() for Node built-ins.
  banner: { js: "import { createRequire as __pbCreateRequire } from 'node:module'; const require = __pbCreateRequire(import.meta.url);" },
});
