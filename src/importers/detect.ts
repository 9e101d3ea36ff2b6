// Which tool exported a file, from its header row (formats.md): checked from the most particular
// shape to the most general; `--format` overrides.
import { looksLikeCanvas } from './canvas.ts';
import { looksLikeForms } from './google-forms.ts';
import { looksLikeLong } from './long-columns.ts';
import { looksLikeOneRoster } from './oneroster-gradebook.ts';
import type { SourceFormat } from './raw.ts';
import { looksLikeWide } from './wide.ts';

export const FORMAT_ALIASES: Record<string, SourceFormat> = {
  'google-forms': 'google-forms', forms: 'google-forms', google: 'google-forms', gforms: 'google-forms',
  canvas: 'canvas', oneroster: 'oneroster', 'one-roster': 'oneroster',
  wide: 'wide', long: 'long',
};

export function detectFormat(header: readonly string[]): SourceFormat | undefined {
  if (looksLikeOneRoster(header)) return 'oneroster';
  if (looksLikeForms(header)) return 'google-forms';
  if (looksLikeCanvas(header)) return 'canvas';
  if (looksLikeLong(header)) return 'long';
  if (looksLikeWide(header)) return 'wide';
  return undefined;
}

export function describeFormat(f: SourceFormat): string {
  return { 'google-forms': 'Google Forms responses', canvas: 'Canvas gradebook', oneroster: 'OneRoster gradebook', wide: 'CSV with one column per item', long: 'CSV with one row per student and item' }[f];
}
