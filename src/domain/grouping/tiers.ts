// Suggested activity tiers for a group (DESIGN.md § Playlists: reteach, practice, extend).
import { masteryPoints } from '../scale.ts';
import type { Scale } from '../types.ts';

export type Tier = 'reteach' | 'practice' | 'extend';
export const TIERS: readonly Tier[] = ['reteach', 'practice', 'extend'];

/** The suggested activity tier for a score: below "approaching" reteach, below mastery practise, else extend. */
export function tierFor(score: number, scale: Scale): Tier {
  const mastery = masteryPoints(scale);
  if (score >= mastery) return 'extend';
  const below = scale.levels.filter((l) => l.min < mastery).map((l) => l.min);
  const approaching = below.length > 1 ? Math.max(...below) : Number.NEGATIVE_INFINITY;
  return score >= approaching ? 'practice' : 'reteach';
}
