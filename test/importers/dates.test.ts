// Timestamps as Forms and spreadsheets write them; day-first versus month-first is proved, never guessed.
import { describe, expect, it } from 'vitest';
import { resolveDates } from '../../src/importers/dates.ts';

const cells = (...texts: string[]) => texts.map((text, i) => ({ text, line: i + 2 }));

describe('reading timestamps', () => {
  it("reads Forms' download with its offset, on one clock", () => {
    const r = resolveDates(cells('2026/11/20 3:05:00 PM GMT-5', '2026/11/20 10:31:11 AM GMT-5', '2026/10/04 10:15:00 AM GMT+5:30'), 'f.csv', 'timestamps');
    expect(r.problem).toBeUndefined();
    expect(r.stamps.map((s) => s!.date)).toEqual(['2026-11-20', '2026-11-20', '2026-10-04']);
    expect(r.stamps[0]!.seconds - r.stamps[1]!.seconds).toBe(4 * 3600 + 33 * 60 + 49);
  });
  it('reads 12 AM as midnight and 12 PM as noon', () => {
    const r = resolveDates(cells('2026/11/20 12:00:00 AM GMT+0', '2026/11/20 12:00:00 PM GMT+0'), 'f.csv', 'timestamps');
    expect(r.stamps[1]!.seconds - r.stamps[0]!.seconds).toBe(12 * 3600);
  });
  it('reads ISO and a sheet\'s locale timestamps', () => {
    const r = resolveDates(cells('2026-09-08 14:03:21', '2026-09-08T14:03:21.511Z'), 'f.csv', 'timestamps');
    expect(r.stamps.map((s) => s!.date)).toEqual(['2026-09-08', '2026-09-08']);
  });
  it('refuses to guess 3/4/2026', () => {
    const r = resolveDates(cells('3/4/2026 9:00:00', '3/4/2026 9:05:00'), 'f.csv', 'timestamps');
    expect(r.problem?.message).toMatch(/can be read as 2026-03-04 or 2026-04-03/);
    expect(r.problem?.hint).toMatch(/--date-format/);
    expect(r.stamps.every((s) => s === undefined)).toBe(true);
  });
  it('reads it as --date-format says', () => {
    expect(resolveDates(cells('3/4/2026'), 'f.csv', 'dates', 'dmy').stamps[0]!.date).toBe('2026-04-03');
    expect(resolveDates(cells('3/4/2026'), 'f.csv', 'dates', 'mdy').stamps[0]!.date).toBe('2026-03-04');
  });
  it('lets one date of the column prove the order for all', () => {
    const us = resolveDates(cells('8/4/2025 23:25:41', '8/15/2025 0:52:12'), 'f.csv', 'timestamps');
    expect(us.order).toBe('mdy');
    expect(us.stamps[0]!.date).toBe('2025-08-04');
    const eu = resolveDates(cells('8/4/2025', '20/11/2025'), 'f.csv', 'dates');
    expect(eu.order).toBe('dmy');
    expect(eu.stamps[0]!.date).toBe('2025-04-08');
  });
  it('reports a column that mixes both orders', () => {
    const r = resolveDates(cells('20/11/2025', '11/20/2025'), 'f.csv', 'dates');
    expect(r.problem?.message).toMatch(/mix day-first and month-first/);
  });
  it('reads dotted dates day first and leaves non-dates unread', () => {
    const r = resolveDates(cells('20.11.2026 15:05', 'yesterday'), 'f.csv', 'dates');
    expect(r.stamps[0]!.date).toBe('2026-11-20');
    expect(r.unreadable.map((c) => c.line)).toEqual([3]);
  });
});
