// Where things are: the repository, the bench's build folder, the shared corpus and scorer.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(benchDir, '..');
/** Git-ignored scratch: engine bundle, generated archives and the workspace. */
export const buildDir = join(benchDir, '.build');
export const resultsDir = join(benchDir, 'results');
export const engineBundle = join(buildDir, 'engine.mjs');
export const serverPath = join(repoRoot, 'dist', 'server.js');
export const cliPath = join(repoRoot, 'dist', 'cli.js');

/** The shared folder (corpus, scorer): ATTACHE_SHARED, then ../shared beside the repo, then /work/shared. */
export function sharedDir() {
  const candidates = [process.env.ATTACHE_SHARED, resolve(repoRoot, '..', 'shared'), '/work/shared'].filter(Boolean);
  return candidates.find((dir) => existsSync(join(dir, 'corpus'))) ?? null;
}
