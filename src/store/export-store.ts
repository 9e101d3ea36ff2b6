// The files of an anonymized copy (pathbook export --anonymize): every file is written again from
// what was parsed, never copied, so comments, unknown keys and stray files cannot carry a name out.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isScalar, isSeq, parseDocument, visit, type Document } from 'yaml';
import { anonymizeGroups, anonymizePlaylist, type Anonymized } from '../domain/anonymize.ts';
import { groupsFile, groupsYamlText, listGroupWeeks, readGroupWeek } from './groups-store.ts';
import { parsePlaylist, playlistFile, playlistText, PLAYLISTS_DIR } from './playlist-store.ts';
import type { Book, Profile } from '../domain/types.ts';
import { displayName } from './roster-store.ts';
import { activitiesText, ACTIVITIES_FILE } from './activities-store.ts';
import { ASSESSMENTS_DIR, assessmentYamlText, scoresCsvText } from './assessment-store.ts';
import type { FileChange } from './atomic.ts';
import { UserError } from './errors.ts';
import { GITIGNORE } from './init-store.ts';
import { MASTERY_FILE, masteryCsvText, masteryRows } from './mastery-store.ts';
import { observationsText, OBSERVATIONS_FILE } from './observations-store.ts';
import { STUDENTS_DIR } from './profile-store.ts';
import { ROSTER_FILE, rosterText } from './roster-store.ts';
import { SETTINGS_FILE } from './settings-store.ts';
import { STANDARDS_FILE, standardsText } from './standards-store.ts';
import { yamlText } from './yaml.ts';

/** Folders of reports derived from the source files: left out (the coach can regenerate them). */
export const DERIVED_LEFT_OUT = ['plp/', 'playlists/*.md', 'groups/*.md', 'rotations/', 'choice boards, report cards and any other file'];
function profileText(p: Profile): string {
  return yamlText({
    interests: p.interests, strengths: p.strengths, preferences: p.preferences, accommodations: p.accommodations,
    goals: p.goals.map((g) => ({ id: g.id, text: g.text, author: g.author, set: g.set || null, target: g.target || null, status: g.status, standards: g.standards })),
    reflections: p.reflections,
  });
}

function stripComments(doc: Document): void {
  doc.commentBefore = null;
  doc.comment = null;
  visit(doc, {
    Node(_, node) {
      node.commentBefore = undefined;
      node.comment = undefined;
      if (isScalar(node)) node.spaceBefore = false;
    },
    Pair(_, pair) {
      if (isScalar(pair.key)) { pair.key.commentBefore = undefined; pair.key.comment = undefined; }
    },
  });
}

/** pathbook.yaml with its comments removed and student ids in grouping rules replaced. */
export function anonymizedSettingsText(text: string, ids: ReadonlyMap<string, string>): string {
  const doc = parseDocument(text);
  stripComments(doc);
  for (const key of ['keepApart', 'keepTogether']) {
    const v = doc.getIn(['grouping', key]);
    if (!isSeq(v)) continue;
    const pairs = (v.toJSON() as unknown[]).map((pair) => (Array.isArray(pair) ? pair.map((id) => ids.get(String(id)) ?? String(id)) : pair));
    const node = doc.createNode(pairs);
    for (const item of node.items) if (isSeq(item)) item.flow = true;
    doc.setIn(['grouping', key], node);
  }
  return doc.toString({ lineWidth: 0 });
}

function listYaml(root: string, dir: string): string[] {
  const p = join(root, dir);
  if (!existsSync(p) || !statSync(p).isDirectory()) return [];
  return readdirSync(p).filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('.')).sort();
}

/** Every file of the anonymized copy. */
export function anonymizedFiles(root: string, original: Book, a: Anonymized): FileChange[] {
  const { book, ids } = a;
  const files: FileChange[] = [
    { path: '.gitignore', content: GITIGNORE },
    { path: SETTINGS_FILE, content: anonymizedSettingsText(readFileSync(join(root, SETTINGS_FILE), 'utf8'), ids) },
    { path: ROSTER_FILE, content: rosterText(book.students) },
    { path: STANDARDS_FILE, content: standardsText(book.standards) },
    { path: OBSERVATIONS_FILE, content: observationsText(book.observations) },
    { path: MASTERY_FILE, content: masteryCsvText(masteryRows(book)) },
  ];
  if (book.activities.length || existsSync(join(root, ACTIVITIES_FILE))) files.push({ path: ACTIVITIES_FILE, content: activitiesText(book.activities) });
  for (const x of book.assessments) {
    files.push({ path: `${ASSESSMENTS_DIR}/${x.id}.yaml`, content: assessmentYamlText(x) });
    files.push({ path: `${ASSESSMENTS_DIR}/${x.id}.csv`, content: scoresCsvText(x) });
  }
  for (const p of book.profiles) files.push({ path: `${STUDENTS_DIR}/${p.studentId}.yaml`, content: profileText(p) });
  // The weeks' groups and the playlists are source files too (later weeks and `done` read them):
  // read with their own parsers and written again under pseudonyms. A file that does not parse is
  // skipped and named, never copied.
  const skipped: string[] = [];
  for (const week of listGroupWeeks(root)) {
    const r = readGroupWeek(root, week);
    if (r?.groups && !r.diagnostics.some((d) => d.severity === 'error')) files.push({ path: groupsFile(week), content: groupsYamlText(anonymizeGroups(r.groups, ids)) });
    else skipped.push(groupsFile(week));
  }
  for (const f of listYaml(root, PLAYLISTS_DIR)) {
    const rel = `${PLAYLISTS_DIR}/${f}`;
    const { playlist, diagnostics } = parsePlaylist(readFileSync(join(root, rel), 'utf8').replace(/^\uFEFF/, ''), rel);
    const pseudo = ids.get(f.replace(/\.ya?ml$/, ''));
    if (playlist && pseudo && !diagnostics.some((d) => d.severity === 'error')) files.push({ path: playlistFile(pseudo), content: playlistText(anonymizePlaylist(playlist, ids)) });
    else skipped.push(rel);
  }
  assertNoLeak(files, original);
  a.skipped = skipped;
  return files.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

/**
 * The last check before anything is written: no email, full name or original student id of the
 * class appears in any file of the copy. A hit stops the export (a bug or an odd file, never a leak).
 */
function assertNoLeak(files: readonly FileChange[], original: Book): void {
  const needles: string[] = [];
  for (const s of original.students) {
    if (s.email) needles.push(s.email.toLowerCase());
    const full = displayName(s);
    if (full !== s.id) needles.push(full.toLowerCase());
  }
  // Ids short or plain enough to occur by chance ("12") are left to the name and email checks.
  const checkable = original.students.map((s) => s.id).filter((id) => (/[A-Za-z]/.test(id) && id.length >= 3) || id.length >= 5);
  const idPattern = new RegExp(`(?<![A-Za-z0-9._-])(?:${checkable.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') || '(?!)'})(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])`);
  for (const f of files) {
    if (f.content === null) continue;
    const text = typeof f.content === 'string' ? f.content : new TextDecoder().decode(f.content);
    const lower = text.toLowerCase();
    const hit = needles.find((n) => lower.includes(n)) ?? idPattern.exec(text)?.[0];
    if (hit !== undefined) {
      const line = text.slice(0, Math.max(0, lower.indexOf(hit.toLowerCase()))).split('\n').length;
      throw new UserError(`the anonymized copy would still name a student in ${f.path} (line ${line}), so nothing was exported`, { hint: 'remove the name or id from that file\'s free text (a title or a comment), then export again' });
    }
  }
}
