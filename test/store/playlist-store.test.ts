import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Playlist } from '../../src/domain/playlists.ts';
import { parsePlaylist, playlistText, setDoneText, yamlScalar } from '../../src/store/playlist-store.ts';

const plan: Playlist = {
  student: 'S1', unit: 'u', standards: ['A', 'B'], complete: { n: 1, of: 1 },
  tracks: [
    { activity: 'a-video', title: 'Video: "ratios" #1', standards: ['A'], type: 'must', tier: 'reteach', kind: 'video', minutes: 8, link: 'https://example.org/a', done: null, why: 'A is Beginning: reteach' },
    { activity: 'a-check', title: 'Checkpoint', standards: ['A'], type: 'checkpoint', tier: 'practice', kind: 'quiz', minutes: 5, link: '', done: '2026-11-20', note: 'This activity does not offer captions: ask your teacher for it.' },
  ],
  notes: ['The bank has no checkpoint quiz for B: ask your teacher how to show what you know.'],
};

describe('playlists/<id>.yaml', () => {
  it('round-trips through the writer and the parser', () => {
    const text = playlistText(plan);
    expect(text).toContain('standards: [A, B]\ncomplete: {n: 1, of: 1}\n');
    const { playlist, diagnostics } = parsePlaylist(text, 'playlists/S1.yaml');
    expect(diagnostics).toEqual([]);
    expect(playlist).toEqual(plan);
  });

  it('sets and clears done in place; a track without `done:` gets one', () => {
    const text = playlistText(plan);
    const set = setDoneText(text, 'p.yaml', 'a-video', '2026-11-23')!;
    expect(set.previous).toBeNull();
    expect(set.text).toBe(text.replace('    done: null\n', '    done: 2026-11-23\n'));
    const cleared = setDoneText(set.text, 'p.yaml', 'a-check', null)!;
    expect(cleared.previous).toBe('2026-11-20');
    expect(parsePlaylist(cleared.text, 'p.yaml').playlist!.tracks.map((t) => t.done)).toEqual(['2026-11-23', null]);
    expect(setDoneText(text, 'p.yaml', 'nope', '2026-11-23')).toBeUndefined();
    const noDone = '# mine\nstudent: S1\ntracks:\n  - activity: x # by hand\n    type: must\n';
    const added = setDoneText(noDone, 'p.yaml', 'x', '2026-11-23')!;
    expect(added.text).toContain('# mine');
    expect(added.text).toContain('activity: x # by hand');
    expect(parsePlaylist(added.text, 'p.yaml').playlist!.tracks[0]!.done).toBe('2026-11-23');
  });

  it('reports a bad done date and an unknown type at their lines', () => {
    const { diagnostics } = parsePlaylist('student: S1\ntracks:\n  - activity: x\n    type: maybe\n    done: soon\n', 'playlists/S1.yaml');
    expect(diagnostics.map((d) => `${d.source!.line}: ${d.message}`).sort()).toEqual([
      '4: `type: maybe` is not one of: must, may, checkpoint',
      '5: `done: soon` is not a date',
    ]);
  });
});

describe('yamlScalar', () => {
  it('reads back as the same text, in a mapping and in a flow list', () => {
    const check = (v: string) => {
      expect(parse(`k: ${yamlScalar(v)}`)).toEqual({ k: v });
      expect(parse(`k: [${yamlScalar(v)}]`)).toEqual({ k: [v] });
    };
    for (const v of ['6.RP.A.1', '2026-11-23', '12', '1e5', '0x1F', 'yes', 'No', 'null', '~', '.inf', 'a: b', 'a #b', 'x:y', 'https://example.org/a?b=c', '- dash', 'Zoë', "D'Angelo", '', ' lead', 'trail ', 'tab\there', 'multi\nline', '"quoted"', '[x]', 'a, b']) check(v);
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), check), { seed: 7, numRuns: 500 });
  });

  it('keeps simple text plain, as a teacher would write it', () => {
    expect(yamlScalar('Scale a recipe for the class party')).toBe('Scale a recipe for the class party');
    expect(yamlScalar('https://example.org/grade6/unit-rate-check')).toBe('https://example.org/grade6/unit-rate-check');
    expect(yamlScalar('2026-11-23')).toBe('2026-11-23');
    expect(yamlScalar('Reading: rates')).toBe('"Reading: rates"');
    expect(yamlScalar('10')).toBe('"10"');
  });
});
