// Standards from a CSV or a CASE package, merged into standards.yaml without losing the teacher's
// comments, order or wording.
import { describe, expect, it } from 'vitest';
import { parseCasePackage } from '../../src/importers/case-json.ts';
import { parseStandardsCsv, splitCodes } from '../../src/importers/standards-csv.ts';
import { mergeStandards } from '../../src/domain/standards-merge.ts';
import { parseCsvText } from '../../src/store/csv.ts';
import { applyStandardsMerge } from '../../src/store/standards-edit.ts';
import { parseStandards } from '../../src/store/standards-store.ts';
import { emptyStandards } from '../../src/store/init-store.ts';

const csv = (text: string) => parseStandardsCsv(parseCsvText(text, 'std.csv').table!);

describe('standards CSV', () => {
  it('reads the five columns, shortens CCSS codes and splits prerequisites on spaces, semicolons and commas', () => {
    const r = csv([
      'id,statement,student_statement,unit,prerequisites',
      'CCSS.MATH.CONTENT.6.RP.A.1,Understand ratios.,I can describe a ratio.,ratios,',
      '6.RP.A.2,Unit rates.,,ratios,CCSS.Math.Content.6.RP.A.1',
      '6.RP.A.3,Solve ratio problems.,,ratios,"6.RP.A.1; 6.RP.A.2"',
      '6.EE.A.1,Exponents.,,expressions,"6.RP.A.1, 6.RP.A.2 6.RP.A.3"',
    ].join('\n'));
    expect(r.diagnostics).toEqual([]);
    expect(r.rows.map((x) => [x.id, x.prerequisites])).toEqual([
      ['6.RP.A.1', undefined], ['6.RP.A.2', ['6.RP.A.1']], ['6.RP.A.3', ['6.RP.A.1', '6.RP.A.2']], ['6.EE.A.1', ['6.RP.A.1', '6.RP.A.2', '6.RP.A.3']],
    ]);
    expect(r.rows[0]).toMatchObject({ statement: 'Understand ratios.', studentStatement: 'I can describe a ratio.', unit: 'ratios', source: { file: 'std.csv', line: 2 } });
  });

  it('splits a cell of codes', () => {
    expect(splitCodes(' 6.RP.A.1;6.RP.A.2 ,\t6.EE.A.1 ')).toEqual(['6.RP.A.1', '6.RP.A.2', '6.EE.A.1']);
  });

  it('reads an OpenSALT item sheet (humanCodingScheme, fullStatement, identifier)', () => {
    const r = csv('identifier,fullStatement,humanCodingScheme\n5a1b-…,Recognize a statistical question.,6.SP.A.1\n');
    expect(r.rows[0]).toMatchObject({ id: '6.SP.A.1', statement: 'Recognize a statistical question.', caseId: '5a1b-…' });
  });

  it('names a missing column and a row without a code', () => {
    expect(csv('code,unit\n6.RP.A.1,ratios\n').diagnostics[0]).toMatchObject({ source: { line: 1 }, message: 'no statement column (the header has: code, unit)' });
    expect(csv('statement,unit\nx,ratios\n').diagnostics[0]!.message).toBe('no column of standard codes (the header has: statement, unit)');
    expect(csv('id,statement\n,Orphan statement\n').diagnostics[0]).toMatchObject({ source: { line: 2 }, message: 'this row has no standard code' });
  });
});

