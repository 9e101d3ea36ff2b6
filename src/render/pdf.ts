// Printing report HTML to PDF through a local Chromium, headless: no browser download and no
// dependency; pathbook says clearly when none is installed. The flags keep Chromium off the
// network and away from the user's own profile (aesthetics-ecosystem.md B2).
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserError } from '../store/errors.ts';

export type Paper = 'letter' | 'a4';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const KNOWN = [
  '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** PATHBOOK_CHROMIUM, then chromium / google-chrome on PATH, then the usual install places. */
export function findChromium(env: Record<string, string | undefined>, known: readonly string[] = KNOWN): string | undefined {
  if (env.PATHBOOK_CHROMIUM) return executable(env.PATHBOOK_CHROMIUM) ? env.PATHBOOK_CHROMIUM : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const n of NAMES) if (executable(join(dir, n))) return join(dir, n);
  }
  return known.find(executable);
}

export function chromiumMissing(env: Record<string, string | undefined>): UserError {
  const set = env.PATHBOOK_CHROMIUM;
  return new UserError(set ? `PATHBOOK_CHROMIUM=${set} is not a program pathbook can run` : '--format pdf needs Chromium or Google Chrome, and none is installed', {
    hint: 'install Chromium (Debian/Ubuntu: sudo apt-get install chromium) or set PATHBOOK_CHROMIUM to a Chrome binary; or use --format html and print from any browser',
  });
}

/** Flags that keep a headless print quiet, offline and reproducible. */
export function chromiumFlags(userDataDir: string): string[] {
  const flags = [
    '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-extensions', '--mute-audio', '--hide-scrollbars',
    `--user-data-dir=${userDataDir}`,
  ];
  // Chromium refuses to start as root with its sandbox on (containers, CI).
  if (typeof process.getuid === 'function' && process.getuid() === 0) flags.push('--no-sandbox');
  return flags;
}

/** Paper sizes in inches, as Chromium's printToPDF takes them. */
const PAPER: Record<Paper, { paperWidth: number; paperHeight: number }> = {
  letter: { paperWidth: 8.5, paperHeight: 11 },
  a4: { paperWidth: 8.27, paperHeight: 11.69 },
};

/**
 * Makes a Chromium PDF reproducible without moving a byte offset: the wall-clock dates become the
 * report's date, and the tagged-PDF element ids (DOM node numbers, which depend on what the
 * browser loaded before) are renumbered 1, 2, 3… in their original order, at the same width.
 */
