// The engine as the bench uses it: `server/src/core/analyze.ts` (and the contract's JSON builder)
// bundled by esbuild into bench/.build/engine.mjs, rebuilt when any source is newer than it.
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildDir, engineBundle, repoRoot } from './paths.mjs';

const ENTRY = `export { Analyzer, analyzeDocument } from './server/src/core/analyze';
export { parseRegister } from './server/src/core/register';
export { toFileAnnotations } from './server/src/annotations';
export { TextDocument } from 'vscode-languageserver-textdocument';
`;

/** The newest modification time (ms) of the files under a folder. */
export function newestUnder(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function bundleTime() {
  try {
    return statSync(engineBundle).mtimeMs;
  } catch {
    return -1;
  }
}

/** Bundles the engine unless the bundle is newer than every engine source. Returns true if it built. */
export function ensureEngineBundle({ force = false } = {}) {
  // This file too: it says what the bundle exports.
  const sources = Math.max(newestUnder(join(repoRoot, 'server', 'src', 'core')), statSync(join(repoRoot, 'server', 'src', 'annotations.ts')).mtimeMs, statSync(fileURLToPath(import.meta.url)).mtimeMs);
  if (!force && bundleTime() > sources) return false;
  mkdirSync(buildDir, { recursive: true });
  // esbuild is the repo's own devDependency; resolved from the repo root.
  const esbuild = createRequire(join(repoRoot, 'package.json'))('esbuild');
  esbuild.buildSync({
    stdin: { contents: ENTRY, resolveDir: repoRoot, loader: 'ts', sourcefile: 'bench-engine-entry.ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outfile: engineBundle,
    sourcemap: true,
    logLevel: 'warning',
  });
  return true;
}

/**
 * Imports the bundled engine. Builds it only where it is missing: the bench checks for stale
 * sources once at its start, so that every measurement of one run reads the same engine even while
 * the sources are being edited.
 */
export async function loadEngine() {
  if (bundleTime() < 0) ensureEngineBundle();
  return import(pathToFileURL(engineBundle).href);
}
