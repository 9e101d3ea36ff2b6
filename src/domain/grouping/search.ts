// Finding good groups for one section: a constructive start per mode (algorithms.md §1.9), then a
// seeded simulated annealing over swaps and moves of units for a fixed number of iterations.
// Sizes and keep-together hold by construction (moves never break them); keep-apart is a cost no
// arrangement can pay, so once a start is fixed up it never comes back.
import { APART_COST, CostScratch, groupCost, type Problem } from './objective.ts';
import { randomInt } from './random.ts';

export interface Layout {
  /** Student indices of each unit (keep-together sets; most are single students). */
  units: number[][];
  groups: number;
  min: number;
  max: number;
  /** Balanced sizes, largest first: the capacities a start fills. */
  balanced: number[];
}

/** The 1-D key a start sorts by: a unit's mean score over every dimension. */
function unitKeys(p: Problem, units: number[][]): number[] {
  return units.map((u) => {
    let t = 0;
    for (const i of u) for (let d = 0; d < p.dims; d++) t += p.scores[i * p.dims + d]!;
    return p.dims ? t / (u.length * p.dims) : 0;
  });
}

function byKey(keys: number[], dir: 1 | -1): number[] {
  // Stable on the unit order (sorted by first id), so ties break by id.
  return keys.map((_, i) => i).sort((a, b) => dir * (keys[a]! - keys[b]!) || a - b);
}

/**
 * Readiness start (algorithms.md §1.8): units sorted by score, cut into contiguous groups within the
 * size bounds minimising the total within-group sum of squares, by dynamic programming. Exact for
 * one standard and no other constraints.
 */
export function readinessStart(p: Problem, L: Layout): Int32Array | null {
  const order = byKey(unitKeys(p, L.units), 1);
  const U = order.length;
  const k = L.groups;
  const pos = new Int32Array(U + 1);
  const students: number[] = [];
  for (let j = 0; j < U; j++) {
    for (const s of L.units[order[j]!]!) students.push(s);
    pos[j + 1] = students.length;
  }
  const dims = p.dims;
  const s1 = new Float64Array((students.length + 1) * dims);
  const s2 = new Float64Array((students.length + 1) * dims);
  for (let i = 0; i < students.length; i++) {
    for (let d = 0; d < dims; d++) {
      const x = p.scores[students[i]! * dims + d]!;
      s1[(i + 1) * dims + d] = s1[i * dims + d]! + x;
      s2[(i + 1) * dims + d] = s2[i * dims + d]! + x * x;
    }
  }
  const sse = (a: number, b: number) => {
    const n = b - a;
    let t = 0;
    for (let d = 0; d < dims; d++) {
      const sum = s1[b * dims + d]! - s1[a * dims + d]!;
      t += s2[b * dims + d]! - s2[a * dims + d]! - (sum * sum) / n;
    }
    return t;
  };
  const INF = Number.POSITIVE_INFINITY;
  let prev = new Float64Array(U + 1).fill(INF);
  prev[0] = 0;
  const from: Int32Array[] = [];
  for (let g = 1; g <= k; g++) {
    const cur = new Float64Array(U + 1).fill(INF);
    const arg = new Int32Array(U + 1).fill(-1);
    for (let j = 1; j <= U; j++) {
      for (let i = j - 1; i >= 0; i--) {
        const size = pos[j]! - pos[i]!;
        if (size > L.max) break;
        if (size < L.min || prev[i] === INF) continue;
        const c = prev[i]! + sse(pos[i]!, pos[j]!);
        if (c < cur[j]! - 1e-12) { cur[j] = c; arg[j] = i; }
      }
    }
    from.push(arg);
    prev = cur;
  }
  if (prev[U] === INF) return null;
  const out = new Int32Array(L.units.length);
  let j = U;
  for (let g = k; g >= 1; g--) {
    const i = from[g - 1]![j]!;
    for (let t = i; t < j; t++) out[order[t]!] = g - 1;
    j = i;
  }
  return out;
}

/** Units in order into groups with the balanced capacities; `next(step)` says which group to try. */
function fill(L: Layout, order: number[], next: (step: number) => number): Int32Array | null {
  const room = [...L.balanced];
  const out = new Int32Array(L.units.length);
  let step = 0;
  for (const u of order) {
    const size = L.units[u]!.length;
    let placed = false;
    for (let tries = 0; tries < 2 * L.groups + 2 && !placed; tries++) {
      const g = next(step++);
      if (room[g]! >= size) {
        room[g]! -= size;
        out[u] = g;
        placed = true;
      }
    }
    if (!placed) return null;
  }
  return out;
}

/** The snake draft (A B B A A B B A …) over units from the highest score down: GroupEng's start. */
export function snakeStart(p: Problem, L: Layout): Int32Array | null {
  const k = L.groups;
  return fill(L, byKey(unitKeys(p, L.units), -1), (step) => {
    const round = Math.floor(step / k);
    const i = step % k;
    return round % 2 === 0 ? i : k - 1 - i;
  });
}

