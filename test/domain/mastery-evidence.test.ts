// Evidence as DESIGN.md § Mastery defines it, on small gradebooks built through the real parsers:
// blanks, multi-standard items, missing rows, retakes, ordering, observations, --as-of, thin, override, roll-ups.
import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../src/domain/mastery/evidence.ts';
import { masteryTable, type MasteryCell, type MasteryOptions } from '../../src/domain/mastery/table.ts';
import type { Book } from '../../src/domain/types.ts';
import { masteryRows } from '../../src/store/mastery-store.ts';
import { assessmentYaml, bookFrom, type BookFiles } from './book-fixture.ts';

const ROSTER = `
  id,given_name,family_name,section,email,status
  S1,Ana,Ruiz,P1,,active
  S2,Ben,Cole,P1,,active
  S3,Cai,Dunn,P2,,active
  S4,Dee,Ellis,P2,,withdrawn
`;
const STANDARDS = `
  - { id: A, statement: a, unit: u, prerequisites: [] }
  - { id: B, statement: b, unit: u, prerequisites: [A] }
`;

function files(over: Partial<BookFiles>): BookFiles {
  return { roster: ROSTER, standards: STANDARDS, ...over };
}
const cellOf = (book: Book, student: string, std: string, opts: MasteryOptions = {}): MasteryCell =>
  masteryTable(book, { trace: true, ...opts }, true).cells.get(student)!.get(std)!;
const scoresOf = (c: MasteryCell) => c.evidence.map((e) => Number(e.score.toFixed(4)));

describe('evidence scores from an assessment', () => {
  const book = bookFrom(files({
    assessments: {
      '2026-10-01-quiz': [assessmentYaml('2026-10-01-quiz', [['q1', ['A'], 2], ['q2', ['A'], 2], ['q3', ['A', 'B'], 2], ['q4', ['B'], 1]]), `
        student_id,q1,q2,q3,q4
        S1,2,,1,
        S2,,,,
        S4,1,1,1,1
      `],
    },
  }));

  it('leaves blank cells out of both earned and possible (not taken is not zero)', () => {
    const c = cellOf(book, 'S1', 'A');
    expect(c.evidence).toHaveLength(1);
    const e = c.evidence[0]!;
    expect([e.earned, e.possible]).toEqual([3, 4]); // q1 2/2 and q3 1/2; q2 blank
    expect(e.score).toBe(3);
    expect(e.items!.map((i) => i.item)).toEqual(['q1', 'q3']);
  });

  it('counts an item aligned to several standards for each of them', () => {
    const b = cellOf(book, 'S1', 'B');
    expect(b.evidence[0]!.items).toEqual([{ item: 'q3', earned: 1, possible: 2 }]);
    expect(b.score).toBe(2); // 1/2 × 4; q4 blank
  });

  it('gives no evidence from a row with every cell blank, nor from a missing row', () => {
    for (const s of ['S2', 'S3']) {
      const c = cellOf(book, s, 'A');
      expect(c.evidenceCount).toBe(0);
      expect(c.score).toBeNull();
      expect(c.label).toBe('Not yet assessed');
      expect(c.lastDate).toBeNull();
    }
  });

  it('points at the scores row (file and line) each piece came from', () => {
    expect(cellOf(book, 'S1', 'A').evidence[0]!.source).toEqual({ file: 'assessments/2026-10-01-quiz.csv', line: 2 });
  });

  it('keeps withdrawn students out of the rows, sorted by student then standard in code-unit order', () => {
    const rows = masteryRows(book);
    expect(rows.map((r) => `${r.student_id}/${r.standard}`)).toEqual(['S1/A', 'S1/B', 'S2/A', 'S2/B', 'S3/A', 'S3/B']);
  });
});

