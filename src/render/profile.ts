// `pathbook profile <id>` for the terminal: the profile as the PLP will use it.
import type { Profile, Student } from '../domain/types.ts';
import type { Style } from './style.ts';
import { renderTable } from './table.ts';

export function renderProfile(student: Student, profile: Profile | undefined, file: string, style: Style): string {
  const c = style.c;
  const name = `${student.givenName} ${student.familyName}`.trim() || student.id;
  const head = `${c.bold(name)} (${student.id})${student.section ? ` · section ${student.section}` : ''}${student.status === 'withdrawn' ? ' · withdrawn' : ''} · ${file}`;
  if (!profile) {
    return `${head}\nNo profile yet: \`pathbook goal add ${student.id} …\`, \`interest add\`, \`accommodation add\` or \`reflect\` will start ${file}.\n`;
  }
  const list = (xs: string[], sep = ', ') => (xs.length ? xs.join(sep) : c.dim('none'));
  const lines = [
    head,
    `${'Interests'.padEnd(15)} ${list(profile.interests)}`,
    `${'Strengths'.padEnd(15)} ${list(profile.strengths, '; ')}`,
    `${'Preferences'.padEnd(15)} ${list(profile.preferences)}`,
    `${'Accommodations'.padEnd(15)} ${list(profile.accommodations)}`,
    '',
  ];
  let out = lines.join('\n') + '\n';
  if (profile.goals.length) {
    out += `${c.bold('Goals')}\n` + renderTable(['id', 'status', 'author', 'set', 'target', 'standards', 'goal'],
      profile.goals.map((g) => [g.id, g.status, g.author, g.set, g.target, g.standards.join(', '), g.text]));
  } else {
    out += `${c.bold('Goals')}  ${c.dim('none yet')}\n`;
  }
  if (profile.reflections.length) {
    out += `\n${c.bold('Reflections')}\n` + profile.reflections.map((r) => `${r.date || '          '}  ${r.text}`).join('\n') + '\n';
  }
  return out;
}
