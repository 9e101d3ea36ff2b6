import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWeeks, civilDate, dayNumber, formatDate, isoWeek, longDate, resolveWeek, weekMonday, weekProblem, weeksBetween, weeksInYear } from '../../src/domain/weeks.ts';

/** An independent ISO week, from the JavaScript Date (tests may use the clock's arithmetic). */
function referenceWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3);
  const year = d.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const week = Math.floor((d.getTime() - jan1) / 86400000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

describe('ISO weeks', () => {
  it('names the week of a date, the Thursday deciding the year', () => {
    expect(isoWeek('2026-11-23')).toBe('2026-W48');
    expect(isoWeek('2026-12-31')).toBe('2026-W53');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2027-01-03')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(isoWeek('2021-01-03')).toBe('2020-W53');
  });

  it('resolves this and next week across the year boundary', () => {
    expect(resolveWeek('next', '2026-11-23')).toBe('2026-W49');
    expect(resolveWeek('this', '2026-12-31')).toBe('2026-W53');
    expect(resolveWeek('next', '2026-12-31')).toBe('2027-W01');
    expect(resolveWeek('this', '2027-01-01')).toBe('2026-W53');
    expect(resolveWeek('next', '2027-01-01')).toBe('2027-W01');
    expect(resolveWeek('2027-W05', '2026-11-23')).toBe('2027-W05');
    expect(() => resolveWeek('2027-W53', '2026-11-23')).toThrow(/W01 to W52/);
  });

  it('knows which years have 53 weeks and refuses weeks that do not exist', () => {
    expect(weeksInYear(2026)).toBe(53);
    expect(weeksInYear(2027)).toBe(52);
    expect(weeksInYear(2020)).toBe(53);
    expect(weekProblem('2026-W53')).toBeUndefined();
    expect(weekProblem('2027-W53')).toMatch(/W01 to W52/);
    expect(weekProblem('2026-W00')).toBeDefined();
    expect(weekProblem('2026-48')).toMatch(/like 2026-W48/);
  });

  it('counts weeks across a year end and finds the Monday', () => {
    expect(addWeeks('2026-W53', 1)).toBe('2027-W01');
    expect(addWeeks('2027-W01', -1)).toBe('2026-W53');
    expect(weeksBetween('2026-W52', '2027-W02')).toBe(3);
    expect(formatDate(weekMonday('2026-W49'))).toBe('2026-11-30');
    expect(formatDate(weekMonday('2027-W01'))).toBe('2027-01-04');
    expect(longDate(weekMonday('2026-W49'))).toBe('Monday 30 November 2026');
  });

  it('agrees with the JavaScript calendar on every day from 1990 to 2100', () => {
    fc.assert(fc.property(fc.integer({ min: dayNumber(1990, 1, 1), max: dayNumber(2100, 12, 31) }), (days) => {
      const date = formatDate(days);
      const { year, month, day } = civilDate(days);
      expect(dayNumber(year, month, day)).toBe(days);
      expect(isoWeek(date)).toBe(referenceWeek(date));
      const monday = weekMonday(isoWeek(date));
      expect(days - monday).toBeGreaterThanOrEqual(0);
      expect(days - monday).toBeLessThan(7);
    }), { numRuns: 2000 });
  });
});
