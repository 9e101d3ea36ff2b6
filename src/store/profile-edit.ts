// Edits to students/<id>.yaml through yaml's Document API, so a teacher's comments, key order and
// quoting survive (DESIGN.md: "comments are preserved when the tool edits"). A missing file is created.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, Scalar, YAMLSeq, type Document, type YAMLMap } from 'yaml';
import type { Goal, Student } from '../domain/types.ts';
import { UserError } from './errors.ts';
import { STUDENTS_DIR } from './profile-store.ts';

export const PROFILE_KEYS = ['interests', 'strengths', 'preferences', 'accommodations', 'goals', 'reflections'] as const;
export type ListKey = (typeof PROFILE_KEYS)[number];

export function profilePath(studentId: string): string {
  return `${STUDENTS_DIR}/${studentId}.yaml`;
}

/** A new profile: every key present and empty, in the order teachers read them. */
export function newProfileText(student: Pick<Student, 'id' | 'givenName' | 'familyName' | 'section'>): string {
  const name = `${student.givenName} ${student.familyName}`.trim().replace(/[\r\n]+/g, ' ');
  const head = `# Profile for ${name ? `${name} (${student.id})` : student.id}${student.section ? `, section ${student.section.replace(/[\r\n]+/g, ' ')}` : ''}`;
  return `${head}\n${PROFILE_KEYS.map((k) => `${k}: []`).join('\n')}\n`;
}

/** Opens a profile for editing; `file` names it in messages. */
export function openProfile(text: string, file: string): Document {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) {
    throw new UserError(`${file} cannot be read: ${doc.errors[0]!.message.split('\n')[0]}`, { hint: 'fix the YAML (run `pathbook check`), then try again' });
  }
  if (doc.contents === null || (isScalar(doc.contents) && (doc.contents.value === null || doc.contents.value === ''))) {
    doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  }
  if (!isMap(doc.contents)) throw new UserError(`${file} should be a mapping (interests:, goals:, …)`, { hint: 'fix the file by hand, then try again' });
  return doc;
}

export function profileText(doc: Document): string {
  // Same options that round-trip the example profiles byte for byte ([a, b] stays [a, b]).
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** The sequence under `key`, created (block style for mappings) when missing or empty. */
function listAt(doc: Document, key: ListKey, holdsMaps: boolean, file: string): YAMLSeq {
  const root = doc.contents as YAMLMap;
  let node: unknown = root.get(key, true);
  if (node === undefined || node === null || (isScalar(node) && (node.value === null || node.value === ''))) {
    const seq = new YAMLSeq();
    seq.flow = !holdsMaps;
    root.set(key, seq);
    node = seq;
  }
  if (!isSeq(node)) throw new UserError(`\`${key}\` in ${file} should be a list`, { hint: `write it as ${key}: [] or as a list of "- " lines` });
  // A list of mappings reads best in block style: goals: [] → goals:\n  - id: g1 …
  if (holdsMaps && node.items.length === 0) node.flow = false;
  return node;
}

export function listValues(doc: Document, key: ListKey): string[] {
  const node = (doc.contents as YAMLMap).get(key, true);
  if (!isSeq(node)) return [];
  return node.items.map((i) => (isScalar(i) ? String(i.value) : '')).filter(Boolean);
}

/** Appends a text to a list of texts; false when it is already there (compared without case). */
export function addText(doc: Document, key: ListKey, value: string, file: string): boolean {
  const seq = listAt(doc, key, false, file);
  const want = value.toLowerCase();
  if (seq.items.some((i) => isScalar(i) && String(i.value).toLowerCase() === want)) return false;
  seq.add(doc.createNode(value));
  return true;
}

/** Removes a text from a list; false when it was not there. */
export function removeText(doc: Document, key: ListKey, value: string): boolean {
  const node = (doc.contents as YAMLMap).get(key, true);
  if (!isSeq(node)) return false;
  const i = node.items.findIndex((n) => isScalar(n) && String(n.value) === value);
  if (i < 0) return false;
  node.items.splice(i, 1);
  return true;
}

function quoted(value: string): Scalar {
  const s = new Scalar(value);
  s.type = Scalar.QUOTE_DOUBLE;
  return s;
}

/** Goal ids already in the file. */
export function goalIds(doc: Document): string[] {
  const node = (doc.contents as YAMLMap).get('goals', true);
  if (!isSeq(node)) return [];
  return node.items.map((g) => (isMap(g) ? String(g.get('id') ?? '') : '')).filter(Boolean);
}

/** g1, g2, …: one past the highest number used, so a deleted goal's id is never given again. */
export function nextGoalId(ids: readonly string[]): string {
  let max = 0;
  for (const id of ids) {
    const m = /^g(\d+)$/.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `g${max + 1}`;
}

/** Appends a goal, keys in the order of DESIGN.md (id, text, author, set, target, status, standards). */
export function addGoal(doc: Document, goal: Goal, file: string): void {
  const seq = listAt(doc, 'goals', true, file);
  const map = doc.createNode({}) as YAMLMap;
  map.set('id', goal.id);
  map.set('text', quoted(goal.text));
  map.set('author', goal.author);
  map.set('set', goal.set);
  if (goal.target) map.set('target', goal.target);
  map.set('status', goal.status);
  const stds = doc.createNode(goal.standards) as YAMLSeq;
  stds.flow = true;
  map.set('standards', stds);
  seq.add(map);
}

/** Sets a goal's status; returns the status it had. */
export function setGoalStatus(doc: Document, goalId: string, status: Goal['status'], file: string): string {
  const node = (doc.contents as YAMLMap).get('goals', true);
  const goal = isSeq(node) ? node.items.find((g) => isMap(g) && String(g.get('id')) === goalId) : undefined;
  if (!isMap(goal)) {
    const ids = goalIds(doc);
    throw new UserError(`${file} has no goal ${JSON.stringify(goalId)}`, { hint: ids.length ? `its goals: ${ids.join(', ')}` : 'add one with `pathbook goal add`', exitCode: 2 });
  }
  const before = String(goal.get('status') ?? 'active');
  goal.set('status', status);
  return before;
}

export function addReflection(doc: Document, date: string, text: string, file: string): void {
  const seq = listAt(doc, 'reflections', true, file);
  const map = doc.createNode({}) as YAMLMap;
  map.set('date', date);
  map.set('text', quoted(text));
  seq.add(map);
}

/** The profile's text as it is on disk, or undefined when the student has none yet. */
export function readProfileText(root: string, studentId: string): string | undefined {
  const p = join(root, profilePath(studentId));
  return existsSync(p) ? readFileSync(p, 'utf8').replace(/^\uFEFF/, '') : undefined;
}
