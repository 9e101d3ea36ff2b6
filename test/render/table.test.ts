// Compact tables of narrow text are laid out by hand (src/render/table.ts): exactly as cli-table3
// lays them out, for any cells and alignments.
import Table from 'cli-table3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/render/table.ts';

/** renderTable as it was: cli-table3 for every table. */
function viaLibrary(head: string[], rows: string[][], align: ('left' | 'right' | 'center')[]): string {
  const empty = { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '' };
  const table = new Table({ head, style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 2 }, colAligns: align, chars: empty });
  for (const r of rows) table.push(r);
  return table.toString().split('\n').map((l) => l.replace(/\s+$/, '')).join('\n') + '\n';
}

const cell = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '.', '-', 'é', 'ñ', 'Ø', 'ž', 'ʼ', '\u00a0', '日', '\u0301', '😀', '\t'), maxLength: 7 });
const alignment = fc.constantFrom('left' as const, 'right' as const, 'center' as const);

describe('renderTable', () => {
  it('lays out compact tables as cli-table3 does, whatever the cells hold', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(
      fc.array(cell, { minLength: n, maxLength: n }),
      fc.array(fc.array(cell, { minLength: n, maxLength: n }), { maxLength: 6 }),
      fc.array(alignment, { minLength: n, maxLength: n }),
    )), ([head, rows, align]) => {
      expect(renderTable(head, rows, { align })).toBe(viaLibrary(head, rows, align));
    }), { numRuns: 3000 });
  });

  it('right-aligns numbers and keeps accented names one column a letter', () => {
    expect(renderTable(['name', 'score'], [['José Hernández', '3.5'], ['Zoë', '12']], { align: ['left', 'right'] }))
      .toBe('name            score\nJosé Hernández    3.5\nZoë                12\n');
  });
});
