// groups/<YYYY-Www>.yaml: a week's groups with a reason per student, written by `pathbook group`
// and read back for avoiding repeated pairs, `group history` and `rotation`. Teachers may edit it
// (move a student, or list members as plain ids); later weeks count pairs from what the file says.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { At } from '../domain/folder-checks.ts';
import type { Group, GroupMember, WeekGroups } from '../domain/grouping.ts';
import { GROUP_MODES } from '../domain/grouping/objective.ts';
import { TIERS } from '../domain/grouping/tiers.ts';
import { compareIds, formatScore } from '../domain/numbers.ts';
import type { Diagnostic } from '../domain/types.ts';
import { weekProblem } from '../domain/weeks.ts';
import { Fields } from './fields.ts';
import { lazySourceAt, parseYamlText, yamlText } from './yaml.ts';

export const GROUPS_DIR = 'groups';
export const ROTATIONS_DIR = 'rotations';

export const groupsFile = (week: string) => `${GROUPS_DIR}/${week}.yaml`;
/** The week a groups/ file name is for (a label still to be checked with weekProblem). */
const weekOfFile = (name: string) => /^(\d{4}-W\d{2})\.yaml$/.exec(name)?.[1];
export const groupsHandout = (week: string) => `${GROUPS_DIR}/${week}.md`;
export const rotationFile = (week: string) => `${ROTATIONS_DIR}/${week}.md`;

/** The YAML for a week's groups: fixed key order, two-decimal means, a header saying what it is. */
export function groupsYamlText(w: WeekGroups): string {
  const header = [
    `# Groups for ${w.week}, written by \`pathbook group\` (${w.mode}${w.standards.length ? ` on ${w.standards.join(', ')}` : ''}, seed ${w.seed}).`,
    '# You may move students by hand: later weeks read this file to avoid repeating pairs.',
  ].join('\n');
  const body = {
    week: w.week,
    mode: w.mode,
    standards: w.standards,
    seed: w.seed,
    size: w.size,
    absent: w.absent,
    groups: w.groups.map((g) => ({
      name: g.name,
      section: g.section,
      focus: g.focus,
      tier: g.tier,
      mean: g.mean === null ? null : Number(formatScore(g.mean)),
      members: g.members.map((m) => ({ id: m.id, reason: m.reason })),
    })),
  };
  return `${header}\n${yamlText(body)}`;
}

export function parseGroupsFile(text: string, file: string, expectedWeek?: string): { groups?: WeekGroups; diagnostics: Diagnostic[] } {
  const { yaml, diagnostics } = parseYamlText(text, file);
  if (!yaml) return { diagnostics };
  const f = new Fields(yaml, diagnostics, 'groups');
  if (!f.isMap([])) {
    f.error([], 'a groups file should be a mapping (week:, mode:, groups:)');
    return { diagnostics };
  }
  const week = f.text(['week'], { required: true });
  const problem = weekProblem(week);
  if (week && problem) f.error(['week'], `week ${JSON.stringify(week)}: ${problem}`);
  if (expectedWeek && week && week !== expectedWeek) {
    f.error(['week'], `this file is for ${expectedWeek} but says week: ${week}`, `write week: ${expectedWeek}, or rename the file`);
  }
  const groups = f.list(['groups'], 'groups').map((_, i): Group => {
    const at = ['groups', i];
    const members = f.list([...at, 'members'], 'members').map((m, j): GroupMember => {
      if (typeof m === 'string' || typeof m === 'number') return { id: f.text([...at, 'members', j], { id: true }), reason: '' };
      return { id: f.text([...at, 'members', j, 'id'], { required: true, id: true }), reason: f.text([...at, 'members', j, 'reason']) };
    });
    const mean = f.has([...at, 'mean']) ? f.number([...at, 'mean'], { fallback: 0 }) : null;
    return {
      name: f.text([...at, 'name'], { required: true, fallback: `group ${i + 1}` }),
      section: f.text([...at, 'section']),
      focus: f.text([...at, 'focus']),
      tier: f.oneOf([...at, 'tier'], TIERS, 'practice'),
      mean,
      members,
    };
  });
  const names = new Set<string>();
  const placed = new Map<string, string>();
  groups.forEach((g, i) => {
    if (names.has(g.name)) f.error(['groups', i, 'name'], `two groups are called ${JSON.stringify(g.name)}`, 'give each group its own name');
    names.add(g.name);
    g.members.forEach((m, j) => {
      const before = placed.get(m.id);
      if (before !== undefined) f.error(['groups', i, 'members', j], `${m.id} is in group ${before} and again in group ${g.name}`, 'keep each student in one group');
      placed.set(m.id, g.name);
    });
  });
  const value: WeekGroups = {
    week,
    mode: f.oneOf(['mode'], GROUP_MODES, 'readiness'),
    standards: f.texts(['standards'], { id: true }),
    seed: f.number(['seed'], { fallback: 0, min: 0, integer: true }),
    size: f.text(['size']),
    absent: f.texts(['absent'], { id: true }),
    groups,
  };
  return { groups: value, diagnostics };
}

/** Week labels with a groups file, oldest first. */
export function listGroupWeeks(root: string): string[] {
  const dir = join(root, GROUPS_DIR);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir)
    .map(weekOfFile)
    .filter((w): w is string => !!w && !weekProblem(w))
    .sort(compareIds);
}

/** One week's groups (and the file's text), or undefined when the file does not exist. */
export function readGroupWeek(root: string, week: string): { groups?: WeekGroups; diagnostics: Diagnostic[]; file: string; text: string } | undefined {
  const file = groupsFile(week);
  const p = join(root, file);
  if (!existsSync(p)) return undefined;
  const text = readFileSync(p, 'utf8').replace(/^\uFEFF/, '');
  return { ...parseGroupsFile(text, file, week), file, text };
}

/**
 * Every groups/*.yaml as `check` sees it: each week's groups with where its fields are, the problems
 * in each file, and a warning for a YAML file there that no command reads (not named for a week).
 */
export function checkedGroupFiles(root: string): { weeks: { groups: WeekGroups; at: At }[]; diagnostics: Diagnostic[] } {
  const weeks: { groups: WeekGroups; at: At }[] = [];
  const diagnostics: Diagnostic[] = [];
  const dir = join(root, GROUPS_DIR);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return { weeks, diagnostics };
  for (const f of readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n) && !n.startsWith('.')).sort(compareIds)) {
    const rel = `${GROUPS_DIR}/${f}`;
    const week = weekOfFile(f);
    if (!week || weekProblem(week)) {
      diagnostics.push({ check: 'groups', severity: 'warning', source: { file: rel, line: 1 }, message: 'pathbook reads groups/<week>.yaml files only (such as groups/2026-W48.yaml): this file is passed over', hint: 'rename it for the week it holds, or move it out of groups/' });
      continue;
    }
    const r = readGroupWeek(root, week)!;
    diagnostics.push(...r.diagnostics);
    if (r.groups) weeks.push({ groups: r.groups, at: lazySourceAt(r.text, r.file) });
  }
  return { weeks, diagnostics };
}

/** Every week's groups (skipping `except`), with any problems found in them. */
export function readGroupWeeks(root: string, except?: string): { weeks: WeekGroups[]; diagnostics: Diagnostic[] } {
  const weeks: WeekGroups[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const w of listGroupWeeks(root)) {
    if (w === except) continue;
    const r = readGroupWeek(root, w)!;
    diagnostics.push(...r.diagnostics);
    if (r.groups) weeks.push(r.groups);
  }
  return { weeks, diagnostics };
}
