// Evidence: one score on the scale per (student, standard, assessment or observation), in the order
// DESIGN.md § Mastery fixes: assessment date, then assessment id; observations after assessments on
// the same date, in file order. Retakes replace what they retake, standard by standard.
import { compareText } from '../numbers.ts';
import type { Assessment, Book, Observation, ScoreRow, Source } from '../types.ts';

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

/** Per standard, the items of an assessment aligned with it (in item order): computed once per assessment. */
export function itemsByStandard(a: Assessment): Map<string, Assessment['items']> {
  const by = new Map<string, Assessment['items']>();
  for (const item of a.items) {
    for (const std of item.standards) {
      let list = by.get(std);
      if (!list) by.set(std, (list = []));
      list.push(item);
    }
  }
  return by;
}

/** The evidence scores one assessment gives one student, per standard (blank items left out). */
export function assessmentEvidence(a: Assessment, row: Assessment['scores'][number], max: number, byStandard = itemsByStandard(a), detail = true): Evidence[] {
  const out: Evidence[] = [];
  // Plain loops: a class table runs this for every row of a year before V8 has optimised it.
  byStandard.forEach((aligned, standard) => {
    const items: ItemWork[] | undefined = detail ? [] : undefined;
    let taken = 0;
    let earned = 0;
    let possible = 0;
    for (let k = 0; k < aligned.length; k++) {
      const item = aligned[k]!;
      const p = row.points[item.id];
      if (p === null || p === undefined) continue;
      items?.push({ item: item.id, earned: p, possible: item.points });
      taken++;
      earned += p;
      possible += item.points;
    }
    if (!taken || possible <= 0) return;
    const e: Evidence = {
      studentId: row.studentId, standard, date: a.date, score: (earned / possible) * max,
      kind: 'assessment', from: a.id, title: a.title, earned, possible, source: row.source,
    };
    if (items) e.items = items;
    out.push(e);
  });
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
  /** Keep the item-by-item working of each piece (explain does; class tables do not need it). */
  detail?: boolean;
  /** Only these students' evidence (a one-student report need not read everyone's). */
  students?: ReadonlySet<string>;
}

/**
 * Each student's rows and observations in evidence order, grouped once so that a student's evidence
 * can be collected without reading everyone else's (a district holds 10,000 students).
 */
export interface EvidenceIndex {
  max: number;
  detail: boolean;
  /** Per student, their score rows in assessment order (date, then id). */
  rows: Map<string, { assessment: Assessment; row: ScoreRow; byStandard: Map<string, Assessment['items']> }[]>;
  /** Per student, their observations by date, then file order. */
  observations: Map<string, Observation[]>;
  /** Retakes, in evidence order. */
  retakes: Assessment[];
}

export function evidenceIndex(book: Book, opts: EvidenceOptions = {}): EvidenceIndex {
  const asOf = opts.asOf;
  const only = opts.students;
  const assessments = [...book.assessments]
    .filter((a) => !asOf || a.date <= asOf)
    .sort((x, y) => compareText(x.date, y.date) || compareText(x.id, y.id));
  const rows: EvidenceIndex['rows'] = new Map();
  for (const a of assessments) {
    const byStandard = itemsByStandard(a);
    const scores = only && a.scoresOf ? a.scoresOf(only) : a.scores;
    // Index loops: a class table runs these for every row of a year before V8 has optimised them.
    for (let r = 0; r < scores.length; r++) {
      const row = scores[r]!;
      if (only && !only.has(row.studentId)) continue;
      let list = rows.get(row.studentId);
      if (!list) rows.set(row.studentId, (list = []));
      list.push({ assessment: a, row, byStandard });
    }
  }
  const observations: EvidenceIndex['observations'] = new Map();
  const sorted = book.observations
    .filter((o) => (!asOf || o.date <= asOf) && (!only || only.has(o.studentId)))
    .sort((x, y) => compareText(x.date, y.date) || x.index - y.index);
  for (const o of sorted) {
    let list = observations.get(o.studentId);
    if (!list) observations.set(o.studentId, (list = []));
    list.push(o);
  }
  return { max: book.settings.scale.max, detail: opts.detail ?? true, rows, observations, retakes: assessments.filter((a) => a.retakeOf) };
}

/** One student's evidence, ordered, with retaken evidence dropped (and remembered for `explain`); undefined when they have none. */
export function studentEvidence(ix: EvidenceIndex, studentId: string): StudentEvidence | undefined {
  const rows = ix.rows.get(studentId);
  const observations = ix.observations.get(studentId);
  if (!rows && !observations) return undefined;
  const se: StudentEvidence = { byStandard: new Map(), dropped: new Map() };
  const push = (e: Evidence) => {
    let list = se.byStandard.get(e.standard);
    if (!list) se.byStandard.set(e.standard, (list = []));
    list.push(e);
  };
  // Assessments first within a date, then observations in file order: merge by date.
  const obs = observations ?? [];
  let oi = 0;
  const list = rows ?? [];
  for (let r = 0; r < list.length; r++) {
    const { assessment: a, row, byStandard } = list[r]!;
    while (oi < obs.length && obs[oi]!.date < a.date) push(observationEvidence(obs[oi++]!));
    const got = assessmentEvidence(a, row, ix.max, byStandard, ix.detail);
    for (let k = 0; k < got.length; k++) push(got[k]!);
  }
  while (oi < obs.length) push(observationEvidence(obs[oi++]!));
  if (ix.retakes.length) dropRetaken(se, ix.retakes);
  return se;
}

/** Every student's evidence, ordered, with retaken evidence dropped (and remembered for `explain`). */
export function collectEvidence(book: Book, opts: EvidenceOptions = {}): Map<string, StudentEvidence> {
  const ix = evidenceIndex(book, opts);
  const out = new Map<string, StudentEvidence>();
  for (const id of new Set([...ix.rows.keys(), ...ix.observations.keys()])) out.set(id, studentEvidence(ix, id)!);
  return out;
}

/**
 * A retake replaces the original for each standard on which the student has evidence from the retake
 * (DESIGN.md). Only its direct original: in a chain A ← B ← C a student who sat A and C keeps A, since
 * C retakes B; one who sat all three keeps C alone. Observations are never dropped. With --as-of, a
 * retake after that day is not there yet, so the original still counts.
 */
function dropRetaken(se: StudentEvidence, retakes: readonly Assessment[]): void {
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
