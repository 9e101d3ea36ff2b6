// Reading YAML with positions (so every problem says file:line:col) and writing it deterministically.
import { isNode, isScalar, LineCounter, parseDocument, stringify, type Document } from 'yaml';
import type { Diagnostic, Source } from '../domain/types.ts';
import { looksBinary } from './text.ts';

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
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const diagnostics: Diagnostic[] = [];
  for (const e of doc.errors) {
    const pos = lineCounter.linePos(e.pos[0]);
    // The yaml package reports a stack overflow from absurd nesting as a syntax error.
    if (/call stack/i.test(e.message)) {
      diagnostics.push({ check: 'yaml', severity: 'error', source: { file, line: 1 }, message: 'the YAML is nested too deeply to read', hint: 'restore the file from git; pathbook\'s files nest a few levels at most' });
      break;
    }
    diagnostics.push({
      check: 'yaml', severity: 'error', source: { file, line: pos.line, column: pos.col },
      message: `YAML syntax: ${e.message.split('\n')[0]}`,
      hint: 'check the indentation and quoting on this line (a value with ":" or "#" needs quotes)',
    });
  }
  if (diagnostics.length) return { diagnostics };
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
