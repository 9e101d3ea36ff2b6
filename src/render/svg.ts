// Small inline SVG charts for printed reports, written by hand with fixed decimals so the same
// data gives the same bytes. Legible in black and white: shapes and counts carry the meaning,
// colour only decorates (peers.md § Parent reports and printing).
import { escapeHtml } from './escape.ts';

const f1 = (x: number) => {
  const s = x.toFixed(1);
  return s === '-0.0' ? '0.0' : s;
};

const HEX = /^#[0-9a-fA-F]{6}$/;

/**
 * A trend line of evidence scores on 0..max: a dashed line marks the mastery score, each piece of
 * evidence is a dot, the newest a larger ring. `label` is read aloud and shown on hover.
 */
export function trendSvg(scores: readonly number[], max: number, masteryPoints: number, label: string): string {
  const w = 120;
  const h = 28;
  const pad = 4;
  const x = (i: number) => (scores.length === 1 ? w / 2 : pad + (i * (w - 2 * pad)) / (scores.length - 1));
  const y = (s: number) => pad + (1 - Math.min(Math.max(s / max, 0), 1)) * (h - 2 * pad);
  const t = escapeHtml(label);
  const parts = [
    `<svg class="trend" viewBox="0 0 ${w} ${h}" role="img" aria-label="${t}">`,
    `<line x1="0" y1="${f1(y(masteryPoints))}" x2="${w}" y2="${f1(y(masteryPoints))}" stroke="#000" stroke-width="0.6" stroke-dasharray="3 2"/>`,
  ];
  if (scores.length > 1) {
    parts.push(`<polyline fill="none" stroke="#000" stroke-width="1.4" points="${scores.map((s, i) => `${f1(x(i))},${f1(y(s))}`).join(' ')}"/>`);
  }
  scores.forEach((s, i) => {
    const last = i === scores.length - 1;
    parts.push(last
      ? `<circle cx="${f1(x(i))}" cy="${f1(y(s))}" r="3.2" fill="#fff" stroke="#000" stroke-width="1.6"/>`
      : `<circle cx="${f1(x(i))}" cy="${f1(y(s))}" r="2" fill="#000"/>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/**
 * A level as filled dots, like Harvey balls: the lowest level one dot, the highest all of them
 * (`rank` 0 = not assessed: all hollow). Readable without colour; `color` only fills the dots.
 */
const dotsCache = new Map<string, string>();

export function levelDotsSvg(rank: number, of: number, color: string, label: string): string {
  // A class set draws the same few level badges thousands of times.
  const key = `${rank}|${of}|${color}|${label}`;
  const hit = dotsCache.get(key);
  if (hit !== undefined) return hit;
  const svg = drawDots(rank, of, color, label);
  if (dotsCache.size < 1000) dotsCache.set(key, svg);
  return svg;
}

function drawDots(rank: number, of: number, color: string, label: string): string {
  const r = 3.6;
  const step = 10;
  const w = of * step;
  const fill = HEX.test(color) ? color : '#444444';
  const t = escapeHtml(label);
  const dots: string[] = [];
  for (let i = 0; i < of; i++) dots.push(`<circle cx="${f1(step / 2 + i * step)}" cy="5" r="${f1(r)}"${i < rank ? ` fill="${fill}"` : ''}/>`);
  return `<svg class="dots" viewBox="0 0 ${w} 10" width="${w}" height="10" role="img" aria-label="${t}"><g fill="#fff" stroke="#000" stroke-width="1.2">${dots.join('')}</g></svg>`;
}

/** The same dots as text, for Markdown: ●●●○. */
export function levelDotsText(rank: number, of: number): string {
  return '●'.repeat(rank) + '○'.repeat(Math.max(0, of - rank));
}
