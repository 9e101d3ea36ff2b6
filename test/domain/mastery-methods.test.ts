// Every public vector in reference/mastery.md and algorithms.md §3.5, method by method, plus the
// rounding rule and the properties a teacher relies on (mastery.md §7: "match Canvas exactly").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundHalfAway } from '../../src/domain/numbers.ts';
import {
  applyMethod, average, bestFit, decayingAverage, highest, latest, medianMethod, mode, mostRecentN, nMastery,
  powerLaw, weightedAverage, type MethodContext,
} from '../../src/domain/mastery/methods.ts';
import { METHODS, type MethodName, type MethodSpec } from '../../src/domain/types.ts';

const r2 = (x: number | null) => (x === null ? null : roundHalfAway(x, 2));
/** The 0–4 scale with mastery at 3 (Canvas's default scale, DESIGN.md's default). */
const FOUR: MethodContext = { masteryPoints: 3, min: 0, max: 4 };
/** Canvas's help sample runs on 0–6 (its outcome's points_possible), mastery at 3 (mastery.md §1.4 A). */
const SIX: MethodContext = { masteryPoints: 3, min: 0, max: 6 };
const spec = (method: MethodName, p: Partial<MethodSpec> = {}): MethodSpec => ({ method, w: 0.65, n: 3, ...p });
const run = (scores: number[], method: MethodName, p: Partial<MethodSpec> = {}, c = FOUR) => r2(applyMethod(scores, spec(method, p), c).score);

describe('Canvas help sample 1,4,2,3,5,3,6 (mastery.md §1.4 A, 0–6 scale)', () => {
  const sample = [1, 4, 2, 3, 5, 3, 6];
  it('highest over the first 4 is 4 and latest over the first 4 is 3', () => {
    expect(run(sample.slice(0, 4), 'highest', {}, SIX)).toBe(4);
    expect(run(sample.slice(0, 4), 'latest', {}, SIX)).toBe(3);
  });
  it('average of all 7 is 24/7 = 3.43', () => {
    expect(run(sample, 'average', {}, SIX)).toBe(3.43);
  });
  it('n_mastery N = 5 keeps 4,3,5,3,6 and gives 4.20 (the UI\'s "4.2")', () => {
    expect(run(sample, 'n-mastery', { n: 5 }, SIX)).toBe(4.2);
    expect(nMastery(sample, 5, SIX).steps[0]).toContain('4, 3, 5, 3, 6 (5 of 5 needed)');
  });
  it('n_mastery N = 6 is "not yet": only 5 scores reach mastery', () => {
    expect(run(sample, 'n-mastery', { n: 6 }, SIX)).toBeNull();
  });
  it('weighted average 65 is 0.35×3 + 0.65×6 = 4.95; the sample twice gives 5.03', () => {
    expect(run(sample, 'weighted-average', {}, SIX)).toBe(4.95);
    expect(run([...sample, ...sample], 'weighted-average', {}, SIX)).toBe(5.03);
  });
  it('standard decaying average 65 is 5.10', () => {
    expect(run(sample, 'decaying-average', {}, SIX)).toBe(5.1);
    // The intermediate values mastery.md prints: 2.95 → 2.3325 → 2.766375 → 4.218231 → 3.426381.
    const steps = decayingAverage(sample, 0.65).steps.join('\n');
    for (const v of ['2.95', '2.3325', '2.7664', '4.2182', '3.4264']) expect(steps).toContain(`= ${v}`);
  });
});

