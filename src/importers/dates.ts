// Dates and timestamps as exports write them: Forms' "2026/11/20 3:05:00 PM GMT-5", a sheet's
// "8/4/2025 23:25:41", ISO "2026-09-08 14:03:21". Day-first versus month-first is never guessed:
// a column is read one way only when one of its dates proves it (a 13th month does not exist),
// otherwise --date-format must say (formats.md §2).
import { isValidDate } from '../domain/ids.ts';
import type { Diagnostic } from '../domain/types.ts';
import type { DateOrder } from './raw.ts';

export interface Stamp {
  /** The calendar day as written (the export's own time zone). */
  date: string;
  /** Seconds on one clock (UTC when the text gives its offset), for ordering. */
  seconds: number;
}

interface Parts {
  /** For a/b/y dates: the two numbers before the year, order unknown yet. */
  a: number;
  b: number;
  y: number;
  order?: DateOrder;
  h: number;
  mi: number;
  s: number;
  offsetMinutes: number;
}

const TIME = String.raw`(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(am|pm|a\.?\s?m\.?|p\.?\s?m\.?)?)?`;
const ZONE = String.raw`\s*(?:(z)|(?:gmt|utc)?\s*([+-])(\d{1,2})(?::?(\d{2}))?|gmt|utc)?\s*$`;
const YMD = new RegExp(String.raw`^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})` + TIME + ZONE, 'i');
const XYY = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})[/.-](\d{4}|\d{2})` + TIME + ZONE, 'i');

function timeParts(m: RegExpExecArray, at: number): Pick<Parts, 'h' | 'mi' | 's' | 'offsetMinutes'> | undefined {
  let h = m[at] ? Number(m[at]) : 0;
  const mi = m[at + 1] ? Number(m[at + 1]) : 0;
  const s = m[at + 2] ? Number(m[at + 2]) : 0;
  const ampm = m[at + 3]?.toLowerCase().replace(/[.\s]/g, '');
  if (ampm) {
    if (h < 1 || h > 12) return undefined;
    if (ampm === 'am' && h === 12) h = 0;
    if (ampm === 'pm' && h !== 12) h += 12;
  }
  if (h > 23 || mi > 59 || s > 60) return undefined;
  let offsetMinutes = 0;
  if (m[at + 5]) offsetMinutes = (m[at + 5] === '-' ? -1 : 1) * (Number(m[at + 6]) * 60 + (m[at + 7] ? Number(m[at + 7]) : 0));
  return { h, mi, s, offsetMinutes };
}

function parts(text: string): Parts | undefined {
  const t = text.trim();
  let m = YMD.exec(t);
  if (m) {
    const tp = timeParts(m, 4);
    return tp && { a: Number(m[2]), b: Number(m[3]), y: Number(m[1]), order: 'ymd', ...tp };
  }
  m = XYY.exec(t);
  if (m) {
    const tp = timeParts(m, 5);
    const y = m[4]!.length === 2 ? 2000 + Number(m[4]) : Number(m[4]);
    // 20.11.2026 is day-first wherever dots are used.
    return tp && { a: Number(m[1]), b: Number(m[3]), y, order: m[2] === '.' ? 'dmy' : undefined, ...tp };
  }
  return undefined;
}

function daysFromCivil(y: number, m: number, d: number): number {
  // Howard Hinnant's algorithm: days since 1970-01-01, no Date object needed.
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function toStamp(p: Parts, order: DateOrder): Stamp | undefined {
  const [mo, d] = order === 'dmy' ? [p.b, p.a] : [p.a, p.b];
  const date = `${String(p.y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (!isValidDate(date)) return undefined;
  return { date, seconds: daysFromCivil(p.y, mo, d) * 86400 + p.h * 3600 + p.mi * 60 + p.s - p.offsetMinutes * 60 };
}

export interface DateCell {
  text: string;
  line: number;
}

export interface ResolvedDates {
  stamps: (Stamp | undefined)[];
  /** How a/b/y dates were read, and why (for the notes). */
  order?: DateOrder;
  reason?: string;
  /** The dates cannot be read without --date-format. */
  problem?: Diagnostic;
  /** Cells that are not dates at all. */
  unreadable: DateCell[];
}

/** Reads a column of dates together, so one date that proves the order settles it for all. */
export function resolveDates(cells: readonly DateCell[], file: string, what: string, given?: DateOrder): ResolvedDates {
  const parsed = cells.map((c) => (c.text.trim() === '' ? undefined : parts(c.text)));
  const unreadable = cells.filter((c, i) => c.text.trim() !== '' && !parsed[i]);
  let order: DateOrder | undefined = given;
  let reason: string | undefined;
  let problem: Diagnostic | undefined;
  const open = parsed.map((p, i) => ({ p, c: cells[i]! })).filter((x) => x.p && !x.p.order);
  if (!order && open.length) {
    const dayFirst = open.find((x) => x.p!.a > 12);
    const monthFirst = open.find((x) => x.p!.b > 12);
    if (dayFirst && monthFirst) {
      problem = {
        check: 'dates', severity: 'error', source: { file, line: monthFirst.c.line },
        message: `the ${what} mix day-first and month-first dates (${JSON.stringify(dayFirst.c.text.trim())} on line ${dayFirst.c.line}, ${JSON.stringify(monthFirst.c.text.trim())} here)`,
        hint: 'say how to read them with --date-format mdy or --date-format dmy',
      };
    } else if (dayFirst) {
      order = 'dmy';
      reason = `${JSON.stringify(dayFirst.c.text.trim())} on line ${dayFirst.c.line} has no month ${dayFirst.p!.a}`;
    } else if (monthFirst) {
      order = 'mdy';
      reason = `${JSON.stringify(monthFirst.c.text.trim())} on line ${monthFirst.c.line} has no month ${monthFirst.p!.b}`;
    } else {
      const amb = open.find((x) => x.p!.a !== x.p!.b);
      if (amb) {
        problem = {
          check: 'dates', severity: 'error', source: { file, line: amb.c.line },
          message: `the date ${JSON.stringify(amb.c.text.trim())} can be read as ${amb.p!.y}-${String(amb.p!.a).padStart(2, '0')}-${String(amb.p!.b).padStart(2, '0')} or ${amb.p!.y}-${String(amb.p!.b).padStart(2, '0')}-${String(amb.p!.a).padStart(2, '0')}`,
          hint: 'say which with --date-format mdy (month first, US) or --date-format dmy (day first), or give the date with --date YYYY-MM-DD',
        };
      } else order = 'mdy'; // every date has day = month: both readings agree
    }
  }
  const stamps = parsed.map((p) => {
    if (!p) return undefined;
    const o = p.order ?? order;
    return o ? toStamp(p, o) : undefined;
  });
  parsed.forEach((p, i) => { if (p && (p.order ?? order) && !stamps[i]) unreadable.push(cells[i]!); });
  // --date-format that the file contradicts ("27/09/2026" read month first) is a mistake to show, not a date to drop.
  const against = given ? parsed.findIndex((p, i) => p && !p.order && !stamps[i]) : -1;
  if (against >= 0 && !problem) {
    const c = cells[against]!;
    problem = {
      check: 'date-format', severity: 'error', source: { file, line: c.line },
      message: `the date ${JSON.stringify(c.text.trim())} cannot be read ${given === 'dmy' ? 'day first' : given === 'mdy' ? 'month first' : 'year first'}, as --date-format ${given} says`,
      hint: `check --date-format (mdy: month first, dmy: day first), or give the date with --date YYYY-MM-DD`,
    };
  }
  // A date that is no day of the calendar ("2026-13-45") is reported, not replaced by today.
  const invalid = parsed.findIndex((p, i) => p && (p.order ?? order) && !stamps[i]);
  if (invalid >= 0 && !problem) {
    const c = cells[invalid]!;
    problem = { check: 'dates', severity: 'error', source: { file, line: c.line }, message: `${JSON.stringify(c.text.trim())} is not a date of the calendar`, hint: 'correct it in the file, or give the date with --date YYYY-MM-DD' };
  }
  return { stamps, order, reason, problem, unreadable };
}

/** The earliest day and, when they differ, the span of days. */
export function dateRange(stamps: readonly (Stamp | undefined)[]): { first: string; last: string } | undefined {
  const days = stamps.filter((s): s is Stamp => !!s).map((s) => s.date).sort();
  return days.length ? { first: days[0]!, last: days[days.length - 1]! } : undefined;
}

export function parseDateOrder(v: string): DateOrder | undefined {
  const k = v.toLowerCase().replace(/[^a-z]/g, '');
  if (k === 'mdy' || k === 'mmddyyyy' || k === 'mdyyyy' || k === 'us') return 'mdy';
  if (k === 'dmy' || k === 'ddmmyyyy' || k === 'dmyyyy' || k === 'eu') return 'dmy';
  if (k === 'ymd' || k === 'yyyymmdd' || k === 'iso') return 'ymd';
  return undefined;
}

export interface ColumnDates {
  /** The earliest day: the assessment's date. */
  date?: string;
  /** Set when the column spans several days. */
  dateSpan?: { first: string; last: string };
  dateProblem?: Diagnostic;
  stamps: (Stamp | undefined)[];
}

/** A source's date column as an assessment date, noting how an ambiguous order was settled. */
export function columnDates(cells: readonly DateCell[], file: string, given: DateOrder | undefined, notes: string[]): ColumnDates {
  const d = resolveDates(cells, file, 'dates', given);
  const range = dateRange(d.stamps);
  if (d.reason) notes.push(`read the dates ${d.order === 'dmy' ? 'day first' : 'month first'}: ${d.reason}`);
  return {
    ...(range ? { date: range.first } : {}),
    ...(range && range.first !== range.last ? { dateSpan: range } : {}),
    ...(d.problem ? { dateProblem: d.problem } : {}),
    stamps: d.stamps,
  };
}
