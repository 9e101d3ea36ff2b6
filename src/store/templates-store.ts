// Report templates and their words: the gradebook's own templates/ folder wins over the copies
// shipped with pathbook (DESIGN.md: "templates a teacher may copy and adapt").
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { UserError } from './errors.ts';

export const TEMPLATES_DIR = 'templates';

let cachedPackageRoot: string | undefined;

/**
 * The installed package's root. Bundled, this module runs from dist/ (one level down); in tests,
 * from src/store/ (two levels down): walk up to the first folder with package.json and templates/.
 */
export function packageRoot(): string {
  if (cachedPackageRoot) return cachedPackageRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, TEMPLATES_DIR))) return (cachedPackageRoot = dir);
    dir = dirname(dir);
  }
  throw new Error(`pathbook's templates/ folder is missing near ${fileURLToPath(import.meta.url)}; reinstall pathbook`);
}

export interface TemplateFile {
  name: string;
  text: string;
  /** For messages: `templates/plp.md.eta` (the folder's) or the package's absolute path. */
  file: string;
  origin: 'folder' | 'package';
}

function isFile(p: string): boolean {
  return existsSync(p) && statSync(p).isFile();
}

/** `templates/<name>` from the gradebook when it has one, else pathbook's own. */
export function loadTemplate(root: string, name: string): TemplateFile {
  const own = join(root, TEMPLATES_DIR, name);
  if (isFile(own)) return { name, text: readFileSync(own, 'utf8'), file: `${TEMPLATES_DIR}/${name}`, origin: 'folder' };
  const shipped = join(packageRoot(), TEMPLATES_DIR, name);
  return { name, text: readFileSync(shipped, 'utf8'), file: shipped, origin: 'package' };
}

export type Labels = { [key: string]: string | Labels };

function readLabels(path: string, shown: string): Labels {
  let data: unknown;
  try {
    data = parse(readFileSync(path, 'utf8'), { maxAliasCount: 100 });
  } catch (e) {
    throw new UserError(`${shown} cannot be read: ${(e as Error).message.split('\n')[0]}`, { hint: 'fix the YAML, or delete the file to use pathbook\'s words' });
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new UserError(`${shown} should be a mapping of labels (key: text)`, { hint: 'copy pathbook\'s templates/i18n file and edit its texts' });
  }
  return data as Labels;
}

function merge(base: Labels, over: Labels): Labels {
  const out: Labels = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null || v === undefined) continue;
    const b = out[k];
    out[k] = typeof v === 'object' && b && typeof b === 'object' ? merge(b, v) : typeof v === 'object' ? v : String(v);
  }
  return out;
}

export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The words of a report in one language: pathbook's set, with the gradebook's own file on top. */
export function loadLabels(root: string, lang: Language): Labels {
  const name = `i18n/${lang}.yaml`;
  const base = readLabels(join(packageRoot(), TEMPLATES_DIR, name), name);
  const own = join(root, TEMPLATES_DIR, name);
  return isFile(own) ? merge(base, readLabels(own, `${TEMPLATES_DIR}/${name}`)) : base;
}
