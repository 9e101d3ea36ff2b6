// Defaults for pathbook.yaml: every setting a teacher may leave out has its value here.
import { DEFAULT_SCALE } from './scale.ts';
import type { Settings } from './types.ts';

export const DEFAULT_W = 0.65;
export const DEFAULT_N = 3;
export const DEFAULT_MIN_EVIDENCE = 2;

export function defaultSettings(): Settings {
  return {
    className: 'My class',
    subject: '',
    grade: '',
    scale: structuredClone(DEFAULT_SCALE),
    mastery: { method: 'decaying-average', w: DEFAULT_W, n: DEFAULT_N, minEvidence: DEFAULT_MIN_EVIDENCE },
    decisions: { wholeClassReteach: 0.8, enrichmentMax: 0.2 },
    grouping: { keepApart: [], keepTogether: [], avoidRepeatWeeks: 0 },
    reportCard: {
      // Marzano's conversion (mastery.md §5).
      bands: [
        { mark: 'A', min: 3.0 },
        { mark: 'B', min: 2.5 },
        { mark: 'C', min: 2.0 },
        { mark: 'D', min: 1.0 },
        { mark: 'F', min: 0 },
      ],
      guards: [],
      terms: [],
    },
    language: 'en',
    git: { autoCommit: false },
    source: { file: 'pathbook.yaml', line: 1 },
  };
}
