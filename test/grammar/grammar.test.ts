/**
 * The TextMate grammar against its syntax-test files (test/grammar/*.test.release), through
 * vscode-tmgrammar-test, which fails on any scope that does not match its assertion.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';

test('the grammar gives every asserted scope in the syntax tests', () => {
  const root = repoRoot();
  const files = readdirSync(join(root, 'test', 'grammar')).filter((f) => f.endsWith('.test.release'));
  assert.ok(files.length >= 4, `expected the grammar's syntax tests, found ${files.join(', ')}`);
  const cli = join(root, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');
  const result = spawnSync(process.execPath, [cli, '-g', join(root, 'syntaxes', 'diplomatic.tmLanguage.json'), ...files.map((f) => join(root, 'test', 'grammar', f))], { encoding: 'utf8' });
  assert.equal(result.status, 0, `grammar tests failed:\n${result.stdout}\n${result.stderr}`);
});
