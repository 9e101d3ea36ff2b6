// pathbook export --anonymize: a copy to share with a coach, with no name, email or note of the
// class anywhere in it, that still passes check and gives the same mastery under the new ids.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBook } from '../../src/store/book-store.ts';
import { copyExample, run, snapshot, tempDir } from '../helpers.ts';

function everyFile(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** Everything private the example class holds: names, emails, ids, and all free text about a student. */
function secrets(dir: string): string[] {
  const { book } = loadBook(dir);
  const out = new Set<string>();
  for (const s of book.students) for (const v of [s.givenName, s.familyName, s.email, s.id]) if (v) out.add(v);
  for (const o of book.observations) if (o.note) out.add(o.note);
  for (const p of book.profiles) {
    for (const v of [...p.strengths, ...p.reflections.map((r) => r.text), ...p.goals.map((g) => g.text)]) out.add(v);
  }
  return [...out];
}

describe('pathbook export --anonymize', () => {
  it('leaves no name, email, id or note of the class in any file', async () => {
    const dir = copyExample();
    const target = join(tempDir(), 'for-coach');
    const r = await run(['export', '--anonymize', target], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const files = everyFile(target);
    expect(Object.keys(files)).toContain('roster.csv');
    const hidden = secrets(dir);
    expect(hidden.length).toBeGreaterThan(100);
    const leaks: string[] = [];
    for (const [file, text] of Object.entries(files)) {
      for (const s of hidden) {
        // Names and ids as whole words (so "Ava" does not match "Java"); free text as it is.
        const re = new RegExp(`(?<![\\p{L}\\p{N}])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u');
        if (re.test(text)) leaks.push(`${file}: ${s}`);
      }
    }
    expect(leaks).toEqual([]);
    // Comments could name students too (the example's profiles begin "# Profile for José Hernández").
    expect(Object.entries(files).filter(([f, t]) => /\.ya?ml$/.test(f) && /^\s*#/m.test(t)).map(([f]) => f)).toEqual([]);
    expect(Object.keys(files).some((f) => f.startsWith('.pathbook'))).toBe(false);
  });

  it('passes check and gives the same mastery under the id mapping', async () => {
    const dir = copyExample();
    const target = join(tempDir(), 'plc');
    const key = join(tempDir(), 'key.csv');
    expect((await run(['export', '--anonymize', target, '--key', key], { cwd: dir })).code).toBe(0);
    const check = await run(['check'], { cwd: target });
    expect(check.code, check.stdout).toBe(0);
    const map = new Map(readFileSync(key, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',') as [string, string]));
    expect(map.size).toBe(28);
    expect(new Set(map.values()).size).toBe(28);
    const original = JSON.parse((await run(['mastery', '--json'], { cwd: dir })).stdout) as { student_id: string }[];
    const copy = JSON.parse((await run(['mastery', '--json'], { cwd: target })).stdout) as { student_id: string }[];
    const renamed = original.map((row) => ({ ...row, student_id: map.get(row.student_id)! }));
    expect(copy).toEqual(renamed);
    // mastery.csv in the copy is current, not copied.
    const csv = readFileSync(join(target, 'mastery.csv'), 'utf8');
    expect((await run(['mastery', '--write'], { cwd: target })).stderr).toContain('mastery.csv is up to date');
    expect(readFileSync(join(target, 'mastery.csv'), 'utf8')).toBe(csv);
  });

  it('keeps the weeks\' groups and the playlists under pseudonyms, leaves out printed reports, and the copy still works', async () => {
    const dir = copyExample();
    for (const args of [['group', '--mode', 'readiness', '--standard', '6.RP.A.3'], ['rotation'], ['playlist', '--unit', 'ratios', '--all'], ['done', 'S005', 'ratio-language-reading']]) {
      const r = await run([...args, '-q'], { cwd: dir });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    }
    mkdirSync(join(dir, 'plp'));
    writeFileSync(join(dir, 'plp', 'S014.md'), '# Hana Sato\n');
    const hidden = secrets(dir);
    const target = join(tempDir(), 'out');
    const key = join(tempDir(), 'key.csv');
    const r = await run(['export', '--anonymize', target, '--key', key], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const files = everyFile(target);
    const kept = Object.keys(files).filter((f) => /^(plp|groups|playlists|rotations)\//.test(f));
    expect(kept.filter((f) => !f.endsWith('.yaml'))).toEqual([]);
    expect(kept.filter((f) => f.startsWith('groups/'))).toEqual(['groups/2026-W49.yaml']);
    expect(kept.filter((f) => f.startsWith('playlists/')).length).toBe(27);
    const map = new Map(readFileSync(key, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',') as [string, string]));
    // S005's playlist: same tracks and done date under A005, but no line about the supports she needs.
    const mine = files[`playlists/${map.get('S005')}.yaml`]!;
    expect(mine).toMatch(/done: 2026-11-23/);
    expect(mine).not.toMatch(/extended-time|text-to-speech|note:|why:/);
    expect(Object.entries(files).flatMap(([f, t]) => hidden.filter((h) => t.includes(h) && h.length > 3).map((h) => `${f}: ${h}`))).toEqual([]);
    // Later weeks and `progress` read these files in the copy as in the original.
    const progress = JSON.parse((await run(['progress', '--json'], { cwd: target })).stdout);
    const original = JSON.parse((await run(['progress', '--json'], { cwd: dir })).stdout);
    const strip = (x: unknown) => JSON.stringify(x).replace(/"(S|A)0(\d\d)"/g, '"$2"').replace(/"name":"[^"]*"/g, '');
    expect(strip(progress)).toBe(strip(original));
    const rot = await run(['rotation', '--week', '2026-W49', '--json'], { cwd: target });
    expect(rot.code, rot.stderr).toBe(0);
  });

  it('refuses a target inside the gradebook or one that is not empty, writing nothing', async () => {
    const dir = copyExample();
    const before = snapshot(dir);
    const inside = await run(['export', '--anonymize', 'share'], { cwd: dir });
    expect(inside.code).toBe(2);
    expect(inside.stderr).toMatch(/share is inside the gradebook/);
    const full = tempDir();
    writeFileSync(join(full, 'keep.txt'), 'mine');
    const nonEmpty = await run(['export', '--anonymize', full], { cwd: dir });
    expect(nonEmpty.code).toBe(1);
    expect(nonEmpty.stderr).toContain('already exists and is not an empty folder');
    expect(readdirSync(full)).toEqual(['keep.txt']);
    expect((await run(['export', join(tempDir(), 'x')], { cwd: dir })).code).toBe(2);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses when a name would still slip through (here: in an assessment title)', async () => {
    const dir = copyExample();
    const f = join(dir, 'assessments', '2026-10-20-ratios-quiz.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace(/^title: .*$/m, 'title: "Make-up quiz for Hana Sato"'));
    const target = join(tempDir(), 'out');
    const r = await run(['export', '--anonymize', target], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('would still name a student in assessments/2026-10-20-ratios-quiz.yaml (line 2)');
    expect(() => readdirSync(target)).toThrow();
  });
});
