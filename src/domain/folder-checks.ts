// Checks of the files that commands write and teachers then edit by hand (groups/<week>.yaml,
// playlists/<student>.yaml) against the rest of the folder: the students, standards and activities
// they name. `at` gives the file and line of a field, as the store read it.
import { error, warning } from './checks.ts';
import type { WeekGroups } from './grouping.ts';
import type { Playlist } from './playlists.ts';
import type { Book, Diagnostic, Source } from './types.ts';

export type At = (path: (string | number)[]) => Source;

/**
 * A week's groups name students by id: one missing from the roster is an error (a typo when moving
 * students by hand), as in scores and observations. A withdrawn student is not: old weeks keep them.
 * Standards that have since left standards.yaml are only warned about.
 */
export function checkGroupWeeks(book: Book, weeks: readonly { groups: WeekGroups; at: At }[]): Diagnostic[] {
  const students = new Set(book.students.map((s) => s.id));
  const standards = new Set(book.standards.map((s) => s.id));
  const out: Diagnostic[] = [];
  for (const { groups: w, at } of weeks) {
    w.standards.forEach((id, k) => {
      if (!standards.has(id)) out.push(warning('groups', at(['standards', k]), `the groups of ${w.week} were formed on ${id}, which is not in standards.yaml`, 'fix the standard code, or leave it if the standard was retired'));
    });
    w.absent.forEach((id, k) => {
      if (!students.has(id)) out.push(error('groups', at(['absent', k]), `absent lists ${JSON.stringify(id)}, who is not in roster.csv`, 'fix the student id'));
    });
    w.groups.forEach((g, i) => g.members.forEach((m, j) => {
      if (m.id && !students.has(m.id)) out.push(error('groups', at(['groups', i, 'members', j]), `group ${g.name} has ${JSON.stringify(m.id)}, who is not in roster.csv`, 'fix the student id, or take them out of the group'));
    }));
  }
  return out;
}

/**
 * `pathbook done S014 …` reads playlists/S014.yaml: a file whose `student:` names someone else is an
 * error. A playlist for a student no longer on the roster, or naming activities and standards that
 * have left the bank, is a warning: its record of what was done still stands.
 */
export function checkPlaylists(book: Book, playlists: readonly { fileStudent: string; playlist: Playlist; at: At }[]): Diagnostic[] {
  const students = new Set(book.students.map((s) => s.id));
  const standards = new Set(book.standards.map((s) => s.id));
  const activities = new Set(book.activities.map((a) => a.id));
  const regenerate = 'regenerate the playlist with `pathbook playlist` (the done dates are kept), or fix the id';
  const out: Diagnostic[] = [];
  for (const { fileStudent, playlist: p, at } of playlists) {
    if (p.student && p.student !== fileStudent) {
      out.push(error('playlists', at(['student']), `this playlist says student: ${p.student}, but the file is named for ${fileStudent}`, `rename the file to playlists/${p.student}.yaml, or write student: ${fileStudent}`));
    } else if (p.student && !students.has(p.student)) {
      out.push(warning('playlists', at(['student']), `playlist for ${JSON.stringify(p.student)}, who is not in roster.csv`, 'fix the student id, or delete the file'));
    }
    p.standards.forEach((id, k) => {
      if (!standards.has(id)) out.push(warning('playlists', at(['standards', k]), `the playlist covers ${id}, which is not in standards.yaml`, regenerate));
    });
    p.tracks.forEach((t, i) => {
      if (t.activity && !activities.has(t.activity)) out.push(warning('playlists', at(['tracks', i, 'activity']), `activity ${t.activity} is not in activities.yaml`, regenerate));
      t.standards.forEach((id, k) => {
        if (!standards.has(id)) out.push(warning('playlists', at(['tracks', i, 'standards', k]), `track ${t.activity} is for ${id}, which is not in standards.yaml`, regenerate));
      });
    });
  }
  return out;
}
