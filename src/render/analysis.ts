// The summary a teacher reads after an import (and from `pathbook analyze`): the class per question and
// per standard, who moved a level, the item statistics, and tomorrow's plan with names.
import type { AssessmentAnalysis, ItemStats, PlanStep, StudentRef } from '../domain/analysis.ts';
import { formatPoints, formatScore, roundHalfAway } from '../domain/numbers.ts';
import type { Style } from './style.ts';
import { renderTable } from './table.ts';

/** Text from a student's keyboard, safe for a terminal: no control characters or escape sequences. */
export function safeText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
}

const num = (x: number | null, digits = 2) => (x === null || !Number.isFinite(x) ? '—' : formatScore(x, digits));
const pct = (x: number) => `${Math.round(roundHalfAway(x * 100, 6))}%`;

function wrapNames(prefix: string, refs: readonly StudentRef[], width = 100): string {
  const indent = ' '.repeat(prefix.length);
  const lines: string[] = [];
  let line = prefix;
  refs.forEach((r, i) => {
    const part = safeText(r.name) + (i < refs.length - 1 ? ',' : '');
    if (line.length + part.length + 1 > width && line.trim() !== prefix.trim()) {
      lines.push(line);
      line = indent + part;
    } else line += (line === prefix ? '' : ' ') + part;
  });
  lines.push(line);
  return lines.join('\n');
}

function answersCell(it: ItemStats): string {
  if (!it.answers) return '';
  const shown = it.answers.slice(0, 4).map((a) => {
    const text = a.answer === '' ? '(blank)' : JSON.stringify(safeText(a.answer.length > 18 ? a.answer.slice(0, 17) + '…' : a.answer));
    return `${text} ${a.count}${a.correct ? ' ✓' : ''}`;
  });
  const more = it.answers.length - shown.length;
  return shown.join(' · ') + (more > 0 ? ` · ${more} other${more === 1 ? '' : 's'}` : '');
}

function planLines(p: PlanStep, style: Style): string[] {
  const c = style.c;
  const head = `${c.bold(p.standard)}  `;
  const share = `${p.missed} of ${p.took} did not reach mastery (${pct(p.missedShare)})`;
  const out: string[] = [];
  if (p.action === 'whole-class-reteach') {
    out.push(`${head}${c.red('reteach the whole class')}: ${share}`);
    if (p.reteachActivity) out.push(`    try: ${safeText(p.reteachActivity.title)} (${p.reteachActivity.id})`);
    if (p.enrichment.length) out.push(wrapNames('    enrichment: ', p.enrichment) + (p.enrichmentActivity ? `\n    try: ${safeText(p.enrichmentActivity.title)} (${p.enrichmentActivity.id})` : ''));
  } else if (p.action === 'small-group') {
    out.push(`${head}${c.yellow('small group')}: ${share}`);
    out.push(wrapNames('    reteach: ', p.reteach) + (p.reteachActivity ? `\n    try: ${safeText(p.reteachActivity.title)} (${p.reteachActivity.id})` : ''));
    out.push(wrapNames('    enrichment: ', p.enrichment) + (p.enrichmentActivity ? `\n    try: ${safeText(p.enrichmentActivity.title)} (${p.enrichmentActivity.id})` : ''));
  } else if (p.took) {
    out.push(`${head}${c.green('move on')}: all ${p.took} reached mastery` + (p.enrichmentActivity ? `; enrichment: ${safeText(p.enrichmentActivity.title)} (${p.enrichmentActivity.id})` : ''));
  } else {
    out.push(`${head}no active student has evidence from this assessment`);
  }
  return out;
}

export function renderAnalysis(a: AssessmentAnalysis, style: Style): string {
  const c = style.c;
  const out: string[] = [];
  const as = a.assessment;
  out.push(`${c.bold(safeText(as.title))} — ${as.date}, ${as.kind}${as.retakeOf ? `, retake of ${as.retakeOf}` : ''} (${as.id})`);
  out.push(`${a.took} student${a.took === 1 ? '' : 's'} took it; mean ${num(a.meanPoints, 1)} of ${formatPoints(a.pointsPossible)} points.`);
  if (a.notTaken.length) out.push(wrapNames('Not taken: ', a.notTaken));

  out.push('', c.bold('Items'));
  // Partial credit: the mean share of points says more than the share with full marks.
  const partial = a.items.some((it) => it.points !== 1);
  const head = ['item', 'standards', 'correct', 'p', ...(partial ? ['mean'] : []), 'r_pb', 'item-rest', 'answers'];
  const rows = a.items.map((it) => [
    safeText(it.id), it.standards.join(' '), `${it.correct}/${it.n}`, num(it.pCorrect), ...(partial ? [it.meanShare === null ? '—' : pct(it.meanShare)] : []),
    num(it.pointBiserial), num(it.itemRest),
    answersCell(it) + (it.flags.length ? `${it.answers ? '  ' : ''}(${it.flags.join('; ')})` : ''),
  ]);
  out.push(renderTable(head, rows, { align: ['left', 'left', 'right', 'right', ...(partial ? ['right' as const] : []), 'right', 'right', 'left'] }).trimEnd());
  const r = a.reliability;
  if (r.k > 1) {
    const name = r.method === 'alpha' ? 'Cronbach\'s α' : 'KR-20';
    out.push(`${name} ${num(r.value)} (${r.k} items, ${r.n} student${r.n === 1 ? '' : 's'} with every item)${r.warning ? `: ${r.warning}` : ''}`);
  }

  out.push('', c.bold('Standards'));
  const levelNames = a.standards[0]?.levels.map((l) => l.label) ?? [];
  const sRows = a.standards.map((s) => [
    s.standard, s.items.join(' '), num(s.mean, 1), ...s.levels.map((l) => String(l.count)), String(s.movedUp.length), String(s.movedDown.length),
  ]);
  out.push(renderTable(['standard', 'items', 'mean', ...levelNames, 'up', 'down'], sRows,
    { align: ['left', 'left', 'right', ...levelNames.map(() => 'right' as const), 'right', 'right'] }).trimEnd());
  for (const s of a.standards) {
    const move = (m: (typeof s.movedUp)[number]) => ({ id: m.id, name: `${m.name} (${m.from?.label ?? 'not assessed'} → ${m.to?.label ?? '—'})` });
    if (s.movedUp.length) out.push(wrapNames(`  ${s.standard} up: `, s.movedUp.map(move)));
    if (s.movedDown.length) out.push(wrapNames(`  ${s.standard} down: `, s.movedDown.map(move)));
    if (s.firstEvidence.length) out.push(`  ${s.standard}: first evidence for ${s.firstEvidence.length} student${s.firstEvidence.length === 1 ? '' : 's'}`);
  }
  out.push('', c.bold(`Tomorrow`) + ` (whole-class reteach when ${pct(a.thresholds.wholeClassReteach)} or more did not reach ${formatScore(a.thresholds.masteryScore, 1)})`);
  for (const s of a.standards) out.push(...planLines(s.plan, style));
  return out.join('\n') + '\n';
}

/** The same content for --json, numbers rounded to 6 decimals so the output is stable. */
export function analysisJson(a: AssessmentAnalysis): unknown {
  return JSON.parse(JSON.stringify(a, (_k, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? roundHalfAway(v, 6) : v)));
}
