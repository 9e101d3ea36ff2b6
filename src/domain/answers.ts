// Scoring answer texts against an item's key, for sources that export what a student answered rather
// than the points earned (Google Forms). Matching is forgiving about what students type: spaces and
// letter case do not matter, and "8" equals "8.0". Checkbox answers are compared as sets (`keyAll`).
import type { Item } from './types.ts';

/** Trimmed, inner spaces collapsed, lower case (locale-independent), Unicode-composed. */
export function normalizeAnswer(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Two answers are the same when their normalised texts are, or when both are the same plain number. */
export function sameAnswer(a: string, b: string): boolean {
  const x = normalizeAnswer(a);
  const y = normalizeAnswer(b);
  if (x === y) return true;
  return PLAIN_NUMBER.test(x) && PLAIN_NUMBER.test(y) && Number(x) === Number(y);
}

/**
 * The options a checkbox cell holds. Forms joins them with ", ", and an option's own text may contain
 * ", " too, so the known options (the key) are taken out whole first, then the rest is split.
 */
export function splitChoices(cell: string, known: readonly string[] = []): string[] {
  let rest = `, ${cell.trim()}, `;
  const chosen: string[] = [];
  const withCommas = [...known].filter((k) => k.includes(',')).sort((a, b) => b.length - a.length);
  for (const k of withCommas) {
    const needle = `, ${k.trim()}, `;
    const at = rest.toLowerCase().indexOf(needle.toLowerCase());
    if (at >= 0) {
      chosen.push(k.trim());
      rest = rest.slice(0, at) + ', ' + rest.slice(at + needle.length);
    }
  }
  for (const part of rest.split(/,\s*/)) if (part.trim() !== '') chosen.push(part.trim());
  return chosen;
}

export type KeyedItem = Pick<Item, 'points' | 'key' | 'keyAll'>;

/** Whether an item can score answer texts at all. */
export function hasKey(item: KeyedItem): boolean {
  return !!(item.keyAll?.length || item.key?.length);
}

/** Whether the answer is right: every `keyAll` option and nothing else, or any one of `key`. */
export function isCorrect(item: KeyedItem, answer: string): boolean {
  if (item.keyAll?.length) {
    const chosen = splitChoices(answer, item.keyAll);
    const want = item.keyAll.map(normalizeAnswer);
    const got = new Set(chosen.map(normalizeAnswer));
    return got.size === new Set(want).size && want.every((w) => got.has(w));
  }
  return (item.key ?? []).some((k) => sameAnswer(k, answer));
}

/** Points earned for an answer: all of the item's points when right, 0 otherwise (a blank is 0). */
export function scoreAnswer(item: KeyedItem, answer: string): number {
  if (answer.trim() === '') return 0;
  return isCorrect(item, answer) ? item.points : 0;
}
