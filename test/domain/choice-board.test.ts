import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { missingSupports, learnerFor, isCheckpoint } from '../../src/domain/activity-choice.ts';
import { BOARD_LINES, boardCoverage, CENTRE, placeBoard, type PlacementItem } from '../../src/domain/board-placement.ts';
import { buildChoiceBoard, type ChoiceBoard } from '../../src/domain/choice-board.ts';
import { masteryTable } from '../../src/domain/mastery/table.ts';
import { unitScope } from '../../src/domain/playlists.ts';
import { loadBook } from '../../src/store/book-store.ts';
import { EXAMPLE } from '../helpers.ts';
import { mulberry32 } from '../../src/domain/grouping/random.ts';

/** The best (full lines, coverage) over every assignment of masks to the eight squares, by brute force. */
function bruteForce(items: readonly PlacementItem[], centreMask: number, k: number): [number, number] {
  const masks = [...new Set(items.map((i) => i.mask))];
  const count = new Map(masks.map((m) => [m, items.filter((i) => i.mask === m).length]));
  const forced = new Map(masks.map((m) => [m, items.filter((i) => i.mask === m && i.forced).length]));
  let best: [number, number] = [-1, -1];
  const board = new Array<number>(9).fill(0);
  board[CENTRE] = centreMask;
  const outer = [0, 1, 2, 3, 5, 6, 7, 8];
  const used = new Map(masks.map((m) => [m, 0]));
  const go = (d: number) => {
    if (d === 8) {
      if (masks.some((m) => used.get(m)! < forced.get(m)!)) return;
      const s = boardCoverage(board, k);
      if (s[0] > best[0] || (s[0] === best[0] && s[1] > best[1])) best = s;
      return;
    }
    for (const m of masks) {
      if (used.get(m)! >= count.get(m)!) continue;
      used.set(m, used.get(m)! + 1);
      board[outer[d]!] = m;
      go(d + 1);
      used.set(m, used.get(m)! - 1);
    }
  };
  go(0);
  return best;
}

function randomItems(seed: number): { items: PlacementItem[]; centre: { mask: number; kind: string }; k: number } {
  const rnd = mulberry32(seed);
  const k = 2 + Math.floor(rnd() * 3);
  const full = (1 << k) - 1;
  // Few distinct masks keep the brute force small; kinds and forced flags vary freely.
  const palette = Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => 1 + Math.floor(rnd() * full));
  const n = 8 + Math.floor(rnd() * 5);
  const items = Array.from({ length: n }, () => ({ mask: palette[Math.floor(rnd() * palette.length)]!, kind: ['video', 'game', 'reading', 'project'][Math.floor(rnd() * 4)]!, forced: rnd() < 0.2 }));
  // The caller's contract: forced items come first in the ranking.
  items.sort((a, b) => Number(!!b.forced) - Number(!!a.forced));
  return { items, centre: { mask: 1 + Math.floor(rnd() * full), kind: 'practice' }, k };
}

