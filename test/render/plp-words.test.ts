// The report's words: a complete Spanish set, dates as each language writes them, the scale's
// labels translated, and the teacher's own labels printed as written when there is no translation.
import { describe, expect, it } from 'vitest';
import { Words } from '../../src/render/plp.ts';
import { loadLabels, type Labels } from '../../src/store/templates-store.ts';
import { tempDir } from '../helpers.ts';

const keys = (l: Labels, prefix = ''): string[] =>
  Object.entries(l).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('report words', () => {
  const root = tempDir();
  const en = loadLabels(root, 'en');
  const es = loadLabels(root, 'es');

  it('has every English label in Spanish too, none left empty', () => {
    const missing = keys(en).filter((k) => !keys(es).includes(k));
    expect(missing).toEqual([]);
    expect(keys(es).filter((k) => !String(k.split('.').reduce<unknown>((o, p) => (o as Labels)[p], es)).trim())).toEqual([]);
  });

  it('keeps the same {placeholders} in both languages', () => {
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
    for (const [k, v] of Object.entries(en)) {
      if (typeof v === 'string') expect(holes(es[k] as string), k).toBe(holes(v));
    }
  });

  it('writes dates as each language does', () => {
    expect(new Words(en).date('2026-11-23')).toBe('November 23, 2026');
    expect(new Words(es).date('2026-01-05')).toBe('5 de enero de 2026');
    expect(new Words(es).date('')).toBe('');
  });

  it('translates the default scale and falls back to the teacher\'s own label', () => {
    const w = new Words(es);
    expect(['Exceeds', 'Mastered', 'Approaching', 'Beginning', 'Not yet assessed'].map((l) => w.word('levels', l))).toEqual(['Supera', 'Dominado', 'En progreso', 'Inicial', 'Sin evaluar todavía']);
    expect(w.word('levels', 'Rockstar')).toBe('Rockstar');
    expect(w.t('summary', { n: 4, of: 11, assessed: 9 })).toBe('4 de 11 estándares dominados (9 evaluados hasta ahora)');
  });
});