export function reproduciblePdf(pdf: Uint8Array, day: string): Uint8Array {
  const stamp = `D:${day.replace(/-/g, '')}000000`;
  let text = Buffer.from(pdf).toString('latin1').replace(/D:\d{14}/g, stamp);
  const ids = [...new Set([...text.matchAll(/\(node(\d+)\)/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
  const rank = new Map(ids.map((n, i) => [n, i + 1]));
  text = text.replace(/\(node(\d+)\)/g, (m, d: string) => {
    const r = String(rank.get(Number(d))!);
    return r.length <= d.length ? `(node${r.padStart(d.length, '0')})` : m;
  });
  return Buffer.from(text, 'latin1');
}

interface CdpMessage { id?: number; method?: string; params?: Record<string, unknown>; result?: Record<string, unknown>; error?: { message: string }; sessionId?: string }

/**
 * One headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe:
 * JSON messages ending in NUL on fds 3 and 4). One browser for every page is what makes a class
 * set quick: starting Chromium per file costs a second or more each.
 */
class Browser {
  private child: ChildProcess;
  private nextId = 0;
  private buf = '';
  private pending = new Map<number, { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  private listeners: ((m: CdpMessage) => void)[] = [];
  private stderr = '';
  private exited: Error | undefined;

  constructor(bin: string, userDataDir: string) {
    this.child = spawn(bin, [...chromiumFlags(userDataDir), '--remote-debugging-pipe', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d: Buffer) => { this.stderr = (this.stderr + d.toString()).slice(-4000); });
    const out = this.child.stdio[4] as Readable;
    out.setEncoding('utf8');
    out.on('data', (d: string) => this.receive(d));
    const fail = (e: Error) => {
      this.exited = e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    this.child.on('error', fail);
    this.child.on('exit', (code, signal) => fail(new Error(`Chromium stopped (${signal ?? `exit code ${code}`})${this.detail()}`)));
    (this.child.stdio[3] as Writable).on('error', () => { /* reported through 'exit' */ });
  }

  private detail(): string {
    const lines = this.stderr.split('\n').filter((l) => l.trim() && !/dbus|Fontconfig|bus\.cc/i.test(l));
    return lines.length ? `: ${lines.slice(-2).join(' ')}` : '';
  }

  private receive(d: string): void {
    this.buf += d;
    let i: number;
    while ((i = this.buf.indexOf('\0')) >= 0) {
      const msg = JSON.parse(this.buf.slice(0, i)) as CdpMessage;
      this.buf = this.buf.slice(i + 1);
      if (msg.id !== undefined) {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error) p?.reject(new Error(msg.error.message));
        else p?.resolve(msg.result ?? {});
      } else {
        for (const l of [...this.listeners]) l(msg);
      }
    }
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string, timeoutMs = 60_000): Promise<Record<string, unknown>> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => {
      const id = ++this.nextId;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`Chromium did not answer ${method} within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (r) => { clearTimeout(timer); resolve(r); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      (this.child.stdio[3] as Writable).write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    });
  }

  event(match: (m: CdpMessage) => boolean): Promise<CdpMessage> {
    return new Promise((resolve) => {
      const l = (m: CdpMessage) => {
        if (!match(m)) return;
        this.listeners.splice(this.listeners.indexOf(l), 1);
        resolve(m);
      };
      this.listeners.push(l);
    });
  }

  /** Loads a file in a fresh tab and prints it: CSS @page margins apply, the paper is ours. */
  async print(url: string, paper: Paper, timeoutMs: number): Promise<Uint8Array> {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true }) as { sessionId: string };
    try {
      await this.send('Page.enable', {}, sessionId);
      const loaded = this.event((m) => m.method === 'Page.loadEventFired' && m.sessionId === sessionId);
      await this.send('Page.navigate', { url }, sessionId);
      await loaded;
      const { data } = await this.send('Page.printToPDF', { ...PAPER[paper], printBackground: true, displayHeaderFooter: false }, sessionId, timeoutMs) as { data: string };
      return Buffer.from(data, 'base64');
    } finally {
      await this.send('Target.closeTarget', { targetId }).catch(() => undefined);
    }
  }

  /** Closes the browser and waits for it to exit, so its profile folder can be removed. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (!this.exited) await this.send('Browser.close', {}, undefined, 5000).catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  }
}

export interface PrintJob {
  /** The document to print. */
  html: string;
  /** Where the file will go, for messages. */
  name: string;
}

/** Prints each HTML document to PDF bytes in one Chromium, a few tabs at a time. */
export async function printPdfs(jobs: readonly PrintJob[], opts: { chromium: string; paper: Paper; day: string; concurrency?: number; onDone?: (n: number) => void }): Promise<Uint8Array[]> {
  const work = mkdtempSync(join(tmpdir(), 'pathbook-pdf-'));
  const browser = new Browser(opts.chromium, join(work, 'profile'));
  const out: Uint8Array[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= jobs.length) return;
      const job = jobs[i]!;
      const file = join(work, `${i}.html`);
      writeFileSync(file, job.html);
      try {
        // A class set in one file takes a while: a minute, plus 30 s per MB of HTML.
        const timeoutMs = 60_000 + Math.round((job.html.length / 1048576) * 30_000);
        out[i] = reproduciblePdf(await browser.print(pathToFileURL(file).href, opts.paper, timeoutMs), opts.day);
      } catch (e) {
        throw new UserError(`Chromium could not print ${job.name}: ${(e as Error).message}`, {
          hint: 'check that Chromium starts (`chromium --headless --version`), or use --format html and print from a browser',
        });
      }
      opts.onDone?.(++done);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 2, jobs.length)) }, worker));
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true, maxRetries: 3 });
  }
  return out;
}
