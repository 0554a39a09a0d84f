#!/usr/bin/env node
// Where the engine's time goes: runs the full analysis of a bench archive under `node --cpu-prof`
// and summarises the profile (self time by function, and time inside each engine stage).
//
//   node bench/profile.mjs [--archive 1mb|10mb] [--runs N]      (inputs from a previous bench run)
//   node bench/profile.mjs --summary FILE.cpuprofile   (also for the server's: bench/run.mjs --profile-server)
// The profile itself stays in bench/.build/profiles/ for Chrome DevTools or VS Code.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureEngineBundle } from './lib/engine.mjs';
import { prepareInputs } from './lib/inputs.mjs';
import { benchDir, buildDir, repoRoot } from './lib/paths.mjs';

function summarise(file, top = 20) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Sample counts → time per node (ms), using the sampled intervals.
  const selfMs = new Map();
  const deltas = profile.timeDeltas ?? [];
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0) / 1000));
  const total = [...selfMs.values()].reduce((a, b) => a + b, 0);
  // Bundled frames are named by their TypeScript source where the bundle has a source map.
  const maps = new Map();
  const mapOf = (url) => {
    if (!maps.has(url)) {
      let map = null;
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, 'utf8')));
      } catch {
        // no map: the bundle's own line numbers
      }
      maps.set(url, map);
    }
    return maps.get(url);
  };
  const label = (n) => {
    const f = n.callFrame;
    let where = f.url ? `${basename(f.url)}:${f.lineNumber + 1}` : '';
    const map = f.url.startsWith('file:') ? mapOf(f.url) : null;
    const entry = map?.findEntry(f.lineNumber, f.columnNumber);
    if (entry?.originalSource) {
      const source = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : entry.originalSource;
      where = `${source.replace(/^.*?((?:server|client)\/src\/|node_modules\/)/, '$1')}:${entry.originalLine + 1}`;
    }
    return `${f.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
  };
  const bySelf = new Map();
  for (const [id, ms] of selfMs) {
    const key = label(nodes.get(id));
    bySelf.set(key, (bySelf.get(key) ?? 0) + ms);
  }
  // Inclusive time of the engine's own functions: a sample counts once for each function on its
  // stack (recursion counted once), so the stages of the analysis show with what they call.
  const inclusive = new Map();
  for (const [id, ms] of selfMs) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const n = nodes.get(at);
      if (!n.callFrame.url.startsWith('file:')) continue; // the bundle's own code, not Node's
      const key = label(n);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
  }
  const pct = (ms) => `${((100 * ms) / total).toFixed(1).padStart(5)} %`;
  const lines = [`${relative(repoRoot, file)}: ${(total / 1000).toFixed(2)} s sampled (warm-up and timed runs, plus start-up)`, '', `top ${top} bundled functions by total time (with what they call):`];
  for (const [name, ms] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(ms)}  ${(ms / 1000).toFixed(2).padStart(7)} s  ${name}`);
  lines.push('', `top ${top} functions by self time:`);
  for (const [name, ms] of [...bySelf].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(ms)}  ${(ms / 1000).toFixed(2).padStart(7)} s  ${name}`);
  return lines.join('\n');
}

async function main() {
  const argv = process.argv.slice(2);
  const at = (flag) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : null);
  if (at('--summary')) {
    console.log(summarise(at('--summary')));
    return;
  }
  const name = at('--archive') ?? '1mb';
  const runs = Number(at('--runs') ?? 3);
  ensureEngineBundle();
  const bytes = name === '10mb' ? 10e6 : 1e6;
  const inputs = await prepareInputs({ seed: 20251127, archives: [{ name, bytes }], workspaceFiles: 0 });
  const archive = inputs.archives[name];
  const dir = join(buildDir, 'profiles');
  mkdirSync(dir, { recursive: true });
  const before = new Set(existsSync(dir) ? readdirSync(dir) : []);
  const options = { tool: 'attache', archive: archive.path, spans: archive.spansPath, warmup: 1, runs };
  const run = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, join(benchDir, 'lib', 'measure.mjs'), JSON.stringify(options)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  const made = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile') && !before.has(f));
  const file = join(dir, made.sort((a, b) => statSync(join(dir, b)).mtimeMs - statSync(join(dir, a)).mtimeMs)[0]);
  const r = JSON.parse(run.stdout.trim().split('\n').pop());
  console.log(`analysed ${name} (${(r.bytes / 1e6).toFixed(2)} MB) ${runs + 1} times under the profiler: ${r.times.map((t) => `${Math.round(t)} ms`).join(', ')}\n`);
  console.log(summarise(file));
}

main().catch((error) => {
  process.stderr.write(`profile: ${error?.stack ?? error}\n`);
  process.exit(1);
});
