// History from git (issue #8): git.autoCommit commits each writing command with a message saying what
// it did and a Pathbook-Command trailer; `pathbook diff` reads who moved up or down; `pathbook undo`
// takes back the last pathbook commit. Real git in temporary folders.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { undoTarget } from '../../src/cli/commands/undo.ts';
import { DOWNLOADS, run, snapshot } from '../helpers.ts';
import { exampleWithoutMastery } from './harness.ts';

const QUIZ = 'assessments/2026-11-06-expressions-quiz';

function gitEnv(date = '2026-11-10T15:00:00Z'): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: 'Ms Rivera', GIT_AUTHOR_EMAIL: 'rivera@school.example', GIT_COMMITTER_NAME: 'Ms Rivera', GIT_COMMITTER_EMAIL: 'rivera@school.example',
    GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', TZ: 'UTC',
  };
}

function git(dir: string, args: string[], date?: string): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...gitEnv(date) } });
}

/** The example class in a fresh repository, with autoCommit on and mastery.csv committed on 2026-11-10. */
async function repoClass(autoCommit = true): Promise<string> {
  const dir = exampleWithoutMastery();
  const settings = join(dir, 'pathbook.yaml');
  writeFileSync(settings, readFileSync(settings, 'utf8') + (autoCommit ? '\ngit:\n  autoCommit: true\n' : ''));
  writeFileSync(join(dir, '.gitignore'), '.pathbook/\n');
  git(dir, ['init', '-q', '-b', 'main']);
  expect((await run(['mastery', '--write', '-q'], { cwd: dir, env: { ...gitEnv() } })).code).toBe(0);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'The class at the start of the unit']);
  return dir;
}

/** Raise one student's scores on the expressions quiz, as a teacher correcting a typo would. */
function raiseScores(dir: string, student: string): void {
  const file = join(dir, `${QUIZ}.csv`);
  const lines = readFileSync(file, 'utf8').split('\n');
  const header = lines[0]!.split(',');
  const yaml = readFileSync(join(dir, `${QUIZ}.yaml`), 'utf8');
  const points = [...yaml.matchAll(/points: ([\d.]+)/g)].map((m) => m[1]!);
  const i = lines.findIndex((l) => l.startsWith(`${student},`));
  lines[i] = [student, ...header.slice(1).map((_, k) => points[k]!)].join(',');
  writeFileSync(file, lines.join('\n'));
}

const log = (dir: string) => git(dir, ['log', '--format=%B%x00']).split('\0').map((s) => s.trim()).filter(Boolean);

