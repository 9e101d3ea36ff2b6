// Colour is decided once, from the terminal, NO_COLOR and --no-color (chalk 5 ignores NO_COLOR).
import { Chalk, type ChalkInstance } from 'chalk';

export interface Style {
  color: boolean;
  c: ChalkInstance;
  /** A scale colour (#rrggbb) as a background, or plain text when colour is off. */
  swatch(hex: string, text: string): string;
}

export function makeStyle(color: boolean): Style {
  const c = new Chalk({ level: color ? 3 : 0 });
  return {
    color,
    c,
    swatch: (hex, text) => (color ? c.bgHex(hex).hex(contrastText(hex))(text) : text),
  };
}

function contrastText(hex: string): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return '#000000';
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((x) => parseInt(x, 16));
  return 0.299 * r! + 0.587 * g! + 0.114 * b! > 150 ? '#000000' : '#ffffff';
}

/** Visible width: ANSI codes take no room. */
export function visibleLength(s: string): number {
  // Most text holds no colour at all (and a class heatmap measures thousands of cells).
  // eslint-disable-next-line no-control-regex
  return s.includes('\u001b') ? s.replace(/\u001b\[[0-9;]*m/g, '').length : s.length;
}
