// Standard codes as teachers write them: the Common Core's long forms (CCSS.MATH.CONTENT.6.RP.A.1,
// corestandards.org URIs) become the short code 6.RP.A.1 (reference/formats.md §6.1). Other codes
// (state standards, a teacher's own) pass through unchanged.

const PREFIX = /^CCSS\.(MATH\.CONTENT|MATH\.PRACTICE|ELA-LITERACY)\.(.+)$/i;
const URI = /^https?:\/\/(?:www\.)?corestandards\.org\/(Math\/Content|Math\/Practice|ELA-Literacy)\/(.+?)\/?$/i;

/** Upper case, with a sub-standard letter as `.a`: 6.RP.A.3a, 6.RP.A.3.A → 6.RP.A.3.a; L.6.1A → L.6.1.a. */
function shortCode(code: string): string {
  const parts = code.toUpperCase().split('.').filter(Boolean);
  const last = parts[parts.length - 1] ?? '';
  const glued = /^(\d+)([A-Z])$/.exec(last);
  if (glued) parts.splice(parts.length - 1, 1, glued[1]!, glued[2]!.toLowerCase());
  else if (/^[A-Z]$/.test(last) && /^\d+$/.test(parts[parts.length - 2] ?? '')) parts[parts.length - 1] = last.toLowerCase();
  return parts.join('.');
}

export function normalizeStandardCode(raw: string): string {
  const s = raw.trim();
  const uri = URI.exec(s);
  const pre = uri ? undefined : PREFIX.exec(s);
  if (!uri && !pre) return s;
  return shortCode(uri ? uri[2]!.split('/').join('.') : pre![2]!);
}
