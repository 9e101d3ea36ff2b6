// What one assessment says about the class (DESIGN.md § Decisions after an assessment): classical item
// analysis (algorithms.md §4: difficulty, point-biserial, item-rest r, KR-20/α, distractors), the result
// per standard, who moved a mastery level because of it, and tomorrow's plan with names.
import { isCorrect, normalizeAnswer } from './answers.ts';
import { cellSummary, type ClassMastery } from './mastery/class-table.ts';
import { assessmentEvidence, collectEvidence, itemsByStandard } from './mastery/evidence.ts';
import { methodFor, scoreCell, type MasteryCell } from './mastery/table.ts';
import { compareText, mean, roundHalfAway } from './numbers.ts';
import { sortByIds } from './sort.ts';
import { levelFor, masteryPoints } from './scale.ts';
import type { Activity, Assessment, Book, Item, Scale, Student } from './types.ts';

// ---- statistics (population variances, ÷n, as algorithms.md §4.1 insists) ----

export function variance(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return s / xs.length;
}

/** Pearson r, or null when either side has no variance (r is undefined, not 0). */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2 || ys.length !== n) return null;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx <= 1e-12 || syy <= 1e-12) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/** Students' totals and their variance, when a reliability figure means anything (≥ 2 students and items, some spread). */
function totalsSpread(matrix: readonly (readonly number[])[]): { k: number; totals: number[]; vt: number } | null {
  const k = matrix[0]?.length ?? 0;
  if (matrix.length < 2 || k < 2) return null;
  const totals = matrix.map((r) => r.reduce((a, b) => a + b, 0));
  const vt = variance(totals);
  return vt > 1e-12 ? { k, totals, vt } : null;
}

/** Cronbach's α over item columns (rows = students), population variances; KR-20 for 0/1 items. */
export function cronbachAlpha(matrix: readonly (readonly number[])[]): number | null {
  const t = totalsSpread(matrix);
  if (!t) return null;
  const { k, vt } = t;
  let sum = 0;
  for (let j = 0; j < k; j++) sum += variance(matrix.map((r) => r[j]!));
  return (k / (k - 1)) * (1 - sum / vt);
}

/**
 * α without each item in turn, from the item variances and their covariances with the total, so a
 * 100-item test does not rebuild the matrix 100 times: var(X − x_j) = var(X) + var(x_j) − 2·cov(X, x_j).
 */
export function alphaIfDeleted(matrix: readonly (readonly number[])[]): (number | null)[] {
  const n = matrix.length;
  const k = matrix[0]?.length ?? 0;
  if (n < 2 || k < 3) return new Array(k).fill(null);
  const totals = matrix.map((r) => r.reduce((a, b) => a + b, 0));
  const mt = mean(totals);
  const vt = variance(totals);
  const vars: number[] = [];
  const covs: number[] = [];
  for (let j = 0; j < k; j++) {
    let m = 0;
    for (const r of matrix) m += r[j]!;
    m /= n;
    let v = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      const d = matrix[i]![j]! - m;
      v += d * d;
      c += d * (totals[i]! - mt);
    }
    vars.push(v / n);
    covs.push(c / n);
  }
  const sum = vars.reduce((a, b) => a + b, 0);
  return vars.map((vj, j) => {
    const vr = vt + vj - 2 * covs[j]!;
    return vr > 1e-12 ? ((k - 1) / (k - 2)) * (1 - (sum - vj) / vr) : null;
  });
}

/** KR-21 for 0/1 items: assumes equal difficulty, so it is at most KR-20. */
export function kr21(matrix: readonly (readonly number[])[]): number | null {
  const t = totalsSpread(matrix);
  if (!t) return null;
  const { k, totals, vt } = t;
  const m = mean(totals);
  return (k / (k - 1)) * (1 - (m * (k - m)) / (k * vt));
}

// ---- the report ----

export interface StudentRef {
  id: string;
  name: string;
}

export interface AnswerCount {
  /** As most students typed it; "" for a blank answer. */
  answer: string;
  count: number;
  share: number;
  correct: boolean;
  /** Mean total points of the students who chose it. */
  meanTotal: number | null;
  /** Correlation of choosing this answer with the total: positive for the key, negative for a working distractor. */
  optionTotalR: number | null;
}

