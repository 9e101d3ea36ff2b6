// Small inline gradebooks for domain tests, built through the real parsers (STYLE.md § Tests).
import { checkBook } from '../../src/domain/checks.ts';
import type { Book } from '../../src/domain/types.ts';
import { parseActivities } from '../../src/store/activities-store.ts';
import { parseObservations } from '../../src/store/observations-store.ts';
import { parseProfile } from '../../src/store/profile-store.ts';
import { parseRoster } from '../../src/store/roster-store.ts';
import { parseSettings } from '../../src/store/settings-store.ts';
import { parseStandards } from '../../src/store/standards-store.ts';

export interface BookTexts {
  settings?: string;
  roster: string;
  standards: string;
  activities: string;
  /** observations.csv rows after the header: student_id,standard,date,score,source,note */
  observations?: string;
  profiles?: Record<string, string>;
}

const enc = (s: string) => new TextEncoder().encode(s);

/** A checked Book; throws when a fixture itself has an error (so tests never run on a broken book). */
export function bookFrom(t: BookTexts): Book {
  const diags = [];
  const settings = parseSettings(t.settings ?? 'class: Test\n');
  const roster = parseRoster(enc(t.roster));
  const standards = parseStandards(t.standards);
  const activities = parseActivities(t.activities);
  const observations = parseObservations(enc(`student_id,standard,date,score,source,note\n${t.observations ?? ''}`));
  const profiles = Object.entries(t.profiles ?? {}).map(([id, text]) => {
    const p = parseProfile(text, id, `students/${id}.yaml`);
    diags.push(...p.diagnostics);
    return p.profile;
  });
  diags.push(...settings.diagnostics, ...roster.diagnostics, ...standards.diagnostics, ...activities.diagnostics, ...observations.diagnostics);
  const book: Book = {
    settings: settings.settings, students: roster.students, standards: standards.standards, assessments: [],
    observations: observations.observations, activities: activities.activities, profiles,
  };
  diags.push(...checkBook(book));
  const errors = diags.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`fixture has errors: ${errors.map((d) => d.message).join('; ')}`);
  return book;
}

/** One activity as a YAML list entry. */
export function activity(id: string, standards: string[], kind: string, tier: string, extra: { modality?: string; minutes?: number; supports?: string[]; title?: string } = {}): string {
  return `- id: ${id}
  title: "${extra.title ?? id}"
  standards: [${standards.join(', ')}]
  kind: ${kind}
  tier: ${tier}
  modality: ${extra.modality ?? 'visual'}
  minutes: ${extra.minutes ?? 10}
  link: https://example.org/${id}
  supports: [${(extra.supports ?? []).join(', ')}]
`;
}
