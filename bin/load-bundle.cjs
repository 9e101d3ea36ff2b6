// Loads dist/main.cjs (the whole CLI in one file, as a CommonJS module's function) with the V8 code cache built beside it,
// dist/main.cache: V8 takes pathbook's compiled code from the cache instead of parsing and compiling
// the bundle. A Node whose V8 rejects the cache (another version) compiles as usual; `saveCache`
// then writes one it accepts, when dist/ is writable.
'use strict';
const { readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');

const DIST = join(__dirname, '..', 'dist');
const BUNDLE = join(DIST, 'main.cjs');
const CODE_CACHE = join(DIST, 'main.cache');

/** The bundle's exports, and whether its code cache was missing or rejected. */
function loadBundle({ useCache = true } = {}) {
  // The bundle is ASCII (scripts/build.mjs checks): read as Latin-1, the same text without UTF-8 decoding.
  const source = readFileSync(BUNDLE, 'latin1');
  let cachedData;
  if (useCache) {
    try { cachedData = readFileSync(CODE_CACHE); } catch { /* none yet */ }
  }
  // The bundle is written as the function Node wraps a CommonJS module in (scripts/build.mjs).
  const script = new Script(source, { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  // The bundle asks only for Node's modules and for its siblings in dist/ (./prompts.cjs): this file's
  // require does both, without node:module's createRequire, whose loading costs half a millisecond.
  const bundleRequire = (id) => require(id.startsWith('./') ? join(DIST, id) : id);
  script.runInThisContext()(module.exports, bundleRequire, module, BUNDLE, DIST);
  return {
    exports: module.exports,
    stale: !cachedData || script.cachedDataRejected === true,
    /** Saves the code compiled so far (call it after running). */
    saveCache() {
      const tmp = `${CODE_CACHE}.tmp-${process.pid}`;
      try {
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, CODE_CACHE);
      } catch {
        rmSync(tmp, { force: true }); // an installation we may not write to
      }
    },
  };
}

module.exports = { loadBundle, BUNDLE, CODE_CACHE };
