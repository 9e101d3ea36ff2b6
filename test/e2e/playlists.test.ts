import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, run, runBuilt, snapshot, TODAY } from '../helpers.ts';

const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');

describe('pathbook playlist', () => {
  it('writes a playlist and a checklist for every active student, and nothing for the withdrawn one', async () => {
    const dir = copyExample();
    const r = await run(['playlist', '--unit', 'ratios', '--all'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Wrote 27 playlists');
    const files = readdirSync(join(dir, 'playlists'));
    expect(files).toHaveLength(54);
    expect(files).not.toContain('S021.yaml');
    expect(r.stdout).toMatch(/^S005 +Liam O'Brien +RP\.A1 RP\.A2 RP\.A3 +3 +3 +0 +3 of 3$/m);
    expect(r.stdout).toContain('Activities to prepare');
  });

  it('is byte-identical run to run and folder to folder', async () => {
    const a = copyExample();
    const b = copyExample();
    await run(['playlist', '--unit', 'ratios', '--all'], { cwd: a });
    const first = snapshot(a);
    const again = await run(['playlist', '--unit', 'ratios', '--all'], { cwd: a });
    expect(again.stderr).toContain('Playlists are up to date');
    expect(snapshot(a)).toEqual(first);
    runBuilt(['playlist', '--unit', 'ratios', '--all'], { cwd: b });
    expect(snapshot(b)).toEqual(first);
  });

  it('--json gives each student\'s tracks with their standards and type', async () => {
    const dir = copyExample();
    const r = await run(['--json', 'playlist', '--unit', 'ratios', '--section', 'P2', '--must', '2'], { cwd: dir });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { playlists: { student: string; complete: { n: number; of: number }; tracks: { activity: string; standards: string[]; type: string }[] }[] };
    expect(j.playlists).toHaveLength(14);
    const s005 = j.playlists.find((p) => p.student === 'S005')!;
    expect(s005.complete).toEqual({ n: 2, of: 3 });
    expect(s005.tracks.map((t) => t.type)).toEqual(['must', 'checkpoint', 'must', 'checkpoint', 'must', 'checkpoint']);
    for (const p of j.playlists) for (const t of p.tracks) {
      expect(['must', 'may', 'checkpoint']).toContain(t.type);
      expect(t.standards.length).toBeGreaterThan(0);
    }
  });

  it('prints nothing about other students in a student\'s checklist, and no scores', async () => {
    const dir = copyExample();
    await run(['playlist', '--unit', 'ratios', '--all'], { cwd: dir });
    const roster = read(dir, 'roster.csv').trim().split('\n').slice(1).map((l) => l.split(','));
    for (const [id] of roster) {
      const file = join(dir, 'playlists', `${id}.md`);
      if (!existsSync(file)) continue;
      const md = readFileSync(file, 'utf8');
      for (const [other, given, family] of roster) {
        if (other === id) continue;
        expect(md).not.toContain(other);
        expect(md).not.toContain(`${given} ${family}`);
      }
      expect(md).not.toMatch(/\b\d\.\d\d\b|Approaching|Beginning/);
    }
  });

  it('says what is wrong with the command line, and writes nothing', async () => {
    const dir = copyExample();
    const before = snapshot(dir);
    const cases: [string[], number, RegExp][] = [
      [['playlist', '--all'], 2, /--unit U or with --standard S/],
      [['playlist', '--unit', 'ratios', '--standard', '6.RP.A.1', '--all'], 2, /one of them/],
      [['playlist', '--unit', 'ratios'], 2, /--student ID, --section P or --all/],
      [['playlist', '--unit', 'geometry', '--all'], 2, /no standards in unit "geometry"[\s\S]*units: ratios, expressions, number-system/],
      [['playlist', '--unit', 'ratios', '--student', 'S021'], 1, /S021 \(Jack Thompson\) has withdrawn/],
      [['playlist', '--unit', 'ratios', '--must', 'two', '--all'], 2, /whole number/],
    ];
    for (const [args, code, message] of cases) {
      const r = await run(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr).toMatch(message);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('--standard pulls in an unmastered prerequisite before it', async () => {
    const dir = copyExample();
    const r = await run(['--json', 'playlist', '--standard', '6.RP.A.3', '--student', 'S007'], { cwd: dir });
    const p = JSON.parse(r.stdout).playlists[0];
    // Ethan has 6.RP.A.1 (override) but not 6.RP.A.2, which 6.RP.A.3 needs first.
    expect(p.unit).toBeNull();
    expect(p.standards).toEqual(['6.RP.A.3', '6.RP.A.2']);
    expect(p.tracks[0].standards).toEqual(['6.RP.A.2']);
    expect(p.tracks[0].why).toContain('needed before 6.RP.A.3');
  });
});

describe('pathbook done and progress', () => {
  it('records completion in place, keeping a hand-edited playlist\'s comments and edits', async () => {
    const dir = copyExample();
    await run(['playlist', '--unit', 'ratios', '--student', 'S005'], { cwd: dir });
    const file = join(dir, 'playlists', 'S005.yaml');
    // The teacher adds a comment, retitles an activity and notes a track by hand.
    const edited = read(dir, 'playlists/S005.yaml')
      .replace('tracks:\n', 'tracks: # Liam starts with the reading on Monday\n')
      .replace('title: "Reading: ratio language in recipes and sports"', 'title: "Reading: ratio language (print it large)"')
      .replace('    done: null\n    why: "shows mastery of 6.RP.A.2', '    done: null # after the small group\n    why: "shows mastery of 6.RP.A.2');
    writeFileSync(file, edited);
    const r = await run(['done', 'S005', 'ratio-language-reading'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`S005 finished ratio-language-reading on ${TODAY}. Must-dos 1 of 3 (needs 3).\n`);
    const after = read(dir, 'playlists/S005.yaml');
    expect(after).toContain('tracks: # Liam starts with the reading on Monday');
    expect(after).toContain('title: "Reading: ratio language (print it large)"');
    expect(after).toContain('done: null # after the small group');
    expect(after).toContain(`    done: ${TODAY}\n`);
    // Only the done line changed.
    const changed = after.split('\n').filter((l, i) => l !== edited.split('\n')[i]);
    expect(changed).toEqual([`    done: ${TODAY}`]);
    // The checklist is redrawn from the edited playlist.
    const md = read(dir, 'playlists/S005.md');
    expect(md).toContain(`- [x] **Must do:** Reading: ratio language (print it large) (reading, 10 min) (done ${TODAY})`);
    // The checkpoint's comment survives a done on that very line.
    await run(['done', 'S005', 'unit-rate-check', '--date', '2026-11-25'], { cwd: dir });
    expect(read(dir, 'playlists/S005.yaml')).toContain('done: 2026-11-25 # after the small group');
  });

  it('refuses unknown students and activities clearly, writing nothing', async () => {
    const dir = copyExample();
    await run(['playlist', '--unit', 'ratios', '--student', 'S005'], { cwd: dir });
    const before = snapshot(dir);
    const cases: [string[], number, RegExp][] = [
      [['done', 'S999', 'ratio-language-reading'], 2, /unknown student "S999"/],
      [['done', 'S005', 'no-such-thing'], 2, /unknown activity "no-such-thing"[\s\S]*hint: activities still to do: ratio-language-reading, ratio-language-check/],
      [['done', 'S005', 'ratio-tables-video'], 1, /ratio-tables-video is not on S005's playlist \(playlists\/S005\.yaml\)/],
      [['done', 'S001', 'ratio-tables-video'], 1, /S001 has no playlist[\s\S]*pathbook playlist --unit <unit> --student S001/],
      [['done', 'S005', 'unit-rate-check', '--date', '2026-13-01'], 2, /must be a date/],
    ];
    for (const [args, code, message] of cases) {
      const r = await run(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr).toMatch(message);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('points at the line of a broken playlist instead of overwriting it', async () => {
    const dir = copyExample();
    await run(['playlist', '--unit', 'ratios', '--student', 'S005'], { cwd: dir });
    const file = join(dir, 'playlists', 'S005.yaml');
    writeFileSync(file, read(dir, 'playlists/S005.yaml').replace('done: null', 'done: last tuesday'));
    const r = await run(['playlist', '--unit', 'ratios', '--student', 'S005'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^playlists\/S005\.yaml:17:11: error: `done: last tuesday` is not a date/);
    expect(read(dir, 'playlists/S005.yaml')).toContain('last tuesday');
  });

  it('regenerating keeps the done dates of the activities that remain', async () => {
    const dir = copyExample();
    await run(['playlist', '--unit', 'ratios', '--student', 'S005'], { cwd: dir });
    await run(['done', 'S005', 'unit-price-shopping', '--date', '2026-11-20'], { cwd: dir });
    const r = await run(['playlist', '--unit', 'ratios', '--student', 'S005', '--must', '2'], { cwd: dir });
    expect(r.code).toBe(0);
    const yaml = read(dir, 'playlists/S005.yaml');
    expect(yaml).toMatch(/activity: unit-price-shopping\n(?:.*\n)*?    done: 2026-11-20\n/);
    expect(yaml).toContain('complete: {n: 2, of: 3}');
    expect(read(dir, 'playlists/S005.md')).toContain('(done 2026-11-20)');
  });

  it('progress flags a student who finished their must-dos as ready for the checkpoint', async () => {
    const dir = copyExample();
    await run(['playlist', '--unit', 'ratios', '--all', '--must', '2'], { cwd: dir });
    for (const a of ['ratio-language-reading', 'unit-price-shopping']) await run(['done', 'S005', a], { cwd: dir });
    const last = await run(['done', 'S014', 'music-beats-ratios'], { cwd: dir });
    expect(last.code).toBe(0);
    const table = await run(['progress', '--unit', 'ratios', '--section', 'P2'], { cwd: dir });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^S005 +Liam O'Brien +ratios +2\/3 \(need 2\) +0\/3 +0\/0 +2026-11-23 +ready for checkpoint$/m);
    expect(table.stdout).toContain('Ready for checkpoint: S005 (1).');
    expect(table.stdout).not.toContain('S014'); // P4
    const j = JSON.parse((await run(['--json', 'progress', '--unit', 'ratios'], { cwd: dir })).stdout);
    const rows = j.progress as { student: string; ready_for_checkpoint: boolean; status: string; must: { done: number; of: number; n: number } | null }[];
    expect(rows).toHaveLength(27);
    expect(rows.filter((x) => x.ready_for_checkpoint).map((x) => x.student)).toEqual(['S005']);
    expect(rows.find((x) => x.student === 'S014')!.status).toBe('may-dos only');
    expect(rows.find((x) => x.student === 'S001')).toMatchObject({ status: 'working', must: { done: 0, of: 3, n: 2 } });
    const other = JSON.parse((await run(['--json', 'progress', '--unit', 'expressions'], { cwd: dir })).stdout);
    expect(other.progress.every((x: { status: string }) => x.status === 'no playlist')).toBe(true);
  });

  it('done --json reports the new state', async () => {
    const dir = copyExample();
    await run(['playlist', '--unit', 'ratios', '--student', 'S028'], { cwd: dir });
    const r = await run(['--json', 'done', 'S028', 'unit-rate-practice-set', '--date', '2026-11-24'], { cwd: dir });
    expect(JSON.parse(r.stdout)).toMatchObject({
      student: 'S028', activity: 'unit-rate-practice-set', type: 'must', done: '2026-11-24', previous: null,
      progress: { must: { done: 1, of: 1, n: 1 }, ready_for_checkpoint: true, status: 'ready for checkpoint' },
    });
    const undo = await run(['--json', 'done', 'S028', 'unit-rate-practice-set', '--undo'], { cwd: dir });
    expect(JSON.parse(undo.stdout)).toMatchObject({ done: null, previous: '2026-11-24', progress: { ready_for_checkpoint: false } });
  });
});

describe('pathbook choice-board', () => {
  it('prints the class board and writes boards/<unit>.md; a student board goes beside it', async () => {
    const dir = copyExample();
    const r = await run(['choice-board', '--unit', 'ratios'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd()).toBe(read(dir, 'boards/ratios.md').trimEnd());
    expect(r.stdout).toContain('**5 (required)**');
    // A class handout: no student names, no accommodations.
    expect(r.stdout).not.toMatch(/S0\d\d|captions|text-to-speech/);
    const s = await run(['choice-board', '--unit', 'ratios', '--student', 'S020'], { cwd: dir });
    expect(s.code).toBe(0);
    expect(read(dir, 'boards/ratios-S020.md')).toMatch(/^# Choice board: ratios for Fatima Al-Sayed\n/);
  });

  it('--json: nine squares, the lines and what each covers', async () => {
    const dir = copyExample();
    const j = JSON.parse((await run(['--json', 'choice-board', '--unit', 'expressions'], { cwd: dir })).stdout).board;
    expect(j.squares).toHaveLength(9);
    expect(j.squares[4].required).toBe(true);
    expect(j.lines).toHaveLength(8);
    expect(j.file).toBe('boards/expressions.md');
    expect(j.exact).toBe(true);
  });

  it('says when the bank is too small for a board', async () => {
    const dir = copyExample();
    const r = await run(['choice-board', '--unit', 'number-system'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the bank has 4 activities for unit number-system');
    expect(existsSync(join(dir, 'boards'))).toBe(false);
  });
});

describe('pathbook activities', () => {
  it('lists the bank with filters, as a table and as JSON', async () => {
    const dir = copyExample();
    const r = await run(['activities', 'list', '--standard', '6.RP.A.2', '--tier', 'extend'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^animal-speed-challenge +6\.RP\.A\.2 +project +extend +visual +25 *$/m);
    expect(r.stdout).toMatch(/^sports-stats-extend +6\.RP\.A\.2 6\.RP\.A\.3 +reading +extend/m);
    expect(r.stdout).toContain('2 activities');
    const j = JSON.parse((await run(['--json', 'activities', 'list', '--tier', 'reteach'], { cwd: dir })).stdout);
    expect(j.activities.every((a: { tier: string }) => a.tier === 'reteach')).toBe(true);
    expect(j.activities[0]).toEqual({
      id: 'ratio-language-video', title: 'What is a ratio? (video)', standards: ['6.RP.A.1'], kind: 'video', tier: 'reteach',
      modality: 'visual', minutes: 8, link: 'https://example.org/grade6/ratio-language-video', supports: ['captions'],
    });
    expect((await run(['activities', 'list', '--tier', 'hard'], { cwd: dir })).code).toBe(2);
  });

  it('imports a CSV: adds, updates and leaves alone, keeping the file\'s comments and order', async () => {
    const dir = copyExample();
    const csv = join(dir, '..', 'new-activities.csv');
    writeFileSync(csv, [
      'id,title,standards,kind,tier,modality,minutes,link,supports',
      'long-division-video,Long division step by step (video),6.NS.B.2,video,reteach,visual,9,https://example.org/ld,captions',
      'ratio-language-video,,,,,,9,,captions; text-to-speech',
      'ratio-match-game,Ratio match-up game,6.RP.A.1,game,practice,visual,10,https://example.org/grade6/ratio-match-game,',
      'fraction-division-project,Share the pizzas,6.NS.A.1,project,extend,kinesthetic,30,https://example.org/pizza,extended-time',
    ].join('\n') + '\n');
    const before = read(dir, 'activities.yaml');
    const dry = await run(['activities', 'import', csv, '--dry-run'], { cwd: dir });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Would add 2, update 1, 1 unchanged (dry run: nothing written).');
    expect(read(dir, 'activities.yaml')).toBe(before);
    const r = await run(['activities', 'import', csv], { cwd: dir });
    expect(r.stdout).toBe('added      long-division-video\nadded      fraction-division-project\nupdated    ratio-language-video (minutes, supports)\nAdded 2, updated 1, 1 unchanged.\n');
    const after = read(dir, 'activities.yaml');
    expect(after.startsWith('# Activity bank for playlists and choice boards, in curriculum order.\n')).toBe(true);
    expect(after).toContain('  minutes: 9\n  link: https://example.org/grade6/ratio-language-video\n  supports: [captions, text-to-speech]\n');
    // New ones sit after their standard's activities (curriculum order), not at the end.
    const ids = [...after.matchAll(/^- id: (.+)$/gm)].map((m) => m[1]);
    expect(ids.indexOf('fraction-division-project')).toBe(ids.indexOf('fraction-division-check') + 1);
    expect(ids[ids.length - 1]).toBe('long-division-video');
    expect((await run(['check'], { cwd: dir })).code).toBe(0);
    // Importing again changes nothing.
    const again = await run(['activities', 'import', csv], { cwd: dir });
    expect(again.stdout).toContain('Added 0, updated 0, 4 unchanged.');
    expect(read(dir, 'activities.yaml')).toBe(after);
  });

  it('refuses a CSV with mistakes, naming the line, and writes nothing', async () => {
    const dir = copyExample();
    const csv = join(dir, '..', 'bad.csv');
    writeFileSync(csv, 'id,title,standards,tier,minutes\nok-one,Fine,6.RP.A.1,practice,5\nbad-one,Bad,6.RP.Z.9,practice,5\n');
    const before = snapshot(dir);
    const r = await run(['activities', 'import', csv], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.csv:3: error: bad-one is aligned to 6\.RP\.Z\.9, not in standards\.yaml/);
    expect(snapshot(dir)).toEqual(before);
    writeFileSync(csv, 'id,title,tier\nnew-one,,practice\n');
    const r2 = await run(['activities', 'import', csv], { cwd: dir });
    expect(r2.stderr).toMatch(/bad\.csv:2: error: new activity new-one has no title/);
  });
});

describe('pathbook check on the activity bank', () => {
  it('warns about standards a playlist cannot serve: no reteach, no extension, no checkpoint', async () => {
    const dir = copyExample();
    const j = JSON.parse((await run(['--json', 'check'], { cwd: dir })).stdout);
    const messages = (j.diagnostics as { severity: string; message: string; file: string; line: number }[])
      .filter((d) => d.message.includes('activities.yaml')).map((d) => `${d.severity} ${d.message}`);
    expect(messages).toEqual([
      'warning 6.NS.A.1 has no extend activity in activities.yaml',
      'warning 6.NS.B.2 has no reteach activity in activities.yaml',
      'warning 6.NS.B.2 has no extend activity in activities.yaml',
      'warning 6.NS.B.2 has no checkpoint (an activity of kind quiz) in activities.yaml',
      'warning 6.NS.B.3 has no reteach activity in activities.yaml',
      'warning 6.NS.B.3 has no extend activity in activities.yaml',
      'warning 6.NS.B.3 has no checkpoint (an activity of kind quiz) in activities.yaml',
    ]);
    const text = await run(['check'], { cwd: dir });
    expect(text.stdout).toContain('standards.yaml:53:3: warning: 6.NS.B.3 has no reteach activity in activities.yaml\n  hint: add one so playlists can offer a reteach track');
  });
});

describe('help for the playlist commands', () => {
  it.each(['playlist', 'done', 'progress', 'choice-board', 'activities list', 'activities import'])('pathbook %s --help ends with real examples', async (name) => {
    const cmd = name.split(' ');
    const r = await run([...cmd, '--help']);
    expect(r.code).toBe(0);
    const examples = r.stdout.split('Examples:\n')[1] ?? '';
    const lines = examples.split('\n').filter((l) => l.trim());
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.length).toBeLessThanOrEqual(3);
    for (const l of lines) expect(l).toMatch(new RegExp(`^  \\$ pathbook ${cmd.join(' ')}\\b`));
  });
});
