// What every command gets: the terminal (as an injected io), global options, the gradebook, and
// a safe way to write it (lock → load → change → commit). Commands never reach for process.* directly.
import { resolve } from 'node:path';
import type { Book } from '../domain/types.ts';
import { commitChanges, needsRecovery, recoverChanges, type FileChange } from '../store/atomic.ts';
import { openBook, requireRoot, type LoadedBook } from '../store/book-load.ts';
import { errorFromDiagnostics } from '../store/errors.ts';
import { acquireLock } from '../store/lock.ts';
import { COMMAND_TRAILER, commitPaths, repoTop } from '../store/git.ts';
import { makeStyle, type Style } from '../render/style.ts';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  stdinIsTTY: boolean;
  /** For progress bars, which go to stderr and only to a terminal. */
  stderrIsTTY?: boolean;
  /** The clock, read only here: "today" reaches the domain as an argument. */
  now(): Date;
}

export interface GlobalOptions {
  dir?: string;
  json: boolean;
  color: boolean;
  quiet: boolean;
}

/** What a writing command's plan returns: the files to change, its result, and how to describe it in git. */
export interface WritePlan<T> {
  changes: FileChange[];
  result: T;
  /** The commit subject when git.autoCommit is on, e.g. "import: Exit ticket 11-20, 28 students". */
  message?: string;
  /** Extra trailer lines for the commit (Pathbook-Command is always added). */
  trailers?: Record<string, string>;
}

export interface WriteOptions {
  allowErrors?: boolean;
  /** 'always' commits even when git.autoCommit is off (undo keeps history straight). */
  commit?: 'auto' | 'always';
}

export class CliContext {
  globals: GlobalOptions = { json: false, color: true, quiet: false };
  /** Set by a command that finished but found problems (e.g. `check`). */
  exitCode = 0;
  private styleCache?: Style;

  readonly io: Io;
  constructor(io: Io) {
    this.io = io;
  }

  get style(): Style {
    if (!this.styleCache) {
      const env = this.io.env;
      const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
      const color = this.globals.color && !('NO_COLOR' in env && env.NO_COLOR !== '') && (this.io.stdoutIsTTY || forced);
      this.styleCache = makeStyle(color);
    }
    return this.styleCache;
  }

  /** Today as YYYY-MM-DD (PATHBOOK_TODAY pins it for tests and reproducible demos). */
  get today(): string {
    const pinned = this.io.env.PATHBOOK_TODAY;
    if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) return pinned;
    const d = this.io.now();
    const p = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  }

  get interactive(): boolean {
    return this.io.stdinIsTTY && this.io.stdoutIsTTY && !this.io.env.CI;
  }

  out(text: string): void {
    this.io.stdout(text.endsWith('\n') || text === '' ? text : text + '\n');
  }

  /** Narration that --quiet silences (results still print). */
  info(text: string): void {
    if (!this.globals.quiet) this.io.stderr(text.endsWith('\n') ? text : text + '\n');
  }

  json(value: unknown): void {
    this.io.stdout(JSON.stringify(value, null, 2) + '\n');
  }

  resolvePath(p: string): string {
    return resolve(this.io.cwd, p);
  }

  root(): string {
    const dir = this.globals.dir ? resolve(this.io.cwd, this.globals.dir) : this.io.cwd;
    return requireRoot(dir, !!this.globals.dir);
  }

  private lockWait(): number {
    const v = Number(this.io.env.PATHBOOK_LOCK_WAIT_MS);
    return Number.isFinite(v) && v >= 0 ? v : 3000;
  }

  /** Loads and checks the folder; any error stops the command before it does anything. */
  async loadBook(opts: { allowErrors?: boolean } = {}): Promise<LoadedBook> {
    const root = this.root();
    if (needsRecovery(root)) {
      const lock = await acquireLock(root, 'recover', this.lockWait());
      try { recoverChanges(root); } finally { lock.release(); }
    }
    const loaded = await openBook(root);
    if (!opts.allowErrors && loaded.diagnostics.some((d) => d.severity === 'error')) throw errorFromDiagnostics(loaded.diagnostics);
    return loaded;
  }

  /**
   * A writing command's whole life under the folder lock: load (checked), compute the changes,
   * commit them in one step, and with git.autoCommit record them in git with a message saying
   * what was done. Nothing is written when `plan` throws.
   */
  async write<T>(command: string, plan: (loaded: LoadedBook) => Promise<WritePlan<T>> | WritePlan<T>, opts: WriteOptions = {}): Promise<T & { written: string[]; commit?: string }> {
    const root = this.root();
    const lock = await acquireLock(root, command, this.lockWait());
    try {
      if (needsRecovery(root)) recoverChanges(root);
      const loaded = await openBook(root);
      if (!opts.allowErrors && loaded.diagnostics.some((d) => d.severity === 'error')) throw errorFromDiagnostics(loaded.diagnostics);
      const planned = await plan(loaded);
      const written = commitChanges(root, planned.changes);
      let commit: string | undefined;
      if (written.length && (opts.commit === 'always' || loaded.book.settings.git.autoCommit)) {
        commit = this.gitCommit(root, written, planned.message ?? `pathbook ${command}`, { [COMMAND_TRAILER]: command, ...planned.trailers });
      }
      return { ...planned.result, written, commit };
    } finally {
      lock.release();
    }
  }

  /** The files are already safe on disk; a failed commit is a warning, not a failed command. */
  private gitCommit(root: string, paths: string[], subject: string, trailers: Record<string, string>): string | undefined {
    const warn = (m: string, hint: string) => this.io.stderr(`pathbook: ${this.style.c.yellow('warning')}: ${m}\n  hint: ${hint}\n`);
    if (!repoTop(root, this.io.env)) {
      warn(`git.autoCommit is on, but ${root} is not in a git repository, so nothing was committed`, 'run `git init` in the folder, or set git.autoCommit: false in pathbook.yaml');
      return undefined;
    }
    const r = commitPaths(root, paths, subject, trailers, this.io.env);
    if (r.error) {
      warn(`the files were written, but git could not commit them: ${r.error.split('\n')[0]}`, 'commit them yourself with `git commit`, and check `git config user.name` and `user.email`');
      return undefined;
    }
    return r.hash;
  }
}

export type { Book };
