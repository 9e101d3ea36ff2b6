// formGroups on the example class: mastery → groups with focus, tier and a reason per student.
import { describe, expect, it } from 'vitest';
import { formGroups, groupName, tierFor, TIERS, type GroupRequest } from '../../src/domain/grouping.ts';
import { masteryTable } from '../../src/domain/mastery/table.ts';
import { DEFAULT_SCALE, SCALE_PRESETS } from '../../src/domain/scale.ts';
import { loadBook } from '../../src/store/book-store.ts';
import { EXAMPLE } from '../helpers.ts';

const { book } = loadBook(EXAMPLE);
const table = masteryTable(book);
const request = (r: Partial<GroupRequest>): GroupRequest => ({
  mode: 'readiness', standards: ['6.RP.A.3'], size: {}, absent: [], seed: 42, week: '2026-W49', past: [], ...r,
});
const plan = (r: Partial<GroupRequest>) => {
  const out = formGroups(book, request(r), table);
  if (!out.ok) throw new Error(out.conflicts.map((c) => c.message).join('; '));
  return out.plan;
};
const sectionOf = new Map(book.students.map((s) => [s.id, s.section]));

describe('readiness groups on the example class', () => {
  const p = plan({ absent: ['S004', 'S019'] });

  it('places every active, present student exactly once, within a section', () => {
    const placed = p.groups.flatMap((g) => g.members.map((m) => m.id)).sort();
    const expected = book.students.filter((s) => s.status === 'active' && !['S004', 'S019'].includes(s.id)).map((s) => s.id).sort();
    expect(placed).toEqual(expected);
    expect(placed).not.toContain('S021');
    for (const g of p.groups) expect(new Set(g.members.map((m) => sectionOf.get(m.id)))).toEqual(new Set([g.section]));
    expect(p.absent).toEqual(['S004', 'S019']);
  });

  it('keeps S007 and S017 apart as pathbook.yaml asks', () => {
    const g7 = p.groups.find((g) => g.members.some((m) => m.id === 'S007'))!;
    expect(g7.members.map((m) => m.id)).not.toContain('S017');
  });

  it('gives each student the mastery behind the placement', () => {
    for (const g of p.groups) for (const m of g.members) {
      const c = table.cells.get(m.id)!.get('6.RP.A.3')!;
      expect(m.reason).toBe(`6.RP.A.3 ${c.label} (${c.score!.toFixed(2)})`);
    }
  });

  it('names groups in order of need within each section, with tiers that never go back down', () => {
    for (const section of ['P2', 'P4']) {
      const gs = p.groups.filter((g) => g.section === section);
      for (let i = 1; i < gs.length; i++) {
        expect(gs[i]!.name > gs[i - 1]!.name).toBe(true);
        expect(TIERS.indexOf(gs[i]!.tier)).toBeGreaterThanOrEqual(TIERS.indexOf(gs[i - 1]!.tier));
        expect(gs[i]!.mean!).toBeGreaterThanOrEqual(gs[i - 1]!.mean!);
      }
    }
    expect(p.groups.map((g) => g.name)).toEqual(p.groups.map((_, i) => groupName(i)));
    const first = p.groups[0]!;
    expect(first.tier).toBe('reteach');
    expect(first.focus).toBe('6.RP.A.3 Beginning');
    expect(first.members.map((m) => m.id)).toEqual(expect.arrayContaining(['S007', 'S013', 'S025']));
    expect(p.groups.some((g) => g.tier === 'extend' && g.focus === '6.RP.A.3 Exceeds')).toBe(true);
  });

  it('counts the class on the standard', () => {
    expect(p.summary).toEqual([{ standard: '6.RP.A.3', present: 25, assessed: 25, mastered: 6 }]);
  });

  it('gives the same groups for the same seed', () => {
    expect(plan({ absent: ['S004', 'S019'] })).toEqual(p);
  });
});

