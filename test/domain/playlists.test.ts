import { describe, expect, it } from 'vitest';
import { interestIn } from '../../src/domain/activity-choice.ts';
import { masteryTable } from '../../src/domain/mastery/table.ts';
import { buildPlaylist, keepProgress, standardsScope, unitScope, type Playlist } from '../../src/domain/playlists.ts';
import type { Book } from '../../src/domain/types.ts';
import { activity, bookFrom } from './playlist-fixture.ts';

const ROSTER = 'id,given_name,family_name,section,email,status\nS1,Ana,Ruiz,P1,,active\nS2,Ben,Ode,P1,,active\n';

function playlistOf(book: Book, student: string, scope = unitScope(book, 'u'), must?: number): Playlist {
  return buildPlaylist({ book, table: masteryTable(book) }, student, scope, { must });
}

const tracks = (p: Playlist, type?: string) => p.tracks.filter((t) => !type || t.type === type).map((t) => `${t.type}:${t.activity}:${t.standards.join('+')}`);

describe('the worked example of algorithms.md §5.4', () => {
  // DAG 6.RP.1 → 6.RP.2 → 6.RP.3a; Ana has mastered 6.RP.1, is approaching 6.RP.2, not yet on 6.RP.3a.
  const book = bookFrom({
    roster: ROSTER,
    standards: `- { id: 6.RP.1, statement: ratios, unit: ratios, prerequisites: [] }
- { id: 6.RP.2, statement: unit rate, unit: ratios, prerequisites: [6.RP.1] }
- { id: 6.RP.3a, statement: ratio tables, student_statement: "I can use ratio tables", unit: ratios, prerequisites: [6.RP.2] }
`,
    activities: activity('unit-rate-practice-set', ['6.RP.2'], 'practice', 'practice', { modality: 'offline', minutes: 15 })
      + activity('unit-rate-game', ['6.RP.2'], 'game', 'practice', { modality: 'online', minutes: 10 })
      + activity('rp2-mastery-check', ['6.RP.2'], 'quiz', 'practice', { minutes: 5 })
      + activity('ratio-tables-video', ['6.RP.3a'], 'video', 'reteach', { minutes: 10 })
      + activity('rp3a-preview', ['6.RP.3a'], 'video', 'extend', { minutes: 10 })
      + activity('rp3a-check', ['6.RP.3a'], 'quiz', 'practice', { minutes: 5 })
      + activity('rp1-extension', ['6.RP.1'], 'project', 'extend'),
    observations: 'S1,6.RP.1,2026-11-01,3.5,rubric,\nS1,6.RP.2,2026-11-01,2.5,rubric,\n',
  });

  it('substitutes the missing prerequisite and puts the ready standard first', () => {
    // Focus 6.RP.3a is not ready (6.RP.2 is not mastered), so 6.RP.2 comes in before it.
    const p = playlistOf(book, 'S1', standardsScope(book, ['6.RP.3a']));
    expect(tracks(p)).toEqual([
      'must:unit-rate-practice-set:6.RP.2', // Approaching → practice tier, the first in bank order
      'checkpoint:rp2-mastery-check:6.RP.2',
      'must:ratio-tables-video:6.RP.3a', // not yet assessed → reteach tier
      'checkpoint:rp3a-check:6.RP.3a',
    ]);
    expect(p.standards).toEqual(['6.RP.3a', '6.RP.2']);
    expect(p.tracks[0]!.why).toContain('needed before 6.RP.3a');
    expect(p.tracks[2]!.why).toContain('needs 6.RP.2 first');
    expect(p.complete).toEqual({ n: 2, of: 2 });
  });

  it('for the whole unit: must-dos for the unmastered standards, an extension for the mastered one', () => {
    const p = playlistOf(book, 'S1', unitScope(book, 'ratios'));
    expect(tracks(p)).toEqual([
      'must:unit-rate-practice-set:6.RP.2',
      'checkpoint:rp2-mastery-check:6.RP.2',
      'must:ratio-tables-video:6.RP.3a',
      'checkpoint:rp3a-check:6.RP.3a',
      'may:rp1-extension:6.RP.1',
    ]);
  });
});

