// Score rows kept in the parse cache as one line of text come back exactly as parsed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Item, ScoreRow } from '../../src/domain/types.ts';
import { scoresCodec } from '../../src/store/book-load.ts';

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
    }), { numRuns: 2000 });
  });
});
