// What a student profile may hold (DESIGN.md § The gradebook folder: students/<id>.yaml).

/** Accommodation ids pathbook knows; playlists match them to activities' `supports`. Others are allowed. */
export const KNOWN_ACCOMMODATIONS = ['extended-time', 'text-to-speech', 'captions', 'read-aloud', 'reduced-items'] as const;

export const GOAL_AUTHORS = ['student', 'teacher', 'parent'] as const;
export type GoalAuthor = (typeof GOAL_AUTHORS)[number];

/** A text a person typed, as one clean line (YAML keeps it, reports print it on one line). */
export function cleanText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
