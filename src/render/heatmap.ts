// The class heatmap for the terminal: students as rows, standards as columns, cells by level.
import { formatScore, mean, median } from '../domain/numbers.ts';
import type { MasteryTable } from '../domain/mastery/table.ts';
import type { Book, Standard, Student } from '../domain/types.ts';
import type { Style } from './style.ts';
import { renderTable } from './table.ts';

export interface HeatmapInput {
  book: Book;
  table: MasteryTable;
  students: Student[];
  standards: Standard[];
  style: Style;
}

/** Column headers short enough for 12 standards in 80 columns: 6.RP.A.1 → RP.A1. */
export function shortCode(id: string): string {
  const m = /^(?:\d+|K|HS[A-Z]?)\.([A-Z]+)\.([A-Z])\.(\d+[a-z]?)$/.exec(id);
  return m ? `${m[1]}.${m[2]}${m[3]}` : id.length > 6 ? id.slice(0, 6) : id;
}

export function renderHeatmap({ book, table, students, standards, style }: HeatmapInput): string {
  const scale = book.settings.scale;
  const head = ['student', ...standards.map((s) => shortCode(s.id)), 'M'];
  const cell = (score: number | null, label: string, hex: string | undefined, letter: string) => {
    const text = score === null ? (label === 'Not yet' ? ' ny' : '  ·') : formatScore(score, 1).padStart(3);
    return hex && style.color ? style.swatch(hex, text) : `${text}${letter}`;
  };
  const rows = students.map((s) => {
    const row = table.cells.get(s.id)!;
    let mastered = 0;
    const cells = standards.map((std) => {
      const c = row.get(std.id)!;
      if (c.mastered) mastered++;
      const letter = c.level ? c.level.label[0]! : ' ';
      return cell(c.score, c.label, c.level?.color, style.color ? '' : letter) + (c.thin ? '*' : c.override ? '!' : ' ');
    });
    return [`${s.id} ${s.givenName.slice(0, 9)}`, ...cells, String(mastered)];
  });
  const stat = (name: string, f: (xs: number[]) => string) => [name, ...standards.map((std) => {
    const xs = students.map((s) => table.cells.get(s.id)!.get(std.id)!.score).filter((x): x is number => x !== null);
    return xs.length ? f(xs) : '';
  }), ''];
  const footer = [
    stat('mean', (xs) => formatScore(mean(xs), 1)),
    stat('median', (xs) => formatScore(median(xs), 1)),
    ...scale.levels.map((l) => [`# ${l.label}`.slice(0, 13), ...standards.map((std) =>
      String(students.filter((s) => table.cells.get(s.id)!.get(std.id)!.level?.level === l.level).length)), '']),
  ];
  const out = renderTable(head, [...rows, ...footer], { align: ['left', ...standards.map(() => 'right' as const), 'right'] });
  const legend = scale.levels.map((l) => (style.color ? style.swatch(l.color, ` ${l.label} ≥${l.min} `) : `${l.label[0]}=${l.label} ≥${l.min}`)).join(' ');
  return `${out}${legend}  ·=not assessed  *=thin evidence  !=override  M=mastered\n`;
}
