// Hard constraints before any search (algorithms.md §1.9): keep-together sets collapse into units
// (union-find), and what can never hold is named up front with the students involved.
import { compareIds } from '../numbers.ts';

export interface GroupingConflict {
  message: string;
  hint: string;
  students: string[];
}

/** Students who must share a group; a unit of one is a student with no keepTogether partner. */
export type Unit = string[];

class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p === x) return x;
    p = this.find(p);
    this.parent.set(x, p);
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    // The smaller id leads, so units come out the same whatever the listing order.
    if (compareIds(ra, rb) < 0) this.parent.set(rb, ra);
    else this.parent.set(ra, rb);
  }
}

/**
 * The units of present students. Each keepTogether entry is a set: its present members stay together
 * (an absent buddy releases the others only from that buddy). Units come sorted by their first id.
 */
export function buildUnits(present: readonly string[], keepTogether: readonly string[][]): Unit[] {
  const here = new Set(present);
  const uf = new UnionFind();
  for (const set of keepTogether) {
    const members = set.filter((id) => here.has(id));
    for (let i = 1; i < members.length; i++) uf.union(members[0]!, members[i]!);
  }
  const byRoot = new Map<string, string[]>();
  for (const id of present) {
    const r = uf.find(id);
    const list = byRoot.get(r);
    if (list) list.push(id);
    else byRoot.set(r, [id]);
  }
  return [...byRoot.values()].map((u) => u.sort(compareIds)).sort((a, b) => compareIds(a[0]!, b[0]!));
}

const list = (ids: readonly string[]) => ids.join(', ');

/** What the units themselves make impossible: a keep-apart pair inside one, a unit across sections or over the largest size. */
export function unitConflicts(units: readonly Unit[], keepApart: readonly string[][], sectionOf: (id: string) => string, largest: (section: string) => number | undefined): GroupingConflict[] {
  const out: GroupingConflict[] = [];
  const unitOf = new Map<string, Unit>();
  for (const u of units) for (const id of u) unitOf.set(id, u);
  const seen = new Set<string>();
  for (const pair of keepApart) {
    for (let i = 0; i < pair.length; i++) for (let j = i + 1; j < pair.length; j++) {
      const [a, b] = [pair[i]!, pair[j]!].sort(compareIds) as [string, string];
      const u = unitOf.get(a);
      if (!u || u !== unitOf.get(b)) continue;
      const key = `${a} ${b}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        message: `${a} and ${b} are in grouping.keepApart but grouping.keepTogether joins them (${list(u)})`,
        hint: 'remove the pair from keepApart or break the keepTogether chain in pathbook.yaml',
        students: [a, b],
      });
    }
  }
  for (const u of units) {
    if (u.length < 2) continue;
    const sections = [...new Set(u.map(sectionOf))].sort(compareIds);
    if (sections.length > 1) {
      out.push({
        message: `grouping.keepTogether joins students from different sections (${u.map((id) => `${id} ${sectionOf(id)}`).join(', ')})`,
        hint: 'groups are formed within a section: keep together only students of the same section',
        students: [...u],
      });
      continue;
    }
    const max = largest(sections[0]!);
    if (max !== undefined && u.length > max) {
      out.push({
        message: `grouping.keepTogether joins ${u.length} students (${list(u)}), more than the largest group of ${max}`,
        hint: 'shorten the keepTogether chain in pathbook.yaml, or allow bigger groups with --size',
        students: [...u],
      });
    }
  }
  return out;
}
