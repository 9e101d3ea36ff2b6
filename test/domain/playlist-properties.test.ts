// The promises a teacher relies on, checked on the example class and on generated classes:
// every unmastered standard gets a must-do or a checkpoint (where the bank has one), and no student gets
// an activity lacking a support they need when an alternative has it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCheckpoint, learnerFor, missingSupports } from '../../src/domain/activity-choice.ts';
import { masteryTable } from '../../src/domain/mastery/table.ts';
import { buildPlaylist, unitScope, type Playlist } from '../../src/domain/playlists.ts';
import type { Activity, Book } from '../../src/domain/types.ts';
import { playlistText } from '../../src/store/playlist-store.ts';
import { loadBook } from '../../src/store/book-store.ts';
import { EXAMPLE } from '../helpers.ts';
import { bookFrom } from './playlist-fixture.ts';
import { randomClass } from './random-class.ts';

/** The activities that could have filled a track of this type for this standard. */
function alternatives(book: Book, type: string, standard: string): Activity[] {
  return book.activities.filter((a) => a.standards.includes(standard) && (type === 'checkpoint'
    ? isCheckpoint(a)
    : !isCheckpoint(a) && (type === 'may' ? a.tier === 'extend' : a.tier !== 'extend')));
}

/** Every problem with one unit's playlists, as readable strings (empty when all promises hold). */
function violations(book: Book, unit: string): string[] {
  const table = masteryTable(book);
  const scope = unitScope(book, unit);
  const out: string[] = [];
  for (const student of table.students) {
    const p: Playlist = buildPlaylist({ book, table }, student.id, scope);
    const row = table.cells.get(student.id)!;
    const learner = learnerFor(book, student.id);
    const again = buildPlaylist({ book, table }, student.id, scope);
    if (playlistText(again) !== playlistText(p)) out.push(`${student.id}: two runs differ`);
    if (new Set(p.tracks.map((t) => t.activity)).size !== p.tracks.length) out.push(`${student.id}: an activity twice`);
    for (const s of scope.standards) {
      const mastered = row.get(s)!.mastered;
      const covering = p.tracks.filter((t) => t.standards.includes(s));
      if (!mastered) {
        const canMust = alternatives(book, 'must', s).length > 0;
        const canCheck = alternatives(book, 'checkpoint', s).length > 0;
        if ((canMust || canCheck) && !covering.some((t) => t.type === 'must' || t.type === 'checkpoint')) out.push(`${student.id}: no must-do or checkpoint for ${s}`);
        if (canMust && !covering.some((t) => t.type === 'must')) out.push(`${student.id}: no must-do for ${s} though the bank has one`);
        if (canCheck && !covering.some((t) => t.type === 'checkpoint')) out.push(`${student.id}: no checkpoint for ${s} though the bank has one`);
        if (!canMust && !p.notes.some((n) => n.includes(s))) out.push(`${student.id}: nothing for ${s} and no note`);
        if (covering.some((t) => t.type === 'may')) out.push(`${student.id}: a may-do for unmastered ${s}`);
      } else if (covering.some((t) => t.type !== 'may')) {
        out.push(`${student.id}: a must-do or checkpoint for mastered ${s}`);
      }
    }
    for (const t of p.tracks) {
      const chosen = book.activities.find((a) => a.id === t.activity)!;
      const lacking = missingSupports(chosen, learner);
      if (!!lacking.length !== !!t.note) out.push(`${student.id}: ${t.activity} lacks [${lacking}] but note is ${JSON.stringify(t.note)}`);
      for (const s of t.standards) {
        const best = Math.min(...alternatives(book, t.type, s).map((a) => missingSupports(a, learner).length));
        if (lacking.length > best) out.push(`${student.id}: ${t.activity} for ${s} lacks ${lacking.join(', ')} though an alternative lacks only ${best}`);
      }
    }
    if (p.complete.of !== p.tracks.filter((t) => t.type === 'must').length || p.complete.n !== p.complete.of) out.push(`${student.id}: complete ${JSON.stringify(p.complete)}`);
  }
  return out;
}

describe('playlist promises', () => {
  const { book } = loadBook(EXAMPLE);

  it.each(['ratios', 'expressions', 'number-system'])('hold for every student of the example class, unit %s', (unit) => {
    expect(violations(book, unit)).toEqual([]);
  });

  it('the example class exercises them: someone needs a support no activity offers, someone has a gap', () => {
    const table = masteryTable(book);
    const all = table.students.map((s) => buildPlaylist({ book, table }, s.id, unitScope(book, 'ratios')));
    expect(all.some((p) => p.tracks.some((t) => t.note))).toBe(true);
    const ns = table.students.map((s) => buildPlaylist({ book, table }, s.id, unitScope(book, 'number-system')));
    expect(ns.some((p) => p.notes.length > 0)).toBe(true);
  });

  it('hold on generated classes nobody has seen', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
      const b = bookFrom(randomClass(seed));
      expect(violations(b, 'u')).toEqual([]);
    }), { seed: 20261123, numRuns: 80 });
  });
});