describe('order: assessment date, then id; observations after assessments on the same date, in file order', () => {
  const book = bookFrom(files({
    assessments: {
      // Loaded in this (file) order; evidence order must not depend on it.
      '2026-10-05-zeta': [assessmentYaml('2026-10-05-zeta', [['q1', ['A'], 4]]), 'student_id,q1\nS1,2\n'],
      '2026-10-05-alpha': [assessmentYaml('2026-10-05-alpha', [['q1', ['A'], 4]]), 'student_id,q1\nS1,1\n'],
      '2026-10-09-late': [assessmentYaml('2026-10-09-late', [['q1', ['A'], 4]]), 'student_id,q1\nS1,4\n'],
      '2026-10-02-early': [assessmentYaml('2026-10-02-early', [['q1', ['A'], 4]]), 'student_id,q1\nS1,0\n'],
    },
    observations: `
      student_id,standard,date,score,source,note
      S1,A,2026-10-05,3.5,conference,second on the 5th
      S1,A,2026-10-09,2.5,rubric,after the 9th's assessment
      S1,A,2026-10-01,1.5,conference,before everything
      S1,A,2026-10-05,3,rubric,third on the 5th
    `,
  }));

  it('puts every piece in the rule\'s order', () => {
    const c = cellOf(book, 'S1', 'A', { method: { method: 'latest' } });
    expect(c.evidence.map((e) => e.from)).toEqual([
      'conference', '2026-10-02-early', '2026-10-05-alpha', '2026-10-05-zeta', 'conference', 'rubric', '2026-10-09-late', 'rubric',
    ]);
    expect(scoresOf(c)).toEqual([1.5, 0, 1, 2, 3.5, 3, 4, 2.5]);
    expect(c.score).toBe(2.5);
    expect(c.lastDate).toBe('2026-10-09');
  });

  it('shuffling the files does not change any result', () => {
    const shuffled: Book = {
      ...book,
      assessments: [...book.assessments].reverse().map((a) => ({ ...a, scores: [...a.scores].reverse() })),
    };
    for (const method of ['decaying-average', 'latest', 'power-law', 'mode'] as const) {
      expect(cellOf(shuffled, 'S1', 'A', { method: { method } }).score).toBe(cellOf(book, 'S1', 'A', { method: { method } }).score);
    }
  });

  it('--as-of keeps only evidence dated on or before that day', () => {
    const c = cellOf(book, 'S1', 'A', { method: { method: 'latest' }, asOf: '2026-10-05' });
    expect(scoresOf(c)).toEqual([1.5, 0, 1, 2, 3.5, 3]);
    expect(c.lastDate).toBe('2026-10-05');
    expect(cellOf(book, 'S1', 'A', { asOf: '2026-09-30' }).label).toBe('Not yet assessed');
  });
});

describe('retakes replace the original, standard by standard and student by student', () => {
  const items: [string, string[], number][] = [['q1', ['A'], 2], ['q2', ['B'], 2]];
  const book = bookFrom(files({
    assessments: {
      '2026-10-10-quiz': [assessmentYaml('2026-10-10-quiz', items), 'student_id,q1,q2\nS1,0,1\nS2,1,1\nS3,0,0\n'],
      // S1 retakes only the A item; S3 sits the retake but leaves it blank.
      '2026-10-14-quiz-retake': [assessmentYaml('2026-10-14-quiz-retake', items, { retakeOf: '2026-10-10-quiz' }), 'student_id,q1,q2\nS1,2,\nS3,,\n'],
      '2026-10-20-quiz-retake-2': [assessmentYaml('2026-10-20-quiz-retake-2', items, { retakeOf: '2026-10-14-quiz-retake' }), 'student_id,q1,q2\nS2,2,2\n'],
    },
    observations: 'student_id,standard,date,score,source,note\nS1,A,2026-10-12,1,conference,\n',
  }));

  it('drops the original on the standards the student retook, and keeps the rest', () => {
    const a = cellOf(book, 'S1', 'A');
    expect(a.evidence.map((e) => e.from)).toEqual(['conference', '2026-10-14-quiz-retake']);
    expect(a.dropped.map((d) => d.evidence.from)).toEqual(['2026-10-10-quiz']);
    expect(a.dropped[0]!.reason).toBe('replaced by the retake 2026-10-14-quiz-retake (2026-10-14)');
    const b = cellOf(book, 'S1', 'B');
    expect(b.evidence.map((e) => e.from)).toEqual(['2026-10-10-quiz']);
    expect(b.dropped).toEqual([]);
  });

  it('keeps the original when the student has no evidence from the retake', () => {
    expect(cellOf(book, 'S3', 'A').evidence.map((e) => e.from)).toEqual(['2026-10-10-quiz']);
  });

  it('drops only the direct original: a retake of a retake leaves the first quiz to its own retake', () => {
    // S2 sat the quiz and the second retake, not the first retake: the quiz stays.
    expect(cellOf(book, 'S2', 'A').evidence.map((e) => e.from)).toEqual(['2026-10-10-quiz', '2026-10-20-quiz-retake-2']);
  });

  it('with --as-of before the retake, the original still counts', () => {
    expect(cellOf(book, 'S1', 'A', { asOf: '2026-10-13' }).evidence.map((e) => e.from)).toEqual(['2026-10-10-quiz', 'conference']);
  });

  it('remembers dropped evidence per student only', () => {
    const ev = collectEvidence(book);
    expect(ev.get('S3')!.dropped.size).toBe(0);
  });
});