export interface ItemStats {
  id: string;
  standards: string[];
  points: number;
  /** Students who took the item. */
  n: number;
  /** Students with all of the item's points. */
  correct: number;
  /** Difficulty: the share with all the points. */
  pCorrect: number | null;
  /** Mean points earned as a share of the item's points (equals pCorrect for 0/1 items). */
  meanShare: number | null;
  pointBiserial: number | null;
  itemRest: number | null;
  /** α (or KR-20) of the assessment without this item: above the whole's, the item hurts consistency. */
  alphaIfDeleted: number | null;
  flags: string[];
  /** For items whose answers were kept (.responses.csv): each answer chosen, most chosen first. */
  answers?: AnswerCount[];
}

export interface Reliability {
  method: 'KR-20' | 'alpha';
  value: number | null;
  /** Only for 0/1 scoring. */
  kr21: number | null;
  /** Students with every item taken (the ones the figure uses), and items. */
  n: number;
  k: number;
  warning?: string;
}

export interface LevelRef {
  level: number;
  label: string;
  score: number | null;
}

export interface LevelMove extends StudentRef {
  from: LevelRef | null;
  to: LevelRef | null;
}

export type PlanAction = 'whole-class-reteach' | 'small-group' | 'move-on';

export interface PlanStep {
  standard: string;
  action: PlanAction;
  /** Active students with evidence on the standard from this assessment, and how many of them fell short of mastery. */
  took: number;
  missed: number;
  missedShare: number;
  /** Reteach (everyone who took it, for a whole-class reteach) and enrichment (those who reached mastery). */
  reteach: StudentRef[];
  enrichment: StudentRef[];
  reteachActivity?: { id: string; title: string };
  enrichmentActivity?: { id: string; title: string };
}

export interface StandardResult {
  standard: string;
  statement: string;
  items: string[];
  /** Students with evidence from this assessment, the class mean of that evidence (on the scale) and counts per level. */
  n: number;
  mean: number | null;
  levels: { level: number; label: string; count: number }[];
  reachedMastery: number;
  /** Mastery level with versus without this assessment. */
  movedUp: LevelMove[];
  movedDown: LevelMove[];
  /** Students for whom this is the first evidence on the standard. */
  firstEvidence: LevelMove[];
  plan: PlanStep;
}

export interface AssessmentAnalysis {
  assessment: { id: string; title: string; date: string; kind: string; retakeOf: string | null };
  pointsPossible: number;
  /** Students with a score on at least one item. */
  took: number;
  meanPoints: number | null;
  /** Active students with no score at all, in the sections of those who took it. */
  notTaken: StudentRef[];
  items: ItemStats[];
  reliability: Reliability;
  standards: StandardResult[];
  thresholds: { wholeClassReteach: number; masteryScore: number };
}

/** Raw answers: student id → item id → text (from assessments/<id>.responses.csv). */
export type Responses = ReadonlyMap<string, Readonly<Record<string, string>>>;

export function studentName(s: Pick<Student, 'givenName' | 'familyName' | 'id'>): string {
  return `${s.givenName} ${s.familyName}`.trim() || s.id;
}

function isDichotomous(a: Assessment): boolean {
  return a.scores.every((r) => a.items.every((it) => {
    const p = r.points[it.id];
    return p === null || p === undefined || p === 0 || p === it.points;
  }));
}

function itemFlags(s: Omit<ItemStats, 'flags' | 'answers'>): string[] {
  const f: string[] = [];
  if ((s.pointBiserial !== null && s.pointBiserial < 0) || (s.itemRest !== null && s.itemRest < 0)) f.push('check the key: stronger students did worse on it');
  else if (s.itemRest !== null && s.itemRest < 0.2) f.push('weak discrimination');
  // Judged on the mean share of points, which is the difficulty for 0/1 items and fairer for partial credit.
  if (s.meanShare !== null && s.meanShare > 0.95) f.push('very easy');
  if (s.meanShare !== null && s.meanShare < 0.2) f.push('very hard');
  return f;
}

