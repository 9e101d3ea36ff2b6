// Flexible groups from the gradebook (DESIGN.md § Groups and rotations): mastery on the chosen
// standards → the engine in grouping/ → named groups with a focus, a suggested activity tier and a
// reason for every member. Pure: the week, the seed and earlier weeks' pairs come in as arguments.
import { buildUnits, type GroupingConflict } from './grouping/constraints.ts';
import { partitionStudents, type EngineStats, type EngineStudent } from './grouping/engine.ts';
import { recentWeeks, type PastWeek } from './grouping/history.ts';
import type { GroupMode } from './grouping/objective.ts';
import { describeSize, type SizeRequest } from './grouping/sizes.ts';
import { TIERS, tierFor, type Tier } from './grouping/tiers.ts';
import { masteryTable, type MasteryCell, type MasteryTable } from './mastery/table.ts';
import { compareIds, compareText, formatScore, mean, median, roundHalfAway } from './numbers.ts';
import { levelFor } from './scale.ts';
import type { Book } from './types.ts';

export type { GroupingConflict } from './grouping/constraints.ts';
export type { PastWeek } from './grouping/history.ts';
export { GROUP_MODES, type GroupMode } from './grouping/objective.ts';
export type { SizeRequest } from './grouping/sizes.ts';
export { TIERS, tierFor, type Tier } from './grouping/tiers.ts';

export interface GroupRequest {
  mode: GroupMode;
  /** Standards the groups are about (readiness tiers, mixed balance); checked by the caller. */
  standards: string[];
  size: SizeRequest;
  absent: string[];
  seed: number;
  week: string;
  /** Earlier weeks' groups (groups/*.yaml); pairs from the last avoidRepeatWeeks of them are avoided. */
  past: readonly PastWeek[];
  iterations?: number;
}

export interface GroupMember {
  id: string;
  reason: string;
}

export interface Group {
  name: string;
  section: string;
  focus: string;
  tier: Tier;
  /** Members' mean score on the standards (scale points), null when none has a score. */
  mean: number | null;
  members: GroupMember[];
}

export interface StandardSummary {
  standard: string;
  present: number;
  assessed: number;
  mastered: number;
}

/** One week's groups as groups/<week>.yaml keeps them. */
export interface WeekGroups {
  week: string;
  mode: GroupMode;
  standards: string[];
  seed: number;
  size: string;
  absent: string[];
  groups: Group[];
}

export interface GroupPlan extends WeekGroups {
  stats: EngineStats;
  summary: StandardSummary[];
}

export type GroupOutcome = { ok: true; plan: GroupPlan } | { ok: false; conflicts: GroupingConflict[] };

/** "A" … "Z", "AA", "AB" … */
export function groupName(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    n--;
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26);
  }
  return s;
}

const normInterest = (v: string) => v.trim().toLowerCase();

function cellReason(std: string, c: MasteryCell | undefined): string {
  if (!c || c.score === null) return `${std} ${c?.label ?? 'Not yet assessed'}`;
  return `${std} ${c.label} (${formatScore(c.score)})`;
}

