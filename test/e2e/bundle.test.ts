// The built CLI is one bundle loaded with V8's code cache (bin/load-bundle.cjs): the cache the build
// made is one this Node accepts, and a cache it rejects changes nothing but speed (and is rebuilt).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, REPO, runBuilt, tempDir } from '../helpers.ts';

const require = createRequire(import.meta.url);

describe('the bundle and its code cache', () => {
  it('the code cache built with the bundle is accepted by this Node', () => {
    const { loadBundle } = require(join(REPO, 'bin', 'load-bundle.cjs')) as { loadBundle: () => { stale: boolean; exports: Record<string, unknown> } };
    const bundle = loadBundle();
    expect(bundle.stale).toBe(false);
    expect(typeof bundle.exports.main).toBe('function');
  });

  it('runs the same with a damaged code cache, and writes a good one', () => {
    const copy = tempDir();
    for (const d of ['bin', 'dist', 'templates']) cpSync(join(REPO, d), join(copy, d), { recursive: true });
    cpSync(join(REPO, 'package.json'), join(copy, 'package.json'));
    writeFileSync(join(copy, 'dist', 'main.cache'), 'not a code cache');
    const args = ['--json', 'mastery'];
    const dir = copyExample();
    const r = spawnSync(process.execPath, [join(copy, 'bin', 'pathbook'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(runBuilt(args, { cwd: copyExample() }).stdout);
    expect(readFileSync(join(copy, 'dist', 'main.cache')).length).toBeGreaterThan(1000);
    const { loadBundle } = require(join(copy, 'bin', 'load-bundle.cjs')) as { loadBundle: () => { stale: boolean } };
    expect(loadBundle().stale).toBe(false);
  });

  it('ends quietly, exit 0, when the reader has closed the pipe (| head)', async () => {
    const child = spawn(process.execPath, [join(REPO, 'bin', 'pathbook'), '--json', 'mastery'], { cwd: copyExample(), env: { ...process.env, NO_COLOR: '1', CI: '1' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    // Closed before the program (which takes tens of milliseconds to start) writes anything.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('writes a long result whole through a pipe', () => {
    const dir = copyExample();
    const r = runBuilt(['--json', 'mastery'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toBeInstanceOf(Array);
  });
});

