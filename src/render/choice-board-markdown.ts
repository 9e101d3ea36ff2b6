// boards/<unit>.md: a printable tic-tac-toe choice board. A class board names no student and shows no
// scores or accommodations; a student's board carries only that student's name and notes.
import type { ChoiceBoard } from '../domain/choice-board.ts';
import type { Standard } from '../domain/types.ts';
import { mdLink, mdText, minutesText } from './markdown.ts';

export interface BoardMarkdownInput {
  board: ChoiceBoard;
  standards: readonly Standard[];
  /** The student's own name, for a student's board. */
  name?: string;
}

const POSITION = ['top left', 'top middle', 'top right', 'middle left', 'centre', 'middle right', 'bottom left', 'bottom middle', 'bottom right'];

export function renderBoardMarkdown({ board, standards, name }: BoardMarkdownInput): string {
  const std = new Map(standards.map((s) => [s.id, s]));
  const out = [`# Choice board: ${mdText(board.unit)}${name ? ` for ${mdText(name)}` : ''}`, ''];
  out.push('Do the centre square: everyone does it. Then choose two more squares that make a line of three with it:', 'across, down or diagonally. Tick each square when you finish it.', '');
  out.push('| | | |', '|:---|:---|:---|');
  for (let r = 0; r < 3; r++) {
    const cells = [0, 1, 2].map((c) => {
      const i = r * 3 + c;
      const sq = board.squares[i]!;
      const meta = [sq.kind, minutesText(sq.minutes)].filter(Boolean).join(', ');
      return `☐ **${i + 1}${sq.required ? ' (required)' : ''}**<br>${mdText(sq.title)}<br>*${mdText(meta)}*`;
    });
    out.push(`| ${cells.join(' | ')} |`);
  }
  out.push('', '## The squares', '');
  board.squares.forEach((sq, i) => {
    const meta = [sq.kind, minutesText(sq.minutes)].filter(Boolean).join(', ');
    out.push(`${i + 1}. **${mdText(sq.title)}**${sq.required ? ' (required)' : ''}: ${POSITION[i]}, ${mdText(meta)}`);
    for (const s of sq.standards) {
      const st = std.get(s);
      out.push(`   - ${mdText(st ? st.studentStatement || st.statement : s)} (${mdText(s)})`);
    }
    if (sq.link) out.push(`   - ${mdLink(sq.link)}`);
    if (sq.note) out.push(`   - *${mdText(sq.note)}*`);
  });
  return out.join('\n') + '\n';
}
