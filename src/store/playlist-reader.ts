// A loose reader of playlists/<id>.yaml for the PLP's "what comes next" (the playlist command owns
// the format; this only takes what a report shows and ignores the rest). A missing or unreadable
// file means "no playlist section", never an error: the PLP should still print.
// TODO(dedup): when the playlists branch lands its own reader in src/store, use that instead.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { PlaylistTrack, PlaylistView } from '../domain/plp.ts';

export const PLAYLISTS_DIR = 'playlists';

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const texts = (v: unknown): string[] => (Array.isArray(v) ? v.map(text).filter(Boolean) : typeof v === 'string' ? [v] : []);

export function parsePlaylist(src: string, studentId: string): PlaylistView | undefined {
  let data: unknown;
  try {
    data = parse(src, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const d = data as Record<string, unknown>;
  // A copied file naming another student must never print on this student's report.
  if (d.student !== undefined && text(d.student) !== studentId) return undefined;
  const tracks: PlaylistTrack[] = (Array.isArray(d.tracks) ? d.tracks : [])
    .filter((t): t is Record<string, unknown> => !!t && typeof t === 'object' && !Array.isArray(t))
    .map((t) => {
      const type = text(t.type);
      const minutes = Number(t.minutes);
      return {
        activity: text(t.activity), title: text(t.title) || text(t.activity), standards: texts(t.standards),
        type: type === 'must' || type === 'may' || type === 'checkpoint' ? type : 'may',
        tier: text(t.tier), kind: text(t.kind), minutes: Number.isFinite(minutes) && minutes > 0 ? minutes : null,
        link: text(t.link), done: t.done instanceof Date ? t.done.toISOString().slice(0, 10) : text(t.done) || null,
        note: text(t.note),
      };
    });
  const c = d.complete && typeof d.complete === 'object' ? (d.complete as Record<string, unknown>) : undefined;
  const n = Number(c?.n);
  const of = Number(c?.of);
  return {
    unit: text(d.unit), standards: texts(d.standards), tracks,
    complete: c && Number.isFinite(n) && Number.isFinite(of) ? { n, of } : null,
  };
}

/** The student's current playlist, or undefined when there is none (or it cannot be read). */
export function readPlaylist(root: string, studentId: string): PlaylistView | undefined {
  const file = join(root, PLAYLISTS_DIR, `${studentId}.yaml`);
  if (!existsSync(file)) return undefined;
  return parsePlaylist(readFileSync(file, 'utf8'), studentId);
}
