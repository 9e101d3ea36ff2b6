// Several weeks of groups searched together for the fewest repeated pairs (the Social Golfer Problem,
// algorithms.md §1.5). A tabu search on conflicts after Dotú & Van Hentenryck ("Scheduling social golfers
// locally", CPAIOR 2005): take a unit that shares a group with an old partner, make the best move or swap
// of it within that week, forbid undoing it for a few steps, and kick the best plan when stuck. What each
// unit would pay in each group is kept up to date as units move, so weighing a move is a lookup.
import type { Problem } from './objective.ts';
import { randomInt } from './random.ts';
import type { Layout } from './search.ts';

/** One earlier week: each present student's group (-1 when not there), and how many weeks back. */
export interface PastRow {
  back: number;
  group: Int32Array;
}

/** A keep-apart pair in one group: never the better choice. */
const APART = 1e6;
/** Up to this many students, the fixed part of every pair's cost is kept in a table. */
const DENSE = 300;
/**
 * Each step weighs every move of this many conflicting units (drawn at random) and makes the best; a
 * move is tabu for 0–2 steps. Tuned on the tightest test classes (14 in 4-4-3-3, 24 in 5-5-5-5-4, with
 * keep-apart pairs; four weeks from nothing): one unit a step, tabu for 2–9 steps, found 13 of 30
 * schedules in 20,000 steps; four units, tabu for 0–2, found 60 of 60 in 5,000. 25 students in fives
 * for five weeks went from 1 of 10 to 10 of 10 (100,000 steps).
 */
const SAMPLE = 4;
const TENURE = 3;

interface Link {
  /** The other planned week, and what a pair together in both costs. */
  week: number;
  weight: number;
}

/**
 * Weeks 0…W−1 planned together: week 0 is this week, week j is j weeks later. In week j a pair costs, for
 * each earlier week inside week j's window and each other planned week that also puts it together, the
 * weight of the later of the two weeks (nearer weeks weigh more, so when the whole horizon cannot be
 * repeat-free the next weeks still are); week 0 pays `weighNow` × (times together)² for earlier weeks,
 * as the engine's own repeat term counts them.
 */
export class WeekPlanner {
  private readonly p: Problem;
  private readonly L: Layout;
  private readonly rand: () => number;
  readonly weeks: number;
  private readonly U: number;
  /** Per planned week: the unit's group, the group's units, the group's size, each student's group. */
  readonly unitGroup: Int32Array[];
  private readonly groupUnits: number[][][];
  private readonly size: Int32Array[];
  private readonly row: Int32Array[];
  private readonly variable: boolean[];
  /**
   * Per week, what each unit would pay with the units of each group (itself left out), at u × groups + g;
   * at its own group, what it pays now. Kept current as units move, so weighing a move is a lookup.
   */
  private readonly withGroup: Float64Array[];
  /** Per week, the other planned weeks its pairs are checked against. */
  private readonly links: Link[][];
  /** Earlier weeks that count for week j (j ≥ 1), with their weight. */
  private readonly pastFor: { rows: Int32Array[]; weight: number }[];
  /** The fixed part of pair costs (earlier weeks; week 0 unweighted), n × n per week, for small classes; null when none. */
  private readonly fixed: (Float32Array | null)[];
  private readonly tabu: Int32Array[];
  /** Each student's unit, and each earlier week's groups as students (for partner lists). */
  private readonly unitOf: Int32Array;
  private readonly pastMembers: Map<Int32Array, number[][]>;
  private readonly stamp: Int32Array;
  private readonly partnerBuf: Int32Array;
  private stampNow = 0;
  private iteration = 0;
  private weight0 = 1;
  private current = 0;

