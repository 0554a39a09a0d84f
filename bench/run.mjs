#!/usr/bin/env node
// Attaché's benchmark (`npm run bench`): engine throughput and memory, the same text through
// chrono-node and compromise, the scorer's figures for all three, a regex reference, and the
// language server as a real process (open, typing, workspace index and symbols). Prints a table,
// writes bench/results/latest.json and compares with the targets. A benchmark, not a test: it
// exits 0 whatever the figures, and non-zero only where it could not measure the engine at all.
//
//   node bench/run.mjs [--quick] [--no-server] [--no-peers] [--seed N] [--edits N] [--files N]
//                      [--edit-budget SECONDS] [--out FILE]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative, resolve } from 'node:path';
import { ensureEngineBundle, newestUnder } from './lib/engine.mjs';
import { prepareInputs } from './lib/inputs.mjs';
import { benchEditing, benchWorkspace } from './lib/lsp.mjs';
import { buildDir, cliPath, benchDir, repoRoot, resultsDir, serverPath, sharedDir } from './lib/paths.mjs';
import { hashSeed, median } from './lib/random.mjs';

const USAGE = `Usage: node bench/run.mjs [options]
  --quick              1 MB archive only, 50 edits, 200 workspace files (a smoke run)
  --no-server          skip the language server (open, edits, workspace)
  --no-peers           skip chrono-node and compromise (throughput and scores)
  --seed N             seed of the inputs and edits (default 20251127)
  --edits N            single-character edits sent to the server (default 300; quick 50)
  --files N            files in the workspace (default 2000; quick 200)
  --edit-budget S      stop typing after S seconds even if edits remain (default 120; quick 30)
  --server FILE        the server bundle to run (default dist/server.js)
  --profile-server     run the editing server under --cpu-prof (bench/.build/profiles/); summarise
                       it with node bench/profile.mjs --summary FILE
  --out FILE           where to write the results (default bench/results/latest.json;
                       quick: bench/.build/latest-quick.json)`;

function parseArgs(argv) {
  const o = { quick: false, serverPath, profileServer: false, server: true, peers: true, seed: 20251127, edits: null, files: null, editBudget: null, out: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--quick') o.quick = true;
    else if (a === '--no-server') o.server = false;
    else if (a === '--no-peers') o.peers = false;
    else if (a === '--profile-server') o.profileServer = true;
    else if (a === '--server') o.serverPath = resolve(value());
    else if (a === '--seed') o.seed = Number(value());
    else if (a === '--edits') o.edits = Number(value());
    else if (a === '--files') o.files = Number(value());
    else if (a === '--edit-budget') o.editBudget = Number(value());
    else if (a === '--out') o.out = value();
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  o.edits ??= o.quick ? 50 : 300;
  o.files ??= o.quick ? 200 : 2000;
  o.editBudget ??= o.quick ? 30 : 120;
  // A smoke run's figures are not the ones to commit: they stay in the git-ignored build folder.
  o.out ??= o.quick ? join(buildDir, 'latest-quick.json') : join(resultsDir, 'latest.json');
  return o;
}

const log = (line = '') => process.stderr.write(`${line}\n`);
const MB = 1e6;

// ---------------------------------------------------------------------------------------------
// Helpers

function machine() {
  const cpus = os.cpus();
  let commit = null;
  let dirty = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'client', 'package.json'], { cwd: repoRoot, encoding: 'utf8' }).trim() !== '';
  } catch {
    // not a git checkout
  }
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    date: new Date().toISOString(),
    loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
    commit,
    sourcesModified: dirty,
  };
}