describe('the series 2,1,3,4 on 0–4, mastery 3 (mastery.md §1.4 B and §3.3)', () => {
  const s = [2, 1, 3, 4];
  it.each([
    ['highest', {}, 4], ['latest', {}, 4], ['average', {}, 2.5], ['median', {}, 2.5], ['mode', {}, 4],
    ['weighted-average', {}, 3.3], ['decaying-average', {}, 3.45], ['decaying-average', { w: 0.5 }, 3.13],
    ['n-mastery', { n: 2 }, 3.5], ['n-mastery', { n: 3 }, null], ['power-law', {}, 3.08], ['best-fit', {}, 3.7],
    ['most-recent-n', { n: 3 }, 2.67],
  ] as [MethodName, Partial<MethodSpec>, number | null][])('%s %o → %s', (method, p, expected) => {
    expect(run(s, method, p)).toBe(expected);
  });
  it('decaying 65 uses the weights 0.042875, 0.079625, 0.2275, 0.65', () => {
    const w = [0.35 ** 3, 0.65 * 0.35 ** 2, 0.65 * 0.35, 0.65];
    expect(w.map((x) => roundHalfAway(x, 6))).toEqual([0.042875, 0.079625, 0.2275, 0.65]);
    expect(decayingAverage(s, 0.65).score).toBeCloseTo(w.reduce((t, x, i) => t + x * s[i]!, 0), 12);
  });
  it('power law: a = 1.4220, b = 0.5569 (the hand-worked fit)', () => {
    const r = powerLaw(s, 0.65, FOUR);
    expect(r.fallback).toBeUndefined();
    expect(r.steps[0]).toContain('a = 1.422');
    expect(r.steps[0]).toContain('b = 0.5569');
  });
  it('best fit: squared errors linear 1.80, power law 2.52, mean 5.00; linear (slope 0.8, intercept 0.5) wins', () => {
    const r = bestFit(s, FOUR);
    const [lin, pow, avg, pick] = r.steps;
    expect(lin).toMatch(/^linear \(slope 0\.8, intercept 0\.5\): squared error 1\.8,/);
    expect(pow).toMatch(/^power law .*squared error 2\.52\d*,/);
    expect(avg).toMatch(/^average .*squared error 5,/);
    expect(pick).toBe('least error: linear');
  });
  it('mode on 2,1,3,4 is a four-way tie, which goes to the most recent score', () => {
    expect(mode(s).steps[0]).toContain('ties go to the most recent');
  });
});

describe('decaying averages published by PowerSchool and Otus (algorithms.md §3.5)', () => {
  it.each([[[2, 3], 2.65], [[2, 3, 4], 3.53], [[1, 2, 3, 4], 3.48]])('%j → %s', (scores, expected) => {
    expect(run(scores, 'decaying-average')).toBe(expected);
  });
  it('the exact values are 3.5275 and 3.484625', () => {
    expect(decayingAverage([2, 3, 4], 0.65).score).toBeCloseTo(3.5275, 12);
    expect(decayingAverage([1, 2, 3, 4], 0.65).score).toBeCloseTo(3.484625, 12);
  });
});

describe('power law', () => {
  it.each([[[1, 2, 3, 4], 4.0], [[1, 3, 2, 4], 3.66], [[2, 4, 1, 3], 2.16], [[4, 3, 2, 1], 1.28]])(
    'JumpRope table (mastery.md §3.1): %j → %s, evaluated at the last attempt', (scores, expected) => {
      expect(run(scores, 'power-law')).toBe(expected);
    });
  it.each([[[3, 3, 1, 3], 1.9], [[3, 3, 1, 3, 4, 4], 3.07], [[3, 3, 3, 3], 3]])('mrmathman and sanity vectors: %j → %s', (scores, expected) => {
    expect(run(scores, 'power-law')).toBe(expected);
  });
  it('falls back to the decaying average with fewer than 3 scores, and says so', () => {
    const r = powerLaw([2, 3], 0.65, FOUR);
    expect(r.fallback).toBe('decaying-average');
    expect(r2(r.score)).toBe(2.65);
    expect(r.steps[0]).toMatch(/only 2 scores.*decaying average instead/);
  });
  it('falls back with a score of 0 (ln 0 is undefined)', () => {
    const r = powerLaw([2, 0, 3, 4], 0.65, FOUR);
    expect(r.fallback).toBe('decaying-average');
    expect(r.score).toBeCloseTo(decayingAverage([2, 0, 3, 4], 0.65).score!, 12);
    expect(r.steps[0]).toContain('a score of 0');
  });
  it('is clamped to the top of the scale (1,2,4,4 fits 4.51 at attempt 4)', () => {
    const r = powerLaw([1, 2, 4, 4], 0.65, FOUR);
    expect(r.steps[1]).toBe('a·4^b = 4.5085');
    expect(r.score).toBe(4);
    expect(r.steps.at(-1)).toBe('clamped to the scale: 4');
  });
});