describe('thin evidence and teacher overrides', () => {
  const base = files({
    assessments: {
      '2026-10-01-exit': [assessmentYaml('2026-10-01-exit', [['q1', ['A'], 4]]), 'student_id,q1\nS1,1\nS2,4\n'],
      '2026-10-08-exit': [assessmentYaml('2026-10-08-exit', [['q1', ['A'], 4]]), 'student_id,q1\nS1,2\nS2,4\n'],
    },
    observations: `
      student_id,standard,date,score,source,note
      S1,A,2026-10-08,3,override,teacher judgment on the same day
      S2,A,2026-10-03,2.5,override,before newer evidence
      S2,B,2026-10-04,3.5,override,
    `,
  });

  it('flags fewer pieces than minEvidence (2 by default; from pathbook.yaml otherwise)', () => {
    const book = bookFrom(base);
    expect(cellOf(book, 'S2', 'B').thin).toBe(true);
    expect(cellOf(book, 'S1', 'A').thin).toBe(false);
    expect(cellOf(book, 'S3', 'A').thin).toBe(false); // no evidence is "not assessed", not thin
    const strict = bookFrom({ ...base, settings: 'mastery:\n  minEvidence: 4\n' });
    expect(cellOf(strict, 'S1', 'A').thin).toBe(true);
  });

  it('an override that is the newest evidence sets the score, even after an assessment on its day', () => {
    const c = cellOf(bookFrom(base), 'S1', 'A');
    expect(c.override).toBe(true);
    expect([c.score, c.label, c.mastered]).toEqual([3, 'Mastered', true]);
    expect(c.evidenceCount).toBe(3);
  });

  it('newer evidence ends the override, and the override is not an input of the method', () => {
    const book = bookFrom(base);
    const c = cellOf(book, 'S2', 'A');
    expect(c.override).toBe(false);
    expect(c.evidenceCount).toBe(3);
    // decaying average over the assessment scores only (4, 4), not 0.35·(0.35·4 + 0.65·2.5) + …
    expect(c.score).toBe(4);
    expect(cellOf(book, 'S2', 'A', { method: { method: 'average' } }).score).toBe(4);
  });

  it('overrides hold whatever the method, including n-mastery', () => {
    const c = cellOf(bookFrom(base), 'S1', 'A', { method: { method: 'n-mastery', n: 5 } });
    expect([c.score, c.override]).toEqual([3, true]);
  });

  it('n-mastery before n scores at mastery is "Not yet", with the evidence counted', () => {
    const book = bookFrom(base);
    const c = cellOf(book, 'S2', 'A', { method: { method: 'n-mastery', n: 3 } });
    expect([c.score, c.level, c.label, c.mastered, c.evidenceCount]).toEqual([null, null, 'Not yet', false, 3]);
    expect(cellOf(book, 'S2', 'A', { method: { method: 'n-mastery', n: 2 } }).score).toBe(4);
  });
});

describe('methods and parameters per standard (standards.yaml) and from the command line', () => {
  const standards = `
    - { id: A, statement: a, unit: u, method: latest }
    - { id: B, statement: b, unit: u, w: 0.5 }
  `;
  const book = bookFrom(files({
    standards,
    assessments: { '2026-10-01-exit': [assessmentYaml('2026-10-01-exit', [['q1', ['A', 'B'], 4]]), 'student_id,q1\nS1,2\n'], '2026-10-02-exit': [assessmentYaml('2026-10-02-exit', [['q1', ['A', 'B'], 4]]), 'student_id,q1\nS1,4\n'] },
  }));
  it('a standard\'s own method, or its own w with the folder\'s method', () => {
    expect(cellOf(book, 'S1', 'A').method).toBe('latest');
    expect(cellOf(book, 'S1', 'A').score).toBe(4);
    const b = cellOf(book, 'S1', 'B');
    expect([b.method, b.spec.w, b.score]).toEqual(['decaying-average', 0.5, 3]);
  });
  it('--method replaces every standard\'s method; --w beats the standard\'s w', () => {
    expect(cellOf(book, 'S1', 'A', { method: { method: 'average' } }).score).toBe(3);
    expect(cellOf(book, 'S1', 'B', { method: { method: 'decaying-average' } }).spec.w).toBe(0.5);
    expect(cellOf(book, 'S1', 'B', { method: { w: 0.75 } }).score).toBe(3.5);
  });
});

