/**
 * The corpus gold files (see shared/contract/annotations.md): 1-based lines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from './client';

/** The parts of a gold file the protocol tests read. */
export interface Gold {
  releases: { line: number; title: string; source: string | null }[];
  diagnostics: { line: number; code: string }[];
}

/** Reads `NAME.gold.json` beside `NAME.txt` in the corpus. */
export function readGold(name: string): Gold {
  return JSON.parse(readFileSync(join(sharedDir(), 'corpus', `${name}.gold.json`), 'utf8')) as Gold;
}
