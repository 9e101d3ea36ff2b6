// `pathbook student <id>`: one student's standards by unit — level, score, trend, flags — and what
// they are ready to learn next. Only that student's data (DESIGN.md: nothing about one in another's report).
import type { NextReady } from '../domain/mastery/next-ready.ts';
import type { MasteryCell } from '../domain/mastery/table.ts';
import { formatScore } from '../domain/numbers.ts';
import type { Scale, Standard, Student } from '../domain/types.ts';
import { sparkline } from './sparkline.ts';
import type { Style } from './style.ts';
import { renderTable } from './table.ts';

export interface StudentView {
  student: Student;
  standards: Standard[];
  cells: Map<string, MasteryCell>;
  next: NextReady[];
  scale: Scale;
  method: string;
  asOf?: string;
}

/** The last evidence scores, oldest first; a long history keeps its most recent 12. */
export const TREND_LENGTH = 12;
export function trendOf(c: MasteryCell): number[] {
  return c.evidence.map((e) => e.score).slice(-TREND_LENGTH);
}

export function unitsOf(standards: Standard[]): { unit: string; standards: Standard[] }[] {
  const units: { unit: string; standards: Standard[] }[] = [];
  for (const s of standards) {
    const u = units.find((x) => x.unit === s.unit);
    if (u) u.standards.push(s);
    else units.push({ unit: s.unit, standards: [s] });
  }
  return units;
}

export function flagsOf(c: MasteryCell): string[] {
  const f: string[] = [];
  if (c.score === null && c.progress) f.push(`${c.progress.have} of ${c.progress.need} at mastery`);
  if (c.thin) f.push('thin evidence');
  if (c.override) f.push('override');
  if (c.rollup) f.push(`rolls up (${c.rollup.rule})`);
  return f;
}

export function renderStudent(v: StudentView, style: Style): string {
  const { student, cells } = v;
  const mastered = v.standards.filter((s) => cells.get(s.id)!.mastered).length;
  const out: string[] = [];
  const head = [`${student.id} ${`${student.givenName} ${student.familyName}`.trim()}`, student.section, student.status === 'withdrawn' ? 'withdrawn' : '', `${mastered} of ${v.standards.length} standards mastered`].filter(Boolean);
  out.push(style.c.bold(head.join(' · ')));
  out.push(`${v.method}${v.asOf ? ` · as of ${v.asOf}` : ''}`, '');
  const rows: string[][] = [];
  for (const u of unitsOf(v.standards)) {
    rows.push([style.c.bold(u.unit || '(no unit)'), '', '', '', '', '', '']);
    for (const s of u.standards) {
      const c = cells.get(s.id)!;
      const level = c.level && style.color ? style.swatch(c.level.color, ` ${c.label} `) : c.label;
      rows.push([`  ${s.id}`, level, formatScore(c.score), sparkline(trendOf(c), v.scale.max), String(c.evidenceCount), c.lastDate ?? '', flagsOf(c).join(', ')]);
    }
  }
  out.push(renderTable(['standard', 'level', 'score', 'trend', 'n', 'last', ''], rows, { align: ['left', 'left', 'right', 'left', 'right', 'left', 'left'] }).trimEnd(), '');
  if (v.next.length) {
    out.push(style.c.bold('Next ready (not yet mastered, every prerequisite mastered)'));
    const w = Math.max(...v.next.map((n) => n.standard.id.length));
    for (const n of v.next) {
      const after = n.prerequisites.length ? ` (after ${n.prerequisites.join(', ')})` : '';
      const lines = wrap(`${n.standard.studentStatement || n.standard.statement}${after}`, 78 - w - 2);
      lines.forEach((l, i) => out.push(`  ${(i ? '' : n.standard.id).padEnd(w)}  ${l}`));
    }
  } else {
    out.push(style.c.bold('Next ready: none') + (mastered === v.standards.length ? ' (every standard mastered)' : ' (each standard not yet mastered waits on a prerequisite)'));
  }
  return out.join('\n') + '\n';
}

/** Words wrapped to width (a word longer than the width gets its own line). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (cur && cur.length + 1 + word.length > width) {
      lines.push(cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) lines.push(cur);
  return lines;
}
