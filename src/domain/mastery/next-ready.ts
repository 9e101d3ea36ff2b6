// "Next ready" standards for a student: not yet mastered, with every prerequisite mastered — the outer
// fringe of knowledge-space theory over the prerequisite graph (reference/algorithms.md §5.2). Used by
// `pathbook student`, and by playlists and PLPs for next steps.
import type { Book, Standard } from '../types.ts';
import type { MasteryCell, MasteryTable } from './table.ts';

export interface NextReady {
  standard: Standard;
  cell: MasteryCell;
  /** Its prerequisites, all mastered (empty for a standard with none). */
  prerequisites: string[];
}

/** The rule itself: not mastered, every prerequisite mastered. */
export function isNextReady(std: Pick<Standard, 'id' | 'prerequisites'>, mastered: (id: string) => boolean): boolean {
  return !mastered(std.id) && std.prerequisites.every(mastered);
}

/**
 * In curriculum order. Parent standards are left out (a student works on their children); a
 * prerequisite that is a parent counts as mastered when its roll-up is.
 */
export function nextReady(book: Book, table: MasteryTable, studentId: string): NextReady[] {
  const row = table.cells.get(studentId);
  if (!row) return [];
  const out: NextReady[] = [];
  for (const std of book.standards) {
    if (std.children.length) continue;
    const cell = row.get(std.id);
    if (cell && isNextReady(std, (id) => !!row.get(id)?.mastered)) out.push({ standard: std, cell, prerequisites: std.prerequisites });
  }
  return out;
}
