// Reading YAML with positions (so every problem says file:line:col) and writing it deterministically.
import { isNode, isScalar, LineCounter, parseDocument, stringify, type Document, type YAMLError } from 'yaml';
import type { Diagnostic, Source } from '../domain/types.ts';
import { looksBinary, nulLine } from './text.ts';

export interface YamlFile {
  file: string;
  doc: Document;
  data: unknown;
  lineCounter: LineCounter;
}

export interface YamlResult {
  yaml?: YamlFile;
  diagnostics: Diagnostic[];
}

/** Far above any real settings, standards or profile file; a bigger one is a mistake or an attack. */
export const MAX_YAML_CHARS = 8 * 1024 * 1024;

export function parseYamlText(text: string, file: string): YamlResult {
  if (text.length > MAX_YAML_CHARS) {
    return { diagnostics: [{ check: 'yaml', severity: 'error', message: `the file is too large for a pathbook YAML file (${(text.length / 1048576).toFixed(1)} MB)`, hint: 'restore the file from git; pathbook\'s YAML files are a few kilobytes', source: { file, line: 1 } }] };
  }
  if (looksBinary(text)) {
    return { diagnostics: [{ check: 'yaml', severity: 'error', message: 'this is not a text file (it holds binary data)', hint: 'restore the file from git or write it again', source: { file, line: 1 } }] };
  }
  const nul = nulLine(text);
  if (nul !== undefined) {
    return { diagnostics: [{ check: 'yaml', severity: 'error', message: 'this line holds a NUL byte, an invisible character YAML does not allow', hint: 'retype the line in a text editor', source: { file, line: nul } }] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  // The first syntax error only: the ones after it are usually echoes of the same mistake.
  const first = doc.errors[0];
  if (first) {
    // The yaml package reports a stack overflow from absurd nesting as a syntax error.
    if (/call stack/i.test(first.message)) {
      return { diagnostics: [{ check: 'yaml', severity: 'error', source: { file, line: 1 }, message: 'the YAML is nested too deeply to read', hint: 'restore the file from git; pathbook\'s files nest a few levels at most' }] };
    }
    const pos = lineCounter.linePos(first.pos[0]);
    const { message, hint } = explainYamlError(first, text.split('\n')[pos.line - 1] ?? '');
    return { diagnostics: [{ check: 'yaml', severity: 'error', source: { file, line: pos.line, column: pos.col }, message, hint }] };
  }
  let data: unknown;
  try {
    // A low alias budget refuses "billion laughs" documents.
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const deep = e instanceof RangeError;
    return { diagnostics: [{ check: 'yaml', severity: 'error', source: { file, line: 1 }, message: deep ? 'the YAML is nested too deeply to read' : `YAML cannot be read: ${(e as Error).message}`, hint: deep ? 'restore the file from git' : 'remove the aliases (*name) from the file' }] };
  }
  return { yaml: { file, doc, data, lineCounter }, diagnostics: [] };
}

/** The yaml library's error in a teacher's words (its own message kept when there is no better one). */
export function explainYamlError(e: YAMLError, lineText: string): { message: string; hint: string } {
  const raw = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
  if (/^\s*\t/.test(lineText)) return { message: 'YAML syntax: this line is indented with a tab', hint: 'indent with spaces only (YAML does not allow tabs)' };
  switch (e.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return { message: 'YAML syntax: the value here holds ": " or runs on into the next line', hint: 'put a value that holds ": " in quotes, and start the keys of one entry in the same column' };
    case 'DUPLICATE_KEY': {
      const key = /^\s*(?:-\s+)?([^:#]+?)\s*:/.exec(lineText)?.[1];
      return { message: `YAML syntax: ${key ? `\`${key}\`` : 'a key'} appears twice in the same entry`, hint: 'keep one of them' };
    }
    case 'MISSING_CHAR':
      if (/quote/i.test(raw)) return { message: 'YAML syntax: a quoted value above this line is never closed', hint: 'add the closing quote at the end of that value' };
      if (/Sequence item without/i.test(raw)) return { message: 'YAML syntax: this line is indented less than the entry it belongs to', hint: 'start the keys of one entry in the same column (two spaces after the "- ")' };
      break;
    case 'BAD_INDENT':
      if (/Flow sequence/i.test(raw)) return { message: 'YAML syntax: a list in [brackets] above this line is never closed', hint: 'add the closing ] on the line where the list starts' };
      return { message: 'YAML syntax: this line is indented wrongly', hint: 'start the keys of one entry in the same column' };
    default:
      break;
  }
  return { message: `YAML syntax: ${raw}`, hint: 'check the indentation and quoting on this line (a value with ": " or " #" needs quotes)' };
}

/** The position of the value at `path`, or of its nearest ancestor that exists. */
export function sourceAt(y: YamlFile, path: readonly (string | number)[]): Source {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? y.doc.contents : y.doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      const p = y.lineCounter.linePos(node.range[0]);
      return { file: y.file, line: p.line, column: p.col };
    }
  }
  return { file: y.file, line: 1 };
}

/**
 * Where the field at `path` of a YAML text is, parsing the text only when first asked: a file whose
 * value came from the parse cache is parsed again only if a check has something to say about it.
 */
export function lazySourceAt(text: string, file: string): (path: readonly (string | number)[]) => Source {
  let y: YamlFile | undefined;
  return (path) => {
    y ??= parseYamlText(text, file).yaml;
    return y ? sourceAt(y, path) : { file, line: 1 };
  };
}

/** The raw text of a scalar, to tell `id: 00123` (a number to YAML) from `id: "00123"`. */
export function scalarSource(y: YamlFile, path: readonly (string | number)[]): string | undefined {
  const node = y.doc.getIn(path, true);
  if (isScalar(node) && node.range) return String(node.source ?? node.value);
  return undefined;
}

/** Deterministic YAML for files the tool generates: no line folding, keys in the caller's order. */
export function yamlText(value: unknown): string {
  return stringify(value, { lineWidth: 0, indent: 2 });
}
