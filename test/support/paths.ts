/**
 * Where the tests find the repository and the shared corpus beside it, wherever they are compiled to.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root: the nearest folder above this file whose package.json is Attaché's. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if (JSON.parse(readFileSync(manifest, 'utf8')).name === 'attache') return dir;
      } catch {
        // not ours: keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no Attaché package.json above ${__dirname}`);
    dir = parent;
  }
}

/** The shared folder beside the checkout (corpus, contract, scorer). */
export function sharedDir(): string {
  return resolve(repoRoot(), '..', 'shared');
}

/** A corpus file's path. */
export function corpusFile(name: string): string {
  return join(sharedDir(), 'corpus', name);
}