describe('tiers by level', () => {
  const book = bookFrom({
    roster: ROSTER,
    standards: `- { id: A, statement: a, unit: u }
- { id: B, statement: b, unit: u }
- { id: C, statement: c, unit: u }
- { id: D, statement: d, unit: u }
`,
    activities: ['A', 'B', 'C', 'D'].map((s) => activity(`${s}-reteach`, [s], 'video', 'reteach')
      + activity(`${s}-practice`, [s], 'practice', 'practice')
      + activity(`${s}-extend`, [s], 'project', 'extend')
      + activity(`${s}-check`, [s], 'quiz', 'practice')).join(''),
    // S1: A Beginning (1.0), B Approaching (2.5), C Mastered (3.2), D not assessed.
    observations: 'S1,A,2026-11-01,1,rubric,\nS1,B,2026-11-01,2.5,rubric,\nS1,C,2026-11-01,3.2,rubric,\n',
  });

  it('Beginning and not assessed → reteach, Approaching → practice, Mastered → an extend may-do', () => {
    const p = playlistOf(book, 'S1');
    expect(tracks(p)).toEqual([
      'must:A-reteach:A', 'checkpoint:A-check:A',
      'must:B-practice:B', 'checkpoint:B-check:B',
      'must:D-reteach:D', 'checkpoint:D-check:D',
      'may:C-extend:C',
    ]);
    expect(p.tracks.find((t) => t.activity === 'A-reteach')!.why).toMatch(/^A is Beginning: reteach/);
    expect(p.tracks.find((t) => t.activity === 'D-reteach')!.why).toMatch(/^D is not yet assessed: reteach/);
  });

  it('"complete N of M" counts must-do tracks only, and N is capped at M', () => {
    expect(playlistOf(book, 'S1').complete).toEqual({ n: 3, of: 3 });
    expect(playlistOf(book, 'S1', undefined, 2).complete).toEqual({ n: 2, of: 3 });
    expect(playlistOf(book, 'S1', undefined, 9).complete).toEqual({ n: 3, of: 3 });
    // A student with nothing assessed has four must-dos, four checkpoints, no may-do.
    const p2 = playlistOf(book, 'S2');
    expect(p2.complete).toEqual({ n: 4, of: 4 });
    expect(tracks(p2, 'checkpoint')).toHaveLength(4);
  });

  it('falls back to the other tier, and says so, when the bank lacks the wanted one', () => {
    const thin = bookFrom({
      roster: ROSTER,
      standards: '- { id: A, statement: a, unit: u }\n',
      activities: activity('A-practice', ['A'], 'practice', 'practice'),
      observations: 'S1,A,2026-11-01,1,rubric,\n',
    });
    const p = playlistOf(thin, 'S1');
    expect(tracks(p)).toEqual(['must:A-practice:A']);
    expect(p.tracks[0]!.why).toContain('no reteach activity in the bank');
    expect(p.notes).toEqual(['The bank has no checkpoint quiz for A: ask your teacher how to show what you know.']);
  });

  it('a standard with nothing in the bank is noted for the student, not skipped silently', () => {
    const empty = bookFrom({ roster: ROSTER, standards: '- { id: A, statement: a, unit: u }\n', activities: activity('other', [], 'video', 'reteach') });
    const p = playlistOf(empty, 'S1');
    expect(p.tracks).toEqual([]);
    expect(p.notes).toHaveLength(2);
    expect(p.notes[0]).toContain('no reteach or practice activity for A');
  });
});