/** Interest start: units grouped by their most common interest, then by score, filled in turn. */
export function interestStart(p: Problem, L: Layout): Int32Array | null {
  const popularity = new Array<number>(p.interestCount).fill(0);
  for (const list of p.interests) for (const v of list) popularity[v]!++;
  const keys = unitKeys(p, L.units);
  const top = L.units.map((u) => {
    let best = -1;
    for (const s of u) for (const v of p.interests[s]!) {
      if (best < 0 || popularity[v]! > popularity[best]! || (popularity[v] === popularity[best] && v < best)) best = v;
    }
    return best < 0 ? Number.MAX_SAFE_INTEGER : best;
  });
  const order = L.units.map((_, i) => i).sort((a, b) => top[a]! - top[b]! || keys[a]! - keys[b]! || a - b);
  // Contiguous: one group fills before the next, so units with the same interest land together.
  const room = [...L.balanced];
  const out = new Int32Array(L.units.length);
  let g = 0;
  for (const u of order) {
    const size = L.units[u]!.length;
    let target = g;
    for (let tries = 0; tries < L.groups && room[target]! < size; tries++) target = (target + 1) % L.groups;
    if (room[target]! < size) return null;
    out[u] = target;
    room[target]! -= size;
    while (g < L.groups - 1 && room[g] === 0) g++;
  }
  return out;
}

/** When a start cannot place every unit: biggest units first, each into the group with most room. */
export function packStart(L: Layout): Int32Array | null {
  const order = L.units.map((_, i) => i).sort((a, b) => L.units[b]!.length - L.units[a]!.length || a - b);
  for (const caps of [L.balanced, L.balanced.map(() => L.max)]) {
    const room = [...caps];
    const size = new Array<number>(L.groups).fill(0);
    const out = new Int32Array(L.units.length);
    let ok = true;
    for (const u of order) {
      const n = L.units[u]!.length;
      let best = -1;
      for (let g = 0; g < L.groups; g++) if (room[g]! >= n && (best < 0 || room[g]! > room[best]!)) best = g;
      if (best < 0) { ok = false; break; }
      room[best]! -= n;
      size[best]! += n;
      out[u] = best;
    }
    if (ok && size.every((s) => s >= L.min && s <= L.max)) return out;
  }
  return null;
}

interface State {
  unitGroup: Int32Array;
  groupUnits: number[][];
  size: Int32Array;
  cost: Float64Array;
}

function makeState(p: Problem, L: Layout, start: Int32Array, scratch: CostScratch, buf: Int32Array): State {
  const groupUnits: number[][] = Array.from({ length: L.groups }, () => []);
  const size = new Int32Array(L.groups);
  start.forEach((g, u) => { groupUnits[g]!.push(u); size[g]! += L.units[u]!.length; });
  const cost = new Float64Array(L.groups);
  for (let g = 0; g < L.groups; g++) cost[g] = groupCost(p, buf, members(L, groupUnits[g]!, NONE, NONE, buf), scratch);
  return { unitGroup: Int32Array.from(start), groupUnits, size, cost };
}

const NONE: readonly number[] = [];

/** A group's students into buf, leaving out the units `out` and adding the units `add`. */
function members(L: Layout, units: readonly number[], out: readonly number[], add: readonly number[], buf: Int32Array): number {
  let n = 0;
  for (const u of units) if (!out.includes(u)) for (const s of L.units[u]!) buf[n++] = s;
  for (const a of add) for (const s of L.units[a]!) buf[n++] = s;
  return n;
}

function total(cost: Float64Array): number {
  let t = 0;
  for (const c of cost) t += c;
  return t;
}

/** The total cost of an assignment of units to groups. */
export function assignmentCost(p: Problem, L: Layout, assignment: Int32Array): number {
  const scratch = new CostScratch(p);
  const buf = new Int32Array(p.n);
  return total(makeState(p, L, assignment, scratch, buf).cost);
}

const sizeOf = (L: Layout, units: readonly number[]) => {
  let t = 0;
  for (const x of units) t += L.units[x]!.length;
  return t;
};

/** One walk through the arrangements: propose a random change, look at its cost, apply it. */
class Walker {
  readonly st: State;
  private readonly p: Problem;
  private readonly L: Layout;
  private readonly rand: () => number;
  private readonly scratch: CostScratch;
  private readonly bufA: Int32Array;
  private readonly bufB: Int32Array;
  /** The last proposal: unit us[0] goes from group g to group h, the units vs from h to g. */
  private g = 0;
  private h = 0;
  private costA = 0;
  private costB = 0;
  private readonly us: number[] = [0];
  /** Units going from h to g: none (a move), one (a swap), or several whose sizes add up to u's. */
  private readonly vs: number[] = [];

  constructor(p: Problem, L: Layout, start: Int32Array, rand: () => number, scratch: CostScratch, bufA: Int32Array, bufB: Int32Array) {
    this.p = p;
    this.L = L;
    this.rand = rand;
    this.scratch = scratch;
    this.bufA = bufA;
    this.bufB = bufB;
    this.st = makeState(p, L, start, scratch, bufA);
  }

  total(): number {
    return total(this.st.cost);
  }

