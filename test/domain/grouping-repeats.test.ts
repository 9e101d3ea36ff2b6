// Four weeks of mixed groups with avoidRepeatWeeks: 3 on classes whose arithmetic leaves little room,
// through formGroups as `pathbook group` calls it (earlier weeks feeding the next): every class that has
// a repeat-free month (its proof is checked first) gets one, with sizes, sections, keep-apart and
// absences held.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSize } from '../../src/cli/commands/group.ts';
import { formGroups, type PastWeek } from '../../src/domain/grouping.ts';
import { pairKey } from '../../src/domain/grouping/engine.ts';
import { seedFromText } from '../../src/domain/grouping/random.ts';
import { planSizes } from '../../src/domain/grouping/sizes.ts';
import { masteryTable } from '../../src/domain/mastery/table.ts';
import { compareIds } from '../../src/domain/numbers.ts';
import { addWeeks } from '../../src/domain/weeks.ts';
import { bookFrom } from './playlist-fixture.ts';
import type { RepeatClass } from './repeat-classes.ts';

interface Certified extends RepeatClass {
  proof: string[][][];
}

const { classes } = JSON.parse(readFileSync(join(import.meta.dirname, 'repeat-classes.json'), 'utf8')) as { classes: Certified[] };

function bookOf(c: RepeatClass) {
  const roster = 'id,given_name,family_name,section,email,status\n'
    + c.students.map((s, i) => `${s.id},Given${i + 1},Family${i + 1},${s.section},,active\n`).join('');
  const settings = `class: Repeats\ngrouping:\n  keepApart: [${c.keepApart.map((p) => `[${p.join(', ')}]`).join(', ')}]\n  keepTogether: []\n  avoidRepeatWeeks: 3\n`;
  const standards = '- { id: R.1, statement: "one", student_statement: "I can", unit: u, prerequisites: [] }\n';
  const observations = c.students.map((s) => `${s.id},R.1,2026-11-10,${s.score.toFixed(1)},rubric,\n`).join('');
  return bookFrom({ settings, roster, standards, activities: '[]\n', observations });
}

/** The sizes a section's groups must have: the balanced sizes `pathbook group --mode mixed` uses. */
function sizesBySection(c: RepeatClass): Map<string, number[]> {
  const present = c.students.filter((s) => !c.absent.includes(s.id));
  const out = new Map<string, number[]>();
  for (const sec of new Set(present.map((s) => s.section))) {
    const plan = planSizes(present.filter((s) => s.section === sec).length, parseSize(c.size), false);
    if (typeof plan === 'string') throw new Error(plan);
    out.set(sec, plan.balanced);
  }
  return out;
}

/** A week's groups are a valid split of the present students: each once, one section per group, the planned sizes, keep-apart held. */
function expectValidWeek(c: RepeatClass, groups: readonly string[][]): void {
  const present = c.students.filter((s) => !c.absent.includes(s.id));
  const sectionOf = new Map(present.map((s) => [s.id, s.section]));
  expect(groups.flat().sort(compareIds)).toEqual(present.map((s) => s.id).sort(compareIds));
  for (const [sec, sizes] of sizesBySection(c)) {
    const here = groups.filter((g) => sectionOf.get(g[0]!) === sec).map((g) => g.length).sort((a, b) => b - a);
    expect(here).toEqual(sizes);
  }
  for (const g of groups) {
    expect(new Set(g.map((id) => sectionOf.get(id))).size).toBe(1);
    for (const [a, b] of c.keepApart) expect(g.includes(a!) && g.includes(b!)).toBe(false);
  }
}

function pairsOf(groups: readonly string[][]): string[] {
  return groups.flatMap((g) => g.flatMap((a, i) => g.slice(i + 1).map((b) => pairKey(a, b))));
}

describe('the classes and their proofs', () => {
  it('has at least 30 classes of varied sizes, each with a checked repeat-free month', () => {
    expect(classes.length).toBeGreaterThanOrEqual(30);
    expect(new Set(classes.map((c) => c.students.length)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(classes.map((c) => c.size)).size).toBeGreaterThanOrEqual(5);
    for (const c of classes) {
      expect(c.proof).toHaveLength(4);
      for (const week of c.proof) expectValidWeek(c, week);
      const all = c.proof.flatMap(pairsOf);
      expect(new Set(all).size, c.name).toBe(all.length);
    }
  });
});

describe('four weeks of pathbook group --mode mixed with avoidRepeatWeeks: 3', () => {
  for (const c of classes) {
    it(`repeats no pair: ${c.name}${c.keepApart.length ? ', keep-apart' : ''}${c.absent.length ? ', one absent' : ''}`, () => {
      const book = bookOf(c);
      const table = masteryTable(book);
      const past: PastWeek[] = [];
      let week = '2026-W49';
      const seen = new Set<string>();
      for (let w = 0; w < 4; w++) {
        // The seed `pathbook group` takes when none is given.
        const out = formGroups(book, { mode: 'mixed', standards: ['R.1'], size: parseSize(c.size), absent: c.absent, seed: seedFromText(week) % 100000, week, past }, table);
        if (!out.ok) throw new Error(out.conflicts.map((x) => x.message).join('; '));
        const groups = out.plan.groups.map((g) => g.members.map((m) => m.id));
        expectValidWeek(c, groups);
        expect(out.plan.stats.repeatedPairs, `${c.name}, week ${w + 1}`).toBe(0);
        for (const pair of pairsOf(groups)) {
          expect(seen.has(pair), `${pair} again in week ${w + 1}`).toBe(false);
          seen.add(pair);
        }
        past.push({ week, groups: out.plan.groups });
        week = addWeeks(week, 1);
      }
    });
  }
});
