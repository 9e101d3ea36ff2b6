// playlists/<student>.yaml: a student's playlist and its progress. Written whole by `pathbook playlist`;
// `pathbook done` changes one `done:` in place through yaml's Document API, so comments and hand edits stay.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isScalar, type Scalar } from 'yaml';
import { isValidDate } from '../domain/ids.ts';
import { TRACK_TYPES, type Playlist, type Track } from '../domain/playlists.ts';
import type { At } from '../domain/folder-checks.ts';
import type { Diagnostic } from '../domain/types.ts';
import { UserError } from './errors.ts';
import { Fields } from './fields.ts';
import { ParseCache } from './parse-cache.ts';
import { lazySourceAt, parseYamlText } from './yaml.ts';

export const PLAYLISTS_DIR = 'playlists';
export const playlistFile = (studentId: string): string => `${PLAYLISTS_DIR}/${studentId}.yaml`;
export const playlistMarkdownFile = (studentId: string): string => `${PLAYLISTS_DIR}/${studentId}.md`;

const TEXT_OPTIONS = { lineWidth: 0, indent: 2, flowCollectionPadding: false } as const;

export function parsePlaylist(text: string, file: string): { playlist?: Playlist; diagnostics: Diagnostic[] } {
  const { yaml, diagnostics } = parseYamlText(text, file);
  if (!yaml) return { diagnostics };
  const f = new Fields(yaml, diagnostics, 'playlist');
  if (!f.isMap([])) {
    f.error([], 'a playlist should be a mapping with student:, standards: and tracks:', 'regenerate it with `pathbook playlist`');
    return { diagnostics };
  }
  const tracks = f.list(['tracks'], 'tracks').map((_, i): Track => {
    const at = ['tracks', i];
    const done = f.has([...at, 'done']) ? f.text([...at, 'done']) : '';
    if (done && !isValidDate(done)) f.error([...at, 'done'], `\`done: ${done}\` is not a date`, 'write the day it was finished as YYYY-MM-DD, or null');
    const t: Track = {
      activity: f.text([...at, 'activity'], { required: true, id: true }),
      title: f.text([...at, 'title']),
      standards: f.texts([...at, 'standards'], { id: true }),
      type: f.oneOf([...at, 'type'], TRACK_TYPES, 'must'),
      tier: f.text([...at, 'tier']),
      kind: f.text([...at, 'kind']),
      minutes: f.number([...at, 'minutes'], { fallback: 0, min: 0 }),
      link: f.text([...at, 'link']),
      done: done && isValidDate(done) ? done : null,
    };
    if (f.has([...at, 'note'])) t.note = f.text([...at, 'note']);
    if (f.has([...at, 'why'])) t.why = f.text([...at, 'why']);
    return t;
  });
  const of = tracks.filter((t) => t.type === 'must').length;
  const playlist: Playlist = {
    student: f.text(['student'], { required: true, id: true }),
    unit: f.has(['unit']) ? f.text(['unit']) : null,
    standards: f.texts(['standards'], { id: true }),
    complete: {
      n: f.number(['complete', 'n'], { fallback: of, min: 0, integer: true }),
      of: f.number(['complete', 'of'], { fallback: of, min: 0, integer: true }),
    },
    tracks,
    notes: f.texts(['notes']),
  };
  return { playlist, diagnostics };
}

// Words YAML readers may take for something other than text (1.2 core schema, and 1.1's yes/no/on/off).
const NOT_TEXT = /^(?:~|null|true|false|yes|no|on|off|y|n|[-+]?(?:\.inf|\.nan)|[-+]?(?:0x[0-9a-f]+|0o[0-7]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:e[-+]?[0-9]+)?|\.[0-9_]+(?:e[-+]?[0-9]+)?))$/i;

/** A scalar as YAML: plain when that reads back as the same text, else double-quoted (JSON's escapes are YAML's). */
export function yamlScalar(v: string | number | null): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return String(v);
  const plain = /^[\p{L}\p{N}][^\s"'\\`{}[\],|>&*!%@#\u0085\u2028\u2029\ufeff]*(?:[ ][^\s"\\`{}[\],|>&*!%@#\u0085\u2028\u2029\ufeff]+)*$/u.test(v)
    && !/:(?: |$)/.test(v) && !NOT_TEXT.test(v);
  return plain ? v : JSON.stringify(v);
}

const flow = (xs: readonly string[]) => `[${xs.map(yamlScalar).join(', ')}]`;

/**
 * The file `pathbook playlist` writes: fixed key order, standard lists inline, a header on how to use it.
 * Written by hand rather than through yaml's Document (six times faster for a class of 150, same text).
 */
export function playlistText(p: Playlist): string {
  const out = [
    `# Playlist for ${p.student}${p.unit ? ` (unit ${p.unit})` : ''}, written by \`pathbook playlist\`.`,
    `# Record progress with \`pathbook done ${p.student} <activity>\`; regenerating keeps the done dates.`,
    '',
    `student: ${yamlScalar(p.student)}`,
    `unit: ${yamlScalar(p.unit)}`,
    `standards: ${flow(p.standards)}`,
    `complete: {n: ${p.complete.n}, of: ${p.complete.of}}`,
    p.tracks.length ? 'tracks:' : 'tracks: []',
  ];
  for (const t of p.tracks) {
    out.push(
      `  - activity: ${yamlScalar(t.activity)}`,
      `    title: ${yamlScalar(t.title)}`,
      `    standards: ${flow(t.standards)}`,
      `    type: ${t.type}`,
      `    tier: ${yamlScalar(t.tier)}`,
      `    kind: ${yamlScalar(t.kind)}`,
      `    minutes: ${yamlScalar(t.minutes)}`,
      `    link: ${yamlScalar(t.link)}`,
      `    done: ${yamlScalar(t.done)}`,
    );
    if (t.note) out.push(`    note: ${yamlScalar(t.note)}`);
    if (t.why) out.push(`    why: ${yamlScalar(t.why)}`);
  }
  if (p.notes.length) out.push('notes:', ...p.notes.map((n) => `  - ${yamlScalar(n)}`));
  return out.join('\n') + '\n';
}

