// Bundles the CLI into one file, dist/main.cjs, and saves V8's compiled code for it in dist/main.cache
// (scripts/code-cache.mjs), which bin/pathbook hands back to V8: a start neither parses nor compiles
// pathbook's own code, and loads one file instead of a graph of chunks (bench/startup.mjs).
// Heavy, rarely used modules (prompts, report templates, importers) are still behind dynamic
// import(): in the bundle they are compiled and run only when a command first asks for them.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// The parse cache (.pathbook/cache) is valid only for the build that wrote it.
const hash = createHash('sha1');
for (const f of readdirSync('src', { recursive: true }).map(String).filter((f) => f.endsWith('.ts')).sort()) hash.update(f).update(readFileSync(join('src', f)));
hash.update(pkg.version);

/**
 * Start-up trims for two libraries, with the same behaviour for pathbook:
 * - commander loads child_process at start for executable subcommands, which pathbook has none of:
 *   it gets child_process on first use instead.
 * - chalk detects the terminal's colours when loaded (tty, os); pathbook decides colour itself
 *   (src/render/style.ts passes chalk a level), so chalk gets its variant that detects nothing.
 */
const trims = {
  name: 'start-up-trims',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (a) => (/[\\/]commander[\\/]/.test(a.importer) ? { path: 'child_process', namespace: 'lazy' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({ contents: "let m;\nmodule.exports = new Proxy({}, { get: (_, k) => (m ??= require('node:child_process'))[k] });\n", loader: 'js' }));
    b.onResolve({ filter: /^#supports-color$/ }, (a) => ({ path: join(a.resolveDir, 'vendor', 'supports-color', 'browser.js') }));
    // cli-table3 measures every cell several times with string-width, whose emoji expression is slow
    // to run even on a plain number. Printable ASCII is one column a character, exactly what
    // string-width says of it: such text is counted directly, anything else still goes to string-width.
    b.onResolve({ filter: /^string-width$/ }, (a) => (a.namespace === 'file' && /[\\/]cli-table3[\\/]/.test(a.importer) ? { path: a.resolveDir, namespace: 'ascii-width' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'ascii-width' }, (a) => ({
      contents: "const width = require('string-width');\nmodule.exports = (s) => (typeof s === 'string' && /^[\\x20-\\x7e]*$/.test(s) ? s.length : width(s));\n",
      loader: 'js', resolveDir: a.path,
    }));
  },
};

/**
 * Prompts (with iconv-lite and chardet for their external editor) are half a megabyte that only the
 * interactive moments use: a bundle of their own, dist/prompts.cjs, required on first use. They keep no
 * state shared with pathbook's code, so being a separate copy changes nothing.
 */
const vendor = {
  name: 'vendor-prompts',
  setup(b) {
    b.onResolve({ filter: /^@inquirer\/prompts$/ }, () => ({ path: 'prompts', namespace: 'vendor' }));
    b.onLoad({ filter: /.*/, namespace: 'vendor' }, () => ({ contents: "module.exports = require('./prompts.cjs');\n", loader: 'js' }));
    b.onResolve({ filter: /^\.\/prompts\.cjs$/ }, (a) => (a.namespace === 'vendor' ? { path: './prompts.cjs', external: true } : undefined));
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  minify: process.env.PATHBOOK_NO_MINIFY ? false : true,
  // No keepNames: it wraps every closure in a defineProperty call, which in the grouping search
  // was a third of the time. Nothing in pathbook reads a function's name.
  keepNames: false,
  legalComments: 'none',
  logLevel: 'warning',
};

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({ ...common, entryPoints: ['@inquirer/prompts'], outfile: 'dist/prompts.cjs' });
await build({
  ...common,
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  plugins: [trims, vendor],
  define: {
    PATHBOOK_VERSION: JSON.stringify(pkg.version),
    PATHBOOK_BUILD: JSON.stringify(hash.digest('hex').slice(0, 16)),
    // The bundle is CommonJS: where ESM code asks for its own URL, give it the bundle's.
    'import.meta.url': '__pbUrl',
  },
  // The bundle is the function Node wraps a CommonJS module in, written out: bin/load-bundle.cjs
  // compiles the file as it is, rather than a copy of its 600 KB with the wrapper put around it.
  banner: { js: "(function (exports, require, module, __filename, __dirname) {const __pbUrl = require('node:url').pathToFileURL(__filename).href;" },
  footer: { js: '\n})' },
});

// bin/load-bundle.cjs reads the bundle as Latin-1, which is faster than UTF-8 and the same text only
// while every byte is ASCII: esbuild escapes strings, but not a character in a regular expression.
// (An unminified build keeps comments, which may hold any character and read the same either way.)
if (common.minify) {
  const text = readFileSync('dist/main.cjs', 'latin1');
  const at = text.search(/[^\x00-\x7f]/);
  if (at >= 0) {
    const line = text.slice(0, at).split('\n').length;
    console.error(`scripts/build.mjs: dist/main.cjs line ${line} has a character beyond ASCII (${JSON.stringify(text.slice(Math.max(0, at - 30), at + 10))}): write it as a \\u escape in the source`);
    process.exit(1);
  }
}

// The code cache comes from running the fresh bundle, so it is made in a process of its own.
const r = spawnSync(process.execPath, [new URL('./code-cache.mjs', import.meta.url).pathname], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
