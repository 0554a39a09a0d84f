#!/usr/bin/env node
// A long fuzzing campaign: the engine's properties and the protocol fuzzing of the reliability
// tests (test/reliability/), run far longer than CI runs them, with a seed of your choice.
//
//   node scripts/fuzz.mjs --cases 50000 --sequences 2000 --seed 7
//
// Options: --cases N (engine cases, default 50000), --sequences N (protocol sequences, default
// 2000), --seed N (default: the time), --report FILE (also write the results as JSON), --no-build
// (use out/ and dist/ as they are). Prints the cases run and every distinct failure found, with
// its shrunk counterexample; exits 1 where there is one.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const require = createRequire(import.meta.url);

function option(name, fallback) {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  const value = args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1];
  if (value === undefined) throw new Error(`--${name} needs a value`);
  return value;
}

function count(name, fallback) {
  const value = Number(option(name, fallback));
  if (!Number.isInteger(value) || value < 0) {
    process.stderr.write(`fuzz: --${name} must be a whole number\n`);
    process.exit(2);
  }
  return value;
}

const cases = count('cases', 50000);
const sequences = count('sequences', 2000);
const seed = count('seed', Date.now() % 2147483647);
const report = option('report', null);

if (!process.argv.includes('--no-build')) {
  for (const [what, args] of [['bundle', ['esbuild.mjs']], ['compile', ['node_modules/typescript/bin/tsc', '-b']]]) {
    const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
    // A type error elsewhere in the tree still emits JavaScript; only a missing output is fatal.
    if (run.status !== 0) process.stderr.write(`fuzz: ${what} reported problems (exit ${run.status}); going on with what was emitted\n`);
  }
}

const { runCampaign, ENGINE_PROPERTIES } = require(join(root, 'out/test/reliability/engineProperties.js'));
const { runProtocolCampaign } = require(join(root, 'out/test/reliability/protocolFuzz.js'));

const log = (line) => process.stdout.write(`${line}\n`);
const started = Date.now();
log(`fuzz: seed ${seed}; ${cases} engine cases, ${sequences} protocol sequences`);

const engine = cases > 0 ? runCampaign(ENGINE_PROPERTIES, cases, seed, log) : { cases: 0, failures: [], ms: 0 };
log(`engine: ${engine.cases} cases in ${(engine.ms / 1000).toFixed(1)} s, ${engine.failures.length} distinct failure(s)`);

const protocol = sequences > 0 ? await runProtocolCampaign(sequences, seed, log) : { stats: { sequences: 0, requests: 0, notifications: 0, errors: {}, diagnosticsChecked: 0 }, failures: [], ms: 0, alive: true };
log(
  `protocol: ${protocol.stats.sequences} sequences, ${protocol.stats.requests} requests, ${protocol.stats.notifications} notifications, ` +
    `${protocol.stats.diagnosticsChecked} diagnostics checked in ${(protocol.ms / 1000).toFixed(1)} s, ${protocol.failures.length} distinct failure(s); ` +
    `server ${protocol.alive ? 'alive' : 'DEAD'} at the end`,
);
const errors = Object.entries(protocol.stats.errors).sort((a, b) => b[1] - a[1]);
if (errors.length > 0) log(`protocol errors answered (expected kinds): ${errors.map(([k, n]) => `${k} ×${n}`).join(', ')}`);

const failures = [...engine.failures.map((f) => ({ part: 'engine', ...f })), ...protocol.failures.map((f) => ({ part: 'protocol', property: 'sequence', ...f }))];
for (const f of failures) {
  log(`\n--- ${f.part} ${f.property} (seed ${f.seed})\n${f.error}\ncounterexample: ${f.counterexample}`);
}
log(`\nfuzz: ${engine.cases} engine cases and ${protocol.stats.sequences} protocol sequences in ${((Date.now() - started) / 1000).toFixed(0)} s; ${failures.length} failure(s)`);

if (report) {
  writeFileSync(report, JSON.stringify({ seed, engine: { cases: engine.cases, ms: engine.ms }, protocol: { ...protocol.stats, ms: protocol.ms, alive: protocol.alive }, failures }, null, 2));
}
process.exit(failures.length > 0 || !protocol.alive ? 1 : 0);
