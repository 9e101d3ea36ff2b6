// YAML mistakes a teacher makes by hand, each told in plain words at the right line.
import { describe, expect, it } from 'vitest';
import { parseYamlText } from '../../src/store/yaml.ts';
import { parseStandards } from '../../src/store/standards-store.ts';

const first = (text: string) => {
  const d = parseYamlText(text, 'standards.yaml').diagnostics;
  expect(d).toHaveLength(1);
  return { at: `${d[0]!.source!.line}:${d[0]!.source!.column}`, message: d[0]!.message, hint: d[0]!.hint };
};

describe('YAML syntax errors', () => {
  it.each([
    ['a value with ": "', '- id: a\n  statement: Ratios: a comparison\n', '2:14', 'YAML syntax: the value here holds ": " or runs on into the next line'],
    ['a key indented too far', '- id: a\n  statement: x y\n   unit: z\n', '2:14', 'YAML syntax: the value here holds ": " or runs on into the next line'],
    ['a key indented too little', '- id: a\n  statement: x\n unit: z\n', '3:1', 'YAML syntax: this line is indented less than the entry it belongs to'],
    ['a tab', '- id: a\n\tstatement: x\n', '2:2', 'YAML syntax: this line is indented with a tab'],
    ['a repeated key', '- id: a\n  unit: r\n  unit: s\n', '3:3', 'YAML syntax: `unit` appears twice in the same entry'],
    ['an unclosed quote', '- id: a\n  statement: "Ratios\n  unit: u\n', '4:1', 'YAML syntax: a quoted value above this line is never closed'],
    ['an unclosed [list]', '- id: a\n  prerequisites: [6.RP.A.1\n- id: b\n', '3:1', 'YAML syntax: a list in [brackets] above this line is never closed'],
  ])('%s', (_, text, at, message) => {
    expect(first(text)).toMatchObject({ at, message });
  });

  it('refuses a NUL byte with its line', () => {
    expect(first('- id: a\n  statement: Use ratio language.\n- id: b\u0000\n  statement: Find a unit rate.\n')).toMatchObject({ at: '3:undefined', message: 'this line holds a NUL byte, an invisible character YAML does not allow' });
  });

  it('tells the teacher to quote an id YAML reads as a number', () => {
    const { diagnostics } = parseStandards('- id: 00123\n  statement: x\n  prerequisites: [1.10]\n');
    expect(diagnostics.map((d) => `${d.source!.line}:${d.source!.column} ${d.message} / ${d.hint}`)).toEqual([
      '1:7 `id: 00123` is read by YAML as a number, not as text / put it in quotes: id: "00123"',
      '3:19 `1.10` in `prerequisites` is read by YAML as a number, not as text / put it in quotes: "1.10"',
    ]);
  });
});
