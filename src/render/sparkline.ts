// A trend in one line of eight block glyphs, on a fixed range (the scale), so two standards' lines compare.
const BARS = '▁▂▃▄▅▆▇█';

/** One glyph per value: 0 → ▁, max → █, evenly between (rounded half up, clamped). */
export function sparkline(values: readonly number[], max: number, min = 0): string {
  if (!(max > min)) return '';
  let s = '';
  for (const v of values) {
    const t = (Math.min(max, Math.max(min, v)) - min) / (max - min);
    s += BARS[Math.min(7, Math.floor(t * 7 + 0.5 + 1e-9))];
  }
  return s;
}
