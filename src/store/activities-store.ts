// activities.yaml: the activity bank for playlists and choice boards, in curriculum order.
import type { Activity, Diagnostic } from '../domain/types.ts';
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
