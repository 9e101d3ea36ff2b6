// Report-card marks: Marzano bands on the mean score, guards that lower a mark, term filtering.
import { describe, expect, it } from 'vitest';
import { bookInTerm, markFor } from '../../src/domain/report-card.ts';
import { defaultSettings } from '../../src/domain/settings.ts';
import type { Book } from '../../src/domain/types.ts';

const rc = defaultSettings().reportCard;
const lv = (...levels: number[]) => levels.map((level, i) => ({ standard: `S.${i + 1}`, level }));

describe('markFor', () => {
  it('bands the mean with Marzano\'s defaults, each band from its minimum', () => {
    expect([3.0, 2.99, 2.5, 2.49, 2.0, 1.99, 1.0, 0.99, 0].map((m) => markFor(m, lv(3), rc).mark)).toEqual(['A', 'B', 'B', 'C', 'C', 'D', 'D', 'F', 'F']);
  });

  it('gives no mark without evidence', () => {
    expect(markFor(null, [], rc)).toEqual({ mark: null, before: null, reasons: [] });
  });

  it('lowers an A when a guard finds a standard below its level, and says which', () => {
    const guarded = { ...rc, guards: [{ mark: 'A', minStandardLevel: 3 }] };
    const r = markFor(3.4, lv(4, 4, 2), guarded);
    expect(r.mark).toBe('B');
    expect(r.before).toBe('A');
    expect(r.reasons).toEqual(['no A with a standard below level 3: S.3 at level 2']);
    expect(markFor(3.4, lv(4, 3, 3), guarded).mark).toBe('A');
  });

  it('keeps lowering while the next band\'s guard fails too, down to the lowest band', () => {
    const guarded = { ...rc, guards: [{ mark: 'A', minStandardLevel: 3 }, { mark: 'B', minStandardLevel: 2 }] };
    expect(markFor(3.2, lv(4, 1), guarded).mark).toBe('C');
    const strict = { bands: [{ mark: 'P', min: 2 }, { mark: 'N', min: 0 }], guards: [{ mark: 'P', minStandardLevel: 2 }, { mark: 'N', minStandardLevel: 9 }], terms: [] };
    expect(markFor(3, lv(1), strict).mark).toBe('N');
  });

  it('reads bands in any order', () => {
    const shuffled = { ...rc, bands: [...rc.bands].reverse() };
    expect(markFor(2.7, lv(3), shuffled).mark).toBe('B');
  });
});

describe('bookInTerm', () => {
  it('keeps only evidence dated within the term, both ends included', () => {
    const a = (id: string, date: string) => ({ id, date }) as Book['assessments'][number];
    const o = (date: string) => ({ date }) as Book['observations'][number];
    const book = { assessments: [a('x', '2026-08-14'), a('y', '2026-08-15'), a('z', '2026-12-18'), a('w', '2026-12-19')], observations: [o('2026-08-15'), o('2027-01-05')] } as Book;
    const t = bookInTerm(book, { name: 'T1', from: '2026-08-15', to: '2026-12-18' });
    expect(t.assessments.map((x) => x.id)).toEqual(['y', 'z']);
    expect(t.observations).toHaveLength(1);
    expect(book.assessments).toHaveLength(4);
  });
});
