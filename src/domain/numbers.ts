// Fixed number rules shared by every report: 2 decimals, halves away from zero (DESIGN.md § Mastery).

/** Rounds to `digits` decimals, halves away from zero, immune to binary noise (2.345 → 2.35). */
export function roundHalfAway(x: number, digits = 2): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  const y = Math.abs(x) * f;
  const whole = Math.floor(y);
  // Far from a half, the nearest integer is plain (and this runs for every cell of a district).
  const past = y - whole - 0.5;
  if (Math.abs(past) > 1e-9 * (y + 1)) {
    const r = (past > 0 ? whole + 1 : whole) / f;
    return x < 0 ? -r : r;
  }
  // toPrecision(12) removes the representation error of x·f (234.49999999999997 → 234.5).
  const scaled = Number(y.toPrecision(12));
  const r = Math.round(scaled) / f;
  return x < 0 ? -r : r;
}

/** A score as written in files and tables: "3.45", or "" for no score. */
export function formatScore(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '';
  const s = roundHalfAway(x, digits).toFixed(digits);
  return s === '-0.00' ? '0.00' : s;
}

/** Points as a teacher writes them: 2, 1.5, 0.25 (no trailing zeros). */
export function formatPoints(x: number): string {
  return String(roundHalfAway(x, 4));
}

export function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Plain code-unit order, the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Natural order for ids like S2 < S10 and q2 < q10. */
export function compareIds(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
      return compareText(x, y);
    }
    return compareText(x, y);
  }
  return pa.length - pb.length || compareText(a, b);
}