export function formGroups(book: Book, req: GroupRequest, table: MasteryTable = masteryTable(book)): GroupOutcome {
  const scale = book.settings.scale;
  const absent = new Set(req.absent);
  const present = table.students.filter((s) => !absent.has(s.id));
  const cell = (id: string, std: string) => table.cells.get(id)?.get(std);
  const score = (id: string, std: string) => cell(id, std)?.score ?? null;

  // Missing scores take the class median of the present students, so they neither pull a group down
  // nor up; the reason says so. A standard nobody present has a score on cannot make readiness groups.
  const medians = req.standards.map((std) => {
    const xs = present.map((s) => score(s.id, std)).filter((x): x is number => x !== null);
    return xs.length ? median(xs) : null;
  });
  if (req.mode === 'readiness') {
    const empty = req.standards.filter((_, d) => medians[d] === null);
    if (empty.length) {
      return { ok: false, conflicts: [{
        message: `no present student has a score on ${empty.join(', ')}, so there is nothing to group by`,
        hint: 'choose a standard with evidence (see `pathbook mastery`), or use --mode mixed or interest',
        students: [],
      }] };
    }
  }
  const levelsLowFirst = [...scale.levels].reverse();
  const ownMean = (id: string): number | null => {
    const xs = req.standards.map((std) => score(id, std)).filter((x): x is number => x !== null);
    return xs.length ? mean(xs) : null;
  };
  const profiles = new Map(book.profiles.map((p) => [p.studentId, p]));
  const students: EngineStudent[] = present.map((s) => {
    const filled = req.standards.map((std, d) => score(s.id, std) ?? medians[d] ?? scale.max / 2);
    const m = ownMean(s.id) ?? (filled.length ? mean(filled) : 0);
    return {
      id: s.id,
      section: s.section,
      scores: filled.map((x) => x / scale.max),
      band: levelsLowFirst.indexOf(levelFor(m, scale)),
      interests: [...new Set((profiles.get(s.id)?.interests ?? []).map(normInterest).filter(Boolean))].sort(),
    };
  });

  const { keepApart, keepTogether, avoidRepeatWeeks } = book.settings.grouping;
  const result = partitionStudents({
    mode: req.mode, students, bands: scale.levels.length, size: req.size, keepApart, keepTogether,
    // The weeks inside avoidRepeatWeeks: their pairs are avoided, and as many weeks are planned ahead.
    avoidWeeks: avoidRepeatWeeks, recent: recentWeeks(req.past, req.week, avoidRepeatWeeks), seed: req.seed, iterations: req.iterations,
  });
  if (!result.ok) return result;

  const byId = new Map(students.map((s) => [s.id, s]));
  const partners = new Map<string, string[]>();
  for (const u of buildUnits(present.map((s) => s.id), keepTogether)) for (const id of u) partners.set(id, u.filter((x) => x !== id));

  const groups = result.groups.map((g) => describeGroup(g.section, g.members));
  // Readiness groups in order of need; the others by their first member. Letters run on across sections.
  const tierRank = (t: Tier) => TIERS.indexOf(t);
  groups.sort((a, b) => compareIds(a.section, b.section)
    || (req.mode === 'readiness' ? tierRank(a.tier) - tierRank(b.tier) || (a.mean ?? Infinity) - (b.mean ?? Infinity) : 0)
    || (req.mode === 'interest' ? compareText(a.focus, b.focus) : 0)
    || compareIds(a.members[0]!.id, b.members[0]!.id));
  groups.forEach((g, i) => { g.name = groupName(i); });

  return {
    ok: true,
    plan: {
      week: req.week, mode: req.mode, standards: [...req.standards], seed: req.seed, size: describeSize(req.size),
      absent: [...absent].sort(compareIds), groups, stats: result.stats,
      summary: req.standards.map((std) => ({
        standard: std, present: present.length,
        assessed: present.filter((s) => score(s.id, std) !== null).length,
        mastered: present.filter((s) => cell(s.id, std)?.mastered).length,
      })),
    },
  };

  function describeGroup(section: string, ids: string[]): Group {
    const scored = ids.map(ownMean).filter((x): x is number => x !== null);
    const groupMean = scored.length ? roundHalfAway(mean(scored), 2) : null;
    let focus: string;
    let tier: Tier = groupMean === null ? 'practice' : tierFor(groupMean, scale);
    let sharedInterest: string | null = null;
    if (req.mode === 'readiness') {
      // The focus is the standard the group is weakest on.
      let weakest: { std: string; m: number } | null = null;
      for (const std of req.standards) {
        const xs = ids.map((id) => score(id, std)).filter((x): x is number => x !== null);
        if (!xs.length) continue;
        const m = roundHalfAway(mean(xs), 2);
        if (!weakest || m < weakest.m) weakest = { std, m };
      }
      focus = weakest ? `${weakest.std} ${levelFor(weakest.m, scale).label}` : `${req.standards[0]} not yet assessed`;
      tier = weakest ? tierFor(weakest.m, scale) : 'practice';
    } else if (req.mode === 'mixed') {
      const bands = ids.map((id) => byId.get(id)!.band);
      const lo = levelsLowFirst[Math.min(...bands)]!.label;
      const hi = levelsLowFirst[Math.max(...bands)]!.label;
      focus = lo === hi ? `mixed: all ${lo}` : `mixed: ${lo} to ${hi}`;
      tier = 'practice';
    } else {
      const counts = new Map<string, number>();
      for (const id of ids) for (const v of byId.get(id)!.interests) counts.set(v, (counts.get(v) ?? 0) + 1);
      const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0];
      sharedInterest = top && top[1] >= 2 ? top[0] : null;
      focus = sharedInterest ?? 'mixed interests';
    }
    const members = ids.map((id): GroupMember => {
      const parts: string[] = [];
      if (req.mode === 'interest') {
        const mine = byId.get(id)!.interests;
        if (!mine.length) parts.push('no interests recorded; placed to balance levels');
        else parts.push(`interests: ${mine.join(', ')}${sharedInterest && mine.includes(sharedInterest) ? ` (shares ${sharedInterest})` : ''}`);
      } else {
        const missing = req.standards.some((std) => score(id, std) === null);
        parts.push(req.standards.map((std) => cellReason(std, cell(id, std))).join('; ') + (missing ? ' (placed at the class median)' : ''));
      }
      const with_ = partners.get(id) ?? [];
      if (with_.length) parts.push(`kept with ${with_.join(', ')}`);
      return { id, reason: parts.join('; ') };
    });
    return { name: '', section, focus, tier, mean: groupMean, members };
  }
}