/** Runs one throughput measurement in a child process (so that its peak RSS is its own). */
function measure(options) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(benchDir, 'lib', 'measure.mjs'), JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 180_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop();
      if (code !== 0 || !line) {
        resolve({ tool: options.tool, error: `exit ${code ?? signal}: ${err.trim().split('\n').slice(-3).join(' | ')}` });
        return;
      }
      const r = JSON.parse(line);
      const ms = median(r.times);
      resolve({ ...r, medianMs: ms, mbPerS: r.bytes / MB / (ms / 1000), peakRSSMB: r.maxRSSKB / 1024 });
    });
  });
}

/** The engine under edits (bench/lib/edits.mjs) in a process of its own. */
function measureEdits(options) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(benchDir, 'lib', 'edits.mjs'), JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop();
      if (code !== 0 || !line) resolve({ error: `exit ${code ?? signal}: ${err.trim().split('\n').slice(-3).join(' | ')}` });
      else resolve(JSON.parse(line));
    });
  });
}

/** The scorer's --json metrics for a command, or an error. */
function score(command) {
  const shared = sharedDir();
  if (!shared) return { error: 'no shared corpus (set ATTACHE_SHARED)' };
  const scorer = join(shared, 'tools', 'score.mjs');
  if (!existsSync(scorer)) return { error: `no scorer at ${scorer}` };
  try {
    const out = execFileSync(process.execPath, [scorer, '--corpus', join(shared, 'corpus'), '--cmd', command, '--json'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * MB,
      timeout: 300_000,
    });
    const result = JSON.parse(out);
    const m = result.metrics;
    return {
      command,
      failedFiles: result.failed.length,
      releasesF1: m.releases.f1,
      datesF1: m.dates.f1,
      valuesAccuracy: m.values.accuracy,
      mentionsF1: m.mentions.f1,
      linkingAccuracy: m.linking.accuracy,
      rolesRecall: m.roles.recall,
      diagnosticsF1: m.diagnostics.f1,
    };
  } catch (error) {
    return { command, error: (error.stderr || error.message || String(error)).toString().trim().split('\n').slice(-3).join(' | ') };
  }
}