function answerCounts(item: Item, rows: { id: string; total: number }[], responses: Responses): AnswerCount[] | undefined {
  const answered = rows.filter((r) => responses.get(r.id)?.[item.id] !== undefined);
  if (!answered.length) return undefined;
  const groups = new Map<string, { spellings: Map<string, number>; ids: Set<string> }>();
  for (const r of answered) {
    const text = responses.get(r.id)![item.id]!.trim();
    const k = normalizeAnswer(text);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { spellings: new Map(), ids: new Set() }));
    g.spellings.set(text, (g.spellings.get(text) ?? 0) + 1);
    g.ids.add(r.id);
  }
  const totals = answered.map((r) => r.total);
  const out: AnswerCount[] = [];
  for (const g of groups.values()) {
    const answer = [...g.spellings].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0]![0];
    const chose = answered.map((r) => (g.ids.has(r.id) ? 1 : 0));
    const mine = answered.filter((r) => g.ids.has(r.id)).map((r) => r.total);
    out.push({
      answer, count: g.ids.size, share: g.ids.size / answered.length,
      correct: answer !== '' && isCorrect(item, answer),
      meanTotal: mine.length ? mean(mine) : null,
      optionTotalR: pearson(chose, totals),
    });
  }
  return out.sort((a, b) => b.count - a.count || compareText(a.answer, b.answer));
}

function levelRef(c: MasteryCell | undefined): LevelRef | null {
  return c && c.level ? { level: c.level.level, label: c.label, score: c.score } : null;
}

/** Mastery levels by student and standard: all a summary keeps of a class table. */
export type LevelLookup = ReadonlyMap<string, ReadonlyMap<string, LevelRef | null>>;

/** The levels of some students on some standards, out of a table's cells (the cells can then be let go). */
export function levelsFrom(cells: ReadonlyMap<string, ReadonlyMap<string, MasteryCell>>, standards: Iterable<string>, students: Iterable<string>): LevelLookup {
  const stds = [...standards];
  const out = new Map<string, Map<string, LevelRef | null>>();
  for (const sid of students) {
    const row = cells.get(sid);
    if (!row) continue;
    out.set(sid, new Map(stds.map((std) => [std, levelRef(row.get(std))])));
  }
  return out;
}

/** The same, out of a class table. */
export function levelsFromClass(cm: ClassMastery, scale: Scale, standards: Iterable<string>, students: Iterable<string>): LevelLookup {
  const col = new Map(cm.standards.map((s, j) => [s.id, j]));
  const row = new Map(cm.students.map((s, i) => [s.id, i]));
  const stds = [...standards];
  const out = new Map<string, Map<string, LevelRef | null>>();
  for (const sid of students) {
    const i = row.get(sid);
    if (i === undefined) continue;
    out.set(sid, new Map(stds.map((std) => {
      const j = col.get(std);
      if (j === undefined) return [std, null];
      const c = cellSummary(cm, scale, i, j);
      return [std, c.level ? { level: c.level.level, label: c.label, score: c.score } : null];
    })));
  }
  return out;
}

function firstActivity(activities: readonly Activity[], standard: string, tier: Activity['tier']): { id: string; title: string } | undefined {
  const a = activities.find((x) => x.tier === tier && x.standards.includes(standard));
  return a ? { id: a.id, title: a.title } : undefined;
}

/**
 * Mastery cells for some students on some (leaf) standards, exactly as masteryTable computes them but
 * without the rest of the class and the other standards: a cell depends only on its own evidence.
 */
function levelsFor(book: Book, standards: readonly string[], students: readonly string[]): LevelLookup {
  // Only the evidence these cells read: assessments touching the standards, these students' rows.
  const want = new Set(standards);
  const who = new Set(students);
  const focused: Book = {
    ...book,
    assessments: book.assessments.filter((a) => a.items.some((it) => it.standards.some((s) => want.has(s)))),
    observations: book.observations.filter((o) => want.has(o.standard) && who.has(o.studentId)),
  };
  const evidence = collectEvidence(focused, { detail: false, students: who });
  const stds = standards.map((id) => book.standards.find((s) => s.id === id)).filter((s): s is NonNullable<typeof s> => !!s && !s.children.length);
  const out = new Map<string, Map<string, LevelRef | null>>();
  for (const sid of students) {
    const se = evidence.get(sid);
    // Levels only: no working (trace off), and each cell let go as soon as its level is read.
    out.set(sid, new Map(stds.map((std) => [std.id, levelRef(scoreCell(book, sid, std, se?.byStandard.get(std.id) ?? [], se?.dropped.get(std.id) ?? [], methodFor(book, std, {}), false))])));
  }
  return out;
}

