// The last guard before a path built from data is used: it must be a plain relative path of safe
// segments, resolve inside its base folder, not pass through a symlink that leads out of it, and
// not meet an existing file that differs only by letter case or Unicode normalisation (macOS and
// Windows would treat the two as one file). peers.md §3.4.
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileNameKey, relativePathProblem } from '../domain/ids.ts';
import { UserError } from './errors.ts';

function refuse(rel: string, why: string): never {
  throw new UserError(`refusing to use the path ${JSON.stringify(rel)}: ${why}`, {
    hint: 'the id it was made from is not a safe file name; fix the id (letters, digits, ".", "_", "-") and run the command again',
  });
}

/** True when `p` is `base` or below it (both absolute and resolved). */
export function isInside(base: string, p: string): boolean {
  const rel = relative(base, p);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel));
}

/** Where `p` really is: the real path of its deepest existing part, with the rest (not made yet) after it. */
function realPath(p: string): string {
  let q = p;
  const rest: string[] = [];
  while (!existsSync(q)) {
    const up = dirname(q);
    if (up === q) return p;
    rest.unshift(basename(q));
    q = up;
  }
  try { return join(realpathSync(q), ...rest); } catch { return p; }
}

/** The absolute path of `rel` under `base`, or a UserError saying why it is not safe. */
export function resolveInside(base: string, rel: string): string {
  const problem = relativePathProblem(rel);
  if (problem) refuse(rel, problem);
  const root = resolve(base);
  const target = resolve(root, rel);
  if (!isInside(root, target) || target === root) refuse(rel, 'it leads out of the gradebook folder');
  // Symbolic links resolved on both sides: a link inside the folder may not lead out of it.
  if (!isInside(realPath(root), realPath(target))) refuse(rel, 'a symbolic link on the way leads out of the folder');
  return target;
}

/**
 * Checks a set of relative paths before any is written: each safe (resolveInside), no two equal up
 * to case/normalisation, and none of the new ones clashing that way with a different existing file.
 */
export function checkWritePaths(base: string, rels: readonly string[]): void {
  const seen = new Map<string, string>();
  const listings = new Map<string, Map<string, string>>();
  for (const rel of rels) {
    const target = resolveInside(base, rel);
    const key = fileNameKey(rel);
    const other = seen.get(key);
    if (other !== undefined && other !== rel) refuse(rel, `it differs from ${JSON.stringify(other)} only by letter case or accents`);
    seen.set(key, rel);
    if (existsSync(target)) continue;
    const dir = dirname(target);
    let names = listings.get(dir);
    if (!names) {
      names = new Map();
      if (existsSync(dir)) for (const f of readdirSync(dir)) names.set(fileNameKey(f), f);
      listings.set(dir, names);
    }
    const name = rel.split('/').pop()!;
    const clash = names.get(fileNameKey(name));
    if (clash !== undefined && clash !== name) refuse(rel, `the folder already holds ${JSON.stringify(join(relative(resolve(base), dir), clash).split(sep).join('/'))}, which differs only by letter case or accents`);
  }
}
