// A gradebook a teacher can share with a coach or a PLC (issue #8): students get consistent
// pseudonyms, and everything people wrote about a student is left out. Pure: Book in, Book out.
import { compareText } from './numbers.ts';
import type { WeekGroups } from './grouping.ts';
import type { Playlist } from './playlists.ts';
import type { Book, Profile } from './types.ts';

export interface Anonymized {
  book: Book;
  /** Original student id → pseudonym, e.g. S001 → A001 (the teacher's key; never written into the copy). */
  ids: Map<string, string>;
  /** What was taken out, in words for the summary. */
  removed: string[];
  /** Files left out because they did not parse (named so the teacher can look). */
  skipped?: string[];
}

/**
 * Pseudonyms A001, A002… in the sorted order of the ids, so mastery.csv keeps its row order. When
 * the school's ids already look like that, another letter is used, so no pseudonym is a real id.
 */
export function pseudonyms(ids: readonly string[]): Map<string, string> {
  const sorted = [...new Set(ids)].sort(compareText);
  const width = Math.max(3, String(sorted.length).length);
  const prefix = [...'APQXZ'].find((p) => !sorted.some((id) => id.length > 1 && id[0]!.toUpperCase() === p && /^\d+$/.test(id.slice(1)))) ?? 'ANON';
  return new Map(sorted.map((id, i) => [id, `${prefix}${String(i + 1).padStart(width, '0')}`]));
}

export function anonymizeBook(book: Book): Anonymized {
  const ids = pseudonyms(book.students.map((s) => s.id));
  // Evidence for an id not on the roster still must not carry the real id.
  let extra = 0;
  const map = (id: string): string => {
    const known = ids.get(id);
    if (known) return known;
    const p = `unknown-${++extra}`;
    ids.set(id, p);
    return p;
  };
  const students = book.students.map((s) => {
    const p = map(s.id);
    return { ...s, id: p, givenName: 'Student', familyName: p.replace(/^\D+/, ''), email: '' };
  });
  const assessments = book.assessments.map((a) => ({
    ...a,
    // The source file's name and hash could point back at a download with names in it.
    origin: a.origin ? { format: a.origin.format } : undefined,
    scores: a.scores.map((r) => ({ ...r, studentId: map(r.studentId) })),
  }));
  const observations = book.observations.map((o) => ({ ...o, studentId: map(o.studentId), note: '' }));
  const profiles = book.profiles.map((p): Profile => ({
    ...p,
    studentId: map(p.studentId),
    strengths: [],
    accommodations: [],
    reflections: [],
    goals: p.goals.map((g) => ({ ...g, text: `Goal ${g.id}` })),
  }));
  const settings = {
    ...book.settings,
    grouping: {
      ...book.settings.grouping,
      keepApart: book.settings.grouping.keepApart.map((pair) => pair.map(map)),
      keepTogether: book.settings.grouping.keepTogether.map((pair) => pair.map(map)),
    },
  };
  return {
    book: { ...book, settings, students, assessments, observations, profiles },
    ids,
    removed: ['names (now "Student 001"…)', 'emails', 'observation notes', 'strengths', 'reflections', 'goal texts', 'accommodations (and playlist notes that reveal them)', 'comments in YAML files', 'source file names of imports'],
  };
}

/** Ids inside generated text ("S014 and S007 need 6.RP.A.3") replaced word by word. */
export function replaceIds(text: string, ids: ReadonlyMap<string, string>): string {
  return text.replace(/[A-Za-z0-9][A-Za-z0-9._-]*/g, (w) => ids.get(w) ?? w);
}

/** A week's groups under pseudonyms; the generated reasons stay (a reason a teacher typed is checked for names on export). */
export function anonymizeGroups(w: WeekGroups, ids: ReadonlyMap<string, string>): WeekGroups {
  return {
    ...w,
    absent: w.absent.map((id) => ids.get(id) ?? id),
    groups: w.groups.map((g) => ({ ...g, members: g.members.map((m) => ({ id: ids.get(m.id) ?? m.id, reason: replaceIds(m.reason, ids) })) })),
  };
}

/**
 * A playlist under its pseudonym, without the lines that name a student's needs: a track's note
 * ("does not offer extended-time") and why, and the playlist's notes reveal accommodations.
 */
export function anonymizePlaylist(p: Playlist, ids: ReadonlyMap<string, string>): Playlist {
  return {
    ...p,
    student: ids.get(p.student) ?? p.student,
    tracks: p.tracks.map(({ note: _note, why: _why, ...t }) => t),
    notes: [],
  };
}