describe('several standards, missing scores, other modes', () => {
  it('groups by the score profile and says when a missing score was filled with the median', () => {
    const p = plan({ standards: ['6.EE.B.5', '6.EE.B.7'] });
    const s006 = p.groups.flatMap((g) => g.members).find((m) => m.id === 'S006')!;
    expect(s006.reason).toBe('6.EE.B.5 Not yet assessed; 6.EE.B.7 Not yet assessed (placed at the class median)');
    const s014 = p.groups.flatMap((g) => g.members).find((m) => m.id === 'S014')!;
    const cell = (std: string) => table.cells.get('S014')!.get(std)!;
    expect(s014.reason).toBe(`6.EE.B.5 ${cell('6.EE.B.5').label} (${cell('6.EE.B.5').score!.toFixed(2)}); 6.EE.B.7 ${cell('6.EE.B.7').label} (${cell('6.EE.B.7').score!.toFixed(2)})`);
    for (const g of p.groups) expect(g.focus).toMatch(/^6\.EE\.B\.[57] (Beginning|Approaching|Mastered|Exceeds)$/);
  });

  it('refuses readiness groups on a standard nobody has evidence on', () => {
    const out = formGroups(book, request({ standards: ['6.NS.B.2'] }), table);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.conflicts[0]!.message).toMatch(/no present student has a score on 6\.NS\.B\.2/);
  });

  it('balances mixed groups: every group spans levels and the group means sit close together', () => {
    const p = plan({ mode: 'mixed' });
    for (const section of ['P2', 'P4']) {
      const means = p.groups.filter((g) => g.section === section).map((g) => g.mean!);
      expect(Math.max(...means) - Math.min(...means)).toBeLessThan(0.15);
    }
    for (const g of p.groups) {
      expect(g.tier).toBe('practice');
      expect(g.focus).toMatch(/^mixed: \w+ to \w+$/);
    }
  });

  it('puts the two soccer players of period 4 together and places students without a profile', () => {
    const p = plan({ mode: 'interest' });
    const soccer = p.groups.find((g) => g.members.some((m) => m.id === 'S002'))!;
    expect(soccer.members.map((m) => m.id)).toContain('S026');
    expect(soccer.focus).toBe('soccer');
    expect(soccer.members.find((m) => m.id === 'S002')!.reason).toBe('interests: cooking, soccer, video games (shares soccer)');
    const s001 = p.groups.flatMap((g) => g.members).find((m) => m.id === 'S001')!;
    expect(s001.reason).toBe('no interests recorded; placed to balance levels');
  });

  it('names keep-together partners in the reason', () => {
    const b = structuredClone(book);
    b.settings.grouping.keepTogether = [['S005', 'S020']];
    const out = formGroups(b, request({}), masteryTable(b));
    if (!out.ok) throw new Error('no groups');
    const g = out.plan.groups.find((x) => x.members.some((m) => m.id === 'S005'))!;
    expect(g.members.map((m) => m.id)).toContain('S020');
    expect(g.members.find((m) => m.id === 'S005')!.reason).toMatch(/; kept with S020$/);
  });
});

describe('tiers', () => {
  it('reteach below approaching, practice below mastery, extend at mastery and above', () => {
    expect(tierFor(1.99, DEFAULT_SCALE)).toBe('reteach');
    expect(tierFor(2, DEFAULT_SCALE)).toBe('practice');
    expect(tierFor(2.99, DEFAULT_SCALE)).toBe('practice');
    expect(tierFor(3, DEFAULT_SCALE)).toBe('extend');
    expect(tierFor(1.4, SCALE_PRESETS['three-level']!)).toBe('reteach');
    expect(tierFor(1.5, SCALE_PRESETS['three-level']!)).toBe('practice');
  });

  it('names groups A…Z then AA', () => {
    expect([0, 1, 25, 26, 27].map(groupName)).toEqual(['A', 'B', 'Z', 'AA', 'AB']);
  });
});
