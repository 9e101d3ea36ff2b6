// No network (issue #8, peers.md §3.6): pathbook opens no connection of any kind. Proved twice:
// statically (no network module anywhere in src/ or the built bundle) and dynamically (the demo
// and the trust commands run under a guard that records and blocks every network API).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, REPO, tempDir, TODAY } from '../helpers.ts';
import { exampleWithoutMastery } from './harness.ts';

const GUARD = join(REPO, 'test', 'trust', 'fixtures', 'net-guard.mjs');
const NET_MODULES = ['net', 'http', 'https', 'http2', 'dgram', 'tls', 'dns', 'undici', 'ws'];

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { recursive: true }).map(String).filter((f) => ext.test(f)).map((f) => join(dir, f));
}

function guarded(args: string[], opts: { cwd: string; log: string; env?: Record<string, string>; script?: string }) {
  return spawnSync(process.execPath, [opts.script ?? BIN, ...args], {
    cwd: opts.cwd, encoding: 'utf8',
    env: { ...process.env, PATHBOOK_TODAY: TODAY, NO_COLOR: '1', CI: '1', ...opts.env, NODE_OPTIONS: `--import=${pathToFileURL(GUARD).href}`, PATHBOOK_NET_LOG: opts.log },
  });
}

const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : []);

/** A line of the spawn log: "<pid> [command, ...args]". */
const spawned = (line: string): string[] => JSON.parse(line.slice(line.indexOf(' ') + 1)) as string[];

/** Every process that ran must have loaded the guard; none used the network; children are node or local git. */
function expectNoNetwork(log: string, minProcesses: number): void {
  expect(lines(`${log}.net`)).toEqual([]);
  expect(lines(`${log}.loaded`).length).toBeGreaterThanOrEqual(minProcesses);
  for (const l of lines(`${log}.spawn`)) {
    const cmd = spawned(l);
    const git = cmd[0] === 'git';
    expect(git || cmd[0] === process.execPath, l).toBe(true);
    if (git) expect(cmd.slice(1).some((a) => /^(fetch|push|pull|clone|ls-remote|remote|submodule|send-email|request-pull)$/.test(a)), l).toBe(false);
  }
}

describe('no network code', () => {
  it('src/ imports no network module and calls no fetch or WebSocket', () => {
    const offenders: string[] = [];
    for (const f of filesUnder(join(REPO, 'src'), /\.ts$/)) {
      const text = readFileSync(f, 'utf8');
      for (const m of NET_MODULES) {
        if (new RegExp(`from\\s+['"](node:)?${m}(/[^'"]*)?['"]|(?:import|require|getBuiltinModule)\\(\\s*['"](node:)?${m}['"]`).test(text)) offenders.push(`${f}: ${m}`);
      }
      if (/\bfetch\s*\(|\bnew\s+WebSocket\b|\bXMLHttpRequest\b/.test(text)) offenders.push(`${f}: fetch/WebSocket`);
    }
    expect(offenders).toEqual([]);
  });

  it('nor does anything bundled into dist/ (dependencies included)', () => {
    const loads = (text: string, m: string) => new RegExp(`(?:from\\s*|require\\(\\s*|import\\(\\s*|getBuiltinModule\\(\\s*)["'](node:)?${m}["']`).test(text);
    const offenders: string[] = [];
    const bundle = filesUnder(join(REPO, 'dist'), /\.c?js$/).map((f) => [f, readFileSync(f, 'utf8')] as const);
    for (const [f, text] of bundle) for (const m of NET_MODULES) if (loads(text, m)) offenders.push(`${f}: ${m}`);
    expect(offenders).toEqual([]);
    // The same scan does find the modules the bundle does load (so its silence above means something).
    expect(bundle.some(([, t]) => loads(t, 'fs')) && bundle.some(([, t]) => loads(t, 'child_process'))).toBe(true);
  });
});

describe('running under a guard that blocks the network', () => {
  it('the guard catches a connection attempt (so its silence below means something)', () => {
    const log = join(tempDir(), 'net');
    const probe = spawnSync(process.execPath, ['-e', "try { require('node:net').connect(9, '127.0.0.1') } catch {} try { fetch('http://127.0.0.1:9') } catch {}"], {
      encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: `--import=${pathToFileURL(GUARD).href}`, PATHBOOK_NET_LOG: log },
    });
    expect(probe.status).toBe(0);
    expect(lines(`${log}.net`).map((l) => l.split(' ')[1])).toEqual(['net.connect', 'fetch']);
  });

  it('the whole demo (scripts/demo.mjs) runs without touching the network', () => {
    const log = join(tempDir(), 'net');
    const r = spawnSync(process.execPath, [join(REPO, 'scripts', 'demo.mjs')], {
      encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '1', NODE_OPTIONS: `--import=${pathToFileURL(GUARD).href}`, PATHBOOK_NET_LOG: log },
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const steps = (r.stdout.match(/^ {2}\$ pathbook /gm) ?? []).length;
    expect(steps).toBeGreaterThanOrEqual(3);
    // The demo itself and one process per step.
    expectNoNetwork(log, steps + 1);
  });

  it('the trust commands too: git-committed writes, diff, undo, export', () => {
    const dir = exampleWithoutMastery();
    const log = join(tempDir(), 'net');
    const gitEnv = { GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@school.example', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@school.example', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
    writeFileSync(join(dir, 'pathbook.yaml'), readFileSync(join(dir, 'pathbook.yaml'), 'utf8') + '\ngit:\n  autoCommit: true\n');
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['add', '-A'], { cwd: dir });
    execFileSync('git', ['commit', '-qm', 'start'], { cwd: dir, env: { ...process.env, ...gitEnv } });
    const commands = [['check'], ['mastery', '--write'], ['mastery', '--csv'], ['diff', '--json'], ['undo'], ['export', '--anonymize', join(tempDir(), 'share')]];
    for (const c of commands) {
      const r = guarded(c, { cwd: dir, log, env: gitEnv });
      expect(r.status, `${c.join(' ')}: ${r.stderr}`).toBe(0);
    }
    expectNoNetwork(log, commands.length);
    expect(lines(`${log}.spawn`).map(spawned).some((c) => c[0] === 'git' && c.includes('commit'))).toBe(true);
  });
});
