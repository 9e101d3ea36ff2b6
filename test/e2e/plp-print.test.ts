// The printed PLP, checked in a real browser (what golden files cannot see): headless Chromium
// (Debian's package, driven by playwright-core) prints every student on A4 and US Letter; each
// takes one or two pages, nothing spills past the printable width, and `plp --format pdf` prints
// the same way. Skips with a message when Chromium is missing; PATHBOOK_REQUIRE_CHROMIUM=1
// (set by .ci/run, which installs chromium) turns the skip into a failure.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/render/pdf.ts';
import { copyExample, run } from '../helpers.ts';

const chromiumPath = findChromium(process.env);
const required = process.env.PATHBOOK_REQUIRE_CHROMIUM === '1';
const MISSING = 'Chromium is not installed, so the print checks are skipped (install it: apt-get install chromium; CI sets PATHBOOK_REQUIRE_CHROMIUM=1 to require it)';

/** Pages in a PDF: its /Type /Page objects (not the /Pages tree). */
export function pdfPages(pdf: Uint8Array): number {
  return (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

const MM = 96 / 25.4;
const PAPERS = [
  { name: 'A4', format: 'A4' as const, widthMm: 210, mediaBox: /\/MediaBox \[0 0 59[45]\.\d+ 841\.\d+\]/ },
  { name: 'Letter', format: 'Letter' as const, widthMm: 215.9, mediaBox: /\/MediaBox \[0 0 612 792\]/ },
];
/** The templates' @page margin on each side. */
const MARGIN_MM = 12;

if (!chromiumPath && required) {
  describe('printed PLPs', () => {
    it('needs Chromium (PATHBOOK_REQUIRE_CHROMIUM=1)', () => {
      throw new Error('PATHBOOK_REQUIRE_CHROMIUM=1 but no Chromium was found on PATH or in the usual places: apt-get install chromium, or set PATHBOOK_CHROMIUM');
    });
  });
} else if (!chromiumPath) {
  console.warn(`test/e2e/plp-print.test.ts: ${MISSING}`);
  describe.skip(`printed PLPs: ${MISSING}`, () => {
    it('prints every student on one or two pages', () => {});
  });
} else {
  describe('printed PLPs', () => {
    let dir: string;
    let browser: BrowserContext;
    let students: string[];

    beforeAll(async () => {
      dir = copyExample();
      // Unbroken text a student might type must wrap, not run off the page.
      await run(['interest', 'add', 'S005', 'x'.repeat(150)], { cwd: dir });
      await run(['goal', 'add', 'S005', `See https://example.org/${'very-long-path/'.repeat(12)} for my plan`, '--standard', '6.EE.A.1,6.EE.A.2,6.EE.A.3'], { cwd: dir });
      const r = await run(['plp', '--all', '--format', 'html'], { cwd: dir });
      expect(r.code).toBe(0);
      students = readdirSync(join(dir, 'plp')).filter((f) => /^S\d+\.html$/.test(f)).sort();
      const { chromium } = await import('playwright-core');
      // Flags from aesthetics-ecosystem.md B2 (without the networking ones Chromium stalls
      // offline), and a fresh profile folder.
      browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'pathbook-chromium-')), {
        executablePath: chromiumPath,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
    });

    for (const paper of PAPERS) {
      it(`prints every student on one or two ${paper.name} pages, and the combined file one student per page`, async () => {
        const page = await browser.newPage();
        const counts: Record<string, number> = {};
        for (const f of students) {
          await page.goto(pathToFileURL(join(dir, 'plp', f)).href);
          counts[f] = pdfPages(await page.pdf({ format: paper.format, printBackground: true }));
        }
        const bad = Object.entries(counts).filter(([, n]) => n < 1 || n > 2);
        expect(bad, `pages per student on ${paper.name}`).toEqual([]);
        expect(students).toHaveLength(27);
        // Every student starts on a new page: the combined file has exactly the sum of the pages.
        await page.goto(pathToFileURL(join(dir, 'plp', 'all.html')).href);
        const all = pdfPages(await page.pdf({ format: paper.format, printBackground: true }));
        expect(all).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
        await page.close();
      }, 120_000);

      it(`lets nothing overflow the printable width of ${paper.name}`, async () => {
        const width = Math.floor((paper.widthMm - 2 * MARGIN_MM) * MM);
        const page = await browser.newPage();
        await page.setViewportSize({ width, height: 1000 });
        await page.emulateMedia({ media: 'print' });
        const overflows: string[] = [];
        for (const f of [...students, 'all.html']) {
          await page.goto(pathToFileURL(join(dir, 'plp', f)).href);
          const found = await page.evaluate((w) => {
            const out: string[] = [];
            if (document.documentElement.scrollWidth > w) out.push(`page scrollWidth ${document.documentElement.scrollWidth} > ${w}`);
            for (const el of Array.from(document.body.querySelectorAll('*'))) {
              const r = el.getBoundingClientRect();
              if (r.width && (r.right > w + 0.5 || r.left < -0.5)) out.push(`<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> spans ${r.left.toFixed(1)}–${r.right.toFixed(1)}`);
              if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') out.push(`<${el.tagName.toLowerCase()}> scrolls`);
            }
            return out;
          }, width);
          overflows.push(...found.map((o) => `${f}: ${o}`));
        }
        expect(overflows).toEqual([]);
        await page.close();
      }, 120_000);
    }

    it('plp --format pdf prints each student and the combined file, on the paper asked for, the same bytes each time', async () => {
      const a4 = await run(['plp', '--section', 'P2', '--format', 'pdf', '--paper', 'a4'], { cwd: dir });
      expect(a4.stderr).toBe('');
      expect(a4.code).toBe(0);
      const pdf = readFileSync(join(dir, 'plp', 'S005.pdf'));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.toString('latin1')).toMatch(PAPERS[0]!.mediaBox);
      expect(pdfPages(pdf)).toBeGreaterThanOrEqual(1);
      expect(pdfPages(pdf)).toBeLessThanOrEqual(2);
      const section = readFileSync(join(dir, 'plp', 'section-p2.pdf'));
      expect(pdfPages(section)).toBeGreaterThanOrEqual(14);
      // Printing again changes nothing: the dates and ids Chromium stamps are pinned.
      const again = await run(['plp', 'S005', '--format', 'pdf', '--paper', 'a4'], { cwd: dir });
      expect(again.stdout).toBe('Wrote plp/S005.md, plp/S005.html, plp/S005.pdf (3 unchanged).\n');
      const letter = await run(['plp', 'S005', '--format', 'pdf'], { cwd: dir });
      expect(letter.code).toBe(0);
      expect(readFileSync(join(dir, 'plp', 'S005.pdf')).toString('latin1')).toMatch(PAPERS[1]!.mediaBox);
    }, 120_000);
  });
}
