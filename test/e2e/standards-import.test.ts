// `pathbook standards import` on real folders: the example class (comments and order kept) and a new
// gradebook filled from a CASE package.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, run, snapshot, tempDir } from '../helpers.ts';

const STATISTICS = [
  'id,statement,student_statement,unit,prerequisites',
  'CCSS.MATH.CONTENT.6.SP.A.1,Recognize a statistical question as one that anticipates variability in the data.,I can tell a statistical question from one with a single answer.,statistics,',
  'CCSS.MATH.CONTENT.6.SP.A.2,"Understand that a set of data has a distribution: center, spread and shape.",,statistics,6.SP.A.1',
  '6.RP.A.1,Use ratio language and notation to describe how two quantities are related.,,,',
].join('\n') + '\n';

describe('standards import', () => {
  it('appends new standards after the teacher\'s, keeps the file\'s comments, and is idempotent', async () => {
    const dir = copyExample();
    const file = join(dir, '..', 'statistics.csv');
    writeFileSync(file, STATISTICS);
    const original = readFileSync(join(dir, 'standards.yaml'), 'utf8');
    const before = snapshot(dir);
    const dry = await run(['standards', 'import', file, '--dry-run'], { cwd: dir });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('2 added, 0 updated, 1 unchanged.');
    expect(snapshot(dir)).toEqual(before);

    const r = await run(['standards', 'import', file], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^added\s+6\.SP\.A\.1\s+statistics\s+Recognize a statistical question/m);
    const text = readFileSync(join(dir, 'standards.yaml'), 'utf8');
    expect(text.startsWith(original)).toBe(true);
    expect(text.slice(original.length)).toBe(`- id: 6.SP.A.1
  statement: Recognize a statistical question as one that anticipates variability in the data.
  student_statement: I can tell a statistical question from one with a single answer.
  unit: statistics
  prerequisites: []
- id: 6.SP.A.2
  statement: "Understand that a set of data has a distribution: center, spread and shape."
  student_statement: ""
  unit: statistics
  prerequisites: [6.SP.A.1]
`);
    const list = await run(['standards', 'list', '--unit', 'statistics', '--json'], { cwd: dir });
    expect(JSON.parse(list.stdout).standards.map((s: { id: string }) => s.id)).toEqual(['6.SP.A.1', '6.SP.A.2']);

    const snap = snapshot(dir);
    const again = await run(['--json', 'standards', 'import', file], { cwd: dir });
    expect(JSON.parse(again.stdout)).toMatchObject({ added: [], updated: [], unchanged: ['6.SP.A.1', '6.SP.A.2', '6.RP.A.1'], written: [] });
    expect(snapshot(dir)).toEqual(snap);
  });

  it('fills a new gradebook from a CASE package in the framework\'s order', async () => {
    const dir = join(tempDir(), 'class');
    expect((await run(['init', dir, '--yes', '--no-git'])).code).toBe(0);
    const pkg = {
      CFDocument: { identifier: 'd', title: 'Math' },
      CFItems: [
        { identifier: 'b', humanCodingScheme: 'CCSS.Math.Content.6.NS.A.1', fullStatement: 'Divide fractions by fractions.', CFItemType: 'Standard' },
        { identifier: 'a', humanCodingScheme: 'CCSS.Math.Content.5.NF.B.7', fullStatement: 'Divide unit fractions by whole numbers.', CFItemType: 'Standard' },
      ],
      CFAssociations: [
        { identifier: 'x1', associationType: 'isChildOf', originNodeURI: { identifier: 'b' }, destinationNodeURI: { identifier: 'd' }, sequenceNumber: 2 },
        { identifier: 'x2', associationType: 'isChildOf', originNodeURI: { identifier: 'a' }, destinationNodeURI: { identifier: 'd' }, sequenceNumber: 1 },
        { identifier: 'x3', associationType: 'precedes', originNodeURI: { identifier: 'a' }, destinationNodeURI: { identifier: 'b' } },
      ],
    };
    const file = join(dir, '..', 'math.json');
    writeFileSync(file, JSON.stringify(pkg, null, 2));
    const r = await run(['standards', 'import', file, '--unit', 'fractions'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Read 2 standards from');
    expect(r.stdout).toContain('(CASE package)');
    const text = readFileSync(join(dir, 'standards.yaml'), 'utf8');
    expect(text).toMatch(/^# Standards tracked by this class/);
    expect(text).toContain(`- id: 5.NF.B.7
  statement: Divide unit fractions by whole numbers.
  student_statement: ""
  unit: fractions
  prerequisites: []
  case_id: a
- id: 6.NS.A.1
  statement: Divide fractions by fractions.
  student_statement: ""
  unit: fractions
  prerequisites: [5.NF.B.7]
  case_id: b
`);
    expect((await run(['check'], { cwd: dir })).code).toBe(0);
  });

  it('refuses an import that would make a prerequisite cycle, writing nothing', async () => {
    const dir = copyExample();
    const file = join(dir, '..', 'cycle.csv');
    writeFileSync(file, 'id,statement,prerequisites\n6.RP.A.1,Ratios.,6.RP.A.3\n');
    const before = snapshot(dir);
    const r = await run(['standards', 'import', file], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^pathbook: error: importing .*cycle\.csv would leave standards\.yaml broken: prerequisites form a cycle: /);
    expect(snapshot(dir)).toEqual(before);
  });
});
