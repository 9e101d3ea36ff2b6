// `pathbook explain` for people (renderExplanation) and scripts (explanationJson): each piece of
// evidence in order with its file:line and per-item arithmetic, what was dropped and why, the method's
// working, the level, the flags, and every other method on the same evidence.
import type { Evidence } from '../domain/mastery/evidence.ts';
import type { Explanation } from '../domain/mastery/explain.ts';
import { describeMethod } from '../domain/mastery/methods.ts';
import type { MasteryCell } from '../domain/mastery/table.ts';
import { formatPoints, formatScore, roundHalfAway } from '../domain/numbers.ts';
import type { Style } from './style.ts';
import { renderTable } from './table.ts';

const where = (e: Evidence) => `${e.source.file}:${e.source.line}`;

/** "q1 2/2 + q3 1/2 = 3/4 points → 3/4 × 4 = 3": how an assessment became an evidence score. */
export function itemArithmetic(e: Evidence, max: number): string {
  if (e.kind !== 'assessment' || !e.items) return `a score on the scale: ${formatPoints(e.score)}`;
  const parts = e.items.map((i) => `${i.item} ${formatPoints(i.earned)}/${formatPoints(i.possible)}`).join(' + ');
  const total = `${formatPoints(e.earned!)}/${formatPoints(e.possible!)}`;
  return `${parts}${e.items.length > 1 ? ` = ${total}` : ''} → ${total} × ${formatPoints(max)} = ${formatPoints(e.score)}`;
}

function describeEvidence(e: Evidence): string {
  if (e.kind === 'assessment') return `${e.from}  ${e.title}`;
  const what = e.kind === 'override' ? 'teacher override' : `${e.from} observation`;
  return e.note ? `${what}: ${e.note}` : what;
}

const outcome = (c: MasteryCell) => ({
  method: c.spec.method, w: c.spec.w, n: c.spec.n, score: c.score, level: c.level ? c.level.level : null, label: c.label,
  mastered: c.mastered, fallback: c.fallback ?? null, ...(c.progress ? { progress: c.progress } : {}),
});

const levelText = (c: MasteryCell) => (c.level ? `${c.label} (level ${c.level.level})` : c.label);

