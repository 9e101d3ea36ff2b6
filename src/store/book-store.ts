// The gradebook folder, loaded synchronously with every parser at hand (tests and scripts); the CLI
// uses openBook (book-load.ts), which loads the parsers only when the parse cache lacks a file.
import * as parsers from './book-parsers.ts';
import { readBook, type LoadedBook } from './book-load.ts';

export { findRoot, openBook, requireRoot, sortDiagnostics, type LoadedBook } from './book-load.ts';

/** Reads the whole folder. Never throws for a user's mistake: problems come back as diagnostics. */
export function loadBook(root: string): LoadedBook {
  return readBook(root, parsers);
}
