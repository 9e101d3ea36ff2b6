// mastery.csv is written from the compact class table: the same bytes as the rows of masteryTable,
// the full cells every other report reads.
import { describe, expect, it } from 'vitest';
import { compareText } from '../../src/domain/numbers.ts';
import { masteryTable } from '../../src/domain/mastery/table.ts';
import { loadBook } from '../../src/store/book-store.ts';
import { masteryChange, masteryCsvText, masteryRow } from '../../src/store/mastery-store.ts';
import { copyExample } from '../helpers.ts';

describe('mastery.csv from the class table', () => {
  it('matches the rows of masteryTable on the example class', () => {
    const { book } = loadBook(copyExample());
    const rows = [...masteryTable(book).cells.values()].flatMap((row) => [...row.values()].map(masteryRow))
      .sort((a, b) => compareText(a.student_id, b.student_id) || compareText(a.standard, b.standard));
    const change = masteryChange(book);
    expect(change.path).toBe('mastery.csv');
    expect(Buffer.from(change.content as Uint8Array).toString('utf8')).toBe(masteryCsvText(rows));
  });
});