/** The whole analysis of one assessment of the book (the book already holds it). */
export function analyzeAssessment(book: Book, assessmentId: string, responses: Responses = new Map(), opts: { after?: LevelLookup; before?: LevelLookup } = {}): AssessmentAnalysis {
  const a = book.assessments.find((x) => x.id === assessmentId);
  if (!a) throw new Error(`no assessment ${assessmentId}`);
  const scale = book.settings.scale;
  const mp = masteryPoints(scale);
  const byId = new Map(book.students.map((s) => [s.id, s]));
  const ref = (id: string): StudentRef => ({ id, name: byId.has(id) ? studentName(byId.get(id)!) : id });
  const sortRefs = (xs: StudentRef[]) => sortByIds(xs, (r) => r.id);

  const rows = a.scores.filter((r) => a.items.some((it) => r.points[it.id] !== null && r.points[it.id] !== undefined));
  const took = new Set(rows.map((r) => r.studentId));
  const active = book.students.filter((s) => s.status === 'active');
  // An assessment given to one section does not make the other sections absent.
  const sections = new Set(rows.map((r) => byId.get(r.studentId)?.section).filter((x): x is string => x !== undefined));
  const notTaken = sortRefs(active.filter((s) => !took.has(s.id) && (!sections.size || sections.has(s.section))).map((s) => ref(s.id)));

  // Item statistics use the students who took every item, so each total is comparable.
  const complete = rows.filter((r) => a.items.every((it) => r.points[it.id] !== null && r.points[it.id] !== undefined));
  const totals = complete.map((r) => a.items.reduce((t, it) => t + r.points[it.id]!, 0));
  const dich = isDichotomous(a);
  // For 0/1 scoring, reliability is KR-20 on right/wrong; otherwise α on points.
  const cellValue = (it: Item, p: number) => (dich ? (p === it.points ? 1 : 0) : p);
  const matrix = complete.map((r) => a.items.map((it) => cellValue(it, r.points[it.id]!)));
  const whole = cronbachAlpha(matrix);
  const withoutItem = alphaIfDeleted(matrix);
  const withTotals = complete.map((r, i) => ({ id: r.studentId, total: totals[i]! }));

  const items: ItemStats[] = a.items.map((it, j) => {
    const taken = rows.filter((r) => r.points[it.id] !== null && r.points[it.id] !== undefined);
    const pts = taken.map((r) => r.points[it.id]!);
    const xs = complete.map((r) => r.points[it.id]!);
    const rest = complete.map((r, i) => totals[i]! - r.points[it.id]!);
    const correct = pts.filter((p) => p >= it.points).length;
    const base = {
      id: it.id, standards: it.standards, points: it.points, n: taken.length, correct,
      pCorrect: taken.length ? correct / taken.length : null,
      meanShare: taken.length ? mean(pts) / it.points : null,
      // With one item the item is the total: its correlation with it says nothing.
      pointBiserial: a.items.length > 1 ? pearson(xs, totals) : null,
      itemRest: a.items.length > 1 ? pearson(xs, rest) : null,
      alphaIfDeleted: withoutItem[j] ?? null,
    };
    const stats: ItemStats = { ...base, flags: itemFlags(base) };
    const answers = answerCounts(it, withTotals, responses);
    if (answers) stats.answers = answers;
    return stats;
  });

  const k = a.items.length;
  const reliability: Reliability = {
    method: dich ? 'KR-20' : 'alpha', value: whole, kr21: dich ? kr21(matrix) : null, n: complete.length, k,
  };
  if (k < 5 || complete.length < 15) reliability.warning = `with ${k} item${k === 1 ? '' : 's'} and ${complete.length} student${complete.length === 1 ? '' : 's'}, reliability says little (it means something from about 5 items and 15 students)`;

  // Mastery with and without this assessment: who moved a level because of it.
  const without: Book = { ...book, assessments: book.assessments.filter((x) => x.id !== a.id) };

  const evidence = new Map<string, Map<string, number>>();
  const byStandard = itemsByStandard(a);
  for (const r of rows) {
    for (const e of assessmentEvidence(a, r, scale.max, byStandard, false)) {
      let m = evidence.get(e.standard);
      if (!m) evidence.set(e.standard, (m = new Map()));
      // Rounded as mastery scores are, so 2.9999999 from binary noise still reaches 3.
      m.set(r.studentId, roundHalfAway(e.score, 2));
    }
  }

  const aligned: string[] = [];
  for (const it of a.items) for (const s of it.standards) if (!aligned.includes(s)) aligned.push(s);
  const order = new Map(book.standards.map((s, i) => [s.id, i]));
  aligned.sort((x, y) => (order.get(x) ?? 1e9) - (order.get(y) ?? 1e9) || compareText(x, y));
  const takers = active.filter((s) => took.has(s.id)).map((s) => s.id);
  // The levels with the assessment may already be at hand: an import computes the class table for mastery.csv.
  const after = opts.after ?? levelsFor(book, aligned, takers);
  // And the levels without it, when the caller holds the table of the book before it (leaf standards).
  const before = opts.before ?? levelsFor(without, aligned, takers);

  const standards: StandardResult[] = aligned.map((sid) => {
    const std = book.standards.find((s) => s.id === sid);
    const ev = evidence.get(sid) ?? new Map<string, number>();
    const scores = [...ev.values()];
    const levels = scale.levels.map((l) => ({ level: l.level, label: l.label, count: scores.filter((x) => levelFor(x, scale).level === l.level).length }));
    const movedUp: LevelMove[] = [];
    const movedDown: LevelMove[] = [];
    const firstEvidence: LevelMove[] = [];
    for (const s of active) {
      if (!ev.has(s.id)) continue;
      const from = before.get(s.id)?.get(sid) ?? null;
      const to = after.get(s.id)?.get(sid) ?? null;
      const move = { ...ref(s.id), from, to };
      if (!from && to) firstEvidence.push(move);
      else if (from && to && to.level > from.level) movedUp.push(move);
      else if (from && to && to.level < from.level) movedDown.push(move);
    }
    const takers = active.filter((s) => ev.has(s.id));
    const missed = sortRefs(takers.filter((s) => ev.get(s.id)! < mp).map((s) => ref(s.id)));
    const reached = sortRefs(takers.filter((s) => ev.get(s.id)! >= mp).map((s) => ref(s.id)));
    const share = takers.length ? missed.length / takers.length : 0;
    const action: PlanAction = !takers.length || !missed.length ? 'move-on'
      : share >= book.settings.decisions.wholeClassReteach ? 'whole-class-reteach' : 'small-group';
    const plan: PlanStep = {
      standard: sid, action, took: takers.length, missed: missed.length, missedShare: share,
      reteach: action === 'whole-class-reteach' ? sortRefs(takers.map((s) => ref(s.id))) : missed,
      enrichment: reached,
    };
    const ra = action === 'move-on' ? undefined : firstActivity(book.activities, sid, 'reteach');
    const ea = reached.length ? firstActivity(book.activities, sid, 'extend') : undefined;
    if (ra) plan.reteachActivity = ra;
    if (ea) plan.enrichmentActivity = ea;
    return {
      standard: sid, statement: std?.statement ?? '',
      items: a.items.filter((it) => it.standards.includes(sid)).map((it) => it.id),
      n: scores.length, mean: scores.length ? mean(scores) : null, levels, reachedMastery: scores.filter((x) => x >= mp).length,
      movedUp, movedDown, firstEvidence, plan,
    };
  });

  const allTotals = rows.map((r) => a.items.reduce((t, it) => t + (r.points[it.id] ?? 0), 0));
  return {
    assessment: { id: a.id, title: a.title, date: a.date, kind: a.kind, retakeOf: a.retakeOf },
    pointsPossible: a.items.reduce((t, it) => t + it.points, 0),
    took: rows.length,
    meanPoints: allTotals.length ? mean(allTotals) : null,
    notTaken, items, reliability, standards,
    thresholds: { wholeClassReteach: book.settings.decisions.wholeClassReteach, masteryScore: mp },
  };
}
