// Standards from a 1EdTech CASE package (CFPackage JSON, reference/formats.md §6.3): CFItems with a
// humanCodingScheme become standards, in the order of the isChildOf tree by sequenceNumber (never the
// array's order); `precedes` associations become prerequisites.
import { normalizeStandardCode } from '../domain/standard-codes.ts';
import type { ImportedStandard } from '../domain/standards-merge.ts';
import type { Diagnostic } from '../domain/types.ts';
import type { StandardsParse } from './standards-csv.ts';

type Obj = Record<string, unknown>;

/** A key some publishers capitalise differently (HumanCodingScheme). */
function get(o: unknown, key: string): unknown {
  if (!o || typeof o !== 'object') return undefined;
  const rec = o as Obj;
  if (key in rec) return rec[key];
  const k = Object.keys(rec).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : rec[k];
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const ref = (o: unknown): string => str(get(o, 'identifier'));

/** Item types that group standards rather than state one. */
const GROUPING = /^(domain|cluster|grade|grade ?level|strand|sub-?strand|category|conceptual ?category|course|section|topic|unit|framework|standard ?set)$/i;

export function lineAt(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) { line++; last = i; }
  return { line, column: index - last };
}

function jsonError(text: string, file: string, e: Error): Diagnostic {
  // V8's wording changes between Node versions, so only the position is taken from it:
  // "… at position 123" (Node 20) or "(line 3 column 5)" (newer).
  const pos = /position (\d+)/.exec(e.message);
  const lc = /line (\d+) column (\d+)/.exec(e.message);
  let index = pos ? Number(pos[1]) : text.length;
  if (!pos && lc) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
    index = (starts[Number(lc[1]) - 1] ?? 0) + Number(lc[2]) - 1;
  }
  const ended = index >= text.trimEnd().length;
  const at = lineAt(text, Math.min(index, text.trimEnd().length));
  return {
    check: 'standards-import', severity: 'error', source: { file, ...at },
    message: ended ? 'this JSON ends too soon (the file may be cut short)' : `this JSON cannot be read: ${JSON.stringify(text[index])} is not expected here`,
    hint: ended ? 'download the CASE package again' : 'a comma, quote or bracket is probably missing just before it; download the CASE package again',
  };
}

export function looksLikeJson(text: string): boolean {
  return /^\s*[{[]/.test(text);
}

export function parseCasePackage(text: string, file: string, opts: { only?: string[] } = {}): StandardsParse {
  const result: StandardsParse = { format: 'case', rows: [], diagnostics: [], notes: [] };
  let pkg: unknown;
  try {
    pkg = JSON.parse(text);
  } catch (e) {
    result.diagnostics.push(jsonError(text, file, e as Error));
    return result;
  }
  const items = get(pkg, 'CFItems');
  if (!Array.isArray(items)) {
    result.diagnostics.push({ check: 'standards-import', severity: 'error', source: { file, line: 1 }, message: 'this JSON is not a CASE package: it has no CFItems list', hint: 'download the framework as a CFPackage (…/ims/case/v1p0/CFPackages/<id>)' });
    return result;
  }
  const assocs = get(pkg, 'CFAssociations');
  const docId = ref(get(pkg, 'CFDocument'));
  const byId = new Map<string, { item: Obj; index: number }>();
  items.forEach((item, index) => {
    const id = ref(item);
    if (id && !byId.has(id)) byId.set(id, { item: item as Obj, index });
  });

  // The tree: parent → children with their sequenceNumber; precedes → prerequisites.
  const children = new Map<string, { id: string; seq: number; index: number }[]>();
  const parentOf = new Map<string, string>();
  const before = new Map<string, string[]>();
  (Array.isArray(assocs) ? assocs : []).forEach((a, index) => {
    const type = str(get(a, 'associationType'));
    const origin = ref(get(a, 'originNodeURI'));
    const dest = ref(get(a, 'destinationNodeURI'));
    if (!origin || !dest) return;
    if (type === 'isChildOf') {
      const seqRaw = get(a, 'sequenceNumber');
      const seq = seqRaw === undefined || seqRaw === null || seqRaw === '' ? Infinity : Number(seqRaw);
      const list = children.get(dest) ?? [];
      list.push({ id: origin, seq: Number.isFinite(seq) ? seq : Infinity, index });
      children.set(dest, list);
      if (!parentOf.has(origin)) parentOf.set(origin, dest);
    } else if (type === 'precedes') {
      before.set(dest, [...(before.get(dest) ?? []), origin]);
    }
  });

  const order: string[] = [];
  const visited = new Set<string>();
  const visit = (id: string) => {
    if (visited.has(id)) return;
    visited.add(id);
    if (byId.has(id)) order.push(id);
    const kids = [...(children.get(id) ?? [])].sort((x, y) => x.seq - y.seq || x.index - y.index);
    for (const k of kids) visit(k.id);
  };
  if (docId) visit(docId);
  // Items whose parent is not in the package start trees of their own; anything left (a cycle) follows.
  const inArrayOrder = [...byId.keys()];
  for (const id of inArrayOrder) if (!byId.has(parentOf.get(id) ?? '')) visit(id);
  for (const id of inArrayOrder) visit(id);

  const only = (opts.only ?? []).map((p) => normalizeStandardCode(p));
  const wanted = (code: string) => !only.length || only.some((p) => code === p || code.startsWith(`${p}.`));
  const codeOf = new Map<string, string>();
  let uncoded = 0;
  let grouping = 0;
  let filtered = 0;
  const picked: { id: string; item: Obj }[] = [];
  for (const id of order) {
    const item = byId.get(id)!.item;
    const code = normalizeStandardCode(str(get(item, 'humanCodingScheme')));
    if (!code) { uncoded++; continue; }
    if (GROUPING.test(str(get(item, 'CFItemType')))) { grouping++; continue; }
    if (!wanted(code)) { filtered++; continue; }
    codeOf.set(id, code);
    picked.push({ id, item });
  }
  let droppedPrereqs = 0;
  for (const { id, item } of picked) {
    const pre = (before.get(id) ?? []).map((o) => {
      const c = codeOf.get(o);
      if (!c) droppedPrereqs++;
      return c;
    }).filter((c): c is string => !!c);
    const at = text.indexOf(JSON.stringify(id));
    result.rows.push({
      id: codeOf.get(id)!, statement: str(get(item, 'fullStatement')), studentStatement: '', unit: '',
      prerequisites: pre.length ? [...new Set(pre)] : undefined, caseId: id,
      source: { file, line: at >= 0 ? lineAt(text, at).line : 1 },
    });
  }
  const left: string[] = [];
  if (grouping) left.push(`${grouping} grouping item${grouping === 1 ? '' : 's'} (domains, clusters)`);
  if (uncoded) left.push(`${uncoded} item${uncoded === 1 ? '' : 's'} without a humanCodingScheme`);
  if (filtered) left.push(`${filtered} standard${filtered === 1 ? '' : 's'} outside --only`);
  if (droppedPrereqs) left.push(`${droppedPrereqs} prerequisite link${droppedPrereqs === 1 ? '' : 's'} to standards not imported`);
  if (left.length) result.notes.push(`Left out ${left.join(', ')}.`);
  if (!result.rows.length) {
    result.diagnostics.push({ check: 'standards-import', severity: 'error', source: { file, line: 1 }, message: only.length ? `no standard in the package starts with ${only.join(' or ')}` : 'the package holds no standards with a humanCodingScheme', hint: only.length ? 'check --only against the codes in the package' : 'pathbook needs each standard\'s code (humanCodingScheme), like 6.RP.A.1' });
  }
  return result;
}
