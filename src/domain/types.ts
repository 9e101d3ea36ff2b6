// The gradebook as the domain sees it: plain records, each remembering the file and line it came from.
// Loaded by src/store, consumed by every report; nothing here touches the disk.

/** Where a record came from, relative to the gradebook root (hledger's source positions). */
export interface Source {
  file: string;
  line: number;
  column?: number;
}

export type Severity = 'error' | 'warning';

/** A problem found in the folder or the input: a value, never an exception (STYLE.md). */
export interface Diagnostic {
  check: string;
  severity: Severity;
  message: string;
  hint?: string;
  source?: Source;
}

export type StudentStatus = 'active' | 'withdrawn';

export interface Student {
  id: string;
  givenName: string;
  familyName: string;
  section: string;
  email: string;
  status: StudentStatus;
  source: Source;
}

export type RollupRule = 'all-mastered' | 'mean' | 'min';

export interface Standard {
  id: string;
  statement: string;
  studentStatement: string;
  unit: string;
  prerequisites: string[];
  /** A parent standard rolls up from its children instead of having evidence of its own. */
  children: string[];
  rollup?: RollupRule;
  method?: MethodSpec;
  /** The CASE CFItem identifier, when the standard came from a CASE package. */
  caseId?: string;
  source: Source;
}

export interface Item {
  id: string;
  standards: string[];
  points: number;
  /** Accepted answers, for sources that export answer texts rather than points. */
  key?: string[];
  /** For checkbox questions: the set of answers that must all be chosen. */
  keyAll?: string[];
  /** The source column this item reads from, when importing. */
  column?: string;
  source: Source;
}

export type AssessmentKind = 'exit-ticket' | 'quiz' | 'test' | 'project' | 'observation' | 'platform';
export const ASSESSMENT_KINDS: readonly AssessmentKind[] = ['exit-ticket', 'quiz', 'test', 'project', 'observation', 'platform'];

export interface AssessmentOrigin {
  format: string;
  file?: string;
  sha256?: string;
}

/** One student's row in assessments/<id>.csv: points per item id, null when not taken. */
export interface ScoreRow {
  studentId: string;
  points: Record<string, number | null>;
  source: Source;
}

export interface Assessment {
  id: string;
  title: string;
  date: string;
  kind: AssessmentKind;
  retakeOf: string | null;
  items: Item[];
  origin?: AssessmentOrigin;
  scores: ScoreRow[];
  /**
   * The rows of just these students, when the store can give them without building every row (a
   * year's assessments read for one student). Not enumerable, so a copy made by spreading never
   * carries it past a change to `scores`.
   */
  readonly scoresOf?: (students: ReadonlySet<string>) => ScoreRow[];
  source: Source;
}

export interface Observation {
  studentId: string;
  standard: string;
  date: string;
  score: number;
  /** Where the evidence came from (conference, rubric, platform…); `override` sets the level. */
  kind: string;
  note: string;
  /** Position in observations.csv, which orders observations on the same date. */
  index: number;
  source: Source;
}

export interface Activity {
  id: string;
  title: string;
  standards: string[];
  kind: string;
  tier: 'reteach' | 'practice' | 'extend';
  modality: string;
  minutes: number;
  link: string;
  supports: string[];
  source: Source;
}

export interface Goal {
  id: string;
  text: string;
  author: 'student' | 'teacher' | 'parent';
  set: string;
  target: string;
  status: 'active' | 'met' | 'dropped';
  standards: string[];
}

export interface Reflection {
  date: string;
  text: string;
}

export interface Profile {
  studentId: string;
  interests: string[];
  strengths: string[];
  preferences: string[];
  accommodations: string[];
  goals: Goal[];
  reflections: Reflection[];
  source: Source;
}

// ---- settings ----

export interface Level {
  level: number;
  /** The lowest score that reaches this level. */
  min: number;
  label: string;
  color: string;
  mastery: boolean;
}

export interface Scale {
  /** The top of the scale: evidence scores are fractions of it. */
  max: number;
  /** Highest first. */
  levels: Level[];
}

export const METHODS = [
  'decaying-average', 'weighted-average', 'n-mastery', 'latest', 'highest', 'average',
  'power-law', 'median', 'mode', 'most-recent-n', 'best-fit',
] as const;
export type MethodName = (typeof METHODS)[number];

export interface MethodSpec {
  method: MethodName;
  /** Weight of the newest score for the decaying and weighted averages. */
  w: number;
  /** How many scores n-mastery needs, or most-recent-n averages. */
  n: number;
}

export interface DecisionRules {
  /** Share of the class below mastery at which the whole class is retaught. */
  wholeClassReteach: number;
  /** At most this share mastered: those few get enrichment as a small group. */
  enrichmentMax: number;
}

export interface GroupingSettings {
  keepApart: string[][];
  keepTogether: string[][];
  avoidRepeatWeeks: number;
}

export interface ReportCardBand {
  mark: string;
  min: number;
}

/** A named marking period for `report-card --term` (pathbook.yaml reportCard.terms). */
export interface Term {
  name: string;
  from: string;
  to: string;
}

export interface Settings {
  className: string;
  subject: string;
  grade: string;
  scale: Scale;
  mastery: MethodSpec & { minEvidence: number };
  decisions: DecisionRules;
  grouping: GroupingSettings;
  reportCard: { bands: ReportCardBand[]; guards: { mark: string; minStandardLevel: number }[]; terms: Term[] };
  language: 'en' | 'es';
  git: { autoCommit: boolean };
  source: Source;
}

/** The whole folder, loaded and checked. */
export interface Book {
  settings: Settings;
  students: Student[];
  standards: Standard[];
  assessments: Assessment[];
  observations: Observation[];
  activities: Activity[];
  profiles: Profile[];
}
