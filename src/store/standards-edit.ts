// Applies a standards merge to standards.yaml through yaml's Document API, so the teacher's comments,
// blank lines, key order and flow lists survive: only the values that change are touched. (The yaml
// printer does put a single space before a trailing comment.)
import { isMap, isSeq, parseDocument, YAMLSeq, type Document, type YAMLMap } from 'yaml';
import type { ImportedStandard, StandardsMerge } from '../domain/standards-merge.ts';

const TO_STRING = { lineWidth: 0, flowCollectionPadding: false } as const;

function flowList(doc: Document, values: readonly string[]): YAMLSeq {
  const node = doc.createNode([...values]) as YAMLSeq;
  node.flow = true;
  return node;
}

function entry(doc: Document, s: ImportedStandard): YAMLMap {
  const node = doc.createNode({ id: s.id, statement: s.statement, student_statement: s.studentStatement, unit: s.unit }) as YAMLMap;
  node.set('prerequisites', flowList(doc, s.prerequisites ?? []));
  if (s.caseId) node.set('case_id', s.caseId);
  return node;
}

/** standards.yaml's text after the merge (the same text when nothing changes). */
export function applyStandardsMerge(text: string, merge: StandardsMerge): string {
  if (!merge.added.length && !merge.updated.length) return text;
  const doc = parseDocument(text);
  // An empty file, or the `[]` that `pathbook init` writes under its comment, becomes a block list.
  if (!isSeq(doc.contents)) {
    const seq = new YAMLSeq();
    if (doc.contents && 'commentBefore' in doc.contents) seq.commentBefore = doc.contents.commentBefore;
    doc.contents = seq as unknown as typeof doc.contents;
  }
  const seq = doc.contents as unknown as YAMLSeq;
  seq.flow = false;
  const byId = new Map<string, YAMLMap>();
  for (const item of seq.items) {
    if (isMap(item)) byId.set(String(item.get('id')), item as YAMLMap);
  }
  for (const u of merge.updated) {
    const node = byId.get(u.id);
    if (!node) throw new Error(`standards.yaml changed under the merge: ${u.id} is gone`);
    for (const [field, value] of Object.entries(u.set)) {
      // A fresh node: the old one's quoting ("" for an empty text) should not stick to the new text.
      node.set(field, Array.isArray(value) ? flowList(doc, value) : doc.createNode(value));
    }
  }
  for (const s of merge.added) seq.items.push(entry(doc, s));
  return doc.toString(TO_STRING);
}
