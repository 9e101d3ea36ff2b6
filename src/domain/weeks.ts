// ISO 8601 weeks ("2026-W48"), which name the groups/ and rotations/ files. Pure calendar arithmetic
// on day numbers (no Date), so "this week" and "next week" come only from the `today` passed in.
import { isValidDate } from './ids.ts';

const WEEK = /^(\d{4})-W(\d{2})$/;

/** Days since 1970-01-01 of a civil date (Hinnant's days_from_civil). */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number (Hinnant's civil_from_days). */
export function civilDate(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekday(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

function parseDate(date: string): number {
  if (!isValidDate(date)) throw new Error(`not a date: ${date}`);
  return dayNumber(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

export function formatDate(days: number): string {
  const { year, month, day } = civilDate(days);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${p(month)}-${p(day)}`;
}

/** The ISO week a day belongs to: the week's Thursday decides the year. */
function weekOfDay(days: number): string {
  const thursday = days - weekday(days) + 3;
  const year = civilDate(thursday).year;
  const week = Math.floor((thursday - dayNumber(year, 1, 1)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** 2026-11-23 → "2026-W48"; 2027-01-01 → "2026-W53". */
export function isoWeek(date: string): string {
  return weekOfDay(parseDate(date));
}

/** 52 or 53: the week holding 28 December is the year's last. */
export function weeksInYear(year: number): number {
  return Number(weekOfDay(dayNumber(year, 12, 28)).slice(6));
}

/** Why a week label is not usable, or undefined when it is. */
export function weekProblem(label: string): string | undefined {
  const m = WEEK.exec(label);
  if (!m) return 'a week is written like 2026-W48 (ISO year, "W", two-digit week)';
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > weeksInYear(year)) return `${year} has weeks W01 to W${weeksInYear(year)}`;
  return undefined;
}

/** Day number of the Monday that starts an ISO week. */
export function weekMonday(label: string): number {
  const problem = weekProblem(label);
  if (problem) throw new Error(`${label}: ${problem}`);
  const year = Number(label.slice(0, 4));
  const week = Number(label.slice(6));
  const jan4 = dayNumber(year, 1, 4);
  return jan4 - weekday(jan4) + (week - 1) * 7;
}

/** The week `n` weeks after (or before, for negative n) a week. */
export function addWeeks(label: string, n: number): string {
  return weekOfDay(weekMonday(label) + 7 * n);
}

/** Whole weeks from `a` to `b` (positive when b is later). */
export function weeksBetween(a: string, b: string): number {
  return (weekMonday(b) - weekMonday(a)) / 7;
}

/** `--week`: "this", "next" (relative to today) or an explicit YYYY-Www. */
export function resolveWeek(spec: string, today: string): string {
  if (spec === 'this') return isoWeek(today);
  if (spec === 'next') return addWeeks(isoWeek(today), 1);
  const problem = weekProblem(spec);
  if (problem) throw new Error(problem);
  return spec;
}

/** "Monday 30 November 2026" for handouts. */
export function longDate(days: number): string {
  const { year, month, day } = civilDate(days);
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const names = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  return `${names[weekday(days)]} ${day} ${months[month - 1]} ${year}`;
}
