// Attaché in a real VS Code, from `npm test`: the integration suite (test/integration/suite/)
// and the UI smoke test (test/integration/ui.mjs), launched by test/integration/runInCodeServer.mjs
// in code-server shown by headless Chromium.
//
// Builds nothing: `npm test` has bundled dist/ and compiled out/ already. It packages the .vsix
// once (from that dist/, into a temporary folder) and tests what a user installs: the .vsix goes
// in with code-server's --install-extension. A second run tests the source folder as the
// extension under development. Set ATTACHE_SKIP_VSCODE=1 to leave this file out (scripts/test.mjs).
// Screenshots: test-results/vscode-vsix/ (ui/outline.png, ui/hover.png, ui/problems.png, …) and
// test-results/vscode-source/.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '../support/paths';

const ROOT = repoRoot();
const LAUNCHER = path.join(ROOT, 'test', 'integration', 'runInCodeServer.mjs');
const UI = path.join(ROOT, 'test', 'integration', 'ui.mjs');
const VSCE = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
const RESULTS = path.join(ROOT, 'test-results');

/** Limit of one launcher run (each of its code-server sessions gets the same limit). */
const RUN_TIMEOUT_S = 120;

let scratch = '';
let vsix = '';

function requireBuilt(relative: string, hint: string): void {
  assert.ok(fs.existsSync(path.join(ROOT, relative)), `${relative} is missing: ${hint}`);
}

before(() => {
  requireBuilt('dist/extension.js', 'run npm run build (npm test does)');
  requireBuilt('dist/server.js', 'run npm run build (npm test does)');
  requireBuilt('out/test/integration/suite/index.js', 'run npx tsc -b (npm test does)');
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'attache-real-vscode-'));
});

after(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

/** Packages the .vsix once, from the dist/ already built. */
function packageVsix(): string {
  if (vsix) return vsix;
  const file = path.join(scratch, 'attache.vsix');
  const result = spawnSync(process.execPath, [VSCE, 'package', '--no-dependencies', '--allow-missing-repository', '-o', file], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(result.status, 0, `vsce package failed (exit ${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  vsix = file;
  return file;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  seconds: number;
}

/** Runs the launcher with `args`, collecting its output (stdout and stderr, interleaved). */
function launch(args: string[]): Promise<Run> {
  const started = Date.now();
  // The node:test context variable would make any node:test inside the child report to us.
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUNCHER, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    // A hung launcher is stopped a little after its own timeout would have fired. It leads no
    // process group of its own, so SIGTERM lets it stop the code-server it started.
    const timer = setTimeout(() => child.kill('SIGTERM'), (RUN_TIMEOUT_S * 2 + 60) * 1000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** Fails with the child's whole output when it did not exit 0 or did not run its tests. */
function assertPassed(run: Run, what: string, expectUi: boolean): void {
  const report = `${what}: exit ${run.code ?? run.signal} after ${run.seconds.toFixed(1)} s; its output:\n${run.output}`;
  assert.equal(run.code, 0, report);
  // Exit 0 alone could hide a run that never started its tests.
  assert.match(run.output, /^\d+ passed, 0 failed$/m, report);
  assert.doesNotMatch(run.output, /^not ok /m, report);
  if (expectUi) assert.match(run.output, /^ok \d+ - ui: the Problems panel lists a planted problem/m, report);
}

test('the integration suite and the UI smoke test pass in code-server, on the installed .vsix', { timeout: (RUN_TIMEOUT_S * 2 + 90) * 1000 }, async (t) => {
  const file = packageVsix();
  const screenshots = path.join(RESULTS, 'vscode-vsix');
  fs.rmSync(screenshots, { recursive: true, force: true });
  const run = await launch(['--vsix', file, '--ui', UI, '--screenshots', screenshots, '--timeout', String(RUN_TIMEOUT_S)]);
  assertPassed(run, 'runInCodeServer --vsix', true);
  // The installed copy is what ran, not the working tree.
  assert.match(run.output, /installed attache\.vsix as attache\.attache/, run.output);
  for (const shot of ['workbench.png', 'ui/outline.png', 'ui/hover.png', 'ui/problems.png']) {
    assert.ok(fs.existsSync(path.join(screenshots, shot)), `screenshot ${shot} was kept in ${path.relative(ROOT, screenshots)}`);
  }
  t.diagnostic(`code-server run on the .vsix: ${run.seconds.toFixed(1)} s; screenshots in ${path.relative(ROOT, screenshots)}/`);
});

test('the integration suite passes in code-server, from the source folder', { timeout: (RUN_TIMEOUT_S + 60) * 1000 }, async (t) => {
  const screenshots = path.join(RESULTS, 'vscode-source');
  fs.rmSync(screenshots, { recursive: true, force: true });
  const run = await launch(['--screenshots', screenshots, '--timeout', String(RUN_TIMEOUT_S)]);
  assertPassed(run, 'runInCodeServer (source folder)', false);
  assert.match(run.output, new RegExp(`^# extension: ${ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'), 'the extension under test is the source folder');
  t.diagnostic(`code-server run on the source folder: ${run.seconds.toFixed(1)} s`);
});
