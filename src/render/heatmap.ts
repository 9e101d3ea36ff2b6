// The class heatmap for the terminal: students as rows, standards as columns grouped by unit, one
// level glyph per cell (coloured by level when colour is on). Cells show the level, never a shortened
// score: "3.0" beside "Approaching" (a 2.96) would contradict itself; exact scores are in --json,
// --csv and `pathbook explain`. 30 students × 12 standards fit 80 columns; wider views are paged by unit.
import { formatPoints, formatScore, mean, median } from '../domain/numbers.ts';
import type { MasteryCell, MasteryTable } from '../domain/mastery/table.ts';
import type { Level, Scale, Standard, Student } from '../domain/types.ts';
import { visibleLength, type Style } from './style.ts';

export interface HeatmapInput {
  scale: Scale;
  table: MasteryTable;
  students: Student[];
  standards: Standard[];
  style: Style;
  /** One line above the table, e.g. the class and the method. */
  title?: string;
  width?: number;
}

const NAME_WIDTH = 16;
const GAP = 2;
export const NOT_ASSESSED_GLYPH = '·';
export const NOT_YET_GLYPH = '-';

/** A glyph per level: the label's first letter when those are unique on the scale, else the level number. */
export function levelGlyphs(scale: Scale): Map<number, string> {
  const letters = scale.levels.map((l) => l.label.trim().charAt(0).toUpperCase());
  const unique = new Set(letters).size === letters.length && letters.every((x) => /^\p{L}$/u.test(x));
  return new Map(scale.levels.map((l, i) => [l.level, unique ? letters[i]! : String(l.level)]));
}

/** What a cell shows: level glyph, then ! for a teacher override, * for thin evidence. */
export function cellText(c: MasteryCell, glyphs: Map<number, string>): { glyph: string; flags: string } {
  const glyph = c.level ? glyphs.get(c.level.level)! : c.evidenceCount ? NOT_YET_GLYPH : NOT_ASSESSED_GLYPH;
  return { glyph, flags: (c.override ? '!' : '') + (c.thin ? '*' : '') };
}

interface Group { unit: string; prefix: string; standards: Standard[]; labels: string[] }

/** Standards in curriculum order, grouped by unit (consecutive runs), each column labelled by what follows the group's shared prefix. */
function groupColumns(standards: Standard[]): Group[] {
  const groups: Group[] = [];
  for (const s of standards) {
    const last = groups[groups.length - 1];
    if (last && last.unit === s.unit) last.standards.push(s);
    else groups.push({ unit: s.unit, prefix: '', standards: [s], labels: [] });
  }
  for (const g of groups) {
    const parts = g.standards.map((s) => s.id.split('.'));
    let k = 0;
    while (parts.every((p) => p.length > k + 1 && p[k] === parts[0]![k])) k++;
    g.prefix = k ? parts[0]!.slice(0, k).join('.') + '.' : '';
    g.labels = parts.map((p) => p.slice(k).join('.'));
  }
  return groups;
}

const padEnd = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - visibleLength(s)));
const cut = (s: string, w: number) => (s.length > w ? s.slice(0, w - 1) + '…' : s);

