// Values print literally in every format: a name is never markup (issue #7, peers.md § Privacy).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeHtml, escapeMarkdown } from '../../src/render/escape.ts';

describe('escapeMarkdown', () => {
  it('escapes inline markup and HTML', () => {
    expect(escapeMarkdown('**Bold**')).toBe('\\*\\*Bold\\*\\*');
    expect(escapeMarkdown('<b>Zed</b>')).toBe('\\<b\\>Zed\\</b\\>');
    expect(escapeMarkdown('[link](http://x)')).toBe('\\[link\\](http://x)');
    expect(escapeMarkdown('a | b')).toBe('a \\| b');
    expect(escapeMarkdown('_x_ `y` ~z~ &amp;')).toBe('\\_x\\_ \\`y\\` \\~z\\~ \\&amp;');
  });

  it('escapes block markers only where they would start a block', () => {
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdown('- not a list')).toBe('\\- not a list');
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list');
    expect(escapeMarkdown('---')).toBe('\\---');
    // Ordinary text keeps its look: codes, decimals, hyphens, apostrophes.
    expect(escapeMarkdown("6.RP.A.1 scored 2.50, Smith-Jones, O'Brien #1")).toBe("6.RP.A.1 scored 2.50, Smith-Jones, O'Brien #1");
  });

  it('keeps a value on one line', () => {
    expect(escapeMarkdown('one\ntwo\r\nthree')).toBe('one two three');
  });

  it('never leaves an unescaped markup character (property)', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const e = escapeMarkdown(s);
      expect(e).not.toMatch(/\n/);
      // Every *, _, <, >, [, ], `, | is preceded by a backslash that is itself not escaped.
      expect(e.replace(/\\\\/g, '').replace(/\\[*_<>[\]`|~&]/g, '')).not.toMatch(/[*_<>[\]`|~&]/);
    }));
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<b>Zed</b> & "Al's"`)).toBe('&lt;b&gt;Zed&lt;/b&gt; &amp; &quot;Al&#39;s&quot;');
  });
});
