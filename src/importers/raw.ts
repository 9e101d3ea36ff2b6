// The common shape every importer produces from its source: who (as the source names them), per source
// column the answer text or the points, and what the source says about each column. Turning this
// into assessments (with the map and the roster) is assemble.ts's job, the same for every source.
import type { Diagnostic } from '../domain/types.ts';

export type SourceFormat = 'google-forms' | 'canvas' | 'oneroster' | 'wide' | 'long';
export const SOURCE_FORMATS: readonly SourceFormat[] = ['google-forms', 'canvas', 'oneroster', 'wide', 'long'];

export interface RawColumn {
  /** Position in RawResult.columns. */
  index: number;
  /** The header as written in the file (Canvas: "H2 (15461093)"). */
  header: string;
  /** The header without source decorations (Canvas: "H2"). */
  title: string;
  /** The source's own id for it: a Canvas assignment id, a OneRoster line item sourcedId. */
  ref?: string;
  /** Answer texts to score against a key, or points earned. */
  holds: 'answers' | 'points';
  /** A question to map (every one must be mapped or ignored), or extra data a map may use (Forms' Score). */
  role: 'question' | 'extra';
  pointsPossible?: number;
  /** Standards the source aligns it with (long CSV's standard column, OneRoster learning objectives). */
  standards?: string[];
  /** 1-based column in the file, for messages (0 when the column is a value in rows, as in long CSV). */
  fileColumn: number;
  /** For a grid question `Title [Row]`, the title. */
  grid?: string;
}

export interface RawStudent {
  /** The row (or first row) that names this student in the source. */
  line: number;
  email?: string;
  /** An id the roster may use (SIS id, student number, OneRoster sourcedId). */
  id?: string;
  /** Other ids or logins to try. */
  altIds?: string[];
  name?: string;
  givenName?: string;
  familyName?: string;
  section?: string;
  /** Cell per column index; undefined when the source has nothing there. */
  cells: (string | undefined)[];
  /** Per-cell lines when cells come from different rows (long CSV). */
  cellLines?: number[];
  /** Seconds on one clock, for ordering repeated submissions; absent when the timestamps cannot be read. */
  time?: number;
  timeText?: string;
  /** Forms' Score cell, "7 / 10". */
  score?: { earned: number; possible: number };
}

/** One assessment the source holds: Forms/wide/long hold one, Canvas and OneRoster one per assignment. */
export interface RawAssessment {
  title: string;
  ref?: string;
  /** YYYY-MM-DD when the source dates it. */
  date?: string;
  /** More than one day among the source's dates. */
  dateSpan?: { first: string; last: string };
  columns: number[];
}

export interface RawResult {
  format: SourceFormat;
  /** The source file as the teacher named it on the command line (for messages). */
  file: string;
  /** Its base name (recorded in the assessment's source:). */
  fileName: string;
  sha256: string;
  columns: RawColumn[];
  students: RawStudent[];
  assessments: RawAssessment[];
  /** Numbers may use a decimal comma (a ;-separated export from a comma-decimal locale). */
  decimalComma: boolean;
  /** Things the teacher should know that are not errors. */
  notes: string[];
  /** Problems in the file itself (bad rows, unreadable cells). */
  diagnostics: Diagnostic[];
  /** Dates that cannot be read without --date-format; an error only if the date is needed. */
  dateProblem?: Diagnostic;
}

export interface ReadOptions {
  /** mdy | dmy | ymd, for dates like 3/4/2026. */
  dateFormat?: DateOrder;
}

export type DateOrder = 'mdy' | 'dmy' | 'ymd';

/** Student identity columns a form or sheet may hold, compared with letters and digits only. */
export const NAME_HEADERS = new Set(['name', 'fullname', 'yourname', 'yourfullname', 'whatsyourname', 'whatsyourfullname', 'whatisyourname', 'whatisyourfullname', 'studentname', 'nombre', 'nom']);
export const GIVEN_HEADERS = new Set(['firstname', 'givenname', 'first', 'prenom', 'vorname']);
export const FAMILY_HEADERS = new Set(['lastname', 'familyname', 'surname', 'last', 'apellido', 'apellidos', 'nachname']);
export const ID_HEADERS = new Set(['studentid', 'studentnumber', 'idnumber', 'id', 'sisid', 'sisuserid', 'studentsisid', 'userid', 'username', 'login', 'localid']);
export const EMAIL_HEADERS = new Set(['email', 'emailaddress', 'youremail', 'youremailaddress', 'studentemail', 'mail', 'correo', 'correoelectronico', 'direcciondecorreoelectronico', 'adresseemail', 'emailadresse', 'enderecodeemail', 'indirizzoemail']);
export const SECTION_HEADERS = new Set(['section', 'period', 'class', 'group', 'homeroom']);

/** Microsoft Forms writes "anonymous" where a form asked nobody to sign in: no one's identity. */
export const isAnonymous = (v: string) => v.trim().toLowerCase() === 'anonymous';

/** Letters and digits only, accents removed, lower case: "What's your full name? " → "whatsyourfullname". */
export function headerKey(h: string): string {
  return h.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
}
