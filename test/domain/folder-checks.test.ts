// Cross-checks of groups/ and playlists/ against the roster, standards and activity bank.
import { describe, expect, it } from 'vitest';
import { checkGroupWeeks, checkPlaylists } from '../../src/domain/folder-checks.ts';
import type { WeekGroups } from '../../src/domain/grouping.ts';
import type { Playlist } from '../../src/domain/playlists.ts';
import { bookFrom } from './book-fixture.ts';

const book = bookFrom({
  roster: 'id,given_name,family_name,section,email,status\nS1,A,B,P1,,active\nS2,C,D,P1,,withdrawn\n',
  standards: '- { id: A, statement: a, unit: u }\n- { id: B, statement: b, unit: u }\n',
});
/** A position per field path, so each diagnostic shows which field it is about. */
const at = (path: (string | number)[]) => ({ file: 'f.yaml', line: 1, column: path.length, path: path.join('.') });
const paths = (ds: { source?: unknown }[]) => ds.map((d) => (d.source as { path: string }).path);

const week = (over: Partial<WeekGroups>): WeekGroups => ({ week: '2026-W48', mode: 'readiness', standards: ['A'], seed: 1, size: '', absent: [], groups: [], ...over });

describe('checkGroupWeeks', () => {
  it('keeps a withdrawn student in an old week without a word', () => {
    const w = week({ groups: [{ name: 'A', section: 'P1', focus: '', tier: 'practice', mean: null, members: [{ id: 'S1', reason: '' }, { id: 'S2', reason: '' }] }] });
    expect(checkGroupWeeks(book, [{ groups: w, at }])).toEqual([]);
  });

  it('flags an unknown member or absentee as an error, a retired standard as a warning', () => {
    const w = week({
      standards: ['A', 'Z'], absent: ['S9'],
      groups: [{ name: 'A', section: 'P1', focus: '', tier: 'practice', mean: null, members: [{ id: 'S1', reason: '' }, { id: 'S7', reason: '' }] }],
    });
    const ds = checkGroupWeeks(book, [{ groups: w, at }]);
    expect(ds.map((d) => d.severity)).toEqual(['warning', 'error', 'error']);
    expect(paths(ds)).toEqual(['standards.1', 'absent.0', 'groups.0.members.1']);
  });
});

describe('checkPlaylists', () => {
  const playlist = (over: Partial<Playlist>): Playlist => ({ student: 'S1', unit: 'u', standards: ['A'], complete: { n: 1, of: 1 }, tracks: [], notes: [], ...over });

  it('accepts a playlist that names what the folder has', () => {
    expect(checkPlaylists(book, [{ fileStudent: 'S1', playlist: playlist({}), at }])).toEqual([]);
  });

  it('refuses a playlist filed under another student, and warns about a student gone from the roster', () => {
    const ds = checkPlaylists(book, [{ fileStudent: 'S2', playlist: playlist({}), at }, { fileStudent: 'S8', playlist: playlist({ student: 'S8' }), at }]);
    expect(ds.map((d) => [d.severity, d.message])).toEqual([
      ['error', 'this playlist says student: S1, but the file is named for S2'],
      ['warning', 'playlist for "S8", who is not in roster.csv'],
    ]);
  });

  it('warns about activities and standards gone from the bank and standards.yaml', () => {
    const track = { activity: 'gone', title: '', standards: ['A', 'Q'], type: 'must' as const, tier: 'practice', kind: '', minutes: 0, link: '', done: null };
    const ds = checkPlaylists(book, [{ fileStudent: 'S1', playlist: playlist({ standards: ['A', 'Q'], tracks: [track] }), at }]);
    expect(ds.every((d) => d.severity === 'warning')).toBe(true);
    expect(paths(ds)).toEqual(['standards.1', 'tracks.0.activity', 'tracks.0.standards.1']);
  });
});