describe('parent standards roll up from their children', () => {
  const standardsWith = (rule: string) => `
    - { id: A, statement: a, unit: u }
    - { id: B, statement: b, unit: u }
    - { id: C, statement: c, unit: u }
    - { id: P, statement: parent, unit: u, children: [A, B, C]${rule ? `, rollup: ${rule}` : ''} }
  `;
  // S1: A 4, B 3, C 2 (not mastered). S2: A 4, B 3.5, C 3 (all mastered). S3: A only. S4 nothing… S4 is withdrawn; S2 used.
  const assessments: BookFiles['assessments'] = {
    '2026-10-01-test': [assessmentYaml('2026-10-01-test', [['q1', ['A'], 4], ['q2', ['B'], 4], ['q3', ['C'], 4]]), 'student_id,q1,q2,q3\nS1,4,3,2\nS2,4,3.5,3\nS3,3,,\n'],
  };
  const table = (rule: string) => masteryTable(bookFrom(files({ standards: standardsWith(rule), assessments })));
  const parent = (rule: string, s: string) => table(rule).cells.get(s)!.get('P')!;

  it('mean (the default): the mean of the children with a score, unassessed children left out', () => {
    for (const rule of ['', 'mean']) {
      expect(parent(rule, 'S1').score).toBe(3);
      expect(parent(rule, 'S1').mastered).toBe(true);
      expect(parent(rule, 'S1').method).toBe('rollup:mean');
      expect(parent(rule, 'S2').score).toBe(3.5);
      expect(parent(rule, 'S3').score).toBe(3);
      expect(parent(rule, 'S3').steps.join('\n')).toContain('left out: B, C have no score yet');
    }
  });

  it('min: the lowest child, once every child has a score', () => {
    expect([parent('min', 'S1').score, parent('min', 'S1').label]).toEqual([2, 'Approaching']);
    expect(parent('min', 'S2').score).toBe(3);
    expect([parent('min', 'S3').score, parent('min', 'S3').label]).toEqual([null, 'Not yet']);
  });

  it('all-mastered: mastered exactly when every child is; the score never contradicts the level', () => {
    const s1 = parent('all-mastered', 'S1');
    expect([s1.score, s1.label, s1.mastered]).toEqual([2, 'Approaching', false]);
    expect(s1.steps[0]).toContain('C not yet');
    const s2 = parent('all-mastered', 'S2');
    expect([s2.score, s2.label, s2.mastered]).toEqual([3.5, 'Exceeds', true]);
    expect(parent('all-mastered', 'S3').score).toBeNull();
  });

  it('adds up the children\'s evidence and flags the parent thin when a child is', () => {
    const p = parent('mean', 'S1');
    expect(p.evidenceCount).toBe(3);
    expect(p.lastDate).toBe('2026-10-01');
    expect(p.thin).toBe(true);
    const rows = masteryRows(bookFrom(files({ standards: standardsWith('min'), assessments })));
    expect(rows.find((r) => r.student_id === 'S1' && r.standard === 'P')).toMatchObject({ score: 2, level: 2, method: 'rollup:min' });
  });

  it('a parent with no evidence under it is "Not yet assessed"', () => {
    const t = masteryTable(bookFrom(files({ standards: standardsWith('mean') })));
    expect(t.cells.get('S1')!.get('P')!.label).toBe('Not yet assessed');
  });

  it('refuses an observation on the parent itself (it has no evidence of its own)', () => {
    expect(() => bookFrom(files({ standards: standardsWith('mean'), observations: 'student_id,standard,date,score,source,note\nS1,P,2026-10-01,3,conference,\n' })))
      .toThrow(/observations.csv:2: observation on P, a parent standard/);
  });
});
