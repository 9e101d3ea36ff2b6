// A week's groups for people: the teacher's terminal table (with reasons) and the class handout
// groups/<week>.md, which shows names and groups only — no scores, levels, tiers or accommodations.
import type { GroupPlan, WeekGroups } from '../domain/grouping.ts';
import type { PairCount } from '../domain/grouping/history.ts';
import { compareIds, compareText } from '../domain/numbers.ts';
import type { Book, Student } from '../domain/types.ts';
import { longDate, weekMonday } from '../domain/weeks.ts';
import type { Style } from './style.ts';
import { renderTable } from './table.ts';

/** Text safe inside Markdown, including table cells. */
export function mdText(s: string): string {
  return s.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
}

export function studentName(book: Book, id: string): string {
  const s = book.students.find((x) => x.id === id);
  return s ? `${s.givenName} ${s.familyName}`.trim() || id : id;
}

/** Alphabetical by given name, the way a class finds itself on a list; accents do not move a name. */
export function byName(a: Pick<Student, 'givenName' | 'familyName' | 'id'>, b: Pick<Student, 'givenName' | 'familyName' | 'id'>): number {
  const key = (s: Pick<Student, 'givenName' | 'familyName'>) => `${s.givenName} ${s.familyName}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return compareText(key(a), key(b)) || compareIds(a.id, b.id);
}

export function sectionsOf(w: Pick<WeekGroups, 'groups'>): string[] {
  return [...new Set(w.groups.map((g) => g.section))].sort(compareIds);
}

const percent = (a: number, b: number) => (b ? `${Math.round((100 * a) / b)}%` : '–');

export function renderGroupsTable(plan: GroupPlan, book: Book, style: Style, avoidWeeks: number): string {
  const multi = sectionsOf(plan).length > 1;
  const head = ['group', ...(multi ? ['section'] : []), 'tier', 'focus', 'student', 'reason'];
  const rows: string[][] = [];
  for (const g of plan.groups) {
    g.members.forEach((m, i) => {
      const first = i === 0;
      rows.push([
        first ? style.c.bold(g.name) : '', ...(multi ? [first ? g.section : ''] : []),
        first ? g.tier : '', first ? g.focus : '', `${m.id} ${studentName(book, m.id)}`, m.reason,
      ]);
    });
  }
  const sizes = plan.groups.map((g) => g.members.length);
  const placed = sizes.reduce((a, b) => a + b, 0);
  const lines = [
    style.c.bold(`Groups for ${plan.week}: ${plan.mode}${plan.standards.length ? ` on ${plan.standards.join(', ')}` : ''}, ${plan.size}, seed ${plan.seed}`),
    renderTable(head, rows).trimEnd(),
    `${placed} students in ${plan.groups.length} groups (sizes ${Math.min(...sizes)}–${Math.max(...sizes)})${plan.absent.length ? `; absent: ${plan.absent.join(', ')}` : ''}`,
    ...plan.summary.map((s) => `${s.standard}: ${s.mastered} of ${s.present} mastered (${percent(s.mastered, s.present)})${s.assessed < s.present ? `, ${s.present - s.assessed} not yet assessed` : ''}`),
    avoidWeeks > 0
      ? `Repeated pairs from the last ${avoidWeeks} week${avoidWeeks === 1 ? '' : 's'}: ${plan.stats.repeatedPairs}${plan.stats.repeatedPairs ? ` (a pair together at most ${plan.stats.maxRepeat} time${plan.stats.maxRepeat === 1 ? '' : 's'} before)` : ''}`
      : 'Repeated pairs are not avoided (set grouping.avoidRepeatWeeks in pathbook.yaml)',
  ];
  return lines.join('\n') + '\n';
}

/** The printable handout: who is in which group, and nothing else about anyone. */
export function groupsMarkdown(w: WeekGroups, book: Book): string {
  const byId = new Map(book.students.map((s) => [s.id, s]));
  const person = (id: string) => byId.get(id) ?? { id, givenName: id, familyName: '' };
  const title = book.settings.className ? `${mdText(book.settings.className)}: groups` : 'Groups';
  const out = [`# ${title} for the week of ${longDate(weekMonday(w.week))}`, ''];
  const sections = sectionsOf(w);
  for (const section of sections) {
    if (sections.length > 1) out.push(`## Section ${mdText(section)}`, '');
    for (const g of w.groups.filter((x) => x.section === section)) {
      out.push(`${sections.length > 1 ? '###' : '##'} Group ${mdText(g.name)}`, '');
      for (const m of g.members.map((x) => person(x.id)).sort(byName)) out.push(`- ${mdText(`${m.givenName} ${m.familyName}`.trim())}`);
      out.push('');
    }
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

export function renderPairTable(pairs: readonly PairCount[], book: Book, weeks: number, min = 1): string {
  if (!pairs.length) {
    if (!weeks) return 'No groups yet: make some with `pathbook group`.\n';
    return min > 1 ? `No two students have shared a group ${min} times or more.\n` : 'No two students have shared a group yet.\n';
  }
  const rows = pairs.map((p) => [`${p.a} ${studentName(book, p.a)}`, `${p.b} ${studentName(book, p.b)}`, String(p.count), p.weeks.join(', ')]);
  return renderTable(['student', 'with', 'times', 'weeks'], rows, { align: ['left', 'left', 'right', 'left'] })
    + `${pairs.length} pair${pairs.length === 1 ? '' : 's'} over ${weeks} week${weeks === 1 ? '' : 's'} of groups\n`;
}
