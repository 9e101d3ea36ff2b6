// The map: parsed like an assessment YAML, asked for in a terminal, and joined with the file's questions.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planImport } from '../../src/importers/assemble.ts';
import { parseMapText } from '../../src/importers/map.ts';
import { promptMap, type Prompts } from '../../src/importers/map-prompts.ts';
import { readSource } from '../../src/importers/source.ts';
import { loadBook } from '../../src/store/book-store.ts';
import { copyExample, DOWNLOADS } from '../helpers.ts';

const FORMS = join(DOWNLOADS, 'Exit ticket 11-20 (Responses).csv');
const opts = { keep: 'latest' as const, addUnknown: false, skipUnknown: false, replace: false, today: '2026-11-23' };

describe('parsing a map', () => {
  it('reads one assessment, or a list of them, and points at the line of a mistake', () => {
    const one = parseMapText('title: T\nitems:\n  - { id: q1, column: "Q1", standards: [6.RP.A.1], key: ["8", "8 cups"] }\n', 'm.yaml');
    expect(one.entries[0]!.items[0]).toMatchObject({ id: 'q1', column: 'Q1', standards: ['6.RP.A.1'], key: ['8', '8 cups'] });
    const many = parseMapText('- title: A\n  items: []\n- title: B\n  items: []\n', 'm.yaml');
    expect(many.entries.map((e) => e.title)).toEqual(['A', 'B']);
    const bad = parseMapText('items:\n  - id: q1\n    points: -1\n', 'm.yaml');
    expect(bad.diagnostics[0]).toMatchObject({ message: "an item's points must be above 0 (found -1)", source: { file: 'm.yaml', line: 3 } });
  });
});

describe('asking for the map in a terminal', () => {
  it('asks standards, points and key per question, suggesting the most common answer, and saves a map that imports', async () => {
    const raw = await readSource(FORMS, 'Exit ticket 11-20 (Responses).csv', {});
    const { book } = loadBook(copyExample());
    const asked: { message: string; default?: string }[] = [];
    const answers = ['6.RP.A.1', '1', '', '6.RP.A.3', '1', '8 | 8 cups', '6.RP.A.1', '1', '7:12', '-'];
    const prompts: Prompts = {
      async input(c) {
        asked.push({ message: c.message, default: c.default });
        const a = answers.shift()!;
        const v = a === '' ? c.default ?? '' : a;
        expect(await c.validate?.(v) ?? true).toBe(true);
        return v;
      },
    };
    const text = await promptMap(raw, raw.assessments, book, prompts, () => {});
    // The key's default is the answer most students gave; standards default to the last ones; - leaves a question out.
    expect(asked[2]).toMatchObject({ message: expect.stringMatching(/right answer/), default: '6:8' });
    expect(asked[9]!.default).toBe('6.RP.A.1');
    const { entries } = parseMapText(text, 'saved.map.yaml');
    expect(entries[0]!.ignore).toEqual(['Q4. A car travels 150 miles in 3 hours. At that rate, how many miles does it travel in 5 hours?']);
    expect(entries[0]!.items.map((i) => [i.id, i.standards, i.key])).toEqual([['q1', ['6.RP.A.1'], ['6:8']], ['q2', ['6.RP.A.3'], ['8', '8 cups']], ['q3', ['6.RP.A.1'], ['7:12']]]);
    const plan = planImport(raw, book, { ...opts, map: entries });
    expect(plan.errors).toEqual([]);
    expect(plan.planned[0]!.assessment.items.map((i) => i.id)).toEqual(['q1', 'q2', 'q3']);
  });

  it('refuses a standard that is not in standards.yaml while asking', async () => {
    const raw = await readSource(FORMS, 'x.csv', {});
    const { book } = loadBook(copyExample());
    let message: string | boolean = true;
    await promptMap(raw, raw.assessments, book, {
      async input(c) {
        if (c.message.startsWith('standards')) message = await c.validate!('6.RP.A.9') as string | boolean;
        return c.message.startsWith('standards') ? '-' : '1';
      },
    }, () => {});
    expect(message).toBe('not in standards.yaml: 6.RP.A.9');
  });
});
