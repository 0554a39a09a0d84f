#!/usr/bin/env node
// compromise as an `annotate` command, for the scorer: Attaché's releases, compromise's people.
//   node bench/peers/compromise-annotate.mjs FILE
// Each release is read on its own with nlp(text).people(); each distinct name text is one
// official, each match one mention (trailing punctuation and space trimmed off the match).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../lib/paths.mjs';
import { printAnnotations, rangeOf, readReleases } from './common.mjs';

const nlp = createRequire(join(repoRoot, 'package.json'))('compromise');
const TRAILING = /[\s\p{P}]+$/u;

const { text, doc, releases } = await readReleases();
const byName = new Map();
for (const release of releases) {
  const own = text.slice(release.start, release.end);
  for (const match of nlp(own).people().json({ offset: true })) {
    if (!match.offset) continue;
    const raw = own.slice(match.offset.start, match.offset.start + match.offset.length);
    const name = raw.replace(TRAILING, '');
    if (!name) continue;
    const start = release.start + match.offset.start;
    if (!byName.has(name)) byName.set(name, []);
    byName.get(name).push({ range: rangeOf(doc, start, start + name.length), text: name, release: release.index });
  }
}
const officials = [...byName].map(([name, mentions], i) => ({
  id: `${name.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[^\p{L}\p{N}]+/gu, '-')}-${i}`,
  name,
  aliases: [],
  roles: [],
  mentions,
}));
printAnnotations(doc, releases, { officials });
