#!/usr/bin/env node
// chrono-node as an `annotate` command, for the scorer: Attaché's releases, chrono's dates.
//   node bench/peers/chrono-annotate.mjs FILE
// Each release is parsed on its own with a reference date in the release's year (its first
// 19xx/20xx year, else 2025), as the throughput measurement does.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../lib/paths.mjs';
import { referenceDate, releaseYear } from '../lib/measure.mjs';
import { printAnnotations, rangeOf, readReleases } from './common.mjs';

const chrono = createRequire(join(repoRoot, 'package.json'))('chrono-node');
const pad = (n, w = 2) => String(n).padStart(w, '0');

/** A chrono component as YYYY-MM-DD, YYYY-MM or YYYY, as far as the text made it certain. */
function valueOf(component) {
  const y = pad(component.get('year'), 4);
  if (component.isCertain('day')) return `${y}-${pad(component.get('month'))}-${pad(component.get('day'))}`;
  if (component.isCertain('month')) return `${y}-${pad(component.get('month'))}`;
  return component.isCertain('year') ? y : `${y}-${pad(component.get('month'))}-${pad(component.get('day'))}`;
}

const { text, doc, releases } = await readReleases();
const dates = [];
for (const release of releases) {
  const own = text.slice(release.start, release.end);
  for (const result of chrono.parse(own, referenceDate(releaseYear(own)))) {
    const start = release.start + result.index;
    const value = result.end ? `${valueOf(result.start)}/${valueOf(result.end)}` : valueOf(result.start);
    dates.push({ range: rangeOf(doc, start, start + result.text.length), text: result.text, value, release: release.index });
  }
}
printAnnotations(doc, releases, { dates });
