// Who has worked with whom, from earlier weeks' groups: the repeat penalty's input and
// `pathbook group history`.
import { compareIds } from '../numbers.ts';
import { weeksBetween } from '../weeks.ts';
import { pairKey, type RecentWeek } from './engine.ts';

export interface PastWeek {
  week: string;
  groups: { members: readonly { id: string }[] }[];
}

export interface PairCount {
  a: string;
  b: string;
  count: number;
  weeks: string[];
}

/** Times each pair shared a group in the `window` weeks before `target` (not counting `target`). */
export function pairHistory(weeks: readonly PastWeek[], target: string, window: number): Map<string, number> {
  const out = new Map<string, number>();
  if (window <= 0) return out;
  for (const w of weeks) {
    const back = weeksBetween(w.week, target);
    if (back < 1 || back > window) continue;
    for (const g of w.groups) {
      const m = g.members.map((x) => x.id);
      for (let i = 0; i < m.length; i++) for (let j = i + 1; j < m.length; j++) {
        const key = pairKey(m[i]!, m[j]!);
        out.set(key, (out.get(key) ?? 0) + 1);
      }
    }
  }
  return out;
}

/** The weeks within `window` before `target`, as groups of ids with how many weeks back each was. */
export function recentWeeks(weeks: readonly PastWeek[], target: string, window: number): RecentWeek[] {
  return weeks
    .map((w) => ({ back: weeksBetween(w.week, target), groups: w.groups.map((g) => g.members.map((m) => m.id)) }))
    .filter((w) => w.back >= 1 && w.back <= window)
    .sort((a, b) => a.back - b.back);
}

/** Every pair that has shared a group, most often first, with the weeks they did. */
export function pairCounts(weeks: readonly PastWeek[]): PairCount[] {
  const by = new Map<string, PairCount>();
  for (const w of [...weeks].sort((x, y) => compareIds(x.week, y.week))) {
    for (const g of w.groups) {
      const m = g.members.map((x) => x.id).sort(compareIds);
      for (let i = 0; i < m.length; i++) for (let j = i + 1; j < m.length; j++) {
        const key = pairKey(m[i]!, m[j]!);
        const e = by.get(key) ?? { a: m[i]!, b: m[j]!, count: 0, weeks: [] };
        e.count++;
        if (!e.weeks.includes(w.week)) e.weeks.push(w.week);
        by.set(key, e);
      }
    }
  }
  return [...by.values()].sort((x, y) => y.count - x.count || compareIds(x.a, y.a) || compareIds(x.b, y.b));
}