/**
 * Sets (or, with null, clears) `done:` on every track of `activity`, editing the document in place so the
 * teacher's comments and edits survive. Returns undefined when the activity is not on the playlist.
 */
export function setDoneText(text: string, file: string, activity: string, date: string | null): { text: string; previous: string | null } | undefined {
  const { yaml, diagnostics } = parseYamlText(text, file);
  if (!yaml) throw new UserError(diagnostics[0]!.message, { hint: diagnostics[0]!.hint, source: diagnostics[0]!.source });
  const tracks = yaml.doc.get('tracks');
  if (!Array.isArray((yaml.data as { tracks?: unknown })?.tracks) || !tracks) return undefined;
  const list = (yaml.data as { tracks: { activity?: unknown; done?: unknown }[] }).tracks;
  let previous: string | null = null;
  const at: number[] = [];
  list.forEach((t, i) => {
    if (t?.activity !== activity) return;
    if (!at.length && t.done) previous = t.done instanceof Date ? t.done.toISOString().slice(0, 10) : String(t.done);
    at.push(i);
  });
  if (!at.length) return undefined;
  // Where every `done:` is already a plain value, replace just those characters: the rest of the file,
  // comments and layout included, stays byte for byte. Otherwise (a track without `done:`), let yaml
  // set it and reprint, which keeps comments but may move one.
  const nodes = at.map((i) => yaml.doc.getIn(['tracks', i, 'done'], true));
  if (nodes.every((n) => isScalar(n) && n.range)) {
    let out = text;
    const value = date ?? 'null';
    for (const n of [...nodes].reverse() as Scalar[]) out = out.slice(0, n.range![0]) + value + out.slice(n.range![1]);
    return { text: out, previous };
  }
  for (const i of at) yaml.doc.setIn(['tracks', i, 'done'], date);
  return { text: yaml.doc.toString(TEXT_OPTIONS), previous };
}

export interface StoredPlaylist {
  file: string;
  text: string;
  playlist: Playlist;
}

/** A student's playlist file read and parsed (through the cache when given), problems and all. */
function loadPlaylist(root: string, studentId: string, cache?: ParseCache): { file: string; text: string; playlist?: Playlist; diagnostics: Diagnostic[] } | undefined {
  const file = playlistFile(studentId);
  const path = join(root, file);
  if (!existsSync(path)) return undefined;
  const bytes = readFileSync(path);
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const parse = () => parsePlaylist(text, file);
  return { file, text, ...(cache ? cache.get(file, bytes, parse) : parse()) };
}

/** The student ids of playlists/*.yaml (their file names), sorted. */
function playlistIds(root: string): string[] {
  const dir = join(root, PLAYLISTS_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => n.endsWith('.yaml') && !n.startsWith('.')).sort().map((f) => f.slice(0, -'.yaml'.length));
}

/** playlists/<id>.yaml for one student, or undefined when there is none; a broken file is an error at its line. */
export function readPlaylist(root: string, studentId: string, cache?: ParseCache): StoredPlaylist | undefined {
  const loaded = loadPlaylist(root, studentId, cache);
  if (!loaded) return undefined;
  const { file, text, playlist, diagnostics } = loaded;
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!playlist || errors.length) {
    const d = errors[0] ?? diagnostics[0]!;
    throw new UserError(d.message, { source: d.source, hint: d.hint ?? `fix ${file}, or delete it and run \`pathbook playlist\` again`, diagnostics: errors.length > 1 ? errors : [] });
  }
  return { file, text, playlist };
}

/** Every playlists/*.yaml, by student id (the file name); parses are cached like the book's (a class of 150). */
export function readPlaylists(root: string): Map<string, StoredPlaylist> {
  const out = new Map<string, StoredPlaylist>();
  const ids = playlistIds(root);
  if (!ids.length) return out;
  const cache = new ParseCache(root, undefined, 'playlists');
  for (const id of ids) {
    const p = readPlaylist(root, id, cache);
    if (p) out.set(id, p);
  }
  cache.save();
  return out;
}

/**
 * Every playlists/*.yaml as `check` sees it: the problems in each file, and each playlist with the
 * student its file is named for and where its fields are. Unlike readPlaylists, a broken file does
 * not stop the others being read.
 */
export function checkedPlaylistFiles(root: string): { playlists: { fileStudent: string; playlist: Playlist; at: At }[]; diagnostics: Diagnostic[] } {
  const playlists: { fileStudent: string; playlist: Playlist; at: At }[] = [];
  const diagnostics: Diagnostic[] = [];
  const ids = playlistIds(root);
  if (!ids.length) return { playlists, diagnostics };
  const cache = new ParseCache(root, undefined, 'playlists');
  for (const id of ids) {
    const p = loadPlaylist(root, id, cache)!;
    diagnostics.push(...p.diagnostics);
    if (p.playlist) playlists.push({ fileStudent: id, playlist: p.playlist, at: lazySourceAt(p.text, p.file) });
  }
  cache.save();
  return { playlists, diagnostics };
}
