// Placing activities on a 3×3 tic-tac-toe board (reference/algorithms.md §5.3). The centre is given; the
// eight other squares are searched in two stages:
//   1. which standards each square covers, so that the most rows, columns and diagonals cover every
//      standard of the unit, then the most coverage over the eight lines ("where the bank allows");
//   2. with those fixed, which activity fills each square: the most lines of three different kinds, the
//      most kinds on the board, then the best-ranked activities.
// Both are depth-first branch and bound, exact within a node budget that keeps a huge bank fast.

/** The eight lines of three, squares numbered 0–8 row by row; 4 is the centre. */
export const BOARD_LINES: readonly (readonly number[])[] = [
  [0, 1, 2], [3, 4, 5], [6, 7, 8], [0, 3, 6], [1, 4, 7], [2, 5, 8], [0, 4, 8], [2, 4, 6],
];
export const CENTRE = 4;
// Squares filled in this order so that lines complete early and the bounds bite.
const ORDER = [0, 1, 2, 3, 5, 6, 7, 8];

export interface PlacementItem {
  /** Bit i set when the item covers the unit's i-th standard. */
  mask: number;
  kind: string;
  /** Must be placed (the caller's accommodations rule: these come before items lacking more supports). */
  forced?: boolean;
}

export interface Placement {
  /** Index into the items for each square (9 entries; the centre, given, is -1). */
  squares: number[];
  /** Lines covering every standard, and the total coverage over the eight lines. */
  fullLines: number;
  coverage: number;
  /** Lines whose three squares are of three different kinds, and the kinds on the board. */
  kindLines: number;
  kinds: number;
  /** False when a budget ran out: the board is the best found, not proven best. */
  exact: boolean;
}

export const popcount = (x: number): number => {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n++;
  return n;
};

const better = (a: readonly number[], b: readonly number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
};

/** Coverage of a complete board given each square's mask: [lines covering all, total over lines]. */
export function boardCoverage(masks: readonly number[], standardCount: number): [number, number] {
  let full = 0;
  let cov = 0;
  for (const [a, b, c] of BOARD_LINES) {
    const n = Math.min(popcount(masks[a!]! | masks[b!]! | masks[c!]!), standardCount);
    cov += n;
    if (n === standardCount) full++;
  }
  return [full, cov];
}

interface Group { members: number[]; min: number; used: number }

function groupBy(items: readonly PlacementItem[], indices: readonly number[], key: (it: PlacementItem) => string): Group[] {
  const groups = new Map<string, Group>();
  for (const i of indices) {
    const k = key(items[i]!);
    let g = groups.get(k);
    if (!g) groups.set(k, g = { members: [], min: 0, used: 0 });
    g.members.push(i);
    if (items[i]!.forced) g.min++;
  }
  return [...groups.values()];
}

/**
 * Items come ranked best first. Equal items (same mask, or in stage 2 same kind within a mask) are taken
 * in rank order, so the search runs over kinds of square, not over permutations of equals.
 */
