#!/usr/bin/env node
// `npm test`: builds, type-checks and lints, then runs every test file in one node:test run, so
// that a single summary closes the output. Set ATTACHE_SKIP_VSCODE=1 to leave out the tests that
// start a real VS Code (code-server and Chromium).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function step(title, command, args) {
  process.stdout.write(`\n== ${title}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', shell: false });
  if (result.status !== 0) {
    process.stdout.write(`\n${title} failed (exit ${result.status ?? result.signal}).\n0 passed, 1 failed\n`);
    process.exit(1);
  }
}

function testFiles(dir) {
  let out = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out = out.concat(testFiles(full));
    else if (name.endsWith('.test.js')) out.push(full);
  }
  return out;
}

step('bundle (esbuild)', process.execPath, ['esbuild.mjs']);
step('type-check (tsc -b)', process.execPath, ['node_modules/typescript/bin/tsc', '-b']);
step('lint (eslint)', process.execPath, ['node_modules/eslint/bin/eslint.js', '.']);

const skipVscode = process.env.ATTACHE_SKIP_VSCODE === '1';
// out/test/integration/ runs inside VS Code (it needs the `vscode` module); out/test/vscode/
// launches it there.
const files = testFiles('out/test')
  .filter((f) => !f.includes(join('out', 'test', 'integration')))
  .filter((f) => !(skipVscode && f.includes(join('out', 'test', 'vscode'))));
process.stdout.write(`\n== tests (${files.length} files)\n`);
const run = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(run.status ?? 1);