describe('next-ready standards first', () => {
  const standards = `- { id: X1, statement: x1, unit: u }
- { id: X2, statement: x2, unit: u, prerequisites: [X1] }
- { id: X3, statement: x3, unit: u }
`;
  const activities = ['X1', 'X2', 'X3'].map((s) => activity(`${s}-reteach`, [s], 'video', 'reteach') + activity(`${s}-practice`, [s], 'practice', 'practice') + activity(`${s}-check`, [s], 'quiz', 'practice')).join('');

  it('a standard whose prerequisite is not mastered waits behind the ready ones', () => {
    const book = bookFrom({ roster: ROSTER, standards, activities, observations: 'S1,X1,2026-11-01,2.5,rubric,\nS1,X2,2026-11-01,1,rubric,\nS1,X3,2026-11-01,1,rubric,\n' });
    const order = [...new Set(playlistOf(book, 'S1').tracks.map((t) => t.standards[0]))];
    expect(order).toEqual(['X1', 'X3', 'X2']);
  });

  it('once the prerequisite is mastered, curriculum order returns', () => {
    const book = bookFrom({ roster: ROSTER, standards, activities, observations: 'S1,X1,2026-11-01,3.5,rubric,\nS1,X2,2026-11-01,1,rubric,\nS1,X3,2026-11-01,1,rubric,\n' });
    const order = [...new Set(playlistOf(book, 'S1').tracks.filter((t) => t.type !== 'may').map((t) => t.standards[0]))];
    expect(order).toEqual(['X2', 'X3']);
  });
});

