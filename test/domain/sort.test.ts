// Natural order by id, split once per id: must agree with compareIds everywhere.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareIds } from '../../src/domain/numbers.ts';
import { sortByIds } from '../../src/domain/sort.ts';

describe('sortByIds', () => {
  it('puts S2 before S10 and keeps compareIds order for any ids', () => {
    expect(sortByIds(['S10', 'S2', 'S1', 'S01', 'q10', 'q2a', 'q2'], (x) => x)).toEqual(['q2', 'q2a', 'q10', 'S1', 'S01', 'S2', 'S10']
      .sort(compareIds));
    fc.assert(fc.property(fc.array(fc.stringMatching(/^[A-Za-z0-9._-]{0,8}$/)), (ids) => {
      expect(sortByIds(ids, (x) => x)).toEqual([...ids].sort(compareIds));
    }));
  });
});
