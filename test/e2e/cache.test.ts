// The caches under .pathbook/ (parse cache, and what is derived from the files) never change what a
// command prints or writes: the built CLI, warm, cold, and after files change behind its back.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, DOWNLOADS, runBuilt, tempDir } from '../helpers.ts';

const views = [['mastery'], ['--json', 'mastery'], ['mastery', '--csv', '--method', 'latest'], ['mastery', '--as-of', '2026-10-30', '--section', 'P2'], ['check'], ['explain', 'S002', '6.RP.A.3'], ['student', 'S002']];

function outputs(dir: string): string[] {
  return views.map((args) => {
    const r = runBuilt(args, { cwd: dir });
    return `${r.code}\n${r.stdout}\n${r.stderr}`;
  });
}

describe('caches under .pathbook/', () => {
  it('deleting them changes no output', () => {
    const dir = copyExample();
    const cold = outputs(dir);
    const warm = outputs(dir);
    expect(warm).toEqual(cold);
    rmSync(join(dir, '.pathbook'), { recursive: true, force: true });
    expect(outputs(dir)).toEqual(cold);
  });

  it('a scores file edited in place, keeping its size and mtime, is read afresh', async () => {
    const dir = copyExample();
    const rel = 'assessments/2026-11-19-fraction-division-quiz.csv';
    const file = join(dir, rel);
    // A whole second, so that setting it again gives the very same mtime.
    const then = Math.floor(Date.now() / 1000) - 60;
    utimesSync(file, then, then);
    // Past the window in which a file's stat is not trusted (racy), so the cache keeps the stats.
    await new Promise((r) => setTimeout(r, 2100));
    runBuilt(['mastery'], { cwd: dir });
    const cached = JSON.parse(readFileSync(join(dir, '.pathbook', 'cache', 'parsed.json'), 'utf8')) as { entries: Record<string, { stat?: number[] }> };
    expect(Object.entries(cached.entries).find(([k]) => k.startsWith(rel))?.[1].stat).toBeDefined();
    const before = runBuilt(['--json', 'mastery', '--student', 'S002'], { cwd: dir }).stdout;
    const text = readFileSync(file, 'utf8');
    // S002's first item score changes, with the same number of bytes.
    const edited = text.replace(/^S002,(\d)/m, (_, d) => `S002,${d === '0' ? '1' : '0'}`);
    expect(edited).not.toBe(text);
    expect(edited.length).toBe(text.length);
    const old = statSync(file);
    writeFileSync(file, edited);
    utimesSync(file, then, then);
    expect(statSync(file).mtimeMs).toBe(old.mtimeMs);
    expect(statSync(file).size).toBe(old.size);
    const after = runBuilt(['--json', 'mastery', '--student', 'S002'], { cwd: dir }).stdout;
    rmSync(join(dir, '.pathbook'), { recursive: true, force: true });
    expect(after).toBe(runBuilt(['--json', 'mastery', '--student', 'S002'], { cwd: dir }).stdout);
    expect(after).not.toBe(before);
  });

  it('mastery --write rewrites a mastery.csv changed by hand, even when nothing else changed', async () => {
    const dir = copyExample();
    const file = join(dir, 'mastery.csv');
    const good = readFileSync(file, 'utf8');
    runBuilt(['mastery', '--write'], { cwd: dir });
    // Past the racy window: the next run remembers mastery.csv's stat as matching.
    await new Promise((r) => setTimeout(r, 2100));
    expect(runBuilt(['mastery', '--write'], { cwd: dir }).stderr).toContain('mastery.csv is up to date.');
    expect(runBuilt(['mastery', '--write'], { cwd: dir }).stderr).toContain('mastery.csv is up to date.');
    const st = statSync(file);
    writeFileSync(file, good.replace('Mastered', 'MastereD'));
    utimesSync(file, st.atime, st.mtime);
    expect(runBuilt(['mastery', '--write'], { cwd: dir }).stderr).toContain('Wrote mastery.csv.');
    expect(readFileSync(file, 'utf8')).toBe(good);
  });

  it('a damaged cache is a miss', () => {
    const dir = copyExample();
    const cold = outputs(dir);
    for (const f of ['parsed.json', 'derived/check-77074ba4']) writeFileSync(join(dir, '.pathbook', 'cache', f), 'garbage');
    for (const f of readdirSync(join(dir, '.pathbook', 'cache', 'derived'))) writeFileSync(join(dir, '.pathbook', 'cache', 'derived', f), Buffer.from([1, 0, 0, 0, 7, 7]));
    expect(outputs(dir)).toEqual(cold);
  });

  it('an import into a folder with a warm cache prints and writes what it does into a cold one', () => {
    const ticket = join(DOWNLOADS, 'Exit ticket 11-20 (Responses).csv');
    const warm = copyExample();
    runBuilt(['mastery'], { cwd: warm });
    const cold = copyExample();
    for (const args of [['import', ticket], ['--json', 'import', ticket, '--replace']]) {
      const w = runBuilt(args, { cwd: warm });
      rmSync(join(cold, '.pathbook'), { recursive: true, force: true });
      const c = runBuilt(args, { cwd: cold });
      expect(w.code).toBe(0);
      expect(w.stdout).toBe(c.stdout);
      expect(w.stdout).toMatch(/moved|first|2026-11-20/);
      expect(readFileSync(join(warm, 'mastery.csv'), 'utf8')).toBe(readFileSync(join(cold, 'mastery.csv'), 'utf8'));
    }
  });

  it('an import leaves its class table for the folder as it now is: the next command starts warm and prints what a cold one prints', () => {
    const ticket = join(DOWNLOADS, 'Exit ticket 11-20 (Responses).csv');
    const dir = copyExample();
    runBuilt(['mastery'], { cwd: dir });
    const derived = join(dir, '.pathbook', 'cache', 'derived');
    const tables = () => readdirSync(derived).filter((f) => /^mastery-[0-9a-f]{8}-[0-9a-f]{8}$/.test(f)).sort();
    const before = tables();
    expect(runBuilt(['import', ticket], { cwd: dir }).code).toBe(0);
    const kept = tables();
    expect(kept.length).toBe(before.length + 1);
    const warm = runBuilt(['--json', 'mastery'], { cwd: dir }).stdout;
    // Served from the kept table: nothing new computed.
    expect(tables()).toEqual(kept);
    rmSync(join(dir, '.pathbook'), { recursive: true, force: true });
    expect(runBuilt(['--json', 'mastery'], { cwd: dir }).stdout).toBe(warm);
  });

  it('an import after an import writes the mastery.csv a cold folder writes, keeping the first one\'s lines only when the file is as written', () => {
    const downloads = join(tempDir(), 'downloads');
    mkdirSync(downloads);
    const check = (name: string, date: string, rows: string) => {
      writeFileSync(join(downloads, `${name}.csv`), `student_id,q1,q2\n${rows}`);
      writeFileSync(join(downloads, `${name}.map.yaml`), `title: ${name}\ndate: ${date}\nkind: exit-ticket\nitems:\n  - { id: q1, column: q1, standards: [6.RP.A.1], points: 1 }\n  - { id: q2, column: q2, standards: [6.RP.A.3], points: 1 }\n`);
      return join(downloads, `${name}.csv`);
    };
    const first = check('Check A', '2026-11-21', 'S001,1,0\nS002,1,1\nS003,0,1\n');
    const second = check('Check B', '2026-11-22', 'S002,0,0\nS004,1,1\n');
    for (const edit of [false, true]) {
      const dir = copyExample();
      runBuilt(['mastery', '--write'], { cwd: dir });
      expect(runBuilt(['import', first], { cwd: dir }).code).toBe(0);
      const file = join(dir, 'mastery.csv');
      // Edited by hand between the two: then the second import cannot build on it.
      if (edit) writeFileSync(file, readFileSync(file, 'utf8').replace('Mastered', 'MastereD'));
      expect(runBuilt(['import', second], { cwd: dir }).code).toBe(0);
      const written = readFileSync(file, 'utf8');
      rmSync(join(dir, '.pathbook'), { recursive: true, force: true });
      rmSync(file);
      expect(runBuilt(['mastery', '--write'], { cwd: dir }).code).toBe(0);
      expect(written).toBe(readFileSync(file, 'utf8'));
    }
  });

  it('a table an import kept is checked against its assessments as read back, and computed again when they differ', () => {
    const ticket = join(DOWNLOADS, 'Exit ticket 11-20 (Responses).csv');
    const dir = copyExample();
    runBuilt(['mastery'], { cwd: dir });
    const derived = join(dir, '.pathbook', 'cache', 'derived');
    const tables = () => readdirSync(derived).filter((f) => /^mastery-[0-9a-f]{8}-[0-9a-f]{8}$/.test(f));
    const before = new Set(tables());
    expect(runBuilt(['import', ticket], { cwd: dir }).code).toBe(0);
    const kept = join(derived, tables().find((f) => !before.has(f))!);
    // As if the new assessment read back otherwise than the import computed it: its checksum differs,
    // and the table (here with every score set to 0) must not be used.
    const buf = readFileSync(kept);
    const align = (n: number) => (n + 7) & ~7;
    const headerLength = buf.readUInt32LE(0);
    const header = JSON.parse(buf.toString('utf8', 4, 4 + headerLength));
    expect(header.meta.assumed).toHaveLength(1);
    header.meta.assumed[0].evidence = '0'.repeat(64);
    let at = align(4 + headerLength);
    const sections = (header.sections as number[]).map((n) => { const s = Buffer.from(buf.subarray(at, at + n)); at = align(at + n); return s; });
    sections[0]!.fill(0);
    const head = Buffer.from(JSON.stringify(header));
    const out = Buffer.alloc(align(4 + head.length) + sections.reduce((n, s) => n + align(s.length), 0));
    out.writeUInt32LE(head.length, 0);
    head.copy(out, 4);
    at = align(4 + head.length);
    for (const s of sections) { s.copy(out, at); at = align(at + s.length); }
    writeFileSync(kept, out);
    const checked = runBuilt(['--json', 'mastery'], { cwd: dir }).stdout;
    rmSync(join(dir, '.pathbook'), { recursive: true, force: true });
    expect(checked).toBe(runBuilt(['--json', 'mastery'], { cwd: dir }).stdout);
  });

  it('score checks kept per assessment are worked out again when the roster changes', () => {
    const dir = copyExample();
    expect(runBuilt(['check'], { cwd: dir }).code).toBe(0);
    const roster = join(dir, 'roster.csv');
    writeFileSync(roster, readFileSync(roster, 'utf8').split('\n').filter((l) => !l.startsWith('S002,')).join('\n'));
    const warm = runBuilt(['check'], { cwd: dir });
    expect(warm.code).toBe(1);
    expect(warm.stdout + warm.stderr).toContain('scores for "S002", who is not in roster.csv');
    rmSync(join(dir, '.pathbook'), { recursive: true, force: true });
    const cold = runBuilt(['check'], { cwd: dir });
    expect(warm.stdout + warm.stderr).toBe(cold.stdout + cold.stderr);
  });
});

