'use strict';
/**
 * Runs the workspace's TypeScript in place: `node -r @data-platform/core/register main.ts` (every
 * `cdktf.json`'s app, and the `data-platform` command). Each `.ts` file is compiled on its first
 * load with swc (types stripped, CommonJS; `tsc -b` checks the types) and kept, by content, under
 * the temporary folder, so later runs only read it back.
 *
 * Why not tsx: its hooks see every module node loads (a pipeline's app loads about 400 JavaScript
 * files of cdktf, constructs and the provider beside 90 TypeScript files) and turn source maps on,
 * which cdktf pays for on every construct; an app spent about half its CPU time there. This hook
 * sees only `.ts` files.
 *
 * `DATA_PLATFORM_DEBUG=1` turns source maps on, so a stack trace names TypeScript lines.
 */
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const OPTIONS = {
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
const CACHE_DIR = join(tmpdir(), 'data-platform-compiled');
const COMPILER = createHash('sha256')
  .update(require('@swc/core/package.json').version)
  .update(JSON.stringify(OPTIONS))
  .digest('hex');

let swc;

function compile(source, filename) {
  const cached = join(CACHE_DIR, `${createHash('sha256').update(COMPILER).update(filename).update(source).digest('hex')}.js`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    // First load of this content: compile below.
  }
  swc ??= require('@swc/core');
  const { code } = swc.transformSync(source, { ...OPTIONS, filename });
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    // Several apps may compile the same file at once: write privately, rename into place.
    const temporary = `${cached}.${process.pid}`;
    writeFileSync(temporary, code);
    renameSync(temporary, cached);
  } catch {
    // A read-only temporary folder only costs the next run a compile.
  }
  return code;
}

if (!require.extensions['.ts']) {
  require.extensions['.ts'] = function loadTypeScript(module, filename) {
    module._compile(compile(readFileSync(filename, 'utf8'), filename), filename);
  };
}
if (process.env.DATA_PLATFORM_DEBUG) process.setSourceMapsEnabled(true);
