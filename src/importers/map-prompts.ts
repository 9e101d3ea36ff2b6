// Asking for the map in a terminal: for each question, its standards, points and (for answer texts) the
// key, with what the file suggests as defaults. The answers are saved as a map file for next time.
// The prompt functions come in as an argument (the command imports @inquirer/prompts lazily).
import { normalizeAnswer } from '../domain/answers.ts';
import { compareText } from '../domain/numbers.ts';
import type { Book } from '../domain/types.ts';
import { yamlText } from '../store/yaml.ts';
import { defaultItemId } from './map.ts';
import type { RawAssessment, RawColumn, RawResult } from './raw.ts';

export interface Prompts {
  input(config: { message: string; default?: string; validate?: (value: string) => boolean | string | Promise<boolean | string> }): Promise<string>;
}

function commonAnswer(raw: RawResult, col: RawColumn): string | undefined {
  const counts = new Map<string, { text: string; n: number }>();
  for (const s of raw.students) {
    const t = (s.cells[col.index] ?? '').trim();
    if (!t) continue;
    const c = counts.get(normalizeAnswer(t));
    if (c) c.n++;
    else counts.set(normalizeAnswer(t), { text: t, n: 1 });
  }
  return [...counts.values()].sort((a, b) => b.n - a.n || compareText(a.text, b.text))[0]?.text;
}

const split = (v: string) => v.split(/[,;\s]+/).map((s) => s.trim()).filter(Boolean);

/** Asks for every question of `groups`; returns the map's YAML text. */
export async function promptMap(raw: RawResult, groups: readonly RawAssessment[], book: Book, prompts: Prompts, say: (s: string) => void): Promise<string> {
  const known = new Set(book.standards.map((s) => s.id));
  const entries: Record<string, unknown>[] = [];
  let lastStandards = '';
  for (const g of groups) {
    const cols = g.columns.map((i) => raw.columns[i]!).filter((c) => c.role === 'question');
    say(`${g.title}: ${cols.length} question${cols.length === 1 ? '' : 's'}`);
    const items: Record<string, unknown>[] = [];
    for (const [i, col] of cols.entries()) {
      say(`  ${col.header}`);
      const standards = await prompts.input({
        message: 'standards (ids from standards.yaml, comma-separated; - to leave the question out)',
        default: col.standards?.join(', ') || lastStandards || undefined,
        validate: (v) => {
          if (v.trim() === '-') return true;
          const bad = split(v).filter((s) => !known.has(s));
          if (!bad.length && !split(v).length) return 'name at least one standard, or - to leave the question out';
          return bad.length ? `not in standards.yaml: ${bad.join(', ')}` : true;
        },
      });
      if (standards.trim() === '-') {
        items.push({ ignore: col.header });
        continue;
      }
      lastStandards = standards;
      const points = await prompts.input({
        message: 'points', default: String(col.pointsPossible ?? 1),
        validate: (v) => (Number(v) > 0 ? true : 'a number above 0'),
      });
      const item: Record<string, unknown> = {
        id: defaultItemId(col, i, raw, cols.length === 1 && groups.length > 1), column: col.header, standards: split(standards), points: Number(points),
      };
      if (col.holds === 'answers') {
        const key = await prompts.input({ message: 'right answer(s), separated by | when several are accepted', default: commonAnswer(raw, col), validate: (v) => (v.trim() ? true : 'the key cannot be blank') });
        const keys = key.split('|').map((k) => k.trim()).filter(Boolean);
        item.key = keys.length === 1 ? keys[0] : keys;
      }
      items.push(item);
    }
    entries.push({
      title: g.title,
      ignore: items.filter((x) => 'ignore' in x).map((x) => x.ignore),
      items: items.filter((x) => !('ignore' in x)),
    });
  }
  const body = entries.length === 1 ? entries[0] : entries;
  return `# pathbook map for ${JSON.stringify(raw.fileName)}, from your answers; edit it freely.\n${yamlText(body)}`;
}
