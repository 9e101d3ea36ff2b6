// Typed reads from parsed YAML that report problems with their position instead of throwing.
import type { Diagnostic, Source } from '../domain/types.ts';
import { scalarSource, sourceAt, type YamlFile } from './yaml.ts';

export type Path = (string | number)[];

export class Fields {
  readonly y: YamlFile;
  readonly diagnostics: Diagnostic[];
  readonly check: string;
  constructor(y: YamlFile, diagnostics: Diagnostic[], check: string) {
    this.y = y;
    this.diagnostics = diagnostics;
    this.check = check;
  }

  at(path: Path): Source {
    return sourceAt(this.y, path);
  }

  error(path: Path, message: string, hint?: string): void {
    this.diagnostics.push({ check: this.check, severity: 'error', message, hint, source: this.at(path) });
  }

  warn(path: Path, message: string, hint?: string): void {
    this.diagnostics.push({ check: this.check, severity: 'warning', message, hint, source: this.at(path) });
  }

  get(path: Path): unknown {
    let v: unknown = this.y.data;
    for (const k of path) {
      if (v === null || typeof v !== 'object') return undefined;
      v = (v as Record<string | number, unknown>)[k];
    }
    return v;
  }

  has(path: Path): boolean {
    return this.get(path) !== undefined && this.get(path) !== null;
  }

  /** Text; numbers are refused when they look like ids YAML would mangle (00123 → 123). */
  text(path: Path, opts: { required?: boolean; fallback?: string; id?: boolean } = {}): string {
    const v = this.get(path);
    const name = String(path[path.length - 1]);
    if (v === undefined || v === null || v === '') {
      if (opts.required) this.error(path, `\`${name}\` is missing`, `add \`${name}:\` here`);
      return opts.fallback ?? '';
    }
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') {
      const raw = scalarSource(this.y, path) ?? String(v);
      if (opts.id) {
        // In a list ([00123, 6.RP.A.1]) the entry has no key of its own: name the list instead.
        const inList = typeof path[path.length - 1] === 'number';
        const listName = String(path[path.length - 2] ?? '');
        if (inList) this.error(path, `\`${raw}\` in \`${listName}\` is read by YAML as a ${typeof v}, not as text`, `put it in quotes: "${raw}"`);
        else this.error(path, `\`${name}: ${raw}\` is read by YAML as a ${typeof v}, not as text`, `put it in quotes: ${name}: "${raw}"`);
        return raw;
      }
      return raw;
    }
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    this.error(path, `\`${name}\` should be text`, 'write a single value here, not a list or a mapping');
    return opts.fallback ?? '';
  }

  number(path: Path, opts: { required?: boolean; fallback: number; min?: number; max?: number; integer?: boolean }): number {
    const v = this.get(path);
    const name = String(path[path.length - 1]);
    if (v === undefined || v === null) {
      if (opts.required) this.error(path, `\`${name}\` is missing`, `add \`${name}:\` with a number`);
      return opts.fallback;
    }
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (!Number.isFinite(n)) {
      this.error(path, `\`${name}\` should be a number (found ${JSON.stringify(v)})`);
      return opts.fallback;
    }
    if (opts.integer && !Number.isInteger(n)) this.error(path, `\`${name}\` should be a whole number (found ${n})`);
    if (opts.min !== undefined && n < opts.min) this.error(path, `\`${name}\` should be at least ${opts.min} (found ${n})`);
    if (opts.max !== undefined && n > opts.max) this.error(path, `\`${name}\` should be at most ${opts.max} (found ${n})`);
    return n;
  }

  bool(path: Path, fallback: boolean): boolean {
    const v = this.get(path);
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'boolean') return v;
    this.error(path, `\`${String(path[path.length - 1])}\` should be true or false (found ${JSON.stringify(v)})`);
    return fallback;
  }

  /** A list of texts; a single text is accepted as a list of one. */
  texts(path: Path, opts: { id?: boolean } = {}): string[] {
    const v = this.get(path);
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      if (typeof v === 'string' || typeof v === 'number') return [this.text(path, opts)];
      this.error(path, `\`${String(path[path.length - 1])}\` should be a list, like [a, b]`);
      return [];
    }
    return v.map((_, i) => this.text([...path, i], opts)).filter((s) => s !== '');
  }

  list(path: Path, what: string): unknown[] {
    const v = this.get(path);
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.error(path, `${what} should be a list (each entry starting with "- ")`);
      return [];
    }
    return v;
  }

  isMap(path: Path): boolean {
    const v = this.get(path);
    return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
  }

  oneOf<T extends string>(path: Path, allowed: readonly T[], fallback: T): T {
    if (!this.has(path)) return fallback;
    const v = this.text(path);
    if ((allowed as readonly string[]).includes(v)) return v as T;
    this.error(path, `\`${String(path[path.length - 1])}: ${v}\` is not one of: ${allowed.join(', ')}`);
    return fallback;
  }

  /** Keys a teacher may have misspelt. */
  unknownKeys(path: Path, known: readonly string[]): void {
    const v = this.get(path);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return;
    for (const k of Object.keys(v)) {
      if (!known.includes(k)) this.warn([...path, k], `unknown setting \`${k}\` is ignored`, `known here: ${known.join(', ')}`);
    }
  }
}
