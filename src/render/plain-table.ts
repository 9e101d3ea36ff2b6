// Columns lined up with two spaces, for lists that may run to thousands of rows (an import report):
// cli-table3 measures every cell with a full Unicode width library, which costs ~0.25 ms a row.
import { visibleLength } from './style.ts';

/** Width on screen: ANSI codes and combining accents take no room. */
function width(s: string): number {
  return visibleLength(s.normalize('NFC').replace(/\p{M}/gu, '').replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '_'));
}

export function alignColumns(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [head, ...rows];
  const widths = head.map((_, c) => Math.max(...all.map((r) => width(r[c] ?? ''))));
  return all.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell + ' '.repeat(widths[c]! - width(cell) + 2))).join('').trimEnd()).join('\n') + '\n';
}
