// One throughput measurement in a process of its own, so that its peak RSS is its own:
//   node bench/lib/measure.mjs '{"tool":"attache","archive":"…","spans":"…","warmup":1,"runs":5}'
// Prints one JSON line: the timed runs (ms), the bytes measured, what was found, and maxRSS.
//
// tool: attache  analyzeDocument over the whole text (release finding included)
//       chrono   chrono.parse release by release, reference date in the release's year
//       compromise  nlp(release).people() release by release
//       regex    one pass of /\b\p{Lu}\p{Ll}+/gu over the whole text
// sliceBytes: measure only the first releases adding up to at least this many UTF-8 bytes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './paths.mjs';

const require = createRequire(join(repoRoot, 'package.json'));

/** The year a release is about: its first 19xx/20xx year, else 2025. */
export function releaseYear(text) {
  const m = /\b(?:19|20)\d\d\b/u.exec(text);
  return m ? Number(m[0]) : 2025;
}

/** A reference date in the middle of the release's year, so that a date without a year lands in it. */
export function referenceDate(year) {
  return new Date(year, 6, 1, 12);
}

async function tools() {
  return {
    async attache() {
      const { loadEngine } = await import('./engine.mjs');
      const { analyzeDocument } = await loadEngine();
      return (text) => {
        const model = analyzeDocument(text);
        return { dates: model.dates.length, mentions: model.officials.reduce((n, o) => n + o.mentions.length, 0), releases: model.releases.length };
      };
    },
    async chrono() {
      const chrono = require('chrono-node');
      return (_text, releases) => {
        let dates = 0;
        for (const r of releases) dates += chrono.parse(r.text, r.reference).length;
        return { dates };
      };
    },
    async compromise() {
      const nlp = require('compromise');
      return (_text, releases) => {
        let people = 0;
        for (const r of releases) people += nlp(r.text).people().out('array').length;
        return { mentions: people };
      };
    },
    async regex() {
      return (text) => {
        const re = /\b\p{Lu}\p{Ll}+/gu;
        let words = 0;
        while (re.exec(text) !== null) words++;
        return { words };
      };
    },
  };
}

async function main() {
  const options = JSON.parse(process.argv[2]);
  const archive = readFileSync(options.archive, 'utf8');
  const spans = JSON.parse(readFileSync(options.spans, 'utf8')).spans;
  let releases = spans.map(([s, e]) => ({ text: archive.slice(s, e) }));
  let text = archive;
  if (options.sliceBytes) {
    let bytes = 0;
    let n = 0;
    while (n < releases.length && bytes < options.sliceBytes) bytes += Buffer.byteLength(releases[n++].text) + 2;
    releases = releases.slice(0, n);
    text = archive.slice(0, spans[n - 1][1]) + '\n';
  }
  for (const r of releases) r.reference = referenceDate(releaseYear(r.text));
  const bytes = Buffer.byteLength(text);
  const run = await (await tools())[options.tool]();
  let found = null;
  for (let i = 0; i < (options.warmup ?? 1); i++) found = run(text, releases);
  const times = [];
  const budget = options.budgetMs ?? Infinity;
  const started = performance.now();
  for (let i = 0; i < (options.runs ?? 5); i++) {
    const t0 = performance.now();
    found = run(text, releases);
    times.push(performance.now() - t0);
    // A slow tool stops early rather than hold up the whole bench; at least one timed run.
    if (performance.now() - started > budget) break;
  }
  const out = { tool: options.tool, bytes, releases: releases.length, times, found, maxRSSKB: process.resourceUsage().maxRSS };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