describe('choosing activities for a student', () => {
  const standards = '- { id: A, statement: a, unit: u }\n- { id: B, statement: b, unit: u }\n';

  it('never picks an activity lacking a needed support when one that has it exists, even from another tier', () => {
    const book = bookFrom({
      roster: ROSTER, standards,
      activities: activity('soccer-video', ['A'], 'video', 'reteach', { title: 'Soccer ratios video', modality: 'visual' })
        + activity('plain-video', ['A'], 'video', 'reteach', { supports: ['text-to-speech'] })
        + activity('captioned-practice', ['A'], 'practice', 'practice', { supports: ['captions', 'text-to-speech'] })
        + activity('A-check', ['A'], 'quiz', 'practice', { supports: ['captions'] })
        + activity('B-reteach', ['B'], 'video', 'reteach', { supports: ['captions'] }),
      observations: 'S1,A,2026-11-01,1,rubric,\nS1,B,2026-11-01,1,rubric,\nS2,A,2026-11-01,1,rubric,\n',
      profiles: {
        S1: 'interests: [soccer]\npreferences: [visual]\naccommodations: [captions, text-to-speech]\n',
        S2: 'interests: [soccer]\npreferences: [visual]\n',
      },
    });
    // S1 needs captions and text-to-speech: only the practice activity has both, though A is Beginning.
    const p1 = playlistOf(book, 'S1');
    expect(tracks(p1, 'must')).toEqual(['must:captioned-practice:A', 'must:B-reteach:B']);
    expect(p1.tracks[0]!.why).toContain('the reteach activities lack captions or text-to-speech');
    expect(p1.tracks[0]!.note).toBeUndefined();
    // B's only activity lacks text-to-speech: it is chosen, and the track says so.
    const b = p1.tracks.find((t) => t.activity === 'B-reteach')!;
    expect(b.note).toBe('This activity does not offer text-to-speech: ask your teacher for it.');
    // S2 needs nothing: the reteach tier wins and the interest (soccer) leads within it.
    const p2 = playlistOf(book, 'S2');
    expect(tracks(p2, 'must')[0]).toBe('must:soccer-video:A');
    expect(p2.tracks[0]!.why).toContain('about soccer, an interest');
  });

  it('fewest missing supports wins when no activity has them all', () => {
    const book = bookFrom({
      roster: ROSTER, standards,
      activities: activity('none', ['A'], 'video', 'reteach')
        + activity('one', ['A'], 'video', 'reteach', { supports: ['read-aloud'] })
        + activity('two', ['A'], 'video', 'reteach', { supports: ['read-aloud', 'extended-time'] }),
      observations: 'S1,A,2026-11-01,1,rubric,\n',
      profiles: { S1: 'accommodations: [extended-time, read-aloud, reduced-items]\n' },
    });
    const t = playlistOf(book, 'S1').tracks[0]!;
    expect(t.activity).toBe('two');
    expect(t.note).toBe('This activity does not offer reduced-items: ask your teacher for it.');
  });

  it('interest beats modality, modality beats bank order, bank order breaks ties', () => {
    const acts = activity('first', ['A'], 'reading', 'reteach', { modality: 'reading' })
      + activity('kinesthetic', ['A'], 'manipulative', 'reteach', { modality: 'kinesthetic' })
      + activity('cooking', ['A'], 'reading', 'reteach', { modality: 'reading', title: 'Cooking with ratios' });
    const obs = 'S1,A,2026-11-01,1,rubric,\n';
    const pick = (profile: string) => playlistOf(bookFrom({ roster: ROSTER, standards, activities: acts, observations: obs, profiles: { S1: profile } }), 'S1').tracks[0]!.activity;
    expect(pick('preferences: [kinesthetic]\n')).toBe('kinesthetic');
    expect(pick('interests: [cooking]\npreferences: [kinesthetic]\n')).toBe('cooking');
    expect(pick('interests: [chess]\n')).toBe('first');
  });

  it('matches interests as whole phrases, plural-tolerant', () => {
    expect(interestIn('Minecraft build costs', ['Minecraft'])).toBe('Minecraft');
    expect(interestIn('Ratios in music: beats', ['dogs', 'music'])).toBe('music');
    expect(interestIn('What is a ratio? (video)', ['video games'])).toBeUndefined();
    expect(interestIn('Baking videos for fractions', ['baking video'])).toBe('baking video');
    expect(interestIn('Art of the deal', ['party'])).toBeUndefined();
  });

  it('gives each standard its own activity when the bank allows, and shares one when it does not', () => {
    const both = activity('shared', ['A', 'B'], 'practice', 'practice');
    const book1 = bookFrom({ roster: ROSTER, standards, activities: both + activity('B-own', ['B'], 'game', 'practice'), observations: 'S1,A,2026-11-01,2.5,r,\nS1,B,2026-11-01,2.5,r,\n' });
    expect(tracks(playlistOf(book1, 'S1'), 'must')).toEqual(['must:shared:A', 'must:B-own:B']);
    const book2 = bookFrom({ roster: ROSTER, standards, activities: both, observations: 'S1,A,2026-11-01,2.5,r,\nS1,B,2026-11-01,2.5,r,\n' });
    expect(tracks(playlistOf(book2, 'S1'), 'must')).toEqual(['must:shared:A+B']);
    expect(playlistOf(book2, 'S1').complete).toEqual({ n: 1, of: 1 });
  });
});

describe('regenerating keeps progress', () => {
  it('keeps done dates for activities still on the playlist and drops the rest', () => {
    const book = bookFrom({
      roster: ROSTER,
      standards: '- { id: A, statement: a, unit: u }\n',
      activities: activity('A-reteach', ['A'], 'video', 'reteach') + activity('A-practice', ['A'], 'practice', 'practice') + activity('A-check', ['A'], 'quiz', 'practice'),
      observations: 'S1,A,2026-11-01,1,rubric,\n',
    });
    const plan = playlistOf(book, 'S1');
    const previous: Playlist = {
      ...plan,
      tracks: [
        { ...plan.tracks[0]!, done: '2026-11-20' },
        { ...plan.tracks[1]!, done: null },
        { activity: 'gone', title: 'gone', standards: ['A'], type: 'must', tier: 'reteach', kind: 'video', minutes: 5, link: '', done: '2026-11-19' },
      ],
    };
    const kept = keepProgress(plan, previous);
    expect(kept.tracks.map((t) => [t.activity, t.done])).toEqual([['A-reteach', '2026-11-20'], ['A-check', null]]);
    expect(keepProgress(plan, undefined)).toBe(plan);
  });
});
