// Sorting many records by id in natural order (S2 < S10) without re-splitting the ids at every
// comparison: the same order as compareIds, with each id split once.
import { compareText } from './numbers.ts';

type Part = string | number;

function parts(id: string): { id: string; p: Part[]; raw: string[] } {
  const raw = id.match(/(\d+)|(\D+)/g) ?? [];
  return { id, raw, p: raw.map((x) => (x.charCodeAt(0) >= 48 && x.charCodeAt(0) <= 57 ? Number(x) : x)) };
}

function compareParts(a: ReturnType<typeof parts>, b: ReturnType<typeof parts>): number {
  const n = Math.min(a.p.length, b.p.length);
  for (let i = 0; i < n; i++) {
    const x = a.p[i]!;
    const y = b.p[i]!;
    if (a.raw[i] === b.raw[i]) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y || compareText(a.raw[i]!, b.raw[i]!);
    return compareText(a.raw[i]!, b.raw[i]!);
  }
  return a.p.length - b.p.length || compareText(a.id, b.id);
}

/** A new array sorted by `key` in compareIds order. */
export function sortByIds<T>(xs: readonly T[], key: (x: T) => string): T[] {
  return xs.map((x) => ({ x, k: parts(key(x)) })).sort((a, b) => compareParts(a.k, b.k)).map((d) => d.x);
}
