// `pathbook check` validates every file (DESIGN.md), including the groups and playlists that
// commands write and teachers then edit by hand.
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, run } from '../helpers.ts';

const WEEK = '2026-W49';

/** The example class with next week's groups and the ratios unit's playlists written by the commands. */
async function withGroupsAndPlaylists(): Promise<string> {
  const dir = copyExample();
  expect((await run(['group', '--mode', 'readiness', '--standard', '6.RP.A.3', '--week', WEEK, '-q'], { cwd: dir })).code).toBe(0);
  expect((await run(['playlist', '--unit', 'ratios', '--all', '-q'], { cwd: dir })).code).toBe(0);
  return dir;
}

const edit = (dir: string, rel: string, from: string | RegExp, to: string) => {
  const text = readFileSync(join(dir, rel), 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  writeFileSync(join(dir, rel), next);
};

/** The 1-based line of the first line of `rel` matching `re`. */
const lineOf = (dir: string, rel: string, re: RegExp) => readFileSync(join(dir, rel), 'utf8').split('\n').findIndex((l) => re.test(l)) + 1;

describe('check reads groups/ and playlists/', () => {
  it('passes the files the commands wrote, and counts them', async () => {
    const dir = await withGroupsAndPlaylists();
    const r = await run(['check'], { cwd: dir });
    expect(r.code).toBe(0);
    const playlists = readdirSync(join(dir, 'playlists')).filter((f) => f.endsWith('.yaml')).length;
    expect(playlists).toBeGreaterThan(20);
    expect(r.stdout).toMatch(new RegExp(`^ok, \\d+ warnings? \\(28 students, 11 standards, 10 assessments, 12 observations, 1 week of groups, ${playlists} playlists\\)$`, 'm'));
    expect(r.stdout).not.toMatch(/groups\/|playlists\//);
  });

  it('points at a student moved by hand under a mistyped id, and exits 1', async () => {
    const dir = await withGroupsAndPlaylists();
    const rel = `groups/${WEEK}.yaml`;
    const first = /- id: (S\d+)/.exec(readFileSync(join(dir, rel), 'utf8'))![1]!;
    edit(dir, rel, `- id: ${first}`, '- id: S999');
    const r = await run(['check'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${rel}:${lineOf(dir, rel, /- id: S999/)}:`);
    expect(r.stdout).toMatch(/group \S+ has "S999", who is not in roster\.csv/);
    const json = JSON.parse((await run(['--json', 'check'], { cwd: dir })).stdout) as { ok: boolean; diagnostics: { file: string; line: number; severity: string }[] };
    expect(json.ok).toBe(false);
    expect(json.diagnostics.filter((d) => d.file === rel)).toEqual([expect.objectContaining({ severity: 'error', line: lineOf(dir, rel, /- id: S999/) })]);
  });

  it('reports a YAML mistake in a groups file at its line instead of passing over it', async () => {
    const dir = await withGroupsAndPlaylists();
    const rel = `groups/${WEEK}.yaml`;
    edit(dir, rel, /^mode: readiness$/m, 'mode: [readiness');
    const r = await run(['check'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${rel}:`);
  });

  it('warns about a groups file no command reads', async () => {
    const dir = await withGroupsAndPlaylists();
    renameSync(join(dir, `groups/${WEEK}.yaml`), join(dir, 'groups/week 49.yaml'));
    const r = await run(['check'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/groups\/week 49\.yaml:1: warning: pathbook reads groups\/<week>\.yaml files only/);
  });

  it('catches a playlist copied to another student, and one naming an activity gone from the bank', async () => {
    const dir = await withGroupsAndPlaylists();
    // S002's file now holds S001's playlist: `pathbook done S002 …` would record on the wrong one.
    writeFileSync(join(dir, 'playlists/S002.yaml'), readFileSync(join(dir, 'playlists/S001.yaml')));
    const activity = /activity: (\S+)/.exec(readFileSync(join(dir, 'playlists/S003.yaml'), 'utf8'))![1]!;
    edit(dir, 'playlists/S003.yaml', `activity: ${activity}`, 'activity: no-such-activity');
    const r = await run(['check'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`playlists/S002.yaml:${lineOf(dir, 'playlists/S002.yaml', /^student: /)}:`);
    expect(r.stdout).toContain('this playlist says student: S001, but the file is named for S002');
    expect(r.stdout).toMatch(new RegExp(`playlists/S003\\.yaml:${lineOf(dir, 'playlists/S003.yaml', /activity: no-such-activity/)}:\\d+: warning: activity no-such-activity is not in activities\\.yaml`));
  });

  it('lists every broken playlist, not only the first', async () => {
    const dir = await withGroupsAndPlaylists();
    edit(dir, 'playlists/S004.yaml', /^tracks:$/m, 'tracks: [');
    edit(dir, 'playlists/S005.yaml', /done: null/, 'done: yesterday');
    const r = await run(['check'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('playlists/S004.yaml:');
    expect(r.stdout).toMatch(/playlists\/S005\.yaml:\d+:\d+: error: `done: yesterday` is not a date/);
  });
});
