// Evidence: one score on the scale per (student, standard, assessment or observation), in the order
// DESIGN.md § Mastery fixes: assessment date, then assessment id; observations after assessments on
// the same date, in file order. Retakes replace what they retake, standard by standard.
import { compareText } from '../numbers.ts';
import type { Assessment, Book, Observation, Source } from '../types.ts';

export interface ItemWork {
  item: string;
  earned: number;
  possible: number;
}

export interface Evidence {
  studentId: string;
  standard: string;
  date: string;
  /** On the scale (0..max). */
  score: number;
  kind: 'assessment' | 'observation' | 'override';
  /** Assessment id, or the observation's source (conference, rubric…). */
  from: string;
  title: string;
  note?: string;
  /** For assessments: the aligned items the student took. */
  items?: ItemWork[];
  earned?: number;
  possible?: number;
  source: Source;
}

export interface DroppedEvidence {
  evidence: Evidence;
  reason: string;
}

export interface StudentEvidence {
  /** Per standard, in evidence order. */
  byStandard: Map<string, Evidence[]>;
  dropped: Map<string, DroppedEvidence[]>;
}

/** The evidence scores one assessment gives one student, per standard (blank items left out). */
export function assessmentEvidence(a: Assessment, row: Assessment['scores'][number], max: number): Evidence[] {
  const perStandard = new Map<string, ItemWork[]>();
  for (const item of a.items) {
    const p = row.points[item.id];
    if (p === null || p === undefined) continue;
    for (const std of item.standards) {
      let list = perStandard.get(std);
      if (!list) perStandard.set(std, (list = []));
      list.push({ item: item.id, earned: p, possible: item.points });
    }
  }
  const out: Evidence[] = [];
  for (const [standard, items] of perStandard) {
    let earned = 0;
    let possible = 0;
    for (const w of items) {
      earned += w.earned;
      possible += w.possible;
    }
    if (possible <= 0) continue;
    out.push({
      studentId: row.studentId, standard, date: a.date, score: (earned / possible) * max,
      kind: 'assessment', from: a.id, title: a.title, items, earned, possible, source: row.source,
    });
  }
  return out;
}

function observationEvidence(o: Observation): Evidence {
  return {
    studentId: o.studentId, standard: o.standard, date: o.date, score: o.score,
    kind: o.kind === 'override' ? 'override' : 'observation', from: o.kind, title: o.kind,
    note: o.note, source: o.source,
  };
}

export interface EvidenceOptions {
  /** Only evidence dated on or before this day. */
  asOf?: string;
}

/** Every student's evidence, ordered, with retaken evidence dropped (and remembered for `explain`). */
export function collectEvidence(book: Book, opts: EvidenceOptions = {}): Map<string, StudentEvidence> {
  const max = book.settings.scale.max;
  const asOf = opts.asOf;
  const assessments = [...book.assessments]
    .filter((a) => !asOf || a.date <= asOf)
    .sort((x, y) => compareText(x.date, y.date) || compareText(x.id, y.id));
  const out = new Map<string, StudentEvidence>();
  const get = (id: string) => {
    let e = out.get(id);
    if (!e) out.set(id, (e = { byStandard: new Map(), dropped: new Map() }));
    return e;
  };
  const push = (e: Evidence) => {
    const se = get(e.studentId);
    let list = se.byStandard.get(e.standard);
    if (!list) se.byStandard.set(e.standard, (list = []));
    list.push(e);
  };

  // Assessments first within a date, then observations in file order: merge by date.
  const observations = [...book.observations]
    .filter((o) => !asOf || o.date <= asOf)
    .sort((x, y) => compareText(x.date, y.date) || x.index - y.index);
  let oi = 0;
  for (const a of assessments) {
    while (oi < observations.length && observations[oi]!.date < a.date) push(observationEvidence(observations[oi++]!));
    for (const row of a.scores) for (const e of assessmentEvidence(a, row, max)) push(e);
  }
  while (oi < observations.length) push(observationEvidence(observations[oi++]!));

  // A retake replaces the original for each standard on which the student has evidence from the retake
  // (DESIGN.md). Only its direct original: in a chain A ← B ← C a student who sat A and C keeps A, since
  // C retakes B; one who sat all three keeps C alone. Observations are never dropped. With --as-of, a
  // retake after that day is not there yet, so the original still counts.
  const retakes = assessments.filter((a) => a.retakeOf);
  if (retakes.length) {
    for (const se of out.values()) {
      for (const [standard, list] of se.byStandard) {
        const fromRetakes = new Set(list.filter((e) => e.kind === 'assessment').map((e) => e.from));
        const replaced = new Map<string, string>();
        // Retakes are in evidence order, so two retakes of one original name the later one.
        for (const r of retakes) if (fromRetakes.has(r.id)) replaced.set(r.retakeOf!, `${r.id} (${r.date})`);
        if (!replaced.size) continue;
        const kept: Evidence[] = [];
        const dropped: DroppedEvidence[] = [];
        for (const e of list) {
          const by = e.kind === 'assessment' ? replaced.get(e.from) : undefined;
          if (by) dropped.push({ evidence: e, reason: `replaced by the retake ${by}` });
          else kept.push(e);
        }
        se.byStandard.set(standard, kept);
        if (dropped.length) se.dropped.set(standard, dropped);
      }
    }
  }
  return out;
}
