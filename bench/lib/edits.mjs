// The engine alone, typed into: an Analyzer over an archive, then single-character edits (the same
// kind the server bench sends), each analysed with the edit named, as the server does. Run in a
// process of its own:
//   node bench/lib/edits.mjs '{"archive":"…","edits":300,"seed":1,"register":"registers/starter.json"}'
// Prints one JSON line: per-edit times by the path the analyzer took, and the reasons it gave.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { latencySummary, makeRandom } from './random.mjs';
import { randomEdit } from './lsp.mjs';

async function main() {
  const options = JSON.parse(process.argv[2]);
  const { loadEngine } = await import('./engine.mjs');
  const { Analyzer, parseRegister } = await loadEngine();
  const register = options.register ? parseRegister(readFileSync(options.register, 'utf8'), options.register).register : undefined;
  let text = readFileSync(options.archive, 'utf8');
  const analyzer = new Analyzer();
  const t0 = performance.now();
  analyzer.analyze(text, { register });
  const firstMs = performance.now() - t0;
  const rng = makeRandom(options.seed);
  const byPath = {};
  const all = [];
  const reasons = {};
  for (let i = 0; i < options.edits; i++) {
    const edit = randomEdit(text, rng);
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    const started = performance.now();
    analyzer.analyze(text, { register, edit: { start: edit.start, oldEnd: edit.end, newEnd: edit.start + edit.text.length } });
    const ms = performance.now() - started;
    const { path, reason } = analyzer.lastStats;
    (byPath[path] ??= []).push(ms);
    all.push(ms);
    if (reason) reasons[reason] = (reasons[reason] ?? 0) + 1;
  }
  const out = {
    bytes: text.length,
    firstMs,
    edits: options.edits,
    all: latencySummary(all),
    paths: Object.fromEntries(Object.entries(byPath).map(([path, times]) => [path, latencySummary(times)])),
    reasons,
    maxRSSKB: process.resourceUsage().maxRSS,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