describe('the other methods', () => {
  it('weighted average of one score is that score', () => {
    expect(weightedAverage([2.5], 0.65).score).toBe(2.5);
  });
  it('n-mastery counts a score exactly at mastery, even with binary noise', () => {
    // 0.3 of 0.4 points on a 4-point scale is 3 on paper and 2.9999999999999996 in binary.
    const noisy = (0.3 / 0.4) * 4;
    expect(noisy).toBeLessThan(3);
    expect(r2(nMastery([noisy, 3, 3], 3, FOUR).score)).toBe(3);
  });
  it('mode: the most frequent score, ties to the most recent', () => {
    expect(mode([3, 3, 2, 2]).score).toBe(2);
    expect(mode([2, 2, 3, 3, 2]).score).toBe(2);
    expect(mode([4, 1, 1, 4]).score).toBe(4);
  });
  it('median of an even count is the mean of the middle two (Common Goal vectors)', () => {
    expect(medianMethod([4, 4, 3, 3, 3, 2, 2, 2, 1]).score).toBe(3);
    expect(medianMethod([4, 3, 3, 2, 2, 2, 1]).score).toBe(2);
    expect(medianMethod([1, 4, 2, 3]).score).toBe(2.5);
  });
  it('most-recent-n averages what there is when there are fewer than n scores', () => {
    expect(mostRecentN([2, 4], 3).score).toBe(3);
  });
  it('best fit of one score is that score; of two, the line through them (the latest)', () => {
    expect(bestFit([2], FOUR).score).toBe(2);
    expect(r2(bestFit([1, 3], FOUR).score)).toBe(3);
  });
  it('no evidence gives no score, whatever the method', () => {
    for (const m of METHODS) expect(applyMethod([], spec(m), FOUR).score).toBeNull();
  });
  it('highest/latest/average agree with their definitions', () => {
    expect(highest([1, 3.5, 2]).score).toBe(3.5);
    expect(latest([1, 3.5, 2]).score).toBe(2);
    expect(average([1, 3.5, 2]).score).toBeCloseTo(6.5 / 3, 12);
  });
});

describe('rounding: 2 decimals, halves away from zero (DESIGN.md § Mastery)', () => {
  it.each([[2.345, 2, 2.35], [2.5, 0, 3], [-2.5, 0, -3], [-2.345, 2, -2.35], [3.125, 2, 3.13], [1.005, 2, 1.01], [0.125, 2, 0.13], [2.344999, 2, 2.34]])(
    'roundHalfAway(%s, %s) = %s', (x, d, expected) => {
      expect(roundHalfAway(x, d)).toBe(expected);
    });
});

// ---- properties ----

const scoreOn = (max: number) => fc.integer({ min: 0, max: max * 4 }).map((q) => q / 4);
const series = (max = 4) => fc.array(scoreOn(max), { minLength: 1, maxLength: 12 });
const weight = fc.integer({ min: 1, max: 99 }).map((p) => p / 100);

describe('properties', () => {
  it('a new top-of-scale score never lowers the decaying average', () => {
    fc.assert(fc.property(series(), weight, (s, w) => {
      const before = decayingAverage(s, w).score!;
      const after = decayingAverage([...s, 4], w).score!;
      expect(after).toBeGreaterThanOrEqual(before - 1e-12);
    }));
  });

  it('highest is at least every other method\'s result (power law and best fit can extrapolate)', () => {
    fc.assert(fc.property(series(), weight, fc.integer({ min: 1, max: 10 }), (s, w, n) => {
      const top = highest(s).score!;
      for (const m of METHODS) {
        if (m === 'power-law' || m === 'best-fit') continue;
        const r = applyMethod(s, spec(m, { w, n }), FOUR).score;
        if (r !== null) expect(r).toBeLessThanOrEqual(top + 1e-9);
      }
    }));
  });

  it('every method stays within the scale, on 0–4 and on 0–6', () => {
    fc.assert(fc.property(fc.constantFrom(FOUR, SIX), fc.integer({ min: 1, max: 10 }), weight, (c, n, w) => {
      fc.assert(fc.property(series(c.max), (s) => {
        for (const m of METHODS) {
          const r = applyMethod(s, spec(m, { w, n }), c).score;
          if (r === null) continue;
          expect(r).toBeGreaterThanOrEqual(c.min - 1e-9);
          expect(r).toBeLessThanOrEqual(c.max + 1e-9);
        }
      }), { numRuns: 20 });
    }), { numRuns: 10 });
  });

  it('the same scores in the same order give the same result (no hidden state)', () => {
    fc.assert(fc.property(series(), fc.constantFrom(...METHODS), (s, m) => {
      expect(applyMethod(s, spec(m), FOUR)).toEqual(applyMethod([...s], spec(m), FOUR));
    }));
  });
});