describe('git.autoCommit', () => {
  it('commits what a writing command wrote, with its message and a Pathbook-Command trailer', async () => {
    const dir = await repoClass();
    raiseScores(dir, 'S011');
    git(dir, ['commit', '-q', '-am', 'Fix S011 quiz scores'], '2026-11-20T15:00:00Z');
    const r = await run(['mastery', '--write'], { cwd: dir, env: gitEnv('2026-11-20T15:01:00Z') });
    expect(r.code, r.stderr).toBe(0);
    const [last] = log(dir);
    expect(last).toBe('mastery: mastery.csv recomputed from the evidence\n\nPathbook-Command: mastery --write');
    expect(git(dir, ['show', '--name-only', '--format=', 'HEAD']).trim()).toBe('mastery.csv');
    expect(git(dir, ['status', '--porcelain'])).toBe('');
  });

  it('leaves what the teacher staged alone', async () => {
    const dir = await repoClass();
    raiseScores(dir, 'S011');
    git(dir, ['add', `${QUIZ}.csv`]);
    expect((await run(['mastery', '--write', '-q'], { cwd: dir, env: gitEnv() })).code).toBe(0);
    expect(git(dir, ['show', '--name-only', '--format=', 'HEAD']).trim()).toBe('mastery.csv');
    expect(git(dir, ['diff', '--cached', '--name-only']).trim()).toBe(`${QUIZ}.csv`);
  });

  it('commits nothing when nothing changed, and nothing when autoCommit is off', async () => {
    const dir = await repoClass();
    const head = git(dir, ['rev-parse', 'HEAD']);
    expect((await run(['mastery', '--write', '-q'], { cwd: dir, env: gitEnv() })).code).toBe(0);
    expect(git(dir, ['rev-parse', 'HEAD'])).toBe(head);
    const off = await repoClass(false);
    raiseScores(off, 'S011');
    const offHead = git(off, ['rev-parse', 'HEAD']);
    expect((await run(['mastery', '--write', '-q'], { cwd: off, env: gitEnv() })).code).toBe(0);
    expect(git(off, ['rev-parse', 'HEAD'])).toBe(offHead);
  });

  it('outside a repository it warns and still writes', async () => {
    const dir = exampleWithoutMastery();
    writeFileSync(join(dir, 'pathbook.yaml'), readFileSync(join(dir, 'pathbook.yaml'), 'utf8') + '\ngit:\n  autoCommit: true\n');
    const r = await run(['mastery', '--write', '-q'], { cwd: dir, env: { GIT_CEILING_DIRECTORIES: join(dir, '..') } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: git.autoCommit is on, but .* is not in a git repository/);
    expect(snapshot(dir)['mastery.csv']).toBeDefined();
  });
});

describe('pathbook diff', () => {
  it('shows who moved up on what since the last change, and nobody else', async () => {
    const dir = await repoClass();
    const before = await run(['mastery', '--json', '--student', 'S011'], { cwd: dir });
    raiseScores(dir, 'S011');
    git(dir, ['commit', '-q', '-am', 'Fix S011 quiz scores'], '2026-11-20T15:00:00Z');
    await run(['mastery', '--write', '-q'], { cwd: dir, env: gitEnv('2026-11-20T15:01:00Z') });
    const r = await run(['diff', '--json'], { cwd: dir, env: gitEnv() });
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    const old = new Map((JSON.parse(before.stdout) as { standard: string; level: number | null }[]).map((x) => [x.standard, x.level]));
    expect(d.changes.length).toBeGreaterThan(0);
    for (const c of d.changes) {
      expect(c.student_id).toBe('S011');
      expect(['up', 'first']).toContain(c.change);
      expect(c.before?.level ?? null).toBe(old.get(c.standard));
      if (c.change === 'up') expect(c.after.level).toBeGreaterThan(c.before.level);
    }
    expect(d.since.subject).toBe('Fix S011 quiz scores');
    expect(d.counts.down).toBe(0);
    const table = await run(['diff'], { cwd: dir, env: gitEnv() });
    expect(table.stdout).toMatch(/^Mastery changes from [0-9a-f]{7} \(2026-11-20, "Fix S011 quiz scores"\) to now:/);
    expect(table.stdout).toMatch(/S011 +Lucas \S+ +[\d.]+ \w+ +[\d.]+ \w+ +▲ up \(\+[\d.]+\)/);
    expect(table.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ moved up\.$/);
  });

  it('uncommitted evidence shows against HEAD; --since a date or last-week picks the commit before that day', async () => {
    const dir = await repoClass(false);
    raiseScores(dir, 'S010');
    const now = JSON.parse((await run(['diff', '--json'], { cwd: dir, env: gitEnv() })).stdout);
    expect(now.since.subject).toBe('The class at the start of the unit');
    expect(now.to).toEqual({ commit: null, folder: true });
    expect(new Set(now.changes.map((c: { student_id: string }) => c.student_id))).toEqual(new Set(['S010']));
    git(dir, ['commit', '-q', '-am', 'S010 corrections'], '2026-11-20T10:00:00Z');
    const week = JSON.parse((await run(['diff', '--since', 'last-week', '--json'], { cwd: dir, env: gitEnv() })).stdout);
    expect(week.since.date).toBe('2026-11-10');
    expect(week.changes).toEqual(now.changes);
    // Before the history begins: compared from the first commit, and the table says so.
    const early = JSON.parse((await run(['diff', '--since', '2026-11-01', '--json'], { cwd: dir, env: gitEnv() })).stdout);
    expect(early.since.subject).toBe('The class at the start of the unit');
    expect(early.changes).toEqual(now.changes);
    const text = await run(['diff', '--since', '2026-11-01'], { cwd: dir, env: gitEnv() });
    expect(text.stdout.split('\n')[0]).toMatch(/^Mastery changes from [0-9a-f]{7} \(2026-11-10, "The class at the start of the unit"\), the first commit \(the history begins after 2026-11-01\) to now:$/);
  });

  it('--since with something that is neither a commit nor a date is a command-line error', async () => {
    const dir = await repoClass();
    const r = await run(['diff', '--since', 'last-fortnight'], { cwd: dir, env: gitEnv() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--since last-fortnight: not a commit git knows');
  });

  it('outside git it says so', async () => {
    const dir = exampleWithoutMastery();
    const r = await run(['diff'], { cwd: dir, env: { GIT_CEILING_DIRECTORIES: join(dir, '..') } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not in a git repository, so there is no mastery history/);
  });
});

describe('pathbook undo', () => {
  it('takes back the last pathbook commit as a new commit, then the one before', async () => {
    const dir = await repoClass();
    const start = snapshot(dir);
    raiseScores(dir, 'S011');
    const edited = readFileSync(join(dir, `${QUIZ}.csv`), 'utf8');
    git(dir, ['commit', '-q', '-am', 'Fix S011 quiz scores']);
    await run(['mastery', '--write', '-q'], { cwd: dir, env: gitEnv() });
    const afterWrite = snapshot(dir);
    expect(afterWrite['mastery.csv']).not.toBe(start['mastery.csv']);
    const u = await run(['undo'], { cwd: dir, env: gitEnv() });
    expect(u.code, u.stderr).toBe(0);
    expect(u.stdout).toMatch(/^Undid [0-9a-f]{7} "mastery: mastery.csv recomputed from the evidence": restored mastery.csv; committed [0-9a-f]{7}\.$/m);
    // mastery.csv is back to the start; the teacher's own commit is not pathbook's to undo.
    expect(snapshot(dir)['mastery.csv']).toBe(start['mastery.csv']);
    expect(readFileSync(join(dir, `${QUIZ}.csv`), 'utf8')).toBe(edited);
    const [last] = log(dir);
    expect(last).toMatch(/^undo: mastery: mastery.csv recomputed from the evidence\n\nPathbook-Command: undo\nPathbook-Undoes: [0-9a-f]{40}$/);
    // One more step back: the first `mastery --write` (made when the repository began) created mastery.csv.
    const again = await run(['undo', '--json'], { cwd: dir, env: gitEnv() });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ undone: { command: 'mastery --write' }, files: ['mastery.csv'] });
    expect(snapshot(dir)['mastery.csv']).toBeUndefined();
    const none = await run(['undo'], { cwd: dir, env: gitEnv() });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no pathbook commit to undo');
  });

  it('refuses when the folder has uncommitted changes, changing nothing', async () => {
    const dir = await repoClass();
    raiseScores(dir, 'S011');
    git(dir, ['commit', '-q', '-am', 'Fix']);
    await run(['mastery', '--write', '-q'], { cwd: dir, env: gitEnv() });
    writeFileSync(join(dir, 'roster.csv'), readFileSync(join(dir, 'roster.csv'), 'utf8').replace('Aaliyah', 'Aliyah'));
    const before = snapshot(dir);
    const head = git(dir, ['rev-parse', 'HEAD']);
    const r = await run(['undo'], { cwd: dir, env: gitEnv() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the folder has uncommitted changes (roster.csv), which undo could lose');
    expect(snapshot(dir)).toEqual(before);
    expect(git(dir, ['rev-parse', 'HEAD'])).toBe(head);
  });

  it('refuses when a later commit changed the same file', async () => {
    const dir = await repoClass();
    raiseScores(dir, 'S011');
    git(dir, ['commit', '-q', '-am', 'Fix']);
    await run(['mastery', '--write', '-q'], { cwd: dir, env: gitEnv() });
    writeFileSync(join(dir, 'mastery.csv'), readFileSync(join(dir, 'mastery.csv'), 'utf8') + '\n');
    git(dir, ['commit', '-q', '-am', 'Hand edit']);
    const r = await run(['undo'], { cwd: dir, env: gitEnv() });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/mastery.csv changed again after [0-9a-f]{7} \("mastery: mastery.csv recomputed from the evidence"\)/);
  });

  it('takes back a roster import: both files it wrote, in one commit', async () => {
    const dir = await repoClass();
    const before = snapshot(dir);
    const imp = await run(['roster', 'import', join(DOWNLOADS, 'roster-export.csv')], { cwd: dir, env: gitEnv() });
    expect(imp.code, imp.stderr).toBe(0);
    const [msg] = log(dir);
    expect(msg).toMatch(/^roster import: roster-export.csv, 2 added(, \d+ updated)?\n\nPathbook-Command: roster import$/);
    expect(git(dir, ['show', '--name-only', '--format=', 'HEAD']).trim().split('\n').sort()).toEqual(['mastery.csv', 'roster.csv']);
    const u = await run(['undo', '--json'], { cwd: dir, env: gitEnv() });
    expect(u.code, u.stderr).toBe(0);
    expect(JSON.parse(u.stdout).files.sort()).toEqual(['mastery.csv', 'roster.csv']);
    expect(snapshot(dir)).toEqual(before);
    expect(git(dir, ['status', '--porcelain'])).toBe('');
  });

  it('walks back past undos and what they undid', () => {
    const c = (hash: string, undoes?: string) => ({ hash, date: '2026-11-20', subject: hash, command: undoes ? 'undo' : 'import', undoes });
    expect(undoTarget([c('u2', 'b'), c('u1', 'c'), c('c'), c('b'), c('a')])?.hash).toBe('a');
    expect(undoTarget([c('c'), c('b')])?.hash).toBe('c');
    expect(undoTarget([c('u1', 'a'), c('a')])).toBeUndefined();
  });
});

describe('git.autoCommit and .gitignore', () => {
  it('files the teacher keeps out of git are written but not committed, without a warning', async () => {
    const dir = await repoClass();
    writeFileSync(join(dir, '.gitignore'), '.pathbook/\nplp/\n');
    git(dir, ['commit', '-qam', 'Keep PLPs out of git']);
    const head = git(dir, ['rev-parse', 'HEAD']);
    const r = await run(['plp', 'S014', '-q'], { cwd: dir, env: gitEnv() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(snapshot(dir)['plp/S014.md']).toBeDefined();
    expect(git(dir, ['rev-parse', 'HEAD'])).toBe(head);
    expect(git(dir, ['status', '--porcelain'])).toBe('');
  });
});
