// groups/<week>.yaml read back: what pathbook wrote, and what a teacher may have edited by hand.
import { describe, expect, it } from 'vitest';
import { formGroups } from '../../src/domain/grouping.ts';
import { loadBook } from '../../src/store/book-store.ts';
import { groupsYamlText, parseGroupsFile } from '../../src/store/groups-store.ts';
import { EXAMPLE } from '../helpers.ts';

describe('groups files', () => {
  it('reads back exactly what it writes', () => {
    const { book } = loadBook(EXAMPLE);
    const out = formGroups(book, { mode: 'readiness', standards: ['6.RP.A.3'], size: {}, absent: ['S004'], seed: 9, week: '2026-W49', past: [] });
    if (!out.ok) throw new Error('no groups');
    const { stats: _s, summary: _m, ...week } = out.plan;
    const text = groupsYamlText(out.plan);
    expect(text.startsWith('# Groups for 2026-W49, written by `pathbook group` (readiness on 6.RP.A.3, seed 9).\n')).toBe(true);
    const back = parseGroupsFile(text, 'groups/2026-W49.yaml', '2026-W49');
    expect(back.diagnostics).toEqual([]);
    expect(back.groups).toEqual(week);
  });

  it('accepts members listed as plain ids, and names a student placed twice', () => {
    const text = 'week: 2026-W50\nmode: mixed\ngroups:\n  - name: A\n    members: [S001, S002]\n  - name: B\n    members:\n      - S003\n      - id: S001\n';
    const r = parseGroupsFile(text, 'groups/2026-W50.yaml', '2026-W50');
    expect(r.groups!.groups[0]!.members).toEqual([{ id: 'S001', reason: '' }, { id: 'S002', reason: '' }]);
    expect(r.diagnostics.map((d) => `${d.source!.line}: ${d.message}`)).toEqual(['9: S001 is in group A and again in group B']);
  });

  it('refuses a week that does not match the file name or does not exist', () => {
    expect(parseGroupsFile('week: 2026-W48\ngroups: []\n', 'groups/2026-W49.yaml', '2026-W49').diagnostics[0]!.message).toBe('this file is for 2026-W49 but says week: 2026-W48');
    expect(parseGroupsFile('week: 2027-W53\ngroups: []\n', 'groups/x.yaml').diagnostics[0]!.message).toMatch(/2027 has weeks W01 to W52/);
  });
});