// Built like OpenSALT's SequenceNumberFramework test: array order differs from sequence order.
function casePackage() {
  const doc = { identifier: 'doc-1', uri: 'u:doc', title: 'Grade 6 Math', creator: 'x', lastChangeDateTime: '2026-01-01T00:00:00Z' };
  const item = (identifier: string, code: string, type: string, statement: string, key = 'humanCodingScheme') =>
    ({ identifier, uri: `u:${identifier}`, fullStatement: statement, [key]: code, CFItemType: type, lastChangeDateTime: '2026-01-01T00:00:00Z', CFDocumentURI: { identifier: 'doc-1' } });
  const child = (origin: string, dest: string, seq?: number) => ({ identifier: `a-${origin}`, associationType: 'isChildOf', originNodeURI: { identifier: origin }, destinationNodeURI: { identifier: dest }, ...(seq === undefined ? {} : { sequenceNumber: seq }) });
  return {
    CFDocument: doc,
    CFItems: [
      item('i-ee', '6.EE', 'Domain', 'Expressions and Equations'),
      item('i-rp', '6.RP', 'Domain', 'Ratios and Proportional Relationships'),
      item('i-rp2', 'CCSS.Math.Content.6.RP.A.2', 'Standard', 'Understand the concept of a unit rate.'),
      item('i-rp1', '6.RP.A.1', 'Standard', 'Understand the concept of a ratio.'),
      item('i-rpa', '6.RP.A', 'Cluster', 'Understand ratio concepts.'),
      item('i-ee1', '6.EE.A.1', 'Standard', 'Write and evaluate numerical expressions involving exponents.', 'HumanCodingScheme'),
      item('i-rp3', '6.RP.A.3', 'Standard', 'Use ratio and rate reasoning to solve problems.'),
      { identifier: 'i-note', uri: 'u:n', fullStatement: 'A note without a code', lastChangeDateTime: 'x' },
    ],
    CFAssociations: [
      child('i-ee', 'doc-1', 2), child('i-rp', 'doc-1', 1),
      child('i-rpa', 'i-rp', 1),
      child('i-rp3', 'i-rpa', 3), child('i-rp1', 'i-rpa', 1), child('i-rp2', 'i-rpa', 2),
      child('i-ee1', 'i-ee', 1), child('i-note', 'i-ee', 2),
      { identifier: 'p1', associationType: 'precedes', originNodeURI: { identifier: 'i-rp1' }, destinationNodeURI: { identifier: 'i-rp3' } },
      { identifier: 'p2', associationType: 'precedes', originNodeURI: { identifier: 'i-rp2' }, destinationNodeURI: { identifier: 'i-rp3' } },
    ],
  };
}

describe('CASE packages', () => {
  it('orders standards by the isChildOf tree and sequenceNumber, not by the array', () => {
    const text = JSON.stringify(casePackage(), null, 2);
    const r = parseCasePackage(text, 'ccss.json');
    expect(r.diagnostics).toEqual([]);
    expect(r.rows.map((x) => x.id)).toEqual(['6.RP.A.1', '6.RP.A.2', '6.RP.A.3', '6.EE.A.1']);
    expect(r.rows[2]).toMatchObject({ prerequisites: ['6.RP.A.1', '6.RP.A.2'], caseId: 'i-rp3', statement: 'Use ratio and rate reasoning to solve problems.' });
    // Each standard points at its CFItem's line in the JSON.
    expect(text.split('\n')[r.rows[0]!.source.line - 1]).toContain('"i-rp1"');
    expect(r.notes).toEqual(['Left out 3 grouping items (domains, clusters), 1 item without a humanCodingScheme.']);
  });

  it('keeps only the codes asked for, dropping links to standards left out', () => {
    const r = parseCasePackage(JSON.stringify(casePackage()), 'ccss.json', { only: ['6.RP.A.3', '6.EE'] });
    expect(r.rows.map((x) => [x.id, x.prerequisites])).toEqual([['6.RP.A.3', undefined], ['6.EE.A.1', undefined]]);
    expect(r.notes[0]).toMatch(/2 standards outside --only, 2 prerequisite links to standards not imported\.$/);
  });

  it('reports JSON that cannot be read with its line and column', () => {
    const r = parseCasePackage('{\n  "CFItems": [\n    { "identifier": "x", }\n  ]\n}\n', 'broken.json');
    expect(r.diagnostics[0]).toMatchObject({ source: { file: 'broken.json', line: 3 } });
    expect(r.diagnostics[0]!.message).toMatch(/^this JSON cannot be read: /);
  });

  it('refuses JSON that is not a CASE package', () => {
    expect(parseCasePackage('{"items": []}', 'x.json').diagnostics[0]!.message).toBe('this JSON is not a CASE package: it has no CFItems list');
  });
});

const TEACHER_FILE = `# Grade 6 math standards (my own wording).
- id: 6.RP.A.1
  statement: Use ratio language.   # keep this comment
  student_statement: I can describe a ratio.
  unit: ratios
  prerequisites: []

# Expressions come after ratios this year.
- id: 6.EE.A.1
  statement: Exponents.
  student_statement: ""
  unit: expressions
  prerequisites: [6.RP.A.1]
`;

