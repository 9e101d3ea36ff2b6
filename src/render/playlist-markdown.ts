// playlists/<id>.md: the printable checklist a student ticks. "I can" statements, links and minutes;
// nothing about other students and no scores (DESIGN.md § Playlists; STYLE: handouts stay private).
import type { Playlist, Track } from '../domain/playlists.ts';
import type { Standard } from '../domain/types.ts';
import { mdLink, mdText, minutesText, plural } from './markdown.ts';

export interface PlaylistMarkdownInput {
  playlist: Playlist;
  /** The student's own name, as on the roster. */
  name: string;
  standards: readonly Standard[];
}

const LABEL = { must: 'Must do', checkpoint: 'Checkpoint', may: 'May do' } as const;

function instructions(p: Playlist): string {
  const hasCheck = p.tracks.some((t) => t.type === 'checkpoint');
  const hasMay = p.tracks.some((t) => t.type === 'may');
  const { n, of } = p.complete;
  if (of === 0) {
    return hasMay ? 'You have mastered the standards here. Choose any may-do you like and go further.' : 'You have mastered the standards here.';
  }
  const musts = n === of ? (of === 1 ? 'Finish the must-do' : `Finish all ${of} must-dos`) : `Finish ${n} of your ${of} must-dos (you choose which)`;
  const then = hasCheck ? ', then take the checkpoint for each standard to show what you have learned.' : '.';
  return `${musts}${then}${hasMay ? ' May-dos are for when you want to go further.' : ''}`;
}

function item(t: Track, forStandard: string | undefined, statement: (id: string) => string): string[] {
  const box = t.done ? '[x]' : '[ ]';
  const meta = [t.kind, minutesText(t.minutes)].filter(Boolean).join(', ');
  const done = t.done ? ` (done ${t.done})` : '';
  const lines = [`- ${box} **${LABEL[t.type]}:** ${mdText(t.title)}${meta ? ` (${mdText(meta)})` : ''}${done}`];
  const others = t.standards.filter((s) => s !== forStandard);
  if (t.type === 'may') lines.push(`  ${mdText(statement(t.standards[0] ?? ''))}`);
  else if (others.length) lines.push(`  Also helps with: ${others.map((s) => mdText(statement(s))).join(' ')}`);
  if (t.link) lines.push(`  ${mdLink(t.link)}`);
  if (t.note) lines.push(`  *${mdText(t.note)}*`);
  return lines;
}

export function renderPlaylistMarkdown({ playlist: p, name, standards }: PlaylistMarkdownInput): string {
  const std = new Map(standards.map((s) => [s.id, s]));
  const statement = (id: string) => {
    const s = std.get(id);
    return s ? `${s.studentStatement || s.statement} (${id})` : id;
  };
  const out: string[] = [`# ${mdText(name)}: ${mdText(p.unit ?? p.standards.join(', '))} playlist`, '', instructions(p), ''];
  // Must-dos and checkpoints under the standard they were chosen for, in the playlist's order.
  const sections = new Map<string, Track[]>();
  for (const t of p.tracks) {
    if (t.type === 'may') continue;
    const key = t.standards[0] ?? '';
    sections.set(key, [...(sections.get(key) ?? []), t]);
  }
  for (const [id, tracks] of sections) {
    out.push(`## ${mdText(statement(id))}`, '');
    for (const t of tracks) out.push(...item(t, id, statement));
    out.push('');
  }
  const may = p.tracks.filter((t) => t.type === 'may');
  if (may.length) {
    out.push('## May do', '');
    for (const t of may) out.push(...item(t, undefined, statement));
    out.push('');
  }
  if (p.notes.length) {
    out.push('## Ask your teacher', '');
    for (const n of p.notes) out.push(`- ${mdText(n)}`);
    out.push('');
  }
  const required = p.tracks.filter((t) => t.type !== 'may');
  const minutes = required.reduce((m, t) => m + t.minutes, 0);
  const done = required.filter((t) => t.done).length;
  if (required.length) {
    out.push(`Must-dos and checkpoints: ${plural(required.length, 'activity', 'activities')}${minutes ? `, about ${minutes} minutes` : ''}; ${done} done.`);
  }
  return out.join('\n').replace(/\n+$/, '') + '\n';
}