  constructor(p: Problem, L: Layout, past: readonly PastRow[], window: number, weeks: number, rand: () => number) {
    this.p = p;
    this.L = L;
    this.rand = rand;
    this.weeks = weeks;
    const U = (this.U = L.units.length);
    this.unitGroup = Array.from({ length: weeks }, () => new Int32Array(U).fill(-1));
    this.groupUnits = Array.from({ length: weeks }, () => Array.from({ length: L.groups }, () => [] as number[]));
    this.size = Array.from({ length: weeks }, () => new Int32Array(L.groups));
    this.row = Array.from({ length: weeks }, () => new Int32Array(p.n).fill(-1));
    this.variable = new Array<boolean>(weeks).fill(true);
    this.withGroup = Array.from({ length: weeks }, () => new Float64Array(U * L.groups));
    this.tabu = Array.from({ length: weeks }, () => new Int32Array(U * L.groups));
    const weight = (k: number) => weeks - k;
    this.links = Array.from({ length: weeks }, (_, j) => {
      const out: Link[] = [];
      for (let k = 0; k < weeks; k++) if (k !== j && Math.abs(k - j) <= window) out.push({ week: k, weight: weight(Math.max(j, k)) });
      return out;
    });
    this.pastFor = Array.from({ length: weeks }, (_, j) => ({
      rows: j === 0 ? [] : past.filter((r) => r.back + j <= window).map((r) => r.group),
      weight: weight(j),
    }));
    this.fixed = Array.from({ length: weeks }, (_, j) => {
      const any = j === 0 ? p.history.some((h) => h?.size) : this.pastFor[j]!.rows.length > 0;
      return any && p.n <= DENSE ? this.fixedTable(j) : null;
    });
    this.unitOf = new Int32Array(p.n).fill(-1);
    L.units.forEach((m, u) => { for (const s of m) this.unitOf[s] = u; });
    this.pastMembers = new Map(past.map((r) => {
      const members: number[][] = [];
      r.group.forEach((g, s) => { if (g >= 0) (members[g] ??= []).push(s); });
      return [r.group, members];
    }));
    this.stamp = new Int32Array(U);
    this.partnerBuf = new Int32Array(U);
  }

  /**
   * The other units that unit u can pay for sharing a group with in week j, each once, into `partnerBuf`
   * (returns how many): its partners in the other planned weeks, in earlier weeks, and in keep-apart
   * pairs. Every other unit costs nothing.
   */
  private partners(j: number, u: number): number {
    const mark = ++this.stampNow;
    const { stamp, unitOf, partnerBuf: out } = this;
    stamp[u] = mark;
    let n = 0;
    for (const { week } of this.links[j]!) {
      const g = this.unitGroup[week]![u]!;
      if (g < 0) continue;
      for (const v of this.groupUnits[week]![g]!) if (stamp[v] !== mark) { stamp[v] = mark; out[n++] = v; }
    }
    for (const x of this.L.units[u]!) {
      if (j === 0) {
        const h = this.p.history[x];
        if (h) for (const y of h.keys()) { const v = unitOf[y]!; if (v >= 0 && stamp[v] !== mark) { stamp[v] = mark; out[n++] = v; } }
      } else {
        for (const r of this.pastFor[j]!.rows) {
          const g = r[x]!;
          if (g < 0) continue;
          for (const y of this.pastMembers.get(r)![g]!) { const v = unitOf[y]!; if (v >= 0 && stamp[v] !== mark) { stamp[v] = mark; out[n++] = v; } }
        }
      }
      const ap = this.p.apart[x];
      if (ap) for (const y of ap) { const v = unitOf[y]!; if (v >= 0 && stamp[v] !== mark) { stamp[v] = mark; out[n++] = v; } }
    }
    return n;
  }

  /** How much week 0's repeats of earlier weeks weigh against one conflict in a later week (1 to start). */
  weighNow(w: number): void {
    this.weight0 = w;
    this.recount();
  }

  private fixedTable(j: number): Float32Array {
    const { n } = this.p;
    // Small whole numbers: exact in 32 bits.
    const t = new Float32Array(n * n);
    for (let x = 0; x < n; x++) for (let y = x + 1; y < n; y++) {
      const c = this.fixedCost(j, x, y);
      t[x * n + y] = c;
      t[y * n + x] = c;
    }
    return t;
  }

  private fixedCost(j: number, x: number, y: number): number {
    if (j === 0) {
      const h = this.p.history[x]?.get(y);
      return h ? h * h : 0;
    }
    const { rows, weight } = this.pastFor[j]!;
    let c = 0;
    for (const r of rows) {
      const g = r[x]!;
      if (g >= 0 && g === r[y]) c += weight;
    }
    return c;
  }

  private pairCost(j: number, x: number, y: number): number {
    const table = this.fixed[j];
    let c = table ? table[x * this.p.n + y]! : this.fixedCost(j, x, y);
    if (j === 0) c *= this.weight0;
    for (const { week, weight } of this.links[j]!) {
      const r = this.row[week]!;
      const g = r[x]!;
      if (g >= 0 && g === r[y]) c += weight;
    }
    if (this.p.apart[x]?.has(y)) c += APART;
    return c;
  }