export function renderExplanation(x: Explanation, style: Style): string {
  const { cell, student, standard } = x;
  const b = style.c.bold;
  const out: string[] = [];
  out.push(b(`${student.id} ${`${student.givenName} ${student.familyName}`.trim()} · ${standard.id}`) + (standard.unit ? ` (${standard.unit})` : '') + (student.status === 'withdrawn' ? ' · withdrawn' : ''));
  if (standard.statement) out.push(standard.statement);
  out.push('');

  if (cell.rollup) {
    out.push(b(`Rolls up from ${cell.rollup.children.length} child standard${cell.rollup.children.length === 1 ? '' : 's'} (rule: ${cell.rollup.rule})`));
    out.push(renderTable(['', 'standard', 'score', 'level', 'evidence'], cell.rollup.children.map((c) => ['', c.standard, formatScore(c.score), levelText(c), String(c.evidenceCount)]), { align: ['left', 'left', 'right', 'left', 'right'] }).trimEnd());
    out.push(`  (pathbook explain ${student.id} <child> shows each child's evidence)`, '');
  } else {
    out.push(b(`Method: ${describeMethod(cell.spec)}`), '');
    out.push(b(cell.evidence.length ? `Evidence, oldest first (${cell.evidence.length} piece${cell.evidence.length === 1 ? '' : 's'})` : 'Evidence: none yet'));
    cell.evidence.forEach((e, i) => {
      out.push(`  s${i + 1}  ${e.date}  ${describeEvidence(e)}`);
      out.push(`      ${where(e)}`);
      out.push(`      ${itemArithmetic(e, x.max)}`);
    });
    if (cell.dropped.length) {
      out.push('', b('Left out'));
      for (const d of cell.dropped) {
        out.push(`  ${d.evidence.date}  ${describeEvidence(d.evidence)} (${formatPoints(d.evidence.score)})`);
        out.push(`      ${where(d.evidence)}: ${d.reason}`);
      }
    }
    out.push('');
  }

  out.push(b('Working'));
  const inputs = cell.evidence.filter((e) => e.kind !== 'override');
  if (!cell.rollup && inputs.length && !cell.override) {
    out.push(`  scores in order: ${inputs.map((e) => formatPoints(e.score)).join(', ')}`);
    const skipped = cell.evidence.length - inputs.length;
    if (skipped) out.push(`  (${skipped} earlier override${skipped === 1 ? '' : 's'} left out: an override counts only while it is the newest evidence)`);
  }
  for (const s of cell.steps) out.push(`  ${s}`);
  out.push('');

  if (cell.score === null) {
    out.push(b(`Result: ${cell.label}`) + (cell.progress ? ` (${cell.progress.have} of ${cell.progress.need} scores at mastery)` : ''));
  } else {
    const exact = cell.raw !== null && roundHalfAway(cell.raw, 4) !== cell.score ? `${formatPoints(cell.raw)} rounds to ` : '';
    out.push(b(`Result: ${exact}${formatScore(cell.score)} → ${levelText(cell)}`) + ` · mastery from ${formatPoints(x.masteryPoints)}: ${cell.mastered ? 'mastered' : 'not yet'}`);
  }
  const flags: string[] = [];
  if (cell.thin) flags.push(`thin evidence: ${cell.evidenceCount} piece${cell.evidenceCount === 1 ? '' : 's'}, fewer than ${x.minEvidence}`);
  if (cell.override) flags.push('set by a teacher override (until newer evidence arrives)');
  if (cell.fallback) flags.push(`${cell.method} could not apply; ${cell.fallback} used`);
  for (const f of flags) out.push(`  ! ${f}`);
  out.push('');

  out.push(b('Every method on this evidence'));
  // While an override holds every method gives it; show what each would give without it instead.
  const shown = (o: Explanation['others'][number]) => o.withoutOverride ?? o.cell;
  const rows = x.others.map((o) => {
    const c = shown(o);
    return [
      o.method === cell.spec.method && !cell.rollup ? '→' : '', describeMethod(c.spec), formatScore(c.score) || '–', levelText(c),
      c.fallback ? `as ${describeMethod({ ...c.spec, method: c.fallback })}` : '',
    ];
  });
  if (cell.override) out.push(`  The override holds whatever the method. Without it, on the other ${cell.evidence.filter((e) => e.kind !== 'override').length} piece(s):`);
  out.push(renderTable(['', 'method', 'score', 'level', ''], rows, { align: ['left', 'left', 'right', 'left', 'left'] }).trimEnd());
  return out.join('\n') + '\n';
}

/** `toRow` is mastery.csv's row for a cell, so the JSON starts with exactly the keys `mastery --json` has. */
export function explanationJson(x: Explanation, toRow: (c: MasteryCell) => object): unknown {
  const { cell } = x;
  const ev = (e: Evidence, i?: number) => ({
    ...(i === undefined ? {} : { n: i + 1 }),
    date: e.date, kind: e.kind, from: e.from, title: e.title, ...(e.note ? { note: e.note } : {}),
    file: e.source.file, line: e.source.line,
    ...(e.items ? { items: e.items, earned: e.earned, possible: e.possible } : {}),
    score: e.score,
  });
  return {
    ...toRow(cell),
    w: cell.spec.w,
    n: cell.spec.n,
    raw: cell.raw,
    thin: cell.thin,
    override: cell.override,
    fallback: cell.fallback ?? null,
    ...(cell.progress ? { progress: cell.progress } : {}),
    mastery_points: x.masteryPoints,
    max: x.max,
    evidence: cell.evidence.map(ev),
    dropped: cell.dropped.map((d) => ({ ...ev(d.evidence), reason: d.reason })),
    ...(cell.rollup ? { rollup: { rule: cell.rollup.rule, children: cell.rollup.children.map(toRow) } } : {}),
    steps: cell.steps,
    methods: x.others.map((o) => ({
      ...outcome(o.cell),
      ...(o.withoutOverride ? { without_override: outcome(o.withoutOverride) } : {}),
    })),
  };
}
