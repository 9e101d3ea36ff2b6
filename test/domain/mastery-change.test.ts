// import writes mastery.csv from the table it also uses for its summary: the same bytes as masteryChange.
import { describe, expect, it } from 'vitest';
import { masteryTable } from '../../src/domain/mastery/table.ts';
import { loadBook } from '../../src/store/book-store.ts';
import { masteryChange, masteryChangeFrom } from '../../src/store/mastery-store.ts';
import { copyExample } from '../helpers.ts';

describe('mastery.csv from a computed table', () => {
  it('matches masteryChange on the example class', () => {
    const { book } = loadBook(copyExample());
    expect(masteryChangeFrom(masteryTable(book))).toEqual(masteryChange(book));
  });
});