  private unitCost(j: number, u: number, v: number): number {
    const a = this.L.units[u]!;
    const b = this.L.units[v]!;
    if (a.length === 1 && b.length === 1) return this.pairCost(j, a[0]!, b[0]!);
    let c = 0;
    for (const x of a) for (const y of b) c += this.pairCost(j, x, y);
    return c;
  }

  /** What unit u would pay in week j with the units of group g (itself left out). */
  private costWith(j: number, u: number, g: number): number {
    return this.withGroup[j]![u * this.L.groups + g]!;
  }

  /** What unit u pays in week j for the partners in its group. */
  private own(j: number, u: number): number {
    return this.withGroup[j]![u * this.L.groups + this.unitGroup[j]![u]!]!;
  }

  /** Fixes week j to an assignment of units to groups; `frozen` weeks are not searched. */
  setWeek(j: number, assignment: Int32Array, frozen = false): void {
    this.place(j, assignment);
    this.variable[j] = !frozen;
    this.recount();
  }

  private place(j: number, assignment: Int32Array): void {
    const { L } = this;
    const gu = this.groupUnits[j]!;
    for (const list of gu) list.length = 0;
    this.size[j]!.fill(0);
    this.row[j]!.fill(-1);
    assignment.forEach((g, u) => {
      this.unitGroup[j]![u] = g;
      if (g < 0) return;
      gu[g]!.push(u);
      this.size[j]![g]! += L.units[u]!.length;
      for (const s of L.units[u]!) this.row[j]![s] = g;
    });
  }

  setVariable(j: number, variable: boolean): void {
    this.variable[j] = variable;
  }

  /** Every unit's costs with every group, and the plan's total, from scratch. */
  private recount(): void {
    const { U } = this;
    const G = this.L.groups;
    let total = 0;
    for (let j = 0; j < this.weeks; j++) {
      const wg = this.withGroup[j]!;
      const ug = this.unitGroup[j]!;
      wg.fill(0);
      for (let u = 0; u < U; u++) {
        const count = this.partners(j, u);
        for (let i = 0; i < count; i++) {
          const v = this.partnerBuf[i]!;
          const gv = ug[v]!;
          if (gv < 0) continue;
          const c = this.unitCost(j, u, v);
          wg[u * G + gv]! += c;
          if (u < v && gv === ug[u]) total += c - this.shared(j, u, v) / 2;
        }
      }
    }
    this.current = total;
  }

  /** The part of unitCost(j, u, v) that comes from other planned weeks (seen from both weeks). */
  private shared(j: number, u: number, v: number): number {
    let c = 0;
    for (const { week, weight } of this.links[j]!) {
      const g = this.unitGroup[week]![u]!;
      if (g >= 0 && g === this.unitGroup[week]![v]) c += weight * this.L.units[u]!.length * this.L.units[v]!.length;
    }
    return c;
  }

  /** Unit u to group `to` in week j (from its group, or from none when −1), keeping every week's table current. */
  private relocate(j: number, u: number, to: number): void {
    const { L } = this;
    const G = L.groups;
    const ug = this.unitGroup[j]!;
    const gu = this.groupUnits[j]!;
    const wg = this.withGroup[j]!;
    const from = ug[u]!;
    const count = this.partners(j, u);
    for (let i = 0; i < count; i++) {
      const x = this.partnerBuf[i]!;
      const c = this.unitCost(j, x, u);
      if (from >= 0) wg[x * G + from]! -= c;
      wg[x * G + to]! += c;
    }
    if (from >= 0) for (const w of gu[from]!) if (w !== u) this.linked(j, u, w, -1);
    for (const w of gu[to]!) this.linked(j, u, w, 1);
    const su = L.units[u]!.length;
    if (from >= 0) {
      const list = gu[from]!;
      list.splice(list.indexOf(u), 1);
      this.size[j]![from]! -= su;
    }
    gu[to]!.push(u);
    ug[u] = to;
    this.size[j]![to]! += su;
    for (const s of L.units[u]!) this.row[j]![s] = to;
  }