describe('placing a tic-tac-toe board', () => {
  it('reaches every line when the bank allows it (the centre plus enough wide activities)', () => {
    // Standards a=1, b=2, c=4. The centre covers a and b; a line through it needs c from one end.
    const items: PlacementItem[] = [
      ...Array.from({ length: 4 }, () => ({ mask: 4, kind: 'video' })),
      ...Array.from({ length: 4 }, () => ({ mask: 3, kind: 'game' })),
      { mask: 1, kind: 'reading' },
    ];
    const p = placeBoard(items, { mask: 3, kind: 'practice' }, 3)!;
    expect(p.exact).toBe(true);
    expect(p.fullLines).toBe(8);
    const masks = p.squares.map((i, s) => (s === CENTRE ? 3 : items[i]!.mask));
    for (const line of BOARD_LINES) expect(line.reduce((m, s) => m | masks[s]!, 0)).toBe(7);
  });

  it('finds the best coverage the bank allows (checked against brute force), using each activity once', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
      const { items, centre, k } = randomItems(seed);
      const p = placeBoard(items, centre, k);
      const forcedCount = items.filter((i) => i.forced).length;
      if (forcedCount > 8) {
        expect(p).toBeUndefined();
        return;
      }
      expect(p).toBeDefined();
      expect(p!.exact).toBe(true);
      const outer = p!.squares.filter((_, s) => s !== CENTRE);
      expect(p!.squares[CENTRE]).toBe(-1);
      expect(new Set(outer).size).toBe(8);
      for (let i = 0; i < items.length; i++) if (items[i]!.forced) expect(outer).toContain(i);
      const masks = p!.squares.map((i, s) => (s === CENTRE ? centre.mask : items[i]!.mask));
      expect(boardCoverage(masks, k)).toEqual([p!.fullLines, p!.coverage]);
      expect([p!.fullLines, p!.coverage]).toEqual(bruteForce(items, centre.mask, k));
    }), { seed: 42, numRuns: 150 });
  });

  it('prefers lines of three different kinds once coverage is settled', () => {
    const items: PlacementItem[] = ['video', 'game', 'reading', 'project', 'video', 'game', 'reading', 'project'].map((kind) => ({ mask: 1, kind }));
    const p = placeBoard(items, { mask: 1, kind: 'practice' }, 1)!;
    expect(p.kindLines).toBe(8);
    expect(p.kinds).toBe(5);
  });

  it('refuses a bank with fewer than eight activities besides the centre', () => {
    expect(placeBoard(Array.from({ length: 7 }, () => ({ mask: 1, kind: 'video' })), { mask: 1, kind: 'video' }, 1)).toBeUndefined();
  });
});

describe('the example class boards', () => {
  const { book } = loadBook(EXAMPLE);
  const table = masteryTable(book);
  const board = (unit: string, student?: string): ChoiceBoard => {
    const r = buildChoiceBoard(book, table, unit, student);
    if (!('board' in r)) throw new Error(r.problem);
    return r.board;
  };

  it('ratios: nine different non-quiz activities, a required centre, each line\'s standards as covered', () => {
    const b = board('ratios');
    expect(new Set(b.squares.map((s) => s.activity)).size).toBe(9);
    expect(b.squares.every((s) => s.kind !== 'quiz')).toBe(true);
    expect(b.squares.map((s) => s.required)).toEqual([false, false, false, false, true, false, false, false, false]);
    // The centre is practice on 6.RP.A.3, the standard fewest students have mastered.
    expect(b.squares[CENTRE]!.standards).toContain('6.RP.A.3');
    expect(b.squares[CENTRE]!.tier).toBe('practice');
    expect(b.centreWhy).toMatch(/^21 of 27 students have not mastered 6\.RP\.A\.3$/);
    for (const line of b.lines) {
      const covered = new Set(line.squares.flatMap((s) => b.squares[s]!.standards));
      expect(line.standards).toEqual(b.standards.filter((s) => covered.has(s)));
      expect(line.complete).toBe(line.standards.length === 3);
    }
    // With one two-standard activity left after the centre, 7 lines is the most the bank allows.
    expect(b.lines.filter((l) => l.complete)).toHaveLength(7);
    expect(b.exact).toBe(true);
  });

  it('a student board: their first must-do in the centre, the activities with their supports placed first', () => {
    const b = board('ratios', 'S020'); // needs captions
    const learner = learnerFor(book, 'S020');
    expect(b.squares[CENTRE]!.activity).toBe('ratio-language-video');
    const scope = new Set(unitScope(book, 'ratios').standards);
    const pool = book.activities.filter((a) => !isCheckpoint(a) && a.standards.some((s) => scope.has(s)));
    const onBoard = new Set(b.squares.map((s) => s.activity));
    const worst = Math.max(...b.squares.map((s) => missingSupports(book.activities.find((a) => a.id === s.activity)!, learner).length));
    for (const a of pool) if (missingSupports(a, learner).length < worst) expect(onBoard).toContain(a.id);
    expect(b.squares.filter((s) => s.note).every((s) => s.note!.includes('captions'))).toBe(true);
  });

  it('says why there is no board when the bank is too small', () => {
    const r = buildChoiceBoard(book, table, 'number-system');
    expect(r).toEqual({ problem: 'the bank has 4 activities for unit number-system (quizzes aside); a choice board needs 9', hint: 'add activities for this unit to activities.yaml' });
  });
});
