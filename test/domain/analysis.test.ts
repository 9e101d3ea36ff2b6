// Item analysis against the worked example in algorithms.md §4.2 (every number there is a test vector),
// and tomorrow's plan on small classes computed by hand.
import { describe, expect, it } from 'vitest';
import { alphaIfDeleted, analyzeAssessment, cronbachAlpha, kr21, levelsFrom, pearson } from '../../src/domain/analysis.ts';
import { inlineBook, ONE_STANDARD, rosterCsv } from './inline-book.ts';

// 10 students × 5 items, algorithms.md §4.2.
const MATRIX = [
  [1, 1, 1, 1, 1], [1, 1, 1, 1, 0], [1, 1, 1, 0, 1], [1, 1, 0, 1, 0], [1, 0, 1, 1, 0],
  [1, 1, 0, 0, 0], [0, 1, 1, 0, 0], [1, 0, 0, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 0, 0],
];
const IDS = MATRIX.map((_, i) => `S${String(i + 1).padStart(2, '0')}`);
const I3_CHOICES = ['B', 'B', 'B', 'C', 'B', 'A', 'B', 'C', 'D', 'C'];

function workedExample() {
  const yaml = `id: 2026-11-20-worked\ntitle: Worked example\ndate: 2026-11-20\nkind: quiz\nitems:\n` +
    [1, 2, 3, 4, 5].map((i) => `  - { id: I${i}, standards: [6.RP.A.1], points: 1${i === 3 ? ', key: B' : ''} }\n`).join('');
  const csv = 'student_id,I1,I2,I3,I4,I5\n' + MATRIX.map((r, i) => `${IDS[i]},${r.join(',')}`).join('\n') + '\n';
  const { book } = inlineBook({
    'roster.csv': rosterCsv(IDS), 'standards.yaml': ONE_STANDARD,
    'assessments/2026-11-20-worked.yaml': yaml, 'assessments/2026-11-20-worked.csv': csv,
  });
  const responses = new Map(IDS.map((id, i) => [id, { I3: I3_CHOICES[i]! }]));
  return analyzeAssessment(book, '2026-11-20-worked', responses);
}

describe('item analysis (algorithms.md §4.2)', () => {
  const r = workedExample();
  const item = (id: string) => r.items.find((x) => x.id === id)!;

  it('gives each item its difficulty', () => {
    expect(r.items.map((x) => x.pCorrect)).toEqual([0.7, 0.6, 0.5, 0.5, 0.2]);
  });

  it('gives the point-biserial of every item', () => {
    const want = [0.654654, 0.680414, 0.733333, 0.466667, 0.666667];
    r.items.forEach((x, i) => expect(x.pointBiserial).toBeCloseTo(want[i]!, 6));
    expect(item('I3').pointBiserial).toBeCloseTo(0.7333333333, 9);
  });

  it('gives the item-rest correlation, I4 the weakest', () => {
    const want = [0.419314, 0.434785, 0.507093, 0.149071, 0.472866];
    r.items.forEach((x, i) => expect(x.itemRest).toBeCloseTo(want[i]!, 6));
    expect(item('I4').flags).toContain('weak discrimination');
  });

  it('gives KR-20 = 0.633333 and KR-21 = 0.555556', () => {
    expect(r.reliability.method).toBe('KR-20');
    expect(r.reliability.value).toBeCloseTo(0.6333333333, 9);
    expect(r.reliability.kr21).toBeCloseTo(0.555556, 6);
    expect(r.reliability.n).toBe(10);
    expect(r.reliability.warning).toMatch(/10 students/);
  });

  it('gives α if an item is deleted: deleting I4 raises it to 0.6963', () => {
    const want = [0.5641, 0.5548, 0.5143, 0.6963, 0.5466];
    r.items.forEach((x, i) => expect(x.alphaIfDeleted).toBeCloseTo(want[i]!, 4));
  });

  it('gives the distractor table of I3', () => {
    const answers = item('I3').answers!;
    expect(answers.map((a) => [a.answer, a.count, a.correct])).toEqual([['B', 5, true], ['C', 3, false], ['A', 1, false], ['D', 1, false]]);
    const by = Object.fromEntries(answers.map((a) => [a.answer, a]));
    expect(by.A!.meanTotal).toBeCloseTo(2.0, 9);
    expect(by.C!.meanTotal).toBeCloseTo(4 / 3, 9);
    expect(by.A!.optionTotalR).toBeCloseTo(-0.111, 3);
    expect(by.B!.optionTotalR).toBeCloseTo(0.733, 3);
    expect(by.C!.optionTotalR).toBeCloseTo(-0.509, 3);
    expect(by.D!.optionTotalR).toBeCloseTo(-0.333, 3);
  });

  it('counts the students at each level on the standard from this assessment', () => {
    // Evidence = total/5 × 4: totals 5,4,4,3,3,2,2,1,1,0 → 4, 3.2, 3.2, 2.4, 2.4, 1.6, 1.6, 0.8, 0.8, 0.
    const s = r.standards[0]!;
    expect(s.levels.map((l) => [l.label, l.count])).toEqual([['Exceeds', 1], ['Mastered', 2], ['Approaching', 2], ['Beginning', 5]]);
    expect(s.mean).toBeCloseTo(2.0, 9);
    expect(s.firstEvidence).toHaveLength(10);
  });

  it('plans a small group for the 7 of 10 who did not reach mastery, enrichment for the 3 who did', () => {
    const p = r.standards[0]!.plan;
    expect(p.action).toBe('small-group');
    expect(p.missed).toBe(7);
    expect(p.reteach.map((s) => s.id)).toEqual(['S04', 'S05', 'S06', 'S07', 'S08', 'S09', 'S10']);
    expect(p.enrichment.map((s) => s.name)).toEqual(['GivenS01 FamilyS01', 'GivenS02 FamilyS02', 'GivenS03 FamilyS03']);
  });
});

