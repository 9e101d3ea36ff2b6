// Classes for the four-week repeat test (grouping-repeats.test.ts): sizes and bounds that make a
// repeat-free month tight (9 in threes, 12 in threes, 16 in fours, 14 in 4-4-3-3, two sections…),
// drawn from a seeded PRNG, with a keep-apart pair or an absent student now and then. Each class that
// has a repeat-free four-week schedule is kept in repeat-classes.json with that schedule as proof
// (repeat-classes-certify.ts finds them; the test checks every proof before using the class).
import { mulberry32 } from '../../src/domain/grouping/random.ts';

export interface RepeatClass {
  name: string;
  students: { id: string; section: string; score: number }[];
  /** As on the command line: "3", "3-5", "4+". */
  size: string;
  keepApart: string[][];
  /** Away all four weeks (--absent). */
  absent: string[];
}

/** [students, size, sections]: the shapes teachers use whose arithmetic leaves little room. */
const SHAPES: [number | [number, number], string, number][] = [
  [9, '3', 1], [12, '3', 1], [16, '4', 1], [20, '4', 1], [15, '3', 1], [18, '3-4', 1], [21, '3', 1],
  [[25, 30], '3-5', 1], [[10, 14], '3-4', 1], [14, '4', 1], [13, '3', 1], [24, '4-6', 1], [[24, 30], '3', 2],
  [[26, 32], '4', 2], [[22, 28], '3-5', 2], [17, '3-4', 1], [[11, 13], '3', 1], [19, '4', 1],
];

export function repeatClass(seed: number): RepeatClass {
  const rnd = mulberry32(seed * 7919 + 17);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const [count, size, sections] = SHAPES[seed % SHAPES.length]!;
  const n = typeof count === 'number' ? count : int(count[0], count[1]);
  const students = Array.from({ length: n }, (_, i) => ({
    id: `K${String(i + 1).padStart(2, '0')}`,
    section: sections === 1 ? 'P1' : (rnd() < 0.5 ? 'P1' : 'P2'),
    // Scores on a 4-point scale, tenths, as a teacher records them.
    score: Math.round(rnd() * 40) / 10,
  }));
  const ids = students.map((s) => s.id);
  const keepApart: string[][] = [];
  if (rnd() < 0.4) {
    for (let k = int(1, 2); k > 0; k--) {
      const a = ids[int(0, n - 1)]!;
      const b = ids[int(0, n - 1)]!;
      if (a !== b) keepApart.push([a, b].sort());
    }
  }
  const absent = rnd() < 0.25 ? [ids[int(0, n - 1)]!] : [];
  return { name: `class ${seed}: ${n} students, --size ${size}${sections > 1 ? ', two sections' : ''}`, students, size, keepApart, absent };
}
