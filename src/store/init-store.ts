// The files `pathbook init` writes: a commented pathbook.yaml a teacher can read and edit.
import { SCALE_PRESETS } from '../domain/scale.ts';
import type { MethodName } from '../domain/types.ts';
import { ROSTER_COLUMNS } from './roster-store.ts';
import { csvText } from './csv.ts';
import { yamlText } from './yaml.ts';

export interface InitAnswers {
  className: string;
  subject: string;
  grade: string;
  scale: string;
  method: MethodName;
}

const q = (s: string) => JSON.stringify(s);

export function settingsTemplate(a: InitAnswers): string {
  const scale = SCALE_PRESETS[a.scale] ?? SCALE_PRESETS['four-level']!;
  const levels = scale.levels
    .map((l) => `    - { level: ${l.level}, min: ${l.min}, label: ${q(l.label)}, color: ${q(l.color)}${l.mastery ? ', mastery: true' : ''} }`)
    .join('\n');
  return `# pathbook settings for this class. Edit freely: pathbook keeps your comments when it changes this file.
class: ${q(a.className)}
subject: ${q(a.subject)}
grade: ${q(a.grade)}

# The mastery scale, highest level first. A score takes the highest level whose \`min\` it reaches;
# exactly one level is the mastery level. Evidence scores run from 0 to \`max\`.
scale:
  max: ${scale.max}
  levels:
${levels}

# How evidence becomes a current score (pathbook explain <student> <standard> shows the working).
# Methods: decaying-average, weighted-average, n-mastery, latest, highest, average, power-law,
#          median, mode, most-recent-n, best-fit. A standard may set its own in standards.yaml.
mastery:
  method: ${a.method}
  w: 0.65          # weight of the newest score (decaying-average, weighted-average)
  n: 3             # scores needed (n-mastery) or averaged (most-recent-n)
  minEvidence: 2   # fewer pieces of evidence than this is flagged as thin

# Tomorrow's plan after an assessment.
decisions:
  wholeClassReteach: 0.8   # reteach everyone when this share of the class has not reached mastery
  enrichmentMax: 0.2

# Flexible grouping rules (pathbook group).
grouping:
  keepApart: []        # e.g. [[S004, S017]]
  keepTogether: []
  avoidRepeatWeeks: 2  # try not to pair students who worked together in the last N weeks

language: en   # en or es, for printed reports

# History in git: with autoCommit, every command that changes the folder commits what it wrote
# (\`pathbook diff\` shows who moved up or down since a date; \`pathbook undo\` takes a change back).
# A git remote (GitHub and the like) is a disclosure of student records: ask your district first.
git:
  autoCommit: false
`;
}

export function emptyRoster(): string {
  return csvText(ROSTER_COLUMNS, []);
}

export function emptyStandards(): string {
  return `# Standards tracked by this class, in curriculum order. Each one:
#   - id: 6.RP.A.1
#     statement: Understand ratios and use ratio language to describe a relationship.
#     student_statement: I can describe how two quantities compare using a ratio.
#     unit: ratios
#     prerequisites: []
# Import a list with: pathbook standards import <file.csv | case.json>
${yamlText([])}`;
}

export const GITIGNORE = `# pathbook's cache: safe to delete, never shared
.pathbook/
`;