describe('statistics', () => {
  it('leaves r undefined when an item has no variance', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(cronbachAlpha([[1, 1], [1, 1]])).toBeNull();
  });
  it('computes α if deleted as the α of the matrix without the item', () => {
    const m = [[1, 2, 0, 3], [0, 1, 1, 2], [2, 2, 1, 3], [1, 0, 0, 1], [2, 1, 1, 2]];
    alphaIfDeleted(m).forEach((v, j) => expect(v).toBeCloseTo(cronbachAlpha(m.map((r) => r.filter((_, c) => c !== j)))!, 12));
  });
  it('matches KR-20 with α on 0/1 data and KR-21 ≤ KR-20', () => {
    expect(cronbachAlpha(MATRIX)).toBeCloseTo(0.633333, 6);
    expect(kr21(MATRIX)!).toBeLessThanOrEqual(cronbachAlpha(MATRIX)!);
  });
});

describe("tomorrow's plan", () => {
  const std = ONE_STANDARD;
  const ids = ['S1', 'S2', 'S3', 'S4', 'S5'];
  const book = (scores: number[], settings = 'class: Test\n') => inlineBook({
    'pathbook.yaml': settings, 'roster.csv': rosterCsv(ids), 'standards.yaml': std,
    'assessments/2026-11-20-t.yaml': 'id: 2026-11-20-t\ntitle: T\ndate: 2026-11-20\nkind: exit-ticket\nitems:\n  - { id: q1, standards: [6.RP.A.1], points: 4 }\n',
    'assessments/2026-11-20-t.csv': 'student_id,q1\n' + scores.map((s, i) => `${ids[i]},${s}`).join('\n') + '\n',
  }).book;

  it('reteaches the whole class when 80% or more did not reach mastery', () => {
    const p = analyzeAssessment(book([1, 2, 2, 1, 4]), '2026-11-20-t').standards[0]!.plan;
    expect(p.action).toBe('whole-class-reteach');
    expect(p.missedShare).toBeCloseTo(0.8, 9);
    expect(p.reteach).toHaveLength(5);
    expect(p.enrichment.map((s) => s.id)).toEqual(['S5']);
  });

  it('follows the threshold in pathbook.yaml', () => {
    const p = analyzeAssessment(book([1, 2, 2, 1, 4], 'decisions:\n  wholeClassReteach: 0.9\n'), '2026-11-20-t').standards[0]!.plan;
    expect(p.action).toBe('small-group');
    expect(p.reteach.map((s) => s.id)).toEqual(['S1', 'S2', 'S3', 'S4']);
  });

  it('moves on when everyone reached mastery', () => {
    const p = analyzeAssessment(book([3, 4, 3, 4, 3]), '2026-11-20-t').standards[0]!.plan;
    expect(p.action).toBe('move-on');
    expect(p.reteach).toEqual([]);
  });

  it('leaves absent students out of the shares and lists them', () => {
    const b = book([1, 4, 4, 4, 4]);
    b.assessments[0]!.scores = b.assessments[0]!.scores.filter((r) => r.studentId !== 'S5');
    const r = analyzeAssessment(b, '2026-11-20-t');
    expect(r.notTaken.map((s) => s.id)).toEqual(['S5']);
    expect(r.standards[0]!.plan.took).toBe(4);
    expect(r.standards[0]!.plan.missed).toBe(1);
  });
});

describe('who moved a level', () => {
  it('agrees with two full mastery tables, for every assessment of the example class (retakes included)', async () => {
    const { loadBook } = await import('../../src/store/book-store.ts');
    const { masteryTable } = await import('../../src/domain/mastery/table.ts');
    const { copyExample } = await import('../helpers.ts');
    const { book } = loadBook(copyExample());
    const after = masteryTable(book);
    let moves = 0;
    for (const a of book.assessments) {
      const before = masteryTable({ ...book, assessments: book.assessments.filter((x) => x.id !== a.id) });
      const r = analyzeAssessment(book, a.id);
      const aligned = a.items.flatMap((it) => it.standards);
      expect(analyzeAssessment(book, a.id, undefined, { after: levelsFrom(after.cells, aligned, a.scores.map((x) => x.studentId)) })).toEqual(r);
      for (const s of r.standards) {
        const want = { up: [] as string[], down: [] as string[] };
        for (const st of after.students) {
          if (!a.scores.some((row) => row.studentId === st.id && a.items.some((it) => it.standards.includes(s.standard) && row.points[it.id] !== null))) continue;
          const b = before.cells.get(st.id)!.get(s.standard)!.level?.level;
          const c = after.cells.get(st.id)!.get(s.standard)!.level?.level;
          if (b !== undefined && c !== undefined && c > b) want.up.push(st.id);
          if (b !== undefined && c !== undefined && c < b) want.down.push(st.id);
        }
        expect({ up: s.movedUp.map((m) => m.id), down: s.movedDown.map((m) => m.id) }).toEqual(want);
        moves += want.up.length + want.down.length;
      }
    }
    expect(moves).toBeGreaterThan(20);
  });
});
