// Choosing an activity for one student (DESIGN.md § Playlists): an activity lacking a support the
// student needs is never chosen when one that has it exists; then the wanted tier, then interests
// (a phrase of the title) and preferred ways of learning; bank order breaks every tie.
import type { Activity, Book } from './types.ts';

/** What a choice listens to from students/<id>.yaml. */
export interface Learner {
  accommodations: string[];
  interests: string[];
  preferences: string[];
}

export const NO_NEEDS: Learner = { accommodations: [], interests: [], preferences: [] };

export function learnerFor(book: Book, studentId: string): Learner {
  const p = book.profiles.find((x) => x.studentId === studentId);
  return p ? { accommodations: p.accommodations, interests: p.interests, preferences: p.preferences } : NO_NEEDS;
}

/** The supports the student needs that the activity does not list. */
export function missingSupports(a: Activity, learner: Learner): string[] {
  return learner.accommodations.filter((n) => !a.supports.includes(n));
}

// Plural-tolerant words: "Videos" and "video" match, "Minecraft" matches "minecraft".
function words(text: string): string[] {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .split(/[^a-z0-9]+/).filter(Boolean)
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

/** The first interest whose words appear together, in order, in the title ("video games" does not match "(video)"). */
export function interestIn(title: string, interests: readonly string[]): string | undefined {
  const t = words(title);
  for (const interest of interests) {
    const w = words(interest);
    if (!w.length) continue;
    for (let i = 0; i + w.length <= t.length; i++) {
      if (w.every((x, k) => t[i + k] === x)) return interest;
    }
  }
  return undefined;
}

export interface Choice {
  activity: Activity;
  /** Needed supports this activity lacks (non-empty only when no candidate has them all). */
  missing: string[];
  interest?: string;
  preferred: boolean;
  /** Index of the activity's tier in the wanted order (0 = the wanted tier). */
  tierRank: number;
}

/**
 * Ranks candidates (given in bank order) for one student, best first: fewest missing supports, then
 * the earliest tier in `tiers` (when given), an interest in the title, a preferred modality, bank order.
 */
export function rankActivities(candidates: readonly Activity[], learner: Learner, tiers?: readonly string[]): Choice[] {
  const scored = candidates.map((activity, index) => ({
    index,
    choice: {
      activity,
      missing: missingSupports(activity, learner),
      interest: interestIn(activity.title, learner.interests),
      preferred: learner.preferences.includes(activity.modality),
      tierRank: tiers ? tiers.indexOf(activity.tier) : 0,
    } satisfies Choice,
  })).filter((s) => s.choice.tierRank >= 0);
  scored.sort((a, b) =>
    a.choice.missing.length - b.choice.missing.length
    || a.choice.tierRank - b.choice.tierRank
    || Number(!!b.choice.interest) - Number(!!a.choice.interest)
    || Number(b.choice.preferred) - Number(a.choice.preferred)
    || a.index - b.index);
  return scored.map((s) => s.choice);
}

export function chooseActivity(candidates: readonly Activity[], learner: Learner, tiers?: readonly string[]): Choice | undefined {
  return rankActivities(candidates, learner, tiers)[0];
}

/** Checkpoints are the bank's quizzes; every other kind is something to learn or practise with. */
export const isCheckpoint = (a: Activity): boolean => a.kind === 'quiz';
