// Real exports others wrote (shared/reference/samples), beside the repository or beside the worktrees'
// folder; tests that read them are skipped where they are absent.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, SAMPLES } from '../helpers.ts';

export const CANVAS_SAMPLE = [SAMPLES, join(REPO, '..', '..', 'shared', 'reference', 'samples')]
  .map((d) => join(d, 'canvas-gradebook', 'canvas-valid.csv')).find((f) => existsSync(f));