export function placeBoard(items: readonly PlacementItem[], centre: { mask: number; kind: string }, standardCount: number, budget = 250_000): Placement | undefined {
  if (items.length < 8 || standardCount > 30) return undefined;
  const K = standardCount;
  const all = items.map((_, i) => i);
  // ---- stage 1: masks ----
  const types = groupBy(items, all, (it) => String(it.mask)).map((g) => ({ ...g, mask: items[g.members[0]!]!.mask }))
    .sort((a, b) => popcount(b.mask) - popcount(a.mask));
  if (types.reduce((t, g) => t + g.min, 0) > 8) return undefined;
  const typeAt = new Array<number>(9).fill(-1);
  const maskAt = new Array<number>(9).fill(0);
  maskAt[CENTRE] = centre.mask;
  let exact = true;
  let nodes = 0;

  // The best coverage an open line can still reach with the types left (counts ignored: an upper bound).
  const reachMemo = new Map<string, number>();
  const reach = (m: number, open: number, avail: number[]): number => {
    if (!open || popcount(m) >= K) return Math.min(popcount(m), K);
    const key = `${m}|${open}|${avail.join(',')}`;
    let r = reachMemo.get(key);
    if (r === undefined) {
      r = 0;
      for (const t of avail) r = Math.max(r, reach(m | types[t]!.mask, open - 1, avail));
      reachMemo.set(key, r);
    }
    return r;
  };
  const bound1 = (): [number, number] => {
    const avail = types.map((t, i) => (t.used < t.members.length ? i : -1)).filter((i) => i >= 0);
    let full = 0;
    let cov = 0;
    for (const line of BOARD_LINES) {
      let m = 0;
      let open = 0;
      for (const s of line) if (s === CENTRE || typeAt[s]! >= 0) m |= maskAt[s]!; else open++;
      const r = reach(m, open, avail);
      cov += r;
      if (r === K) full++;
    }
    return [full, cov];
  };
  const unmet = (groups: readonly Group[]) => groups.reduce((t, g) => t + Math.max(0, g.min - g.used), 0);

  let best1: number[] = [-1, -1];
  let bestTypes: number[] = [];
  const perfect = [BOARD_LINES.length, BOARD_LINES.length * K];
  const stage1 = (depth: number): boolean => {
    if (++nodes > budget) { exact = false; return true; }
    const bound = bound1();
    if (!better(bound, best1)) return false;
    if (depth === ORDER.length) {
      best1 = bound;
      bestTypes = [...typeAt];
      return !better(perfect, bound);
    }
    const sq = ORDER[depth]!;
    for (let t = 0; t < types.length; t++) {
      const g = types[t]!;
      if (g.used >= g.members.length) continue;
      // Symmetry: rotate and reflect so the smallest corner type is at 0 and square 2's at most square 6's.
      if ((sq === 2 || sq === 8) && t < typeAt[0]!) continue;
      if (sq === 6 && (t < typeAt[0]! || t < typeAt[2]!)) continue;
      if (unmet(types) - (g.used < g.min ? 1 : 0) > ORDER.length - depth - 1) continue;
      g.used++;
      typeAt[sq] = t;
      maskAt[sq] = g.mask;
      const stop = stage1(depth + 1);
      typeAt[sq] = -1;
      maskAt[sq] = 0;
      g.used--;
      if (stop) return true;
    }
    return false;
  };
  stage1(0);
  if (best1[0]! < 0) return undefined;

  // ---- stage 2: activities for the chosen masks ----
  const kindIds = new Map<string, number>();
  const kindId = (k: string) => {
    if (!kindIds.has(k)) kindIds.set(k, kindIds.size);
    return kindIds.get(k)!;
  };
  kindId(centre.kind);
  const byType = types.map((t) => groupBy(items, t.members, (it) => it.kind).map((g) => ({ ...g, kind: kindId(items[g.members[0]!]!.kind) })));
  const kindAt = new Array<number>(9).fill(-1);
  kindAt[CENTRE] = kindId(centre.kind);
  const pick = new Array<number>(9).fill(-1);
  const cellsLeftOfType = (t: number, depth: number) => ORDER.slice(depth).filter((s) => bestTypes[s] === t).length;

  const bound2 = (ranks: number): number[] => {
    let lines = 0;
    for (const [a, b, c] of BOARD_LINES) {
      const ka = kindAt[a!]!;
      const kb = kindAt[b!]!;
      const kc = kindAt[c!]!;
      if ((ka < 0 || kb < 0 || ka !== kb) && (ka < 0 || kc < 0 || ka !== kc) && (kb < 0 || kc < 0 || kb !== kc)) lines++;
    }
    const have = new Set(kindAt.filter((k) => k >= 0));
    const fresh = new Set<number>();
    let open = 0;
    for (const s of ORDER) {
      if (kindAt[s]! >= 0) continue;
      open++;
      for (const g of byType[bestTypes[s]!]!) if (g.used < g.members.length && !have.has(g.kind)) fresh.add(g.kind);
    }
    return [lines, have.size + Math.min(open, fresh.size), -ranks];
  };

  let best2: number[] = [-1, -1, -Infinity];
  let bestPick: number[] = [];
  nodes = 0;
  const stage2 = (depth: number, ranks: number): boolean => {
    if (++nodes > budget) { exact = false; return true; }
    const bound = bound2(ranks);
    if (!better(bound, best2)) return false;
    if (depth === ORDER.length) {
      best2 = bound;
      bestPick = [...pick];
      return false;
    }
    const sq = ORDER[depth]!;
    const t = bestTypes[sq]!;
    const groups = byType[t]!;
    const left = cellsLeftOfType(t, depth + 1);
    for (const g of groups) {
      if (g.used >= g.members.length) continue;
      if (unmet(groups) - (g.used < g.min ? 1 : 0) > left) continue;
      const item = g.members[g.used]!;
      g.used++;
      kindAt[sq] = g.kind;
      pick[sq] = item;
      const stop = stage2(depth + 1, ranks + item);
      kindAt[sq] = -1;
      pick[sq] = -1;
      g.used--;
      if (stop) return true;
    }
    return false;
  };
  stage2(0, 0);
  if (!bestPick.length) {
    // Out of budget before a first board: the best-ranked item of each square's mask.
    const next = new Map<number, number>();
    bestPick = bestTypes.map((t, s) => {
      if (s === CENTRE) return -1;
      const k = next.get(t) ?? 0;
      next.set(t, k + 1);
      return types[t]!.members[k]!;
    });
  }
  const masks = bestPick.map((i, s) => (s === CENTRE ? centre.mask : items[i]!.mask));
  const kinds = bestPick.map((i, s) => (s === CENTRE ? centre.kind : items[i]!.kind));
  const [fullLines, coverage] = boardCoverage(masks, K);
  const kindLines = BOARD_LINES.filter((l) => new Set(l.map((s) => kinds[s])).size === 3).length;
  return { squares: bestPick.map((i, s) => (s === CENTRE ? -1 : i)), fullLines, coverage, kindLines, kinds: new Set(kinds).size, exact };
}