  /** A random move or swap that keeps every size within bounds; false when the draw found none. */
  propose(): boolean {
    const { L, st, rand, us, vs } = this;
    const u = randomInt(rand, L.units.length);
    us[0] = u;
    const g = st.unitGroup[u]!;
    let h = randomInt(rand, L.groups - 1);
    if (h >= g) h++;
    this.g = g;
    this.h = h;
    const su = L.units[u]!.length;
    const hu = st.groupUnits[h]!;
    vs.length = 0;
    const fits = (sv: number) => st.size[g]! - su + sv >= L.min && st.size[g]! - su + sv <= L.max
      && st.size[h]! - sv + su >= L.min && st.size[h]! - sv + su <= L.max;
    if (L.min < L.max && (rand() < 0.5 || hu.length === 0)) {
      if (!fits(0)) return false;
    } else {
      if (hu.length === 0) return false;
      const first = randomInt(rand, hu.length);
      vs.push(hu[first]!);
      if (!fits(sizeOf(L, vs))) {
        // A keep-together set for single students of the same total size (when the bounds fix sizes).
        vs.length = 0;
        let left = su;
        for (let i = 0; i < hu.length && left > 0; i++) {
          const x = hu[(first + i) % hu.length]!;
          if (L.units[x]!.length <= left) { vs.push(x); left -= L.units[x]!.length; }
        }
        if (left !== 0 || !fits(su)) return false;
      }
    }
    const nA = members(L, st.groupUnits[g]!, us, vs, this.bufA);
    const nB = members(L, hu, vs, us, this.bufB);
    this.costA = groupCost(this.p, this.bufA, nA, this.scratch);
    this.costB = groupCost(this.p, this.bufB, nB, this.scratch);
    return true;
  }

  /** The change in total cost of the last proposal. */
  delta(): number {
    return this.costA + this.costB - this.st.cost[this.g]! - this.st.cost[this.h]!;
  }

  apply(): void {
    const { L, st, g, h, us, vs } = this;
    const gu = st.groupUnits[g]!;
    const hu = st.groupUnits[h]!;
    const u = us[0]!;
    gu.splice(gu.indexOf(u), 1);
    hu.push(u);
    st.unitGroup[u] = h;
    for (const v of vs) {
      hu.splice(hu.indexOf(v), 1);
      gu.push(v);
      st.unitGroup[v] = g;
    }
    const su = L.units[u]!.length;
    const sv = sizeOf(L, vs);
    st.size[g]! += sv - su;
    st.size[h]! += su - sv;
    st.cost[g] = this.costA;
    st.cost[h] = this.costB;
  }
}

/**
 * Simulated annealing from `start`: `runs` runs share the budget, the first cooling from a low
 * temperature (it polishes the start), the others from a high one (they explore). Returns the best
 * assignment seen, never worse than the start. A start that keeps a keep-apart pair together is
 * first walked, by any change that breaks no more pairs, until none is broken.
 */
export function anneal(p: Problem, L: Layout, start: Int32Array, rand: () => number, iterations: number, runs = 4): Int32Array {
  const scratch = new CostScratch(p);
  const bufA = new Int32Array(p.n);
  const bufB = new Int32Array(p.n);
  let best = Int32Array.from(start);
  const U = L.units.length;
  if (L.groups < 2 || U < 2) return best;
  let bestCost = total(makeState(p, L, start, scratch, bufA).cost);

  if (bestCost >= APART_COST / 2) {
    const w = new Walker(p, L, start, rand, scratch, bufA, bufB);
    for (let it = 0; it < 50 * U + 5000 && w.total() >= APART_COST / 2; it++) {
      if (w.propose() && Math.round(w.delta() / APART_COST) <= 0) w.apply();
    }
    best = Int32Array.from(w.st.unitGroup);
    bestCost = w.total();
  }
  const from = Int32Array.from(best);
  const perRun = Math.max(1, Math.floor(iterations / runs));
  const checkpoint = Math.max(64, U);

  for (let run = 0; run < runs; run++) {
    const w = new Walker(p, L, from, rand, scratch, bufA, bufB);
    // The starting temperature: the typical size of a change, from a sample of proposals.
    let sample = 0;
    let count = 0;
    for (let i = 0; i < 64; i++) {
      if (!w.propose()) continue;
      const d = Math.abs(w.delta());
      if (d > 0 && d < APART_COST / 2) { sample += d; count++; }
    }
    const t0 = (count ? sample / count : 1e-6) * (run === 0 ? 0.02 : 1);
    const ratio = 1e-6;

    for (let it = 0; it < perRun; it++) {
      if (w.propose()) {
        const delta = w.delta();
        if (delta <= 0 || rand() < Math.exp(-delta / (t0 * ratio ** (it / perRun)))) w.apply();
      }
      if ((it + 1) % checkpoint === 0) {
        const now = w.total();
        if (now < bestCost - 1e-12) { bestCost = now; best = Int32Array.from(w.st.unitGroup); }
      }
    }
    const now = w.total();
    if (now < bestCost - 1e-12) { bestCost = now; best = Int32Array.from(w.st.unitGroup); }
  }
  return best;
}
