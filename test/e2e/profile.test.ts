// Profile commands on a copy of the example class: goals, reflections, interests, accommodations.
// Edits keep the teacher's comments and layout; a missing profile is created; mistakes write nothing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { askGoal, type GoalPrompts } from '../../src/cli/commands/goal.ts';
import { loadBook } from '../../src/store/book-store.ts';
import { copyExample, run, snapshot, TODAY } from '../helpers.ts';

const read = (dir: string, id: string) => readFileSync(join(dir, 'students', `${id}.yaml`), 'utf8');

describe('pathbook goal', () => {
  it('adds a goal with the next id, today as its set date, and keeps the rest of the file byte for byte', async () => {
    const dir = copyExample();
    const before = read(dir, 'S005');
    const r = await run(['goal', 'add', 'S005', 'I will check every answer with a model', '--author', 'student', '--standard', '6.EE.A.3,6.EE.A.2', '--target', '2027-01-22'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Added goal g3 for S005 (student, by 2027-01-22, 6.EE.A.3, 6.EE.A.2) to students/S005.yaml.\n');
    const after = read(dir, 'S005');
    // Everything before the new goal is untouched (header comment, flow lists, quoting).
    const cut = before.indexOf('reflections:');
    expect(after.slice(0, cut)).toBe(before.slice(0, cut));
    expect(after).toContain(`  - id: g3
    text: "I will check every answer with a model"
    author: student
    set: ${TODAY}
    target: 2027-01-22
    status: active
    standards: [6.EE.A.3, 6.EE.A.2]
reflections:`);
    const { book, diagnostics } = loadBook(dir);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(book.profiles.find((p) => p.studentId === 'S005')!.goals.map((g) => g.id)).toEqual(['g1', 'g2', 'g3']);
  });

  it('marks a goal met or dropped, and keeps its place and comments', async () => {
    const dir = copyExample();
    const file = join(dir, 'students', 'S020.yaml');
    writeFileSync(file, read(dir, 'S020').replace('  - id: g2\n', '  # agreed at the October conference\n  - id: g2\n'));
    expect((await run(['goal', 'done', 'S020', 'g2'], { cwd: dir })).stdout).toBe('Goal g2 of S020: active → met (students/S020.yaml).\n');
    expect((await run(['goal', 'drop', 'S020', 'g1', '--json'], { cwd: dir })).stdout).toContain('"was": "active"');
    const text = read(dir, 'S020');
    expect(text).toContain('  # agreed at the October conference\n  - id: g2\n');
    const goals = loadBook(dir).book.profiles.find((p) => p.studentId === 'S020')!.goals;
    expect(goals.map((g) => `${g.id}:${g.status}`)).toEqual(['g1:dropped', 'g2:met', 'g3:met']);
    const again = await run(['goal', 'done', 'S020', 'g2'], { cwd: dir });
    expect(again.stdout).toBe('Goal g2 of S020 was already met.\n');
  });

  it('starts a profile for a student who has none', async () => {
    const dir = copyExample();
    expect(existsSync(join(dir, 'students', 'S001.yaml'))).toBe(false);
    const r = await run(['goal', 'add', 'S001', 'Finish every exit ticket'], { cwd: dir });
    expect(r.stdout).toContain('a new profile');
    expect(read(dir, 'S001')).toBe(`# Profile for Aaliyah Brooks (S001), section P2
interests: []
strengths: []
preferences: []
accommodations: []
goals:
  - id: g1
    text: "Finish every exit ticket"
    author: teacher
    set: ${TODAY}
    status: active
    standards: []
reflections: []
`);
    expect((await run(['check'], { cwd: dir })).code).toBe(0);
  });

  it('refuses mistakes without writing anything', async () => {
    const dir = copyExample();
    const before = snapshot(dir);
    const cases: [string[], number, RegExp][] = [
      [['goal', 'add', 'S999', 'x'], 2, /no student "S999" in roster.csv/],
      [['goal', 'add', 's005', 'x'], 2, /did you mean S005\?/],
      [['goal', 'add', 'S005'], 2, /give the goal's text/],
      [['goal', 'add', 'S005', 'x', '--standard', '6.XX.9'], 2, /unknown standard "6.XX.9"/],
      [['goal', 'add', 'S005', 'x', '--author', 'uncle'], 2, /Allowed choices are student, teacher, parent/],
      [['goal', 'add', 'S005', 'x', '--target', '2026-02-30'], 2, /must be a date/],
      [['goal', 'done', 'S005', 'g9'], 2, /students\/S005.yaml has no goal "g9"[\s\S]*its goals: g1, g2/],
      [['accommodation', 'remove', 'S005', 'captions'], 2, /S005 has no accommodation "captions"/],
      [['accommodation', 'add', 'S005', '../x'], 2, /is not an accommodation kind/],
      [['reflect', 'S005'], 2, /give the reflection's text/],
    ];
    for (const [args, code, message] of cases) {
      const r = await run(args, { cwd: dir });
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.code, args.join(' ')).toBe(code);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('asks in a terminal: the student types the goal and picks its standards', async () => {
    const asked: string[] = [];
    const prompts: GoalPrompts = {
      input: async (o) => {
        asked.push(o.message);
        if (o.message.startsWith('Your goal')) {
          expect(o.validate!('   ')).not.toBe(true);
          return '  I will  show my work  ';
        }
        expect(o.validate!('2020-01-01')).not.toBe(true);
        expect(o.validate!('')).toBe(true);
        return '2027-01-22';
      },
      select: async <T,>(o: { message: string; default?: T }) => { asked.push(o.message); return o.default as T; },
      checkbox: async <T,>(o: { message: string; choices: { value: T }[] }) => { asked.push(o.message); return [o.choices[1]!.value]; },
    };
    const book = loadBook(copyExample()).book;
    const a = await askGoal(prompts, {}, book.standards, TODAY);
    expect(a).toEqual({ text: 'I will show my work', author: 'student', target: '2027-01-22', standards: ['6.RP.A.2'] });
    expect(asked).toEqual(['Your goal, in your own words:', 'Who set this goal?', 'By when? (YYYY-MM-DD, or leave empty)', 'Which "I can" statements is it about? (space to pick, enter when done)']);
    // Flags already given are not asked again.
    asked.length = 0;
    await askGoal(prompts, { author: 'parent', target: '', standard: [] }, book.standards, TODAY);
    expect(asked).toEqual(['Your goal, in your own words:']);
  });
});

describe('pathbook reflect, interest, accommodation', () => {
  it('adds a dated reflection and interests in the file\'s own style', async () => {
    const dir = copyExample();
    expect((await run(['reflect', 'S005', 'Drawing a model first\nhelped me'], { cwd: dir })).code).toBe(0);
    expect((await run(['interest', 'add', 'S005', 'chess', 'club'], { cwd: dir })).stdout).toBe('Added interest "chess club" for S005 (students/S005.yaml).\n');
    expect((await run(['interest', 'add', 'S005', 'LEGO'], { cwd: dir })).stdout).toBe('Already listed: interest "LEGO" for S005.\n');
    const text = read(dir, 'S005');
    expect(text).toContain('interests: [Minecraft, Lego, dogs, chess club]\n');
    expect(text.endsWith(`  - date: ${TODAY}\n    text: "Drawing a model first helped me"\n`)).toBe(true);
    expect((await run(['interest', 'remove', 'S005', 'dogs'], { cwd: dir })).code).toBe(0);
    expect(read(dir, 'S005')).toContain('interests: [Minecraft, Lego, chess club]\n');
  });

  it('adds known accommodations quietly and others with a warning', async () => {
    const dir = copyExample();
    const known = await run(['accommodation', 'add', 'S020', 'read-aloud'], { cwd: dir });
    expect(known.stderr).toBe('');
    const other = await run(['accommodation', 'add', 'S020', 'Large Print'], { cwd: dir });
    expect(other.code).toBe(0);
    expect(other.stderr).toMatch(/warning: "large-print" is not a kind pathbook knows/);
    expect(read(dir, 'S020')).toContain('accommodations: [captions, read-aloud, large-print]\n');
    expect((await run(['accommodation', 'remove', 'S020', 'captions'], { cwd: dir })).stdout).toBe('Removed accommodation "captions" for S020 (students/S020.yaml).\n');
    expect(read(dir, 'S020')).toContain('accommodations: [read-aloud, large-print]\n');
  });

  it('shows a profile as a table and as JSON', async () => {
    const dir = copyExample();
    const r = await run(['profile', 'S007'], { cwd: dir });
    expect(r.stdout).toContain("Ethan Smith-Jones (S007) · section P2 · students/S007.yaml");
    expect(r.stdout).toMatch(/Accommodations\s+extended-time, read-aloud, reduced-items/);
    expect(r.stdout).toMatch(/g3\s+dropped\s+parent/);
    const j = JSON.parse((await run(['profile', 'S001', '--json'], { cwd: dir })).stdout);
    expect(j).toMatchObject({ file: 'students/S001.yaml', exists: false, goals: [] });
    expect((await run(['profile', 'S001'], { cwd: dir })).stdout).toContain('No profile yet');
  });
});
