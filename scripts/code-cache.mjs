// Builds dist/main.cache, V8's compiled code for dist/main.cjs (see bin/load-bundle.cjs): the bundle
// runs the everyday commands in-process on a copy of the example class, then V8 serializes every
// function compiled so far. A function not in the cache is compiled when first called, as usual.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'pathbook-code-cache-'));
const dir = join(tmp, 'grade6-math');
cpSync(join(repo, 'examples', 'grade6-math'), dir, { recursive: true });
cpSync(join(repo, 'examples', 'downloads'), join(tmp, 'downloads'), { recursive: true });
rmSync(join(dir, '.pathbook'), { recursive: true, force: true });
// A plain wide CSV with its map beside it, the other everyday export.
writeFileSync(join(tmp, 'downloads', 'check.csv'), 'student_id,q1,q2\nS001,1,0\nS002,1,1\nS003,0,1\n');
writeFileSync(join(tmp, 'downloads', 'check.map.yaml'), 'title: Check\ndate: 2026-11-22\nkind: exit-ticket\nitems:\n  - { id: q1, column: q1, standards: [6.RP.A.1], points: 1 }\n  - { id: q2, column: q2, standards: [6.RP.A.3], points: 1 }\n');
// The parse cache is filled by another process first: every day the folder is unchanged, so the
// reading commands are trained warm, and the parsers (YAML, CSV) get into the code cache only as far
// as importing a file needs them.
const warm = spawnSync(process.execPath, [join(repo, 'bin', 'pathbook'), 'check'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', CI: '1' } });
if (warm.status !== 0) console.warn(`scripts/code-cache.mjs: \`pathbook check\` exited ${warm.status}: ${warm.stderr}`);

// Reading commands first (on the warm folder), then the ones that write.
const TRAINING = [
  ['mastery'], ['--json', 'mastery'], ['mastery', '--csv', '--section', 'P2'], ['mastery', '--write'],
  ['check'], ['roster', 'list'], ['standards', 'list'], ['explain', 'S005', '6.RP.A.3'], ['student', 'S005'],
  ['analyze', '2026-11-19-fraction-division-quiz'], ['--help'], ['mastery', '--help'],
  ['import', join(tmp, 'downloads', 'Exit ticket 11-20 (Responses).csv')],
  ['import', join(tmp, 'downloads', 'check.csv')],
  ['observe', 'S002', '6.RP.A.1', '3', '--date', '2026-11-21'],
];

const { loadBundle } = createRequire(import.meta.url)('../bin/load-bundle.cjs');
const bundle = loadBundle({ useCache: false });
const io = {
  stdout: () => {}, stderr: () => {}, cwd: dir, env: { PATHBOOK_TODAY: '2026-11-23', NO_COLOR: '1', CI: '1' },
  stdoutIsTTY: false, stdinIsTTY: false, now: () => new Date('2026-11-23T12:00:00'),
};
for (const args of TRAINING) {
  const code = await bundle.exports.runCli(args, io);
  // Still a usable cache, but this list should follow the commands.
  if (code !== 0) console.warn(`scripts/code-cache.mjs: \`pathbook ${args.join(' ')}\` exited ${code}`);
}
bundle.saveCache();
rmSync(tmp, { recursive: true, force: true });