/** The server's diagnostics debounce, read from its source (200 ms where it cannot be read). */
function debounceMs() {
  try {
    const m = /DIAGNOSTICS_DELAY_MS\s*=\s*(\d+)/.exec(readFileSync(join(repoRoot, 'server', 'src', 'service.ts'), 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // fall through
  }
  return 200;
}

/** Why the server cannot be benchmarked, or null where it can. */
function serverProblem(path) {
  if (!existsSync(path)) return `${relative(repoRoot, path)} is missing: run \`node esbuild.mjs\` (npm run build) first`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Output

const fmt = {
  n: (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(d)),
  ms: (x) => (x === null || x === undefined ? '—' : x < 10 ? `${x.toFixed(1)} ms` : `${Math.round(x)} ms`),
  ratio: (x) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x >= 10 ? `${Math.round(x)}×` : `${x.toFixed(2)}×`),
  pct: (x) => (x === null || x === undefined ? '—' : x.toFixed(3)),
};

function table(rows) {
  const widths = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, String(cell).length)));
  return rows.map((row) => row.map((cell, i) => String(cell).padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const results = { machine: machine(), options: { ...o, out: relative(repoRoot, o.out), serverPath: relative(repoRoot, o.serverPath) }, inputs: null, engine: {}, peers: {}, regex: null, scores: {}, server: null, workspace: null, targets: [], notes: [] };
  const m = results.machine;
  log(`Attaché bench${o.quick ? ' (quick)' : ''}: ${m.cpu}, ${m.cores} cores, Node ${m.node}, load ${m.loadAverageAtStart.join(' ')}`);
  if (m.loadAverageAtStart[0] > m.cores * 0.5) {
    const note = `the machine was busy when the bench started (load ${m.loadAverageAtStart[0]} on ${m.cores} cores): figures will be noisy`;
    results.notes.push(note);
    log(`  note: ${note}`);
  }

  // Inputs
  log('inputs');
  if (ensureEngineBundle()) log('  bundled the engine into bench/.build/engine.mjs');
  const archives = o.quick ? [{ name: '1mb', bytes: 1 * MB }] : [{ name: '1mb', bytes: 1 * MB }, { name: '10mb', bytes: 10 * MB }];
  const inputs = await prepareInputs({ seed: o.seed, archives, workspaceFiles: o.server ? o.files : 0, log });
  results.inputs = {
    corpus: inputs.corpus.origin,
    corpusReleases: inputs.corpus.releases,
    corpusPeople: inputs.corpus.people,
    corpusSources: inputs.corpus.sources,
    archives: Object.fromEntries(Object.entries(inputs.archives).map(([k, a]) => [k, { file: relative(repoRoot, a.path), bytes: a.bytes, releases: a.releases }])),
    workspace: inputs.workspace ? { dir: relative(repoRoot, inputs.workspace.dir), files: inputs.workspace.files, releases: inputs.workspace.releases, bytes: inputs.workspace.bytes } : null,
  };
  const big = inputs.archives['10mb'] ?? inputs.archives['1mb'];
  const bigName = inputs.archives['10mb'] ? '10 MB' : '1 MB';
  const small = inputs.archives['1mb'];
  const arg = (a) => ({ archive: a.path, spans: a.spansPath });

  // Engine throughput
  log('engine throughput (child process per measurement)');
  results.engine['1mb'] = await measure({ tool: 'attache', ...arg(small), warmup: 3, runs: o.quick ? 5 : 7 });
  // Slow engines stop early (at least one timed run after the warm-up): the whole bench must stay within minutes.
  if (inputs.archives['10mb']) results.engine['10mb'] = await measure({ tool: 'attache', ...arg(big), warmup: 1, runs: 5, budgetMs: 40_000 });
  for (const [k, r] of Object.entries(results.engine)) log(`  attache ${k}: ${r.error ?? `${fmt.n(r.mbPerS, 2)} MB/s, peak RSS ${fmt.n(r.peakRSSMB, 0)} MB`}`);
  // The engine typed into: the same kind of edits the server bench sends, with the starter
  // register the server reads by default, timed without the protocol around them.
  results.engineEdits = await measureEdits({ archive: big.path, edits: o.edits, seed: hashSeed(o.seed, 'engine-edits'), register: join(repoRoot, 'registers', 'starter.json') });
  log(`  attache ${bigName}, ${o.edits} edits: ${results.engineEdits.error ?? `p50 ${fmt.ms(results.engineEdits.all.p50)}, p95 ${fmt.ms(results.engineEdits.all.p95)}`}`);
  results.regex = await measure({ tool: 'regex', ...arg(big), warmup: 2, runs: 7 });
  log(`  regex ${bigName}: ${results.regex.error ?? `${fmt.n(results.regex.mbPerS, 1)} MB/s`}`);

  // Peers
  const sliceBytes = 200_000;
  if (o.peers) {
    log('peers');
    results.peers.chrono = {};
    results.peers.chrono['1mb'] = await measure({ tool: 'chrono', ...arg(small), warmup: 1, runs: 5 });
    if (inputs.archives['10mb']) results.peers.chrono['10mb'] = await measure({ tool: 'chrono', ...arg(big), warmup: 1, runs: 3, budgetMs: 30_000 });
    for (const [k, r] of Object.entries(results.peers.chrono)) log(`  chrono-node ${k}: ${r.error ?? `${fmt.n(r.mbPerS, 2)} MB/s`}`);
    // compromise is two orders of magnitude slower: a 200 KB slice of the 1 MB archive, and
    // Attaché on the very same slice for the ratio.
    results.peers.compromise = await measure({ tool: 'compromise', ...arg(small), sliceBytes, warmup: 1, runs: o.quick ? 2 : 3, budgetMs: 30_000 });
    // Small inputs need more warm-up before the JIT has compiled the hot paths.
    results.engine.slice = await measure({ tool: 'attache', ...arg(small), sliceBytes, warmup: 10, runs: 7 });
    log(`  compromise ${fmt.n(sliceBytes / 1000, 0)} KB slice: ${results.peers.compromise.error ?? `${fmt.n(results.peers.compromise.mbPerS, 3)} MB/s (scaled from ${fmt.ms(results.peers.compromise.medianMs)})`}`);
  }

  // Scores
  log('scores (shared scorer)');
  if (!existsSync(cliPath)) results.scores.attache = { error: `${relative(repoRoot, cliPath)} is missing: run npm run build` };
  else results.scores.attache = score(`node ${relative(repoRoot, cliPath)} annotate`);
  if (o.peers) {
    results.scores.chrono = score('node bench/peers/chrono-annotate.mjs');
    results.scores.compromise = score('node bench/peers/compromise-annotate.mjs');
  }
  for (const [k, s] of Object.entries(results.scores)) log(`  ${k}: ${s.error ?? `dates F1 ${fmt.pct(s.datesF1)}, values ${fmt.pct(s.valuesAccuracy)}, mentions F1 ${fmt.pct(s.mentionsF1)}`}`);

  // Server
  if (o.server) {
    const problem = serverProblem(o.serverPath);
    if (problem) {
      results.server = { skipped: problem };
      results.workspace = { skipped: problem };
      log(`server: SKIPPED: ${problem}`);
    } else {
      const stale = o.serverPath === serverPath && statSync(serverPath).mtimeMs < newestUnder(join(repoRoot, 'server', 'src'));
      if (stale) {
        const note = `${relative(repoRoot, serverPath)} is older than server/src: the server measured is the last build (npm run bench builds first)`;
        results.notes.push(note);
        log(`  note: ${note}`);
      }
      const debounce = debounceMs();
      log(`server: open the ${bigName} archive, then ${o.edits} edits (budget ${o.editBudget} s; diagnostics debounce ${debounce} ms)`);
      try {
        results.server = { archive: bigName, debounceMs: debounce, ...(await benchEditing(o.serverPath, { archivePath: big.path, edits: o.edits, seed: hashSeed(o.seed, 'edits'), debounceMs: debounce, budgetMs: o.editBudget * 1000, nodeArgs: o.profileServer ? ['--cpu-prof', '--cpu-prof-dir', join(buildDir, 'profiles')] : [], log })) };
      } catch (error) {
        results.server = { skipped: `the server could not be started: ${error.message}` };
      }
      for (const e of results.server.errors ?? []) log(`  error: ${e}`);
      if (results.server.skipped) log(`  SKIPPED: ${results.server.skipped}`);
      if (results.server.skipped) {
        results.workspace = { skipped: results.server.skipped };
      } else {
        log(`workspace: ${o.files} files`);
        try {
          results.workspace = await benchWorkspace(o.serverPath, { workspace: inputs.workspace, queries: 100, seed: hashSeed(o.seed, 'queries'), log });
        } catch (error) {
          results.workspace = { skipped: `the server could not be started: ${error.message}` };
        }
        for (const e of results.workspace.errors ?? []) log(`  error: ${e}`);
        if (results.workspace.skipped) log(`  SKIPPED: ${results.workspace.skipped}`);
      }
    }
  }

  results.seconds = (performance.now() - started) / 1000;
  results.machine.loadAverageAtEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
  evaluate(results, { bigName, quick: o.quick });
  print(results, { bigName, sliceBytes });
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(o.out, `${JSON.stringify(results, null, 2)}\n`);
  log(`\nwrote ${relative(repoRoot, o.out)} (${results.seconds.toFixed(0)} s in all)`);
  const engineFailed = Object.values(results.engine).some((r) => r.error);
  process.exitCode = engineFailed ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Targets

function evaluate(r, { bigName }) {
  const engineBig = r.engine['10mb'] ?? r.engine['1mb'];
  const chronoBig = r.peers.chrono?.['10mb'] ?? r.peers.chrono?.['1mb'];
  const ratioChrono = engineBig?.mbPerS && chronoBig?.mbPerS ? engineBig.mbPerS / chronoBig.mbPerS : null;
  const ratioCompromise = r.engine.slice?.mbPerS && r.peers.compromise?.mbPerS ? r.engine.slice.mbPerS / r.peers.compromise.mbPerS : null;
  r.ratios = { chrono: ratioChrono, compromise: ratioCompromise };
  const s = r.server && !r.server.skipped ? r.server : null;
  const w = r.workspace && !r.workspace.skipped ? r.workspace : null;
  const add = (name, value, op, limit, unit, format) => {
    const status = value === null || value === undefined || Number.isNaN(value) ? 'SKIP' : (op === '>=' ? value >= limit : value <= limit) ? 'PASS' : 'MISS';
    r.targets.push({ name, value: value ?? null, target: `${op} ${limit}${unit}`, status, shown: value === null || value === undefined ? '—' : format(value) });
  };
  add(`full analysis, ${bigName} archive`, engineBig?.mbPerS, '>=', 20, ' MB/s', (v) => `${v.toFixed(2)} MB/s`);
  add(`× chrono-node's throughput (${bigName})`, ratioChrono, '>=', 3, '×', fmt.ratio);
  add('× compromise\'s throughput (200 KB slice)', ratioCompromise, '>=', 300, '×', fmt.ratio);
  add(`engine peak RSS, ${bigName}`, engineBig?.peakRSSMB, '<=', 300, ' MB', (v) => `${Math.round(v)} MB`);
  add(`open ${bigName} → first outline`, s?.open?.outlineMs, '<=', 1000, ' ms', fmt.ms);
  add(`open ${bigName} → first diagnostics`, s?.open?.diagnosticsMs, '<=', 1000, ' ms', fmt.ms);
  // Not a target of its own: where the first publication holds only part of the findings, when all are in.
  if (s?.open?.publications > 1) add(`open ${bigName} → every finding published`, s.open.completeDiagnosticsMs, '<=', 1000, ' ms', fmt.ms);
  add('after an edit: outline p95', s?.latency?.outline?.p95, '<=', 30, ' ms', fmt.ms);
  add('after an edit: hover p95', s?.latency?.hover?.p95, '<=', 5, ' ms', fmt.ms);
  add(`after an edit: diagnostics p95${s && !s.pullDiagnostics ? ' (past the debounce)' : ''}`, s?.latency?.diagnostics?.p95, '<=', 30, ' ms', fmt.ms);
  add('server peak RSS', s?.memory?.peakKB ? s.memory.peakKB / 1024 : null, '<=', 300, ' MB', (v) => `${Math.round(v)} MB`);
  add(`workspace index (${w?.files ?? '?'} files)`, w?.indexMs ? w.indexMs / 1000 : null, '<=', 10, ' s', (v) => `${v.toFixed(2)} s`);
  add('workspace/symbol p95 (100 queries)', w?.queries?.p95, '<=', 50, ' ms', fmt.ms);
}

function print(r, { bigName, sliceBytes }) {
  const out = [];
  const m = r.machine;
  out.push('');
  out.push(`Attaché benchmark — ${m.date.slice(0, 16).replace('T', ' ')} UTC — ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, Node ${m.node}${m.commit ? `, ${m.commit}${m.sourcesModified ? '+modified' : ''}` : ''}`);
  out.push(`inputs: ${Object.entries(r.inputs.archives).map(([k, a]) => `${k} = ${(a.bytes / MB).toFixed(2)} MB, ${a.releases} releases`).join('; ')}${r.inputs.workspace ? `; workspace = ${r.inputs.workspace.files} files, ${r.inputs.workspace.releases} releases` : ''} (from ${r.inputs.corpusReleases} corpus releases, seed ${r.options.seed})`);
  out.push('');

  const rows = [['throughput', 'text', 'MB/s', 'median', 'runs', 'peak RSS', 'found']];
  const found = (f) => (f ? Object.entries(f).map(([k, v]) => `${v} ${k}`).join(', ') : '');
  const row = (label, text, x) => (x?.error ? rows.push([label, text, 'ERROR', x.error.slice(0, 60), '', '', '']) : x && rows.push([label, text, fmt.n(x.mbPerS, x.mbPerS < 1 ? 3 : 2), fmt.ms(x.medianMs), x.times.length, `${fmt.n(x.peakRSSMB, 0)} MB`, found(x.found)]));
  row('Attaché, full analysis', '1 MB', r.engine['1mb']);
  row('Attaché, full analysis', '10 MB', r.engine['10mb']);
  row('chrono-node, dates', '1 MB', r.peers.chrono?.['1mb']);
  row('chrono-node, dates', '10 MB', r.peers.chrono?.['10mb']);
  row('Attaché, full analysis', `${sliceBytes / 1000} KB slice`, r.engine.slice);
  row('compromise, people (scaled)', `${sliceBytes / 1000} KB slice`, r.peers.compromise);
  row('reference: /\\b\\p{Lu}\\p{Ll}+/gu', bigName, r.regex);
  out.push(table(rows));
  if (r.ratios.chrono || r.ratios.compromise) {
    out.push('');
    const phrase = (x) => (x >= 1 ? `${fmt.ratio(x)} faster` : `${fmt.ratio(1 / x)} slower`);
    out.push(
      `Attaché (full analysis: releases, dates, people, checks) finds dates ${r.ratios.chrono ? phrase(r.ratios.chrono) : '?'} than chrono-node (${bigName}) and people ${r.ratios.compromise ? phrase(r.ratios.compromise) : '?'} than compromise (same ${sliceBytes / 1000} KB slice; compromise measured there and scaled to MB/s).`,
    );
    if (r.regex?.mbPerS && (r.engine['10mb'] ?? r.engine['1mb'])?.mbPerS) out.push(`The regex reference reads ${fmt.ratio(r.regex.mbPerS / (r.engine['10mb'] ?? r.engine['1mb']).mbPerS)} as fast as Attaché's full analysis.`);
  }

  const e = r.engineEdits;
  if (e) {
    out.push('');
    if (e.error) out.push(`engine after an edit: ERROR ${e.error}`);
    else {
      out.push(`engine alone after an edit (${bigName}, starter register, the edit named as the server names it; first analysis ${fmt.ms(e.firstMs)}):`);
      const erows = [['path the analyzer took', 'edits', 'p50', 'p95', 'max']];
      const label = { edit: 'edit: window analysed, model moved', relink: 'relink: window, then people linked again', full: 'full: releases found again', same: 'same text' };
      for (const [path, v] of Object.entries(e.paths)) erows.push([label[path] ?? path, v.n, fmt.ms(v.p50), fmt.ms(v.p95), fmt.ms(v.max)]);
      erows.push(['all edits', e.all.n, fmt.ms(e.all.p50), fmt.ms(e.all.p95), fmt.ms(e.all.max)]);
      out.push(table(erows));
      const why = Object.entries(e.reasons).sort((a, b) => b[1] - a[1]);
      if (why.length) out.push(`why edits left the edit path: ${why.map(([k, v]) => `${k} (${v})`).join(', ')}`);
    }
  }

  out.push('');
  const srows = [['score (shared corpus)', 'dates F1', 'values acc.', 'mentions F1', 'linking acc.', 'releases F1', 'diagnostics F1']];
  for (const [k, s] of Object.entries(r.scores)) {
    const label = { attache: 'Attaché', chrono: 'chrono-node (dates only)', compromise: 'compromise (people only)' }[k];
    if (s.error) srows.push([label, `ERROR: ${s.error.slice(0, 80)}`]);
    else srows.push([label, fmt.pct(s.datesF1), fmt.pct(s.valuesAccuracy), fmt.pct(s.mentionsF1), fmt.pct(s.linkingAccuracy), fmt.pct(s.releasesF1), fmt.pct(s.diagnosticsF1)]);
  }
  out.push(table(srows));

  out.push('');
  const s = r.server;
  if (!s) out.push('language server: not run (--no-server)');
  else if (s.skipped) out.push(`language server: SKIPPED — ${s.skipped}`);
  else {
    const complete = s.open.publications > 1 ? `, every finding ${fmt.ms(s.open.completeDiagnosticsMs)} (${s.open.completeDiagnostics}, in ${s.open.publications} publications)` : '';
    out.push(`language server (${relative(repoRoot, r.options.serverPath)} --stdio): started in ${fmt.ms(s.startupMs)}; ${bigName} archive opened → outline ${fmt.ms(s.open.outlineMs)} (${s.open.symbols} symbols, ${fmt.n(s.open.outlineBytes / MB, 1)} MB of JSON), first diagnostics ${fmt.ms(s.open.diagnosticsMs)} (${s.open.diagnostics})${complete}`);
    out.push(`edits: ${s.edits.done} of ${s.edits.planned} in ${fmt.n(s.edits.seconds, 0)} s${s.edits.stoppedBy ? ` (stopped by the ${s.edits.stoppedBy})` : ''}; diagnostics ${s.pullDiagnostics ? 'pulled (textDocument/diagnostic)' : `pushed, timed past the ${s.debounceMs} ms debounce`}${s.edits.diagnosticsTimeouts ? `; ${s.edits.diagnosticsTimeouts} timed out` : ''}`);
    if (s.latency) {
      const lrows = [['after an edit', 'p50', 'p95', 'max', 'n']];
      for (const [k, v] of Object.entries(s.latency)) lrows.push([k === 'diagnosticsRaw' ? 'diagnostics (raw, with debounce)' : k, fmt.ms(v.p50), fmt.ms(v.p95), fmt.ms(v.max), v.n]);
      out.push(table(lrows));
    }
    out.push(`server peak RSS (VmHWM): ${s.memory ? `${Math.round(s.memory.peakKB / 1024)} MB` : '—'}`);
    for (const e of s.errors ?? []) out.push(`error: ${e}`);
  }
  const w = r.workspace;
  if (w && !w.skipped) {
    out.push(`workspace: ${w.files} files (${w.releases} releases) indexed in ${w.indexMs === null ? '—' : `${(w.indexMs / 1000).toFixed(2)} s`} (${w.indexedBy ?? 'not seen'}); workspace/symbol ${w.queries ? `p50 ${fmt.ms(w.queries.p50)}, p95 ${fmt.ms(w.queries.p95)}, max ${fmt.ms(w.queries.max)} over ${w.queries.n} queries` : '—'}; server peak RSS ${w.memory ? `${Math.round(w.memory.peakKB / 1024)} MB` : '—'}`);
    for (const e of w.errors ?? []) out.push(`error: ${e}`);
  } else if (w?.skipped && !s?.skipped) out.push(`workspace: SKIPPED — ${w.skipped}`);

  out.push('');
  const trows = [['target', 'measured', 'wanted', '']];
  for (const t of r.targets) trows.push([t.name, t.shown, t.target, t.status]);
  out.push(table(trows));
  const count = (st) => r.targets.filter((t) => t.status === st).length;
  out.push(`${count('PASS')} PASS, ${count('MISS')} MISS, ${count('SKIP')} SKIP (a benchmark: the exit status does not depend on these)`);
  for (const n of r.notes) out.push(`note: ${n}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((error) => {
  process.stderr.write(`bench: ${error?.stack ?? error}\n`);
  process.exit(1);
});
