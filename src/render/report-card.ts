// Report-card marks as a terminal table, CSV for the school's system (formula-escaped: a name can
// start with "="), and Markdown to print.
import { formatScore } from '../domain/numbers.ts';
import type { ReportCardRow } from '../domain/report-card.ts';
import type { Term } from '../domain/types.ts';
import { csvText } from '../store/csv.ts';
import { escapeMarkdown } from './escape.ts';
import { renderTable } from './table.ts';

export const REPORT_CARD_COLUMNS = ['student_id', 'given_name', 'family_name', 'section', 'mark', 'mean', 'standards_assessed', 'standards_mastered', 'standards_total', 'lowest_level', 'note'] as const;

function note(r: ReportCardRow): string {
  if (r.mark === null) return 'no evidence yet';
  return r.before ? `${r.before} lowered to ${r.mark}: ${r.reasons.join('; ')}` : '';
}

function cells(r: ReportCardRow): string[] {
  return [r.studentId, r.givenName, r.familyName, r.section, r.mark ?? '', formatScore(r.mean), String(r.assessed), String(r.mastered), String(r.of), r.lowestLevel === null ? '' : String(r.lowestLevel), note(r)];
}

export function reportCardJson(r: ReportCardRow): Record<string, unknown> {
  return {
    student_id: r.studentId, given_name: r.givenName, family_name: r.familyName, section: r.section, mark: r.mark,
    mean: r.mean, standards_assessed: r.assessed, standards_mastered: r.mastered, standards_total: r.of,
    lowest_level: r.lowestLevel, lowered_from: r.before, note: note(r),
  };
}

export function reportCardCsv(rows: readonly ReportCardRow[]): string {
  return csvText(REPORT_CARD_COLUMNS, rows.map(cells), { escapeFormulas: true });
}

export function termLine(className: string, term: Term | undefined): string {
  return term ? `${className}, ${term.name === `${term.from}..${term.to}` ? '' : `${term.name}: `}${term.from} to ${term.to}` : `${className}, all evidence`;
}

export function reportCardMarkdown(rows: readonly ReportCardRow[], className: string, term: Term | undefined, bands: string): string {
  const head = ['Student', 'Name', 'Section', 'Mark', 'Mean', 'Assessed', 'Mastered', 'Lowest level', 'Note'];
  const lines = [
    `# Report-card marks: ${escapeMarkdown(termLine(className, term))}`,
    '',
    `Marks from the mean of each student's current standard scores: ${escapeMarkdown(bands)}.`,
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => {
      const c = cells(r);
      return `| ${[c[0], `${c[1]} ${c[2]}`.trim(), c[3], c[4], c[5], `${c[6]} of ${c[8]}`, c[7], c[9], c[10]].map(escapeMarkdown).join(' | ')} |`;
    }),
  ];
  return lines.join('\n') + '\n';
}

export function reportCardTable(rows: readonly ReportCardRow[]): string {
  return renderTable(['student', 'name', 'section', 'mark', 'mean', 'assessed', 'mastered', 'lowest', 'note'],
    rows.map((r) => {
      const c = cells(r);
      return [c[0]!, `${c[1]} ${c[2]}`.trim(), c[3]!, c[4]!, c[5]!, `${c[6]}/${c[8]}`, c[7]!, c[9]!, c[10]!];
    }), { align: ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'left'] });
}
