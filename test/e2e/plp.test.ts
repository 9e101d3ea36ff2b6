// pathbook plp on a copy of the example class: which files it writes, the folder's templates
// winning over pathbook's, privacy between students, escaping, and clear errors.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.ts';
import { findChromium } from '../../src/render/pdf.ts';
import { copyExample, REPO, run, runBuilt, snapshot, tempDir, TODAY } from '../helpers.ts';

const plpFiles = (dir: string) => (existsSync(join(dir, 'plp')) ? readdirSync(join(dir, 'plp')).sort() : []);
const readPlp = (dir: string, name: string) => readFileSync(join(dir, 'plp', name), 'utf8');

describe('pathbook plp', () => {
  it('writes one student\'s Markdown, and the same bytes again on a second run', async () => {
    const dir = copyExample();
    const r = await run(['plp', 'S005'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Wrote plp/S005.md.\n');
    expect(plpFiles(dir)).toEqual(['S005.md']);
    const md = readPlp(dir, 'S005.md');
    expect(md.startsWith("# Personalized Learning Plan: Liam O'Brien\n\nGrade 6 Math · Section P2 · as of November 23, 2026\n")).toBe(true);
    expect(md.endsWith('\n') && !md.endsWith('\n\n')).toBe(true);
    const again = await run(['plp', 'S005'], { cwd: dir });
    expect(again.stdout).toBe('Wrote plp/S005.md (1 unchanged).\n');
    expect(readPlp(dir, 'S005.md')).toBe(md);
  });

  it('--all --format html writes every active student and one combined file with page breaks', async () => {
    const dir = copyExample();
    const r = await run(['plp', '--all', '--format', 'html'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Wrote 27 PLPs (md, html) to plp/, and plp/all.md, plp/all.html to print them all.\n');
    const files = plpFiles(dir);
    expect(files).toHaveLength(27 * 2 + 2);
    expect(files).not.toContain('S021.md'); // withdrawn
    const all = readPlp(dir, 'all.html');
    expect(all.match(/<article class="plp"/g)).toHaveLength(27);
    expect(all).toContain('.plp + .plp { break-before: page; }');
    expect(all.match(/<!DOCTYPE html>/g)).toHaveLength(1);
    // Self-contained: nothing fetched from anywhere when printed.
    expect(all).not.toMatch(/<(link|script|img|iframe)\b|url\(|@import/i);
    const allMd = readPlp(dir, 'all.md');
    expect(allMd.match(/^# /gm)).toHaveLength(27);
    expect(allMd).toContain(readPlp(dir, 'S005.md').trimEnd());
  });

  it('--section writes that section\'s students and a combined file named for it', async () => {
    const dir = copyExample();
    const r = await run(['plp', '--section', 'P2', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.students).toHaveLength(14);
    expect(j.files).toContain('plp/section-p2.md');
    expect(j.reports[0].student.id).toBe('S001');
    expect(plpFiles(dir)).toHaveLength(15);
  });

  it('shows a progress bar on stderr in a terminal only', async () => {
    const dir = copyExample();
    let stderr = '';
    let stdout = '';
    const code = await runCli(['plp', '--section', 'P4'], {
      stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, cwd: dir,
      env: { PATHBOOK_TODAY: TODAY, NO_COLOR: '1' }, stdoutIsTTY: false, stdinIsTTY: false, stderrIsTTY: true,
      now: () => new Date(`${TODAY}T12:00:00`),
    });
    expect(code).toBe(0);
    expect(stderr).toContain('\rPLPs [########################] 13/13 S028');
    expect(stdout).not.toContain('\r');
  });

  it('refuses a selection that is missing, doubled or unknown, writing nothing', async () => {
    const dir = copyExample();
    const before = snapshot(dir);
    const cases: [string[], RegExp][] = [
      [['plp'], /name one student, or --section <section>, or --all/],
      [['plp', 'S005', '--all'], /name one student/],
      [['plp', '--section', 'P9'], /no active students in section "P9"[\s\S]*sections: P2, P4/],
      [['plp', 'S099'], /no student "S099"/],
      [['plp', 'S005', '--lang', 'fr'], /Allowed choices are en, es/],
      [['plp', 'S005', '--format', 'docx'], /Allowed choices are md, html, pdf/],
    ];
    for (const [args, msg] of cases) {
      const r = await run(args, { cwd: dir });
      expect(r.stderr, args.join(' ')).toMatch(msg);
      expect(r.code, args.join(' ')).toBe(2);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('will not let the combined file overwrite a student whose id is "all"', async () => {
    const dir = copyExample();
    const roster = join(dir, 'roster.csv');
    writeFileSync(roster, readFileSync(roster, 'utf8') + 'all,Al,Lee,P2,al@students.example.org,active\n');
    const before = snapshot(dir);
    const r = await run(['plp', '--all'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the combined file plp\/all\.md would overwrite the report of student all/);
    expect(snapshot(dir)).toEqual(before);
    expect((await run(['plp', 'all'], { cwd: dir })).code).toBe(0);
  });

  it('--out writes elsewhere and leaves the gradebook untouched', async () => {
    const dir = copyExample();
    const before = snapshot(dir);
    const out = join(tempDir(), 'conferences');
    const r = await run(['plp', 'S020', '--format', 'html', '--out', out], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['S020.html', 'S020.md']);
    expect(snapshot(dir)).toEqual(before);
  });

  it('takes the language from pathbook.yaml, and --lang overrides it', async () => {
    const dir = copyExample();
    const settings = join(dir, 'pathbook.yaml');
    writeFileSync(settings, readFileSync(settings, 'utf8').replace('language: en', 'language: es'));
    await run(['plp', 'S020'], { cwd: dir });
    expect(readPlp(dir, 'S020.md')).toMatch(/^# Plan de Aprendizaje Personalizado: Fatima Al-Sayed\n\nGrade 6 Math · Grupo P2 · al 23 de noviembre de 2026\n/);
    await run(['plp', 'S020', '--lang', 'en'], { cwd: dir });
    expect(readPlp(dir, 'S020.md')).toMatch(/^# Personalized Learning Plan: Fatima Al-Sayed/);
  });

  it('uses the gradebook\'s own template and words when it has them', async () => {
    const dir = copyExample();
    mkdirSync(join(dir, 'templates', 'i18n'), { recursive: true });
    const tpl = readFileSync(join(REPO, 'templates', 'plp.md.eta'), 'utf8').replace('# <%= it.t.title %>: <%= r.name %>', '# <%= r.name %> — Room 12 conference');
    writeFileSync(join(dir, 'templates', 'plp.md.eta'), tpl);
    // Only the changed words: pathbook fills in the rest.
    writeFileSync(join(dir, 'templates', 'i18n', 'en.yaml'), 'goals: Goals we agreed on\nlevels:\n  Approaching: Getting there\n');
    const r = await run(['plp', 'S005', '--format', 'html'], { cwd: dir });
    expect(r.code).toBe(0);
    const md = readPlp(dir, 'S005.md');
    expect(md.startsWith("# Liam O'Brien — Room 12 conference\n")).toBe(true);
    expect(md).toContain('## Goals we agreed on\n');
    expect(md).toContain('●●○○ Getting there');
    expect(md).toContain('## What comes next\n');
    // The HTML template was not copied, so pathbook's own is used, with the folder's words.
    const html = readPlp(dir, 'S005.html');
    expect(html).toContain('<h2>Goals we agreed on</h2>');
    expect(html).toContain('<span class="kind">Personalized Learning Plan</span>');
  });

  it('names the template file and line when a teacher\'s template breaks, and writes nothing', async () => {
    const dir = copyExample();
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'templates', 'plp.md.eta'), '# <%= it.t.title %>\n\n<%= it.reports[0].nosuch.field %>\n');
    const before = snapshot(dir);
    const r = await run(['plp', 'S005'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("templates/plp.md.eta:3: error: the template failed: Cannot read properties of undefined (reading 'field')\n  hint: fix the template, or delete templates/plp.md.eta to use pathbook's own\n");
    expect(snapshot(dir)).toEqual(before);
    writeFileSync(join(dir, 'templates', 'plp.md.eta'), '<% if (true) { %>\n');
    const syntax = await run(['plp', 'S005'], { cwd: dir });
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toMatch(/^pathbook: error: templates\/plp\.md\.eta: the template failed: Bad template syntax: /);
    expect(syntax.stderr).not.toMatch(/__eta/);
  });

  it('says clearly when --format pdf has no Chromium to print with, and writes nothing', async () => {
    const dir = copyExample();
    const before = snapshot(dir);
    const r = await run(['plp', 'S005', '--format', 'pdf'], { cwd: dir, env: { PATHBOOK_CHROMIUM: join(dir, 'no-such-chrome') } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/PATHBOOK_CHROMIUM=.*no-such-chrome is not a program pathbook can run\n  hint: install Chromium \(Debian\/Ubuntu: sudo apt-get install chromium\)/);
    expect(snapshot(dir)).toEqual(before);
    expect(findChromium({ PATH: '' }, [])).toBeUndefined();
    expect(findChromium({ PATH: '' }, ['/no/such/chromium'])).toBeUndefined();
  });
});

describe('privacy and escaping', () => {
  it('a student\'s report names no other student', async () => {
    const dir = copyExample();
    const others = readFileSync(join(dir, 'roster.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','))
      .filter(([id]) => id !== 'S005');
    for (const lang of ['en', 'es']) {
      expect((await run(['plp', 'S005', '--format', 'html', '--lang', lang], { cwd: dir })).code).toBe(0);
      for (const file of ['S005.md', 'S005.html']) {
        // Read the HTML as a browser shows it (O&#39;Brien is O'Brien).
        const text = readPlp(dir, file).replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
        expect(text).toContain("Liam O'Brien");
        for (const [id, given, family, , email] of others) {
          for (const needle of [id!, given!, family!, email!]) {
            expect(new RegExp(`(^|[^\\p{L}\\d])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\d])`, 'u').test(text), `${file} (${lang}) mentions ${needle}`).toBe(false);
          }
        }
      }
    }
  });

  it('prints names and notes literally in HTML and Markdown', async () => {
    const dir = copyExample();
    const roster = join(dir, 'roster.csv');
    writeFileSync(roster, readFileSync(roster, 'utf8').replace("S005,Liam,O'Brien", 'S005,<b>Zed</b>,**Bold**'));
    await run(['goal', 'add', 'S005', '<script>alert(1)</script> & [click](javascript:x)'], { cwd: dir });
    await run(['interest', 'add', 'S005', '# _chess_ | `code`'], { cwd: dir });
    const r = await run(['plp', 'S005', '--format', 'html'], { cwd: dir });
    expect(r.code).toBe(0);
    const html = readPlp(dir, 'S005.html');
    expect(html).toContain('&lt;b&gt;Zed&lt;/b&gt; **Bold**</h1>');
    expect(html).not.toContain('<b>Zed</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; [click](javascript:x)');
    expect(html).not.toMatch(/<script/i);
    const md = readPlp(dir, 'S005.md');
    expect(md.split('\n')[0]).toBe('# Personalized Learning Plan: \\<b\\>Zed\\</b\\> \\*\\*Bold\\*\\*');
    expect(md).not.toContain('**Bold**');
    expect(md).toContain('| \\<script\\>alert(1)\\</script\\> \\& \\[click\\](javascript:x) |');
    expect(md).toContain('- **Interests:** Minecraft, Lego, dogs, # \\_chess\\_ \\| \\`code\\`\n');
  });
});

describe('the installed package', () => {
  it('ships its templates and finds them beside the bundle from any folder', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    expect(pkg.files).toContain('templates');
    const dir = copyExample();
    const r = runBuilt(['-C', dir, 'plp', 'S020', '--format', 'html', '--lang', 'es'], { cwd: tempDir() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readPlp(dir, 'S020.html')).toContain('<html lang="es">');
  });

  it('works from a copy of the package with no source tree around it', () => {
    // What npm installs: package.json's files (bin, dist, templates); the bundle holds the dependencies.
    const pkg = join(tempDir(), 'node_modules', 'pathbook');
    for (const d of ['bin', 'dist', 'templates']) cpSync(join(REPO, d), join(pkg, d), { recursive: true });
    cpSync(join(REPO, 'package.json'), join(pkg, 'package.json'));
    const dir = copyExample();
    const r = spawnSync(process.execPath, [join(pkg, 'bin', 'pathbook'), '-C', dir, 'plp', 'S005', '--format', 'html'], {
      cwd: tempDir(), encoding: 'utf8', env: { ...process.env, PATHBOOK_TODAY: TODAY, NO_COLOR: '1' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readPlp(dir, 'S005.html')).toContain("Liam O&#39;Brien</h1>");
  });
});
