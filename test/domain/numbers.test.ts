// roundHalfAway's quick path (far from a half) gives what the careful path gives, for any number.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundHalfAway } from '../../src/domain/numbers.ts';

/** The rule as DESIGN.md states it, always through the careful path. */
function reference(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  const r = Math.round(Number((Math.abs(x) * f).toPrecision(12))) / f;
  return x < 0 ? -r : r;
}

describe('roundHalfAway', () => {
  it('halves away from zero, immune to binary noise', () => {
    expect(roundHalfAway(2.345)).toBe(2.35);
    expect(roundHalfAway(-2.345)).toBe(-2.35);
    expect(roundHalfAway(2.344999999)).toBe(2.34);
    expect(roundHalfAway(1.005)).toBe(1.01);
    expect(roundHalfAway((2 / 3) * 4)).toBe(2.67);
  });

  it('equals the careful rounding for any double and digits 0–6', () => {
    fc.assert(fc.property(fc.double({ noNaN: false }), fc.integer({ min: 0, max: 6 }), (x, d) => {
      expect(Object.is(roundHalfAway(x, d), reference(x, d))).toBe(true);
    }), { numRuns: 20000 });
  });

  it('equals it next to every half and every whole number (where the quick path must not be taken)', () => {
    fc.assert(fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: -40, max: 40 }), fc.boolean(), (k, d, ulps, half) => {
      let x = (k + (half ? 0.5 : 0)) / 10 ** d;
      for (let i = 0; i < Math.abs(ulps); i++) x = ulps > 0 ? nextUp(x) : -nextUp(-x);
      expect(Object.is(roundHalfAway(x, d), reference(x, d))).toBe(true);
    }), { numRuns: 20000 });
  });
});

function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  const b = new Float64Array([x]);
  const u = new BigInt64Array(b.buffer);
  u[0] = x > 0 ? u[0]! + 1n : u[0]! - 1n;
  return b[0]!;
}