export function renderHeatmap(input: HeatmapInput): string {
  const { scale, table, students, style } = input;
  const width = input.width ?? 80;
  const glyphs = levelGlyphs(scale);
  let groups = groupColumns(input.standards);
  // Ids that stay long after their prefix (not CCSS-like) become numbered columns with a key below.
  const numbered = groups.some((g) => g.labels.some((l) => l.length > 5));
  const key: string[] = [];
  if (numbered) {
    let i = 0;
    groups = groups.map((g) => ({ ...g, prefix: '', labels: g.standards.map((s) => { key.push(`${++i}=${s.id}`); return String(i); }) }));
  }
  const cellOf = (s: Student, std: Standard) => table.cells.get(s.id)!.get(std.id)!;
  const colWidth = (g: Group, i: number) => Math.max(3, g.labels[i]!.length, ...stats(g.standards[i]!).map((x) => x.length)) + 1;
  const widths = new Map<Group, number>();
  const groupWidth = (g: Group) => {
    let w = widths.get(g);
    if (w === undefined) widths.set(g, (w = Math.max(g.labels.reduce((t, _, i) => t + colWidth(g, i), 0), g.unit.length + 1, g.prefix.length + 1) + GAP));
    return w;
  };

  const statsMemo = new Map<string, string[]>();
  function stats(std: Standard): string[] {
    let r = statsMemo.get(std.id);
    if (!r) {
      const xs = students.map((s) => cellOf(s, std).score).filter((x): x is number => x !== null);
      r = xs.length ? [formatScore(mean(xs), 1), formatScore(median(xs), 1)] : ['', ''];
      statsMemo.set(std.id, r);
    }
    return r;
  }

  // Page: as many whole units as fit the width; a unit wider than the page is split.
  const fixed = NAME_WIDTH + GAP + 3;
  const pages: Group[][] = [];
  let page: Group[] = [];
  let used = fixed;
  for (const g0 of groups) {
    let rest = g0;
    while (rest.standards.length) {
      let take = rest.standards.length;
      const fits = (n: number) => groupWidth({ ...rest, standards: rest.standards.slice(0, n), labels: rest.labels.slice(0, n) });
      while (take > 1 && fixed + fits(take) > width) take--;
      const part: Group = { ...rest, standards: rest.standards.slice(0, take), labels: rest.labels.slice(0, take) };
      if (page.length && used + groupWidth(part) > width) {
        pages.push(page);
        page = [];
        used = fixed;
        continue;
      }
      page.push(part);
      used += groupWidth(part);
      rest = { ...rest, standards: rest.standards.slice(take), labels: rest.labels.slice(take) };
    }
  }
  if (page.length) pages.push(page);

  const out: string[] = [];
  if (input.title) out.push(input.title, '');
  const paint = (glyph: string, level: Level | null) => {
    if (!style.color) return glyph;
    if (level) return style.swatch(level.color, glyph);
    return style.c.dim(glyph);
  };
  pages.forEach((groupsOnPage, pi) => {
    if (pi) out.push('');
    const line = (name: string, cols: (g: Group, i: number) => string, last = '') => {
      let s = padEnd(name, NAME_WIDTH + GAP);
      for (const g of groupsOnPage) {
        let gs = '';
        g.standards.forEach((_, i) => { gs += padEnd(cols(g, i), colWidth(g, i)); });
        s += padEnd(gs, groupWidth(g));
      }
      return (s + last).replace(/\s+$/, '');
    };
    // The unit name spans its group (the group is at least as wide as the name).
    let units = padEnd('', NAME_WIDTH + GAP);
    for (const g of groupsOnPage) units += padEnd(g.unit, groupWidth(g));
    out.push(units.replace(/\s+$/, ''));
    if (groupsOnPage.some((g) => g.prefix)) {
      let prefixes = padEnd('', NAME_WIDTH + GAP);
      for (const g of groupsOnPage) prefixes += padEnd(g.prefix, groupWidth(g));
      out.push(prefixes.replace(/\s+$/, ''));
    }
    out.push(line('student', (g, i) => g.labels[i]!, '✓'));
    for (const s of students) {
      const mastered = input.standards.filter((std) => cellOf(s, std).mastered).length;
      out.push(line(cut(`${s.id} ${s.givenName}`, NAME_WIDTH), (g, i) => {
        const c = cellOf(s, g.standards[i]!);
        const t = cellText(c, glyphs);
        // In colour the cell is a 3-wide block of its level's colour; without, the glyph alone.
        return style.color ? paint((t.glyph + t.flags).padEnd(3), c.level) : t.glyph + t.flags;
      }, String(mastered)));
    }
    out.push(line('class mean', (g, i) => stats(g.standards[i]!)[0]!));
    out.push(line('median', (g, i) => stats(g.standards[i]!)[1]!));
    for (const l of scale.levels) {
      out.push(line(cut(`${glyphs.get(l.level)} ${l.label}`, NAME_WIDTH), (g, i) => String(students.filter((s) => cellOf(s, g.standards[i]!).level?.level === l.level).length)));
    }
    out.push(line('no score', (g, i) => String(students.filter((s) => cellOf(s, g.standards[i]!).score === null).length)));
  });
  out.push('');
  const legend = [
    ...scale.levels.map((l) => `${paint(glyphs.get(l.level)!, l)} ${l.label} (from ${formatPoints(l.min)})`),
    `${NOT_YET_GLYPH} not yet`, `${NOT_ASSESSED_GLYPH} not assessed`, '* thin evidence', '! override', '✓ standards mastered',
  ];
  out.push(...wrapJoined(legend, '  ', width));
  if (key.length) out.push(...wrapJoined(key, '  ', width));
  return out.join('\n') + '\n';
}

/** Items joined by sep, wrapped to width. */
function wrapJoined(items: string[], sep: string, width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const it of items) {
    if (cur && visibleLength(cur) + sep.length + visibleLength(it) > width) {
      lines.push(cur);
      cur = it;
    } else cur = cur ? cur + sep + it : it;
  }
  if (cur) lines.push(cur);
  return lines;
}

/** A standard code short enough for a table cell: 6.RP.A.1 → RP.A1 (other codes cut to 6 characters). */
export function shortCode(id: string): string {
  const m = /^(?:\d+|K|HS[A-Z]?)\.([A-Z]+)\.([A-Z])\.(\d+[a-z]?)$/.exec(id);
  return m ? `${m[1]}.${m[2]}${m[3]}` : id.length > 6 ? id.slice(0, 6) : id;
}
