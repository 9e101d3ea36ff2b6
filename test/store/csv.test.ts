// Every CSV the tool reads (issue 2, item 8): encodings, delimiters and what spreadsheets leave behind.
// The byte fixtures are built here so each test shows exactly what the file holds.
import { describe, expect, it } from 'vitest';
import { csvText, detectDelimiter, parseCsvBytes } from '../../src/store/csv.ts';

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const BOM = [0xef, 0xbb, 0xbf];
const cat = (...parts: (number[] | Uint8Array)[]) => new Uint8Array(parts.flatMap((p) => [...p]));
const utf16le = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));
const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  return new Uint8Array(le.swap16());
};
const ROSTER = 'id,given_name,family_name\nS001,Zoë,Clarke\nS002,José,Hernández\n';

function read(bytes: Uint8Array) {
  const r = parseCsvBytes(bytes, 'roster.csv');
  return { ...r, header: r.table?.header, values: r.table?.rows.map((row) => row.values), lines: r.table?.rows.map((row) => row.line) };
}

describe('encodings', () => {
  it('reads UTF-8 without a BOM', () => {
    const r = read(utf8(ROSTER));
    expect(r.table?.encoding).toBe('utf-8');
    expect(r.values).toEqual([['S001', 'Zoë', 'Clarke'], ['S002', 'José', 'Hernández']]);
  });

  it('drops a UTF-8 BOM so the first column is still called id', () => {
    const r = read(cat(BOM, utf8(ROSTER)));
    expect(r.header).toEqual(['id', 'given_name', 'family_name']);
    expect(r.values![0]).toEqual(['S001', 'Zoë', 'Clarke']);
  });

  it('reads UTF-16 LE with a BOM (Excel "Unicode text", tab-separated)', () => {
    const r = read(cat([0xff, 0xfe], utf16le(ROSTER.replace(/,/g, '\t'))));
    expect(r.table?.encoding).toBe('utf-16le');
    expect(r.table?.delimiter).toBe('\t');
    expect(r.values![1]).toEqual(['S002', 'José', 'Hernández']);
  });

  it('reads UTF-16 BE with a BOM', () => {
    const r = read(cat([0xfe, 0xff], utf16be(ROSTER)));
    expect(r.table?.encoding).toBe('utf-16be');
    expect(r.values![0]).toEqual(['S001', 'Zoë', 'Clarke']);
  });

  it('reads UTF-16 LE without a BOM', () => {
    const r = read(utf16le(ROSTER));
    expect(r.table?.encoding).toBe('utf-16le');
    expect(r.header).toEqual(['id', 'given_name', 'family_name']);
  });

  it('falls back to Windows-1252 for bytes that are not UTF-8 (Excel "CSV" on Windows)', () => {
    // ë = 0xEB, é = 0xE9, á = 0xE1 in Windows-1252; the curly apostrophe ’ = 0x92.
    const bytes = cat(utf8('id,given_name,family_name\nS003,Zo'), [0xeb], utf8(',Clarke\nS005,Liam,O'), [0x92], utf8('Brien\n'));
    const r = read(bytes);
    expect(r.table?.encoding).toBe('windows-1252');
    expect(r.values).toEqual([['S003', 'Zoë', 'Clarke'], ['S005', 'Liam', 'O\u2019Brien']]);
  });
});

describe('delimiters', () => {
  it.each([
    [',', 'comma'], [';', 'semicolon (Excel in a comma-decimal locale)'], ['\t', 'tab'],
  ])('detects %j (%s) from the header', (d) => {
    const r = read(utf8(`id${d}given_name${d}score\nS001${d}Zoë${d}2,5\n`.replace('2,5', d === ',' ? '"2,5"' : '2,5')));
    expect(r.table?.delimiter).toBe(d);
    expect(r.values).toEqual([['S001', 'Zoë', '2,5']]);
  });

  it('ignores delimiters inside quoted header cells', () => {
    expect(detectDelimiter('"Name; full";"Score, points";id\n')).toBe(';');
    expect(detectDelimiter('"a;b;c;d",x,y\n')).toBe(',');
  });

  it('reads CRLF line endings and keeps the line numbers of records past blank lines and quoted line breaks', () => {
    const r = read(utf8('id,given_name\r\nS001,Ann\r\n\r\nS002,"Multi\r\nline"\r\nS003,Bo\r\n'));
    expect(r.values).toEqual([['S001', 'Ann'], ['S002', 'Multi\nline'], ['S003', 'Bo']]);
    expect(r.lines).toEqual([2, 4, 6]);
  });

  it('reads old Mac line endings (CR only)', () => {
    const r = read(utf8('id,given_name\rS001,Ann\rS002,Bo\r'));
    expect(r.values).toEqual([['S001', 'Ann'], ['S002', 'Bo']]);
    expect(r.lines).toEqual([2, 3]);
  });

  it('keeps a stray quote inside an unquoted value (5" tall)', () => {
    expect(read(utf8('id,note\nS001,5" tall\n')).values).toEqual([['S001', '5" tall']]);
  });
});

