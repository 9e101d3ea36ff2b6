// activities.yaml: the activity bank for playlists and choice boards, in curriculum order.
import { Document, isMap, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Activity, Diagnostic, Source } from '../domain/types.ts';
import { Fields } from './fields.ts';
import { parseYamlText, yamlText } from './yaml.ts';

export const ACTIVITIES_FILE = 'activities.yaml';
export const TIERS = ['reteach', 'practice', 'extend'] as const;

export function parseActivities(text: string, file = ACTIVITIES_FILE): { activities: Activity[]; diagnostics: Diagnostic[] } {
  const { yaml, diagnostics } = parseYamlText(text, file);
  if (!yaml || yaml.data === null || yaml.data === undefined) return { activities: [], diagnostics };
  const f = new Fields(yaml, diagnostics, 'activities');
  const activities: Activity[] = [];
  f.list([], 'activities.yaml').forEach((_, i) => {
    if (!f.isMap([i])) {
      f.error([i], 'each activity should be a mapping with id, title, standards, kind and tier');
      return;
    }
    f.unknownKeys([i], ['id', 'title', 'standards', 'kind', 'tier', 'modality', 'minutes', 'link', 'supports']);
    activities.push({
      id: f.text([i, 'id'], { required: true, id: true }),
      title: f.text([i, 'title'], { required: true }),
      standards: f.texts([i, 'standards'], { id: true }),
      kind: f.text([i, 'kind'], { fallback: 'practice' }),
      tier: f.oneOf([i, 'tier'], TIERS, 'practice'),
      modality: f.text([i, 'modality']),
      minutes: f.number([i, 'minutes'], { fallback: 0, min: 0 }),
      link: f.text([i, 'link']),
      supports: f.texts([i, 'supports']),
      source: f.at([i]),
    });
  });
  return { activities, diagnostics };
}

export function activitiesText(activities: readonly Activity[]): string {
  return yamlText(activities.map((a) => ({
    id: a.id, title: a.title, standards: a.standards, kind: a.kind, tier: a.tier,
    modality: a.modality, minutes: a.minutes, link: a.link, supports: a.supports,
  })));
}

export interface ActivitiesMerge {
  text: string;
  added: string[];
  updated: { id: string; fields: string[] }[];
  unchanged: string[];
  diagnostics: Diagnostic[];
}

const FIELD_ORDER = ['title', 'standards', 'kind', 'tier', 'modality', 'minutes', 'link', 'supports'] as const;
type MergeField = (typeof FIELD_ORDER)[number];
type MergeRow = { id: string; fields: Partial<Record<MergeField, string | number | string[]>>; source: Source };

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Merges rows into activities.yaml through yaml's Document API: an existing activity changes only the
 * fields the row gives (its comments and position stay), a new one goes after the last activity sharing
 * its first standard (curriculum order), or at the end.
 */
export function mergeActivitiesText(text: string | undefined, rows: readonly MergeRow[], file = ACTIVITIES_FILE): ActivitiesMerge {
  const out: ActivitiesMerge = { text: text ?? '', added: [], updated: [], unchanged: [], diagnostics: [] };
  let doc: Document;
  if (text && text.trim()) {
    const parsed = parseYamlText(text, file);
    if (!parsed.yaml) return { ...out, diagnostics: parsed.diagnostics };
    doc = parsed.yaml.doc;
    if (doc.contents !== null && !isSeq(doc.contents)) {
      out.diagnostics.push({ check: 'activities', severity: 'error', message: 'activities.yaml should be a list of activities', source: { file, line: 1 } });
      return out;
    }
  } else {
    doc = new Document([]);
    doc.commentBefore = ' Activity bank for playlists and choice boards, in curriculum order.';
  }
  if (!isSeq(doc.contents)) doc.contents = doc.createNode([]) as YAMLSeq;
  const seq = doc.contents as YAMLSeq;
  const data = () => seq.items.map((n) => (isMap(n) ? (n.toJSON() as Record<string, unknown>) : {}));
  const flowList = (xs: string[]) => {
    const node = doc.createNode(xs) as YAMLSeq;
    node.flow = true;
    return node;
  };
  for (const row of rows) {
    const current = data();
    const at = current.findIndex((a) => a.id === row.id);
    if (at >= 0) {
      const node = seq.items[at] as YAMLMap;
      const changed: string[] = [];
      for (const k of FIELD_ORDER) {
        const v = row.fields[k];
        if (v === undefined || sameValue(current[at]![k], v)) continue;
        node.set(k, Array.isArray(v) ? flowList(v) : v);
        changed.push(k);
      }
      if (changed.length) out.updated.push({ id: row.id, fields: changed });
      else out.unchanged.push(row.id);
      continue;
    }
    if (!row.fields.title) {
      out.diagnostics.push({ check: 'activities', severity: 'error', source: row.source, message: `new activity ${row.id} has no title`, hint: 'give it a title (and standards, kind, tier, minutes, link)' });
      continue;
    }
    const f = row.fields;
    const node = doc.createNode({
      id: row.id, title: f.title, standards: f.standards ?? [], kind: f.kind ?? 'practice', tier: f.tier ?? 'practice',
      modality: f.modality ?? '', minutes: f.minutes ?? 0, link: f.link ?? '', supports: f.supports ?? [],
    }) as YAMLMap;
    for (const k of ['standards', 'supports']) node.set(k, flowList((f[k as 'standards'] as string[] | undefined) ?? []));
    const first = (f.standards as string[] | undefined)?.[0];
    let after = -1;
    if (first) current.forEach((a, i) => { if (Array.isArray(a.standards) && a.standards.includes(first)) after = i; });
    if (after >= 0) seq.items.splice(after + 1, 0, node);
    else seq.items.push(node);
    out.added.push(row.id);
  }
  out.text = doc.toString({ lineWidth: 0, indent: 2, flowCollectionPadding: false });
  return out;
}
