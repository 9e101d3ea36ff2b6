// Terminal tables through cli-table3, with its default ANSI border colours turned off (they leak into pipes).
import Table from 'cli-table3';

export interface TableOptions {
  align?: ('left' | 'right' | 'center')[];
  /** Compact: no borders, two spaces between columns (for wide heatmaps). */
  compact?: boolean;
}

/**
 * Text one column per character on screen: printable ASCII and the Latin letters up to U+02FF (no
 * control characters, combining accents, wide or emoji characters, colours or line breaks).
 */
const NARROW = /^[\x20-\x7e\xa0-\u02ff]*$/;

/**
 * A compact table of narrow text, laid out as cli-table3 lays it out (test/render/table.test.ts
 * compares the two on random cells): cli-table3 measures every cell with a Unicode width library,
 * which is most of an import report's time.
 */
function compactTable(head: readonly string[], rows: readonly (readonly string[])[], align: readonly ('left' | 'right' | 'center')[]): string {
  const all = [head, ...rows];
  const columns = Math.max(...all.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  return all.map((r) => {
    let line = '';
    for (let c = 0; c < columns; c++) {
      const cell = r[c] ?? '';
      const gap = widths[c]! - cell.length;
      const a = align[c] ?? 'left';
      if (a === 'right') line += ' '.repeat(gap) + cell;
      else if (a === 'center') line += ' '.repeat(gap - Math.ceil(gap / 2)) + cell + ' '.repeat(Math.ceil(gap / 2));
      else line += cell + ' '.repeat(gap);
      line += '  ';
    }
    return line.trimEnd();
  }).join('\n') + '\n';
}

export function renderTable(head: string[], rows: string[][], opts: TableOptions = {}): string {
  const compact = opts.compact ?? true;
  const align = opts.align ?? head.map(() => 'left' as const);
  if (compact && head.length && rows.every((r) => r.length === head.length) && [head, ...rows].every((r) => r.every((cell) => NARROW.test(cell)))) {
    return compactTable(head, rows, align);
  }
  const table = new Table({
    head,
    style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': compact ? 2 : 1 },
    colAligns: align,
    chars: compact
      ? { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '' }
      : undefined,
  });
  for (const r of rows) table.push(r);
  return table.toString().split('\n').map((l) => l.replace(/\s+$/, '')).join('\n') + '\n';
}
