// Score rows kept in the parse cache as one line of text come back exactly as parsed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Item, ScoreRow } from '../../src/domain/types.ts';
import { readBook, scoresCodec } from '../../src/store/book-load.ts';
import * as parsers from '../../src/store/book-parsers.ts';
import { copyExample } from '../helpers.ts';

const file = 'assessments/x.csv';
const item = (id: string): Item => ({ id, standards: ['A'], points: 2, source: { file: 'assessments/x.yaml', line: 1 } });

describe('the scores codec of the parse cache', () => {
  it('round-trips any rows through the cache file', () => {
    const id = fc.string({ unit: fc.constantFrom('S', '0', '1', ',', '|', '{', '-', 'é', '\n'), maxLength: 5 });
    const point = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 10, noNaN: true }));
    fc.assert(fc.property(fc.integer({ min: 0, max: 4 }), fc.array(fc.tuple(id, fc.integer({ min: 1, max: 500 })), { maxLength: 6 }), fc.boolean(), fc.array(point, { minLength: 24, maxLength: 24 }), (nItems, rows, consecutive, pts) => {
      const items = Array.from({ length: nItems }, (_, k) => item(`q${k + 1}`));
      let k = 0;
      const scores: ScoreRow[] = rows.map(([studentId, line], r) => ({
        studentId,
        points: Object.fromEntries(items.map((it) => [it.id, pts[k++ % pts.length]!])),
        source: { file, line: consecutive ? 2 + r : line },
      }));
      const codec = scoresCodec(file, items);
      const stored = JSON.parse(JSON.stringify(codec.encode({ diagnostics: [], rows: () => scores })));
      const back = codec.decode(stored).rows();
      // The cache file is JSON: -0 comes back as 0, as it always did.
      expect(back).toEqual(JSON.parse(JSON.stringify(scores)));
      // Some students' rows alone, before and after every row was built: the same rows, in file order.
      const wanted = new Set(rows.filter((_, r) => r % 3 === 0).map(([id]) => id));
      const fresh = codec.decode(stored);
      const some = fresh.rowsOf!(wanted);
      expect(some).toEqual(back.filter((r) => wanted.has(r.studentId)));
      fresh.rows();
      expect(fresh.rowsOf!(wanted)).toEqual(some);
    }), { numRuns: 2000 });
  });
});

describe('an assessment read from the folder', () => {
  it('gives some students\' rows as its scores hold them, even after its scores are replaced, and a copy does not carry them', () => {
    const dir = copyExample();
    const { book } = readBook(dir, parsers);
    const a = book.assessments.find((x) => x.scores.length > 3)!;
    const fresh = readBook(dir, parsers).book.assessments.find((x) => x.id === a.id)!;
    const wanted = new Set([a.scores[0]!.studentId, a.scores[2]!.studentId]);
    // Not built yet: only these rows are.
    expect(fresh.scoresOf!(wanted)).toEqual(a.scores.filter((r) => wanted.has(r.studentId)));
    const replaced: ScoreRow[] = [{ studentId: a.scores[0]!.studentId, points: {}, source: { file, line: 2 } }];
    fresh.scores = replaced;
    expect(fresh.scoresOf!(wanted)).toEqual(replaced);
    const copy = { ...fresh, scores: [] };
    expect(copy.scoresOf).toBeUndefined();
  });
});
