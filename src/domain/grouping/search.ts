// Finding good groups for one section: a constructive start per mode (algorithms.md §1.9), then a
// seeded simulated annealing over swaps and moves of units for a fixed number of iterations.
// Sizes and keep-together hold by construction (moves never break them); keep-apart is a cost no
// arrangement can pay, so once a start is fixed up it never comes back.
import { CostScratch, groupCost, type Problem } from './objective.ts';
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
  for (let g = 0; g < L.groups; g++) cost[g] = groupCost(p, buf, members(L, groupUnits[g]!, -1, -1, buf), scratch);
  return { unitGroup: Int32Array.from(start), groupUnits, size, cost };
}

/** A group's students into buf, leaving out unit `out` and adding unit `add` (-1 for none). */
function members(L: Layout, units: number[], out: number, add: number, buf: Int32Array): number {
  let n = 0;
  for (const u of units) if (u !== out) for (const s of L.units[u]!) buf[n++] = s;
  if (add >= 0) for (const s of L.units[add]!) buf[n++] = s;
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

/**
 * Simulated annealing from `start`: `runs` runs share the budget, the first cooling from a low
 * temperature (it polishes the start), the others from a high one (they explore). Returns the best
 * assignment seen, never worse than the start.
 */
export function anneal(p: Problem, L: Layout, start: Int32Array, rand: () => number, iterations: number, runs = 4): Int32Array {
  const scratch = new CostScratch(p);
  const bufA = new Int32Array(p.n);
  const bufB = new Int32Array(p.n);
  let best = Int32Array.from(start);
  let bestCost = total(makeState(p, L, start, scratch, bufA).cost);
  const U = L.units.length;
  if (L.groups < 2 || U < 2) return best;
  const perRun = Math.max(1, Math.floor(iterations / runs));
  const checkpoint = Math.max(64, U);

  for (let run = 0; run < runs; run++) {
    const st = makeState(p, L, start, scratch, bufA);
    let cur = total(st.cost);
    let nA = 0;
    let nB = 0;
    let costA = 0;
    let costB = 0;
    let g = 0;
    let h = 0;
    let u = 0;
    let v = -1;
    // Propose a random swap or move that keeps every size within bounds; false when none was found.
    const propose = (): boolean => {
      u = randomInt(rand, U);
      g = st.unitGroup[u]!;
      h = randomInt(rand, L.groups - 1);
      if (h >= g) h++;
      const su = L.units[u]!.length;
      const hu = st.groupUnits[h]!;
      if (L.min < L.max && (rand() < 0.5 || hu.length === 0)) {
        v = -1;
        if (st.size[g]! - su < L.min || st.size[h]! + su > L.max) return false;
      } else {
        if (hu.length === 0) return false;
        v = hu[randomInt(rand, hu.length)]!;
        const sv = L.units[v]!.length;
        if (st.size[g]! - su + sv < L.min || st.size[g]! - su + sv > L.max) return false;
        if (st.size[h]! - sv + su < L.min || st.size[h]! - sv + su > L.max) return false;
      }
      nA = members(L, st.groupUnits[g]!, u, v, bufA);
      nB = members(L, hu, v, u, bufB);
      costA = groupCost(p, bufA, nA, scratch);
      costB = groupCost(p, bufB, nB, scratch);
      return true;
    };
    const apply = () => {
      const gu = st.groupUnits[g]!;
      const hu = st.groupUnits[h]!;
      gu.splice(gu.indexOf(u), 1);
      hu.push(u);
      st.unitGroup[u] = h;
      st.size[g]! -= L.units[u]!.length;
      st.size[h]! += L.units[u]!.length;
      if (v >= 0) {
        hu.splice(hu.indexOf(v), 1);
        gu.push(v);
        st.unitGroup[v] = g;
        st.size[h]! -= L.units[v]!.length;
        st.size[g]! += L.units[v]!.length;
      }
      cur += costA + costB - st.cost[g]! - st.cost[h]!;
      st.cost[g] = costA;
      st.cost[h] = costB;
    };

    // The starting temperature: the typical size of a change, from a sample of proposals.
    let sample = 0;
    let count = 0;
    for (let i = 0; i < 64; i++) {
      if (!propose()) continue;
      const d = Math.abs(costA + costB - st.cost[g]! - st.cost[h]!);
      if (d > 0 && d < 1e5) { sample += d; count++; }
    }
    const t0 = (count ? sample / count : 1e-6) * (run === 0 ? 0.02 : 1);
    const tEnd = t0 * 1e-6;
    const ratio = tEnd / t0;

    for (let it = 0; it < perRun; it++) {
      const temp = t0 * ratio ** (it / perRun);
      if (propose()) {
        const delta = costA + costB - st.cost[g]! - st.cost[h]!;
        if (delta <= 0 || rand() < Math.exp(-delta / temp)) apply();
      }
      if ((it + 1) % checkpoint === 0 && cur < bestCost - 1e-12) {
        // Re-cost exactly: the running sum drifts by rounding.
        const exact = total(st.cost);
        if (exact < bestCost - 1e-12) { bestCost = exact; best = Int32Array.from(st.unitGroup); }
        cur = exact;
      }
    }
    const exact = total(st.cost);
    if (exact < bestCost - 1e-12) { bestCost = exact; best = Int32Array.from(st.unitGroup); }
  }
  return best;
}