  /** u and w start (+1) or stop (−1) sharing a group in week j: the weeks that check against j see it. */
  private linked(j: number, u: number, w: number, sign: number): void {
    const G = this.L.groups;
    const c = sign * this.L.units[u]!.length * this.L.units[w]!.length;
    for (const { week, weight } of this.links[j]!) {
      const ug = this.unitGroup[week]!;
      const wg = this.withGroup[week]!;
      const gu = ug[u]!;
      const gw = ug[w]!;
      if (gw >= 0) wg[u * G + gw]! += c * weight;
      if (gu >= 0) wg[w * G + gu]! += c * weight;
    }
  }

  /** Week j built greedily: each unit (largest first, then in random order) where it meets the fewest old partners. */
  greedyWeek(j: number): boolean {
    const { L, rand } = this;
    const order = L.units.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const k = randomInt(rand, i + 1);
      [order[i], order[k]] = [order[k]!, order[i]!];
    }
    order.sort((a, b) => L.units[b]!.length - L.units[a]!.length);
    this.place(j, new Int32Array(this.U).fill(-1));
    this.recount();
    const size = this.size[j]!;
    let ok = true;
    for (const u of order) {
      const n = L.units[u]!.length;
      let best = -1;
      let bestCost = Infinity;
      let ties = 0;
      for (let g = 0; g < L.groups; g++) {
        if (size[g]! + n > L.balanced[g]!) continue;
        const c = this.costWith(j, u, g);
        if (c < bestCost) { bestCost = c; best = g; ties = 1; }
        else if (c === bestCost && randomInt(rand, ++ties) === 0) best = g;
      }
      // Keep-together sets that do not pack into the balanced sizes: any size within the bounds.
      if (best < 0) for (let g = 0; g < L.groups; g++) if (size[g]! + n <= L.max && (best < 0 || size[g]! < size[best]!)) best = g;
      if (best < 0) { ok = false; break; }
      this.relocate(j, u, best);
    }
    ok &&= size.every((s) => s >= L.min && s <= L.max);
    this.variable[j] = true;
    this.recount();
    return ok;
  }

  /** Week 0's Σ (times together)² against earlier weeks, plus APART per keep-apart pair: what the engine minimises first. */
  nowCost(): number {
    let t = 0;
    for (const list of this.groupUnits[0]!) {
      for (let a = 0; a < list.length; a++) for (let b = a + 1; b < list.length; b++) {
        for (const x of this.L.units[list[a]!]!) for (const y of this.L.units[list[b]!]!) {
          const h = this.p.history[x]?.get(y);
          if (h) t += h * h;
          if (this.p.apart[x]?.has(y)) t += APART;
        }
      }
    }
    return t;
  }

  /** Pairs of each later week that met in an earlier week of its window or an earlier planned week, nearest first. */
  laterConflicts(): number[] {
    const out: number[] = [];
    for (let k = 1; k < this.weeks; k++) {
      let c = 0;
      for (const list of this.groupUnits[k]!) {
        for (let a = 0; a < list.length; a++) for (let b = a + 1; b < list.length; b++) {
          for (const x of this.L.units[list[a]!]!) for (const y of this.L.units[list[b]!]!) {
            if (this.p.apart[x]?.has(y)) c++;
            for (const r of this.pastFor[k]!.rows) if (r[x]! >= 0 && r[x] === r[y]) c++;
            for (const { week } of this.links[k]!) if (week < k && this.row[week]![x]! >= 0 && this.row[week]![x] === this.row[week]![y]) c++;
          }
        }
      }
      out.push(c);
    }
    return out;
  }

  private fits(j: number, g: number, h: number, su: number, sv: number): boolean {
    const size = this.size[j]!;
    const { min, max } = this.L;
    const a = size[g]! - su + sv;
    const b = size[h]! - sv + su;
    return a >= min && a <= max && b >= min && b <= max;
  }

  /** u to group h in week j and, when v ≥ 0, v to u's group; neither may go back for a few steps. */
  private apply(j: number, u: number, v: number, h: number): void {
    const g = this.unitGroup[j]![u]!;
    const tenure = randomInt(this.rand, TENURE);
    this.tabu[j]![u * this.L.groups + g] = this.iteration + tenure;
    this.relocate(j, u, h);
    if (v >= 0) {
      this.tabu[j]![v * this.L.groups + h] = this.iteration + tenure;
      this.relocate(j, v, g);
    }
  }

  private snapshot(): Int32Array[] {
    return this.unitGroup.map((a) => Int32Array.from(a));
  }

  private restore(s: readonly Int32Array[]): void {
    s.forEach((a, j) => this.place(j, a));
    this.recount();
  }

  /** A few random size-keeping swaps in the variable weeks that part no keep-apart pair, to leave a local minimum. */
  private kick(swaps: number): void {
    const { L, rand, U } = this;
    const vars = this.variable.map((v, j) => (v ? j : -1)).filter((j) => j >= 0);
    for (let k = 0; k < swaps * 4 && swaps > 0; k++) {
      const j = vars[randomInt(rand, vars.length)]!;
      const u = randomInt(rand, U);
      const v = randomInt(rand, U);
      const g = this.unitGroup[j]![u]!;
      const h = this.unitGroup[j]![v]!;
      if (g === h || !this.fits(j, g, h, L.units[u]!.length, L.units[v]!.length)) continue;
      const uv = this.unitCost(j, u, v);
      const delta = this.costWith(j, u, h) - uv - this.own(j, u) + this.costWith(j, v, g) - uv - this.own(j, v);
      if (delta >= APART / 2) continue;
      this.apply(j, u, v, h);
      this.current += delta;
      swaps--;
    }
  }

  /**
   * Tabu search until the plan costs at most `target` or `iterations` steps have passed; leaves the best
   * plan found in place and returns its cost.
   */
  search(iterations: number, target = 0): number {
    const { L, rand, U } = this;
    let best = this.current;
    let bestPlan = this.snapshot();
    if (best <= target || L.groups < 2) return best;
    const pool: number[] = [];
    const stall = 40 + 2 * U;
    let sinceBest = 0;
    for (let it = 0; it < iterations; it++) {
      this.iteration++;
      pool.length = 0;
      for (let j = 0; j < this.weeks; j++) {
        if (!this.variable[j]) continue;
        for (let u = 0; u < U; u++) if (this.own(j, u) > 0) pool.push(j * U + u);
      }
      if (!pool.length) break;
      let bestDelta = Infinity;
      let bestV = -2;
      let bestH = -1;
      let bestJ = -1;
      let bestU = -1;
      let ties = 0;
      for (let sample = 0; sample < SAMPLE; sample++) {
        const pick = pool[randomInt(rand, pool.length)]!;
        const j = Math.floor(pick / U);
        const u = pick % U;
        const gu = this.groupUnits[j]!;
        const tabu = this.tabu[j]!;
        const g = this.unitGroup[j]![u]!;
        const su = L.units[u]!.length;
        const own = this.own(j, u);
        for (let h = 0; h < L.groups; h++) {
          if (h === g) continue;
          const withH = this.costWith(j, u, h);
          const uTabu = tabu[u * L.groups + h]! > this.iteration;
          // o = −1: u moves to h alone (when the sizes allow); otherwise u swaps with h's o-th unit.
          for (let o = this.fits(j, g, h, su, 0) ? -1 : 0; o < gu[h]!.length; o++) {
            const v = o < 0 ? -1 : gu[h]![o]!;
            let delta: number;
            if (v < 0) delta = withH - own;
            else {
              if (!this.fits(j, g, h, su, L.units[v]!.length)) continue;
              const uv = this.unitCost(j, u, v);
              delta = withH - uv - own + this.costWith(j, v, g) - uv - this.own(j, v);
            }
            const isTabu = uTabu || (v >= 0 && tabu[v * L.groups + g]! > this.iteration);
            if (isTabu && this.current + delta >= best) continue;
            if (delta < bestDelta) { bestDelta = delta; bestJ = j; bestU = u; bestV = v; bestH = h; ties = 1; }
            else if (delta === bestDelta && randomInt(rand, ++ties) === 0) { bestJ = j; bestU = u; bestV = v; bestH = h; }
          }
        }
      }
      if (bestV === -2) continue;
      this.apply(bestJ, bestU, bestV, bestH);
      this.current += bestDelta;
      if (this.current < best) {
        best = this.current;
        bestPlan = this.snapshot();
        sinceBest = 0;
        if (best <= target) break;
      } else if (++sinceBest > stall) {
        this.restore(bestPlan);
        this.kick(1 + randomInt(rand, 3));
        sinceBest = 0;
      }
    }
    this.restore(bestPlan);
    return best;
  }
}
