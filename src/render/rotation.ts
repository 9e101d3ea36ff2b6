// The station rotation for people: a terminal table per section and rotations/<week>.md to print
// (group names and members only; no tiers or scores).
import type { WeekGroups } from '../domain/grouping.ts';
import type { Rotation, RotationRound } from '../domain/rotation.ts';
import type { Book } from '../domain/types.ts';
import { longDate, weekMonday } from '../domain/weeks.ts';
import { byName, mdText } from './groups.ts';
import type { Style } from './style.ts';
import { renderTable } from './table.ts';

export const stationTitle = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const when = (r: RotationRound) => (r.start ? `${r.start}–${r.end}` : `${r.from}–${r.to} min`);

function describe(rot: Rotation): string {
  const shared = rot.stations.filter((st) => rot.sections.some((s) => s.rounds.some((r) => r.stations.some((x) => x.station === st && x.groups.length > 1))));
  const crowd = rot.sections.some((s) => s.rounds.some((r) => r.stations.some((x) => x.groups.length > 2)));
  const names = shared.map((x) => stationTitle(x).toLowerCase());
  return `${rot.minutes} minutes a round${rot.start ? `, starting at ${rot.start}` : ''}. Every group visits every station, moving one place along each round; `
    + `the ${stationTitle(rot.teacher).toLowerCase()} station takes one group at a time.`
    + (shared.length
      ? ` There are more groups than stations, so ${crowd ? 'two or more groups' : 'two groups'} share the ${names.join(' and ')} station${names.length > 1 ? 's' : ''} (at separate tables) and each group spends two rounds there.`
      : '');
}

export function renderRotationTable(rot: Rotation, week: string, style: Style): string {
  const out = [style.c.bold(`Station rotation for ${week}`)];
  for (const s of rot.sections) {
    if (rot.sections.length > 1) out.push('', style.c.bold(`Section ${s.section}`));
    const rows = s.rounds.map((r) => [String(r.round), when(r), ...r.stations.map((x) => x.groups.join(', ') || '–')]);
    out.push(renderTable(['round', 'time', ...rot.stations.map(stationTitle)], rows).trimEnd());
    out.push(`Teacher order: ${s.order.join(', ')}`);
  }
  out.push('', describe(rot));
  return out.join('\n') + '\n';
}

export function rotationMarkdown(rot: Rotation, w: WeekGroups, book: Book): string {
  const byId = new Map(book.students.map((s) => [s.id, s]));
  const title = book.settings.className ? `${mdText(book.settings.className)}: station rotation` : 'Station rotation';
  const out = [`# ${title} for the week of ${longDate(weekMonday(w.week))}`, '', describe(rot), ''];
  for (const s of rot.sections) {
    if (rot.sections.length > 1) out.push(`## Section ${mdText(s.section)}`, '');
    out.push(`| Round | Time | ${rot.stations.map((x) => mdText(stationTitle(x))).join(' | ')} |`);
    out.push(`|---|---|${rot.stations.map(() => '---|').join('')}`);
    for (const r of s.rounds) out.push(`| ${r.round} | ${when(r)} | ${r.stations.map((x) => x.groups.map(mdText).join(', ') || '–').join(' | ')} |`);
    out.push('');
    for (const g of w.groups.filter((x) => x.section === s.section)) {
      const names = g.members.map((m) => byId.get(m.id) ?? { id: m.id, givenName: m.id, familyName: '' }).sort(byName).map((p) => mdText(`${p.givenName} ${p.familyName}`.trim()));
      out.push(`- **Group ${mdText(g.name)}**: ${names.join(', ')}`);
    }
    out.push('');
  }
  return out.join('\n').replace(/\n+$/, '\n');
}