describe('ragged rows', () => {
  it('tolerates extra fields when they are empty (the OneRoster 1.1 sample has two such rows)', () => {
    const r = read(utf8('sourcedId,role,email\n1,student,a@x.org\n2,teacher,,\n3,teacher,,,\n'));
    expect(r.diagnostics).toEqual([]);
    expect(r.values).toEqual([['1', 'student', 'a@x.org'], ['2', 'teacher', ''], ['3', 'teacher', '']]);
  });

  it('tolerates an empty trailing header cell', () => {
    const r = read(utf8('id,given_name,\nS001,Ann,\n'));
    expect(r.header).toEqual(['id', 'given_name']);
    expect(r.values).toEqual([['S001', 'Ann']]);
  });

  it('pads short rows with blanks', () => {
    expect(read(utf8('id,given_name,family_name\nS001,Ann\n')).values).toEqual([['S001', 'Ann', '']]);
  });

  it('reports a row whose extra fields hold values, with its line', () => {
    const r = read(utf8('id,given_name\nS001,Ann\nS002,Bo,oops\n'));
    expect(r.diagnostics).toMatchObject([{ severity: 'error', source: { file: 'roster.csv', line: 3 }, message: 'this row has 3 fields but the header has 2' }]);
    expect(r.values).toEqual([['S001', 'Ann']]);
  });

  it('accepts a file without a final newline', () => {
    expect(read(utf8('id,given_name\nS001,Ann')).values).toEqual([['S001', 'Ann']]);
  });
});

describe('files that are not a CSV', () => {
  it('says an empty file is empty', () => {
    for (const bytes of [new Uint8Array(0), utf8('\n\n'), cat(BOM)]) {
      expect(read(bytes).diagnostics).toMatchObject([{ severity: 'error', message: 'the file is empty', source: { line: 1 } }]);
    }
  });

  it('refuses binary data', () => {
    const garbage = new Uint8Array(256).map((_, i) => (i * 37 + 11) % 256);
    expect(read(garbage).diagnostics).toMatchObject([{ severity: 'error', message: 'this is not a text file (it holds binary data)' }]);
  });

  it('points at a NUL byte by its line instead of calling the whole file binary', () => {
    const r = read(utf8('id,given_name\nS001,Ann\nS0\u000002,Bo\n'));
    expect(r.diagnostics).toMatchObject([{ source: { line: 3 }, message: 'this line holds a NUL byte, an invisible character that cannot be part of an id or a name' }]);
  });

  it('recognises an Excel workbook (a zip) and a PDF picked by mistake', () => {
    expect(read(cat([0x50, 0x4b, 3, 4], utf8('xl/workbook.xml'))).diagnostics[0]!.message).toBe('this is an Excel workbook or a zip file, not a CSV file');
    expect(read(utf8('%PDF-1.7\n')).diagnostics[0]!.message).toBe('this is a PDF, not a CSV file');
  });

  it('blames a quote that runs on over line ends on the line where it opens', () => {
    const r = read(utf8('id,name,period\nS001,"Brooks, Aaliyah",2\nS029,"Cruz, Valentina,2\nS030,"Haddad, Noor",4\n'));
    expect(r.diagnostics).toMatchObject([{ source: { line: 3 }, message: 'this row has 4 fields but the header has 3: a quoted value that starts here seems to lack its closing quote' }]);
  });

  it('reports an unclosed quote with the line it starts on', () => {
    const r = read(utf8('id,given_name\nS001,Ann\nS002,"Bo\nS003,Cy\n'));
    expect(r.table).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ message: 'a quoted value that starts on this line is never closed', source: { line: 3 } });
  });

  it('keeps a value that goes on after its closing quote as written, as spreadsheets do', () => {
    expect(read(utf8('id,note\nS001,"quoted" then more\n')).values).toEqual([['S001', '"quoted" then more']]);
  });
});

describe('writing', () => {
  it('writes LF, quotes only where needed, and a final newline', () => {
    expect(csvText(['id', 'note'], [['S001', 'a, b'], ['S002', 'say "hi"'], ['S003', null]])).toBe('id,note\nS001,"a, b"\nS002,"say ""hi"""\nS003,\n');
  });

  it('defuses formulas when asked, for files opened in spreadsheets', () => {
    expect(csvText(['id', 'note'], [['S001', '=HYPERLINK("x")']], { escapeFormulas: true })).toBe('id,note\nS001,"\'=HYPERLINK(""x"")"\n');
  });

  it('reads back what it writes', () => {
    const rows = [['S001', 'Zoë', 'line\nbreak'], ['S002', '"quoted"', 'semi;colon']];
    expect(read(utf8(csvText(['id', 'a', 'b'], rows))).values).toEqual(rows);
  });
});
