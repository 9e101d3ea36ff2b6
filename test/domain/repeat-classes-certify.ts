// Finds, for each class of repeat-classes.ts, a repeat-free four-week schedule with the sizes the engine
// uses, by a long run of the conflict search, and writes the classes that have one, with it, to
// repeat-classes.json. Offline: node test/domain/repeat-classes-certify.mjs (minutes, not seconds).
import { parseSize } from '../../src/cli/commands/group.ts';
import { WeekPlanner } from '../../src/domain/grouping/planner.ts';
import { buildProblem, type EngineStudent } from '../../src/domain/grouping/engine.ts';
import { mulberry32 } from '../../src/domain/grouping/random.ts';
import { planSizes } from '../../src/domain/grouping/sizes.ts';
import { compareIds } from '../../src/domain/numbers.ts';
import { repeatClass, type RepeatClass } from './repeat-classes.ts';

export interface Certified extends RepeatClass {
  /** Four weeks of groups (all sections), no pair together twice. */
  proof: string[][][];
}

export function certify(c: RepeatClass, attempts = 6, iterations = 200000): Certified | null {
  const present = c.students.filter((s) => !c.absent.includes(s.id));
  const weeks: string[][][] = [[], [], [], []];
  for (const section of [...new Set(present.map((s) => s.section))].sort(compareIds)) {
    const students: EngineStudent[] = present.filter((s) => s.section === section).sort((a, b) => compareIds(a.id, b.id))
      .map((s) => ({ id: s.id, section, scores: [s.score / 4], band: 0, interests: [] }));
    const plan = planSizes(students.length, parseSize(c.size), false);
    if (typeof plan === 'string') return null;
    const p = buildProblem({ mode: 'mixed', students, bands: 1, size: {}, keepApart: c.keepApart, seed: 0 }, students);
    const L = { units: students.map((_, i) => [i]), groups: plan.groups, min: plan.min, max: plan.max, balanced: plan.balanced };
    let found: WeekPlanner | null = null;
    for (let a = 0; a < attempts && !found; a++) {
      const planner = new WeekPlanner(p, L, [], 3, 4, mulberry32(1000 * a + 1));
      for (let j = 0; j < 4; j++) planner.greedyWeek(j);
      if (planner.search(iterations) === 0) found = planner;
    }
    if (!found) return null;
    found.unitGroup.forEach((ug, j) => {
      const groups: string[][] = Array.from({ length: L.groups }, () => []);
      ug.forEach((g, u) => groups[g]!.push(students[u]!.id));
      weeks[j]!.push(...groups.map((g) => g.sort(compareIds)));
    });
  }
  return { ...c, proof: weeks };
}

export function certifyAll(from: number, to: number): { kept: Certified[]; dropped: string[] } {
  const kept: Certified[] = [];
  const dropped: string[] = [];
  for (let seed = from; seed <= to; seed++) {
    const c = repeatClass(seed);
    const cert = certify(c);
    if (cert) kept.push(cert);
    else dropped.push(c.name);
  }
  return { kept, dropped };
}
