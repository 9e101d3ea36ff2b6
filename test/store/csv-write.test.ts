// The hand-written CSV writer (src/store/csv-write.ts) writes what csv-stringify writes, byte for byte,
// for any values: quoting, doubled quotes, line breaks, formula defusing.
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { csvText } from '../../src/store/csv-write.ts';

const libraryText = (header: string[], rows: string[][], escapeFormulas: boolean) =>
  stringify([header, ...rows], { record_delimiter: 'unix', escape_formulas: escapeFormulas });

// Short strings over the characters that matter to a CSV writer, plus ordinary text.
const cell = fc.string({ unit: fc.constantFrom('a', 'Z', 'é', ' ', ',', '"', '\n', '\r', '\t', '=', '+', '-', '@', "'", ';', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20', '0', '.'), maxLength: 6 });

describe('csvText', () => {
  it('matches csv-stringify for any cells, with and without formula defusing', () => {
    fc.assert(fc.property(fc.array(cell, { minLength: 1, maxLength: 4 }), fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 5 }), fc.boolean(), (header, rows, esc) => {
      expect(csvText(header, rows, { escapeFormulas: esc })).toBe(libraryText(header, rows, esc));
    }), { numRuns: 2000 });
  });

  it('writes null and undefined as empty cells and numbers as they print', () => {
    expect(csvText(['a', 'b', 'c'], [[null, undefined, 2.5], [-1, 0, '']])).toBe('a,b,c\n,,2.5\n-1,0,\n');
  });
});
