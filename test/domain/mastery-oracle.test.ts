// A second, deliberately naive reading of DESIGN.md § Mastery, written from the text alone, compared cell
// by cell with `masteryRows` on random classes (blanks, multi-standard items, retakes, observations,
// overrides, several assessments on one date). Any disagreement is a departure from the written rules.
import { mulberry32 as prng } from '../../src/domain/grouping/random.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { METHODS, type MethodName } from '../../src/domain/types.ts';
import { masteryRows, type MasteryRow } from '../../src/store/mastery-store.ts';
import { bookFrom, type BookFiles } from './book-fixture.ts';

// ---- a random class, as files ----


interface GenAssessment { id: string; date: string; retakeOf: string | null; items: { id: string; standards: string[]; points: number }[]; rows: Map<string, (number | null)[]> }
interface GenObservation { student: string; standard: string; date: string; score: number; source: string }
interface GenClass { students: { id: string; active: boolean }[]; standards: string[]; assessments: GenAssessment[]; observations: GenObservation[] }

function generateClass(seed: number): GenClass {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const students = ['S1', 'S2', 'S10', 'S3', 'S4', 'S5'].map((id, i) => ({ id, active: i !== 4 }));
  const standards = ['6.RP.A.2', '6.RP.A.10', '6.EE.B.7', 'K.CC.1'];
  const dates = ['2026-10-01', '2026-10-03', '2026-10-03', '2026-10-08', '2026-10-08', '2026-10-15'];
  const assessments: GenAssessment[] = [];
  const n = 2 + Math.floor(rnd() * 6);
  for (let k = 0; k < n; k++) {
    const date = pick(dates);
    const retakeOf = assessments.length && rnd() < 0.3 ? pick(assessments).id : null;
    const id = `${date}-${pick(['quiz', 'exit', 'a', 'zz', 'test'])}${k}`;
    const items = Array.from({ length: 1 + Math.floor(rnd() * 4) }, (_, i) => {
      const stds = [...new Set([pick(standards), ...(rnd() < 0.35 ? [pick(standards)] : [])])];
      return { id: `q${i + 1}`, standards: stds, points: 1 + Math.floor(rnd() * 4) };
    });
    const rows = new Map<string, (number | null)[]>();
    for (const s of students) {
      if (rnd() < 0.2) continue;
      rows.set(s.id, items.map((it) => (rnd() < 0.2 ? null : Math.floor(rnd() * (it.points * 2 + 1)) / 2)));
    }
    assessments.push({ id, date, retakeOf, items, rows });
  }
  const observations = Array.from({ length: Math.floor(rnd() * 7) }, () => ({
    student: pick(students).id, standard: pick(standards), date: pick(dates),
    score: Math.floor(rnd() * 9) / 2, source: pick(['conference', 'rubric', 'override', 'platform']),
  }));
  return { students, standards, assessments, observations };
}

function filesOf(c: GenClass): BookFiles {
  return {
    roster: ['id,given_name,family_name,section,email,status', ...c.students.map((s) => `${s.id},G,F,P1,,${s.active ? 'active' : 'withdrawn'}`)].join('\n') + '\n',
    standards: c.standards.map((id) => `- { id: "${id}", statement: s, unit: u }`).join('\n') + '\n',
    assessments: Object.fromEntries(c.assessments.map((a) => [a.id, [
      [`id: ${a.id}`, `title: t`, `date: ${a.date}`, 'kind: quiz', `retakeOf: ${a.retakeOf ?? 'null'}`, 'items:',
        ...a.items.map((it) => `  - { id: ${it.id}, standards: [${it.standards.map((s) => `"${s}"`).join(', ')}], points: ${it.points} }`)].join('\n') + '\n',
      [['student_id', ...a.items.map((i) => i.id)].join(','), ...[...a.rows].map(([s, pts]) => [s, ...pts.map((p) => (p === null ? '' : String(p)))].join(','))].join('\n') + '\n',
    ]])),
    observations: ['student_id,standard,date,score,source,note', ...c.observations.map((o) => `${o.student},${o.standard},${o.date},${o.score},${o.source},`)].join('\n') + '\n',
  };
}

// ---- the rules, read naively ----

const MAX = 4;
const MASTERY = 3;
const LEVELS = [[4, 3.5, 'Exceeds'], [3, 3, 'Mastered'], [2, 2, 'Approaching'], [1, 0, 'Beginning']] as const;
const round2 = (x: number) => Math.sign(x) * Math.round(Number((Math.abs(x) * 100).toPrecision(12))) / 100;
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function fitAt(xs: number[], ys: number[], at: number): number {
  const mx = avg(xs);
  const my = avg(ys);
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => { num += (x - mx) * (ys[i]! - my); den += (x - mx) ** 2; });
  const b = den ? num / den : 0;
  return my - b * mx + b * at;
}
const power = (s: number[]) => Math.exp(fitAt(s.map((_, i) => Math.log(i + 1)), s.map(Math.log), Math.log(s.length)));
const linear = (s: number[]) => fitAt(s.map((_, i) => i + 1), s, s.length);
const clamp = (x: number) => Math.min(MAX, Math.max(0, x));

