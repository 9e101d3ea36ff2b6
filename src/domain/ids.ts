// Ids become file names (students/<id>.yaml, assessments/<id>.csv), so only safe shapes pass (DESIGN.md).

const STUDENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ASSESSMENT_ID = /^\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/;
const GENERIC_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
// Windows refuses these as file names whatever the extension.
const RESERVED = /^(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])(\..*)?$/i;

export function studentIdProblem(id: string): string | undefined {
  if (id.length === 0) return 'the id is empty';
  if (id.includes('\0')) return 'the id contains a NUL byte';
  if (!STUDENT_ID.test(id)) {
    return 'a student id may hold only letters, digits, ".", "_" and "-", start with a letter or digit, and be at most 64 characters';
  }
  if (RESERVED.test(id)) return `"${id}" is a reserved file name on Windows`;
  if (id.endsWith('.')) return 'a student id may not end with "."';
  return undefined;
}

export function assessmentIdProblem(id: string): string | undefined {
  if (!ASSESSMENT_ID.test(id)) return 'an assessment id is a date and a slug, like 2026-11-20-ratios-exit';
  if (!isValidDate(id.slice(0, 10))) return `${id.slice(0, 10)} is not a real date`;
  return undefined;
}

/** Ids of standards, activities and goals: safe for a file name too, since some become one. */
export function genericIdProblem(id: string): string | undefined {
  if (id.includes('\0')) return 'the id contains a NUL byte';
  if (!GENERIC_ID.test(id)) return 'an id may hold only letters, digits, ".", "_" and "-", and start with a letter or digit';
  if (RESERVED.test(id)) return `"${id}" is a reserved file name on Windows`;
  if (id.endsWith('.')) return 'an id may not end with "." (Windows drops it from file names)';
  return undefined;
}

/**
 * One segment of a relative path the tool writes: what every file name must satisfy on Linux,
 * macOS and Windows alike, whatever id it came from (the last check before a path is used).
 */
export function pathSegmentProblem(seg: string): string | undefined {
  const q = JSON.stringify(seg.length > 40 ? seg.slice(0, 40) + '…' : seg);
  if (seg === '') return 'it has an empty part';
  if (seg === '.' || seg === '..') return `${q} leads out of its folder`;
  if (seg.includes('\0')) return 'it contains a NUL byte';
  if (/[\u0000-\u001f<>:"|?*\\/]/.test(seg)) return `${q} holds a character file systems refuse (control, <>:"|?*, / or \\)`;
  if (/[. ]$/.test(seg)) return `${q} ends with "." or a space (Windows drops it, so two names could meet)`;
  if (RESERVED.test(seg)) return `${q} is a reserved file name on Windows`;
  if (new TextEncoder().encode(seg).length > 255) return `${q} is longer than 255 bytes`;
  return undefined;
}

/** A relative path the tool may write inside a gradebook: "/"-separated safe segments, nothing more. */
export function relativePathProblem(rel: string): string | undefined {
  if (rel === '') return 'the path is empty';
  if (rel.includes('\0')) return 'it contains a NUL byte';
  if (rel.startsWith('/') || /^[A-Za-z]:/.test(rel) || rel.startsWith('\\')) return 'the path is absolute';
  if (rel.includes('\\')) return 'it contains "\\"';
  for (const seg of rel.split('/')) {
    const p = pathSegmentProblem(seg);
    if (p) return p;
  }
  return undefined;
}

export function isValidDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[mo - 1]!;
}

/** A person's name compared loosely: accents, case and punctuation left out ("Zoë O'Brien" → "zoe o brien"). */
export function normalizeName(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** A title as the slug part of an id: "Exit ticket: equivalent ratios" → "exit-ticket-equivalent-ratios". */
export function slugify(text: string, maxLength = 48): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = s.slice(0, maxLength).replace(/-+$/g, '');
  return cut || 'untitled';
}

/** Ids that would name the same file on a case-insensitive or normalising file system. */
export function fileNameKey(id: string): string {
  return id.normalize('NFC').toLowerCase();
}
