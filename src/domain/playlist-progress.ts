// How far a student is through their playlist, and whether they are ready for the checkpoint:
// a student who has finished N of the M must-dos (the playlist's `complete` rule) is ready.
import type { Playlist } from './playlists.ts';

export type ProgressStatus = 'no playlist' | 'working' | 'ready for checkpoint' | 'checkpoints done' | 'may-dos only';

export interface PlaylistProgress {
  must: { done: number; of: number; n: number };
  checkpoint: { done: number; of: number };
  may: { done: number; of: number };
  readyForCheckpoint: boolean;
  status: ProgressStatus;
  /** The newest done date, for "last active". */
  lastDone: string | null;
}

export function playlistProgress(p: Playlist): PlaylistProgress {
  const count = (type: string) => {
    const ts = p.tracks.filter((t) => t.type === type);
    return { done: ts.filter((t) => t.done).length, of: ts.length };
  };
  const must = count('must');
  const checkpoint = count('checkpoint');
  const may = count('may');
  // The rule as written in the file, capped to the must-dos actually listed (a hand edit may remove one).
  const n = Math.min(p.complete.n, must.of);
  const checksDone = checkpoint.of > 0 && checkpoint.done === checkpoint.of;
  let status: ProgressStatus;
  if (must.of === 0 && checkpoint.of === 0) status = 'may-dos only';
  else if (checksDone) status = 'checkpoints done';
  else if (must.done >= n) status = 'ready for checkpoint';
  else status = 'working';
  const lastDone = p.tracks.reduce<string | null>((d, t) => (t.done && (!d || t.done > d) ? t.done : d), null);
  return { must: { ...must, n }, checkpoint, may, readyForCheckpoint: status === 'ready for checkpoint', status, lastDone };
}