function naive(method: MethodName, s: number[], w: number, n: number): number | null {
  const decaying = () => s.slice(1).reduce((d, x) => (1 - w) * d + w * x, s[0]!);
  switch (method) {
    case 'decaying-average': return decaying();
    case 'weighted-average': return s.length === 1 ? s[0]! : w * s.at(-1)! + (1 - w) * avg(s.slice(0, -1));
    case 'n-mastery': { const k = s.filter((x) => x >= MASTERY - 1e-9); return k.length >= n ? avg(k) : null; }
    case 'latest': return s.at(-1)!;
    case 'highest': return Math.max(...s);
    case 'average': return avg(s);
    case 'median': { const t = [...s].sort((a, b) => a - b); const m = t.length >> 1; return t.length % 2 ? t[m]! : (t[m - 1]! + t[m]!) / 2; }
    case 'mode': {
      let best = s[0]!;
      let bestCount = 0;
      s.forEach((x, i) => {
        const c = s.filter((y) => y === x).length;
        if (c > bestCount || (c === bestCount && s.lastIndexOf(x) >= s.lastIndexOf(best))) { best = x; bestCount = c; }
        void i;
      });
      return best;
    }
    case 'most-recent-n': return avg(s.slice(-n));
    case 'power-law': return s.length < 3 || s.includes(0) ? decaying() : clamp(power(s));
    case 'best-fit': {
      if (s.length === 1) return s[0]!;
      const sse = (f: (i: number) => number) => s.reduce((t, y, i) => t + (y - f(i + 1)) ** 2, 0);
      const lin = (x: number) => fitAt(s.map((_, i) => i + 1), s, x);
      const cands: [number, number][] = [[sse(lin), linear(s)]];
      if (s.length >= 3 && !s.includes(0)) {
        const lp = (x: number) => Math.exp(fitAt(s.map((_, i) => Math.log(i + 1)), s.map(Math.log), Math.log(x)));
        cands.push([sse(lp), power(s)]);
      }
      cands.push([sse(() => avg(s)), avg(s)]);
      let [bestErr, bestVal] = cands[0]!;
      for (const [e, v] of cands.slice(1)) if (e < bestErr - 1e-12) [bestErr, bestVal] = [e, v];
      return clamp(bestVal);
    }
  }
}

function oracle(c: GenClass, method: MethodName, w = 0.65, n = 3): MasteryRow[] {
  const rows: MasteryRow[] = [];
  for (const s of c.students.filter((x) => x.active)) {
    for (const std of c.standards) {
      type Piece = { date: string; order: [number, string, number]; score: number; from?: string; override: boolean };
      let pieces: Piece[] = [];
      for (const a of c.assessments) {
        const pts = a.rows.get(s.id);
        if (!pts) continue;
        let earned = 0;
        let possible = 0;
        a.items.forEach((it, i) => {
          if (it.standards.includes(std) && pts[i] !== null) { earned += pts[i]!; possible += it.points; }
        });
        if (possible) pieces.push({ date: a.date, order: [0, a.id, 0], score: (earned / possible) * MAX, from: a.id, override: false });
      }
      c.observations.forEach((o, k) => {
        if (o.student === s.id && o.standard === std) pieces.push({ date: o.date, order: [1, '', k], score: o.score, override: o.source === 'override' });
      });
      const retaken = new Set(c.assessments.filter((a) => a.retakeOf && pieces.some((p) => p.from === a.id)).map((a) => a.retakeOf!));
      pieces = pieces.filter((p) => !p.from || !retaken.has(p.from));
      pieces.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.order[0] - y.order[0] || (x.order[1] < y.order[1] ? -1 : x.order[1] > y.order[1] ? 1 : 0) || x.order[2] - y.order[2]));
      const last = pieces.at(-1);
      let raw: number | null = null;
      if (last) raw = last.override ? last.score : naive(method, pieces.filter((p) => !p.override).map((p) => p.score), w, n);
      const score = raw === null ? null : round2(raw);
      const level = score === null ? undefined : LEVELS.find(([, min]) => score >= min)!;
      rows.push({
        student_id: s.id, standard: std, score, level: level ? level[0] : null,
        label: level ? level[2] : last ? 'Not yet' : 'Not yet assessed', mastered: score !== null && score >= MASTERY,
        evidence_count: pieces.length, last_date: last ? last.date : null, method,
      });
    }
  }
  return rows.sort((a, b) => (a.student_id < b.student_id ? -1 : a.student_id > b.student_id ? 1 : a.standard < b.standard ? -1 : a.standard > b.standard ? 1 : 0));
}

describe('masteryRows agrees with a naive reading of DESIGN.md on random classes', () => {
  it.each(METHODS)('%s', (method) => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(0.5, 0.65, 0.8), fc.integer({ min: 1, max: 4 }), (seed, w, n) => {
      const c = generateClass(seed);
      const book = bookFrom(filesOf(c));
      expect(masteryRows(book, { method: { method, w, n } })).toEqual(oracle(c, method, w, n));
    }), { numRuns: 150 });
  });
});

describe('order matters only by date and id', () => {
  it('shuffling the assessment files and the rows inside them changes no result, for any method', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(...METHODS), (seed, shuffleSeed, method) => {
      const book = bookFrom(filesOf(generateClass(seed)));
      const rnd = prng(shuffleSeed);
      const shuffle = <T>(xs: readonly T[]): T[] => {
        const a = [...xs];
        for (let i = a.length - 1; i > 0; i--) {
          const j = Math.floor(rnd() * (i + 1));
          [a[i], a[j]] = [a[j]!, a[i]!];
        }
        return a;
      };
      const shuffled = { ...book, assessments: shuffle(book.assessments).map((a) => ({ ...a, scores: shuffle(a.scores) })), students: shuffle(book.students) };
      expect(masteryRows(shuffled, { method: { method } })).toEqual(masteryRows(book, { method: { method } }));
    }), { numRuns: 200 });
  });
});
