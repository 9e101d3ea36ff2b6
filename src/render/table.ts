// Terminal tables through cli-table3, with its default ANSI border colours turned off (they leak into pipes).
import Table from 'cli-table3';

export interface TableOptions {
  align?: ('left' | 'right' | 'center')[];
  /** Compact: no borders, two spaces between columns (for wide heatmaps). */
  compact?: boolean;
}

export function renderTable(head: string[], rows: string[][], opts: TableOptions = {}): string {
  const compact = opts.compact ?? true;
  const table = new Table({
    head,
    style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': compact ? 2 : 1 },
    colAligns: opts.align ?? head.map(() => 'left' as const),
    // Columns are as wide as their widest cell, so nothing is ever cut. But cli-table3 cuts every cell
    // to 10 characters for a debug message as it draws it; with its default "…" the width of that
    // mark goes to string-width's emoji expression, which takes 2 ms to compile, for a table of ASCII.
    truncate: '...',
    chars: compact
      ? { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '' }
      : undefined,
  });
  for (const r of rows) table.push(r);
  return table.toString().split('\n').map((l) => l.replace(/\s+$/, '')).join('\n') + '\n';
}
