// The mastery scale: levels highest first, exactly one of them the mastery level (DESIGN.md § Mastery).
import type { Diagnostic, Level, Scale, Source } from './types.ts';

export const SCALE_PRESETS: Record<string, Scale> = {
  // DESIGN.md's default: 4 Exceeds from 3.5, 3 Mastered from 3.0, 2 Approaching from 2.0, 1 Beginning from 0.
  'four-level': {
    max: 4,
    levels: [
      { level: 4, min: 3.5, label: 'Exceeds', color: '#1f6fb2', mastery: false },
      { level: 3, min: 3.0, label: 'Mastered', color: '#2e8540', mastery: true },
      { level: 2, min: 2.0, label: 'Approaching', color: '#e5a000', mastery: false },
      { level: 1, min: 0, label: 'Beginning', color: '#c0392b', mastery: false },
    ],
  },
  // Canvas's default ratings (mastery.md §1.1), for teachers moving from Canvas.
  canvas: {
    max: 4,
    levels: [
      { level: 4, min: 4, label: 'Exceeds Mastery', color: '#0374b5', mastery: false },
      { level: 3, min: 3, label: 'Mastery', color: '#0b874b', mastery: true },
      { level: 2, min: 2, label: 'Near Mastery', color: '#fab901', mastery: false },
      { level: 1, min: 1, label: 'Below Mastery', color: '#d97900', mastery: false },
      { level: 0, min: 0, label: 'No Evidence', color: '#e0061f', mastery: false },
    ],
  },
  // A simple three-step scale for younger grades.
  'three-level': {
    max: 3,
    levels: [
      { level: 3, min: 2.5, label: 'Secure', color: '#2e8540', mastery: true },
      { level: 2, min: 1.5, label: 'Developing', color: '#e5a000', mastery: false },
      { level: 1, min: 0, label: 'Emerging', color: '#c0392b', mastery: false },
    ],
  },
};

export const DEFAULT_SCALE: Scale = SCALE_PRESETS['four-level']!;

export const NOT_ASSESSED = 'Not yet assessed';
export const NOT_YET = 'Not yet';

/** The highest level whose minimum the score reaches. */
export function levelFor(score: number, scale: Scale): Level {
  for (const l of scale.levels) if (score >= l.min) return l;
  return scale.levels[scale.levels.length - 1]!;
}

export function masteryLevel(scale: Scale): Level {
  return scale.levels.find((l) => l.mastery) ?? scale.levels[0]!;
}

/** The score that counts as mastered: the mastery level's minimum. */
export function masteryPoints(scale: Scale): number {
  return masteryLevel(scale).min;
}

/** Canvas's validation (mastery.md §1.1) plus ours: one mastery level, strictly decreasing minimums. */
export function checkScale(scale: Scale, source: Source): Diagnostic[] {
  const out: Diagnostic[] = [];
  const err = (message: string, hint: string) => out.push({ check: 'scale', severity: 'error', message, hint, source });
  if (!(scale.max > 0)) err(`the scale's max must be above 0 (found ${scale.max})`, 'set scale.max, e.g. 4');
  if (scale.levels.length === 0) err('the scale has no levels', 'list the levels highest first under scale.levels');
  const masteries = scale.levels.filter((l) => l.mastery).length;
  if (masteries !== 1) {
    err(`the scale must have exactly one mastery level (found ${masteries})`, 'mark one level with `mastery: true`');
  }
  for (let i = 1; i < scale.levels.length; i++) {
    const a = scale.levels[i - 1]!;
    const b = scale.levels[i]!;
    if (!(a.min > b.min)) {
      err(`scale levels must go highest first with strictly decreasing minimums: "${a.label}" (${a.min}) then "${b.label}" (${b.min})`, 'order the levels from highest to lowest');
    }
    if (!(a.level > b.level)) {
      err(`scale level numbers must strictly decrease: "${a.label}" (${a.level}) then "${b.label}" (${b.level})`, 'number the levels from highest to lowest');
    }
  }
  const lowest = scale.levels[scale.levels.length - 1];
  if (lowest && lowest.min > 0) {
    err(`the lowest level "${lowest.label}" starts at ${lowest.min}, so a score of 0 would have no level`, 'give the lowest level `min: 0`');
  }
  for (const l of scale.levels) {
    if (l.min > scale.max) err(`level "${l.label}" starts at ${l.min}, above the scale's max ${scale.max}`, 'lower its min or raise scale.max');
  }
  return out;
}