describe('merging into standards.yaml', () => {
  const existing = parseStandards(TEACHER_FILE).standards;

  it('updates in place and appends new standards, keeping comments, blank lines, order and flow lists', () => {
    const incoming = csv([
      'id,statement,student_statement,unit,prerequisites',
      '6.EE.A.1,Write and evaluate numerical expressions involving whole-number exponents.,I can use exponents.,,',
      '6.RP.A.1,Use ratio language.,,,',
      '6.RP.A.2,"Unit rates: a/b for a ratio a:b # not a comment",,ratios,6.RP.A.1',
    ].join('\n')).rows;
    const m = mergeStandards(existing, incoming);
    expect(m.diagnostics).toEqual([]);
    expect(m.unchanged).toEqual(['6.RP.A.1']);
    expect(m.updated.map((u) => [u.id, u.changes.map((c) => c.field)])).toEqual([['6.EE.A.1', ['statement', 'student_statement']]]);
    const text = applyStandardsMerge(TEACHER_FILE, m);
    // (yaml's printer puts one space before a trailing comment.)
    expect(text).toBe(`# Grade 6 math standards (my own wording).
- id: 6.RP.A.1
  statement: Use ratio language. # keep this comment
  student_statement: I can describe a ratio.
  unit: ratios
  prerequisites: []

# Expressions come after ratios this year.
- id: 6.EE.A.1
  statement: Write and evaluate numerical expressions involving whole-number exponents.
  student_statement: I can use exponents.
  unit: expressions
  prerequisites: [6.RP.A.1]
- id: 6.RP.A.2
  statement: "Unit rates: a/b for a ratio a:b # not a comment"
  student_statement: ""
  unit: ratios
  prerequisites: [6.RP.A.1]
`);
    // The file loads back to what was merged, and merging again changes nothing.
    const again = parseStandards(text);
    expect(again.diagnostics).toEqual([]);
    expect(again.standards.find((s) => s.id === '6.RP.A.2')!.statement).toBe('Unit rates: a/b for a ratio a:b # not a comment');
    const second = mergeStandards(again.standards, incoming);
    expect(second.added).toEqual([]);
    expect(second.updated).toEqual([]);
    expect(applyStandardsMerge(text, second)).toBe(text);
  });

  it('fills the empty standards.yaml that init writes, keeping its comment', () => {
    const m = mergeStandards([], csv('id,statement,unit\n00123,A local standard,local\n').rows);
    const text = applyStandardsMerge(emptyStandards(), m);
    expect(text.startsWith('# Standards tracked by this class')).toBe(true);
    expect(text).toContain('- id: "00123"\n  statement: A local standard\n');
    expect(parseStandards(text).standards.map((s) => s.id)).toEqual(['00123']);
  });

  it('sets the unit given for standards without one, and records CASE ids', () => {
    const r = parseCasePackage(JSON.stringify(casePackage()), 'ccss.json', { only: ['6.RP'] });
    const m = mergeStandards(existing, r.rows, { unit: 'ratios' });
    expect(m.added.map((s) => [s.id, s.unit])).toEqual([['6.RP.A.2', 'ratios'], ['6.RP.A.3', 'ratios']]);
    expect(m.updated).toEqual([{ id: '6.RP.A.1', changes: [
      { field: 'statement', from: 'Use ratio language.', to: 'Understand the concept of a ratio.' },
      { field: 'case_id', from: '', to: 'i-rp1' },
    ], set: { statement: 'Understand the concept of a ratio.', case_id: 'i-rp1' } }]);
    const text = applyStandardsMerge(TEACHER_FILE, m);
    expect(parseStandards(text).standards.map((s) => `${s.id}:${s.caseId ?? ''}`)).toEqual(['6.RP.A.1:i-rp1', '6.EE.A.1:', '6.RP.A.2:i-rp2', '6.RP.A.3:i-rp3']);
  });

  it('refuses unsafe codes, repeats and unknown prerequisites with the file line', () => {
    const m = mergeStandards(existing, csv('id,statement,prerequisites\n../etc,x,\n6.NS.A.1,x,6.NS.A.9\n6.NS.A.1,y,\n').rows);
    expect(m.diagnostics.map((d) => `${d.source!.line}: ${d.message}`)).toEqual([
      '2: standard code "../etc" cannot be used: an id may hold only letters, digits, ".", "_" and "-", and start with a letter or digit',
      '4: standard 6.NS.A.1 appears twice in the file (first at line 3)',
      '3: 6.NS.A.1 lists the prerequisite 6.NS.A.9, which is neither in the file nor in standards.yaml',
    ]);
  });
});
