/**
 * Editing a large file for a long time does not keep old versions of its text alive: the words,
 * names and titles the engine keeps are its own copies, not slices of the text they came from.
 * Measured as live heap after a garbage collection, in a child process (no timing involved).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusFile } from '../support/paths';
import { describeRun, enginePath, runBounded } from './support';

test('forty edits to a 2 MB archive leave the live heap about where one analysis put it', () => {
  const script = `
    const { readFileSync } = require('node:fs');
    const { Analyzer } = require(${JSON.stringify(enginePath())});
    const one = readFileSync(${JSON.stringify(corpusFile('nato-2025-03.txt'))}, 'utf8') + '\\n\\n' + readFileSync(${JSON.stringify(corpusFile('eu-un-2025.txt'))}, 'utf8');
    // Numbered copies, so that no two releases are the same text: about 2 MB (4 MB in memory).
    let text = '';
    for (let i = 0; text.length < 2e6; i++) text += one.replace(/^(.+)$/m, '$1 (' + i + ')') + '\\n\\n';
    const analyzer = new Analyzer();
    analyzer.analyze(text);
    gc();
    const before = process.memoryUsage().heapUsed;
    let seed = 1;
    const rng = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 40; i++) {
      const at = Math.floor(rng() * text.length);
      text = text.slice(0, at) + 'e' + text.slice(at);
      analyzer.analyze(text);
    }
    gc();
    process.stdout.write(JSON.stringify({ before, after: process.memoryUsage().heapUsed, bytes: text.length * 2 }));
  `;
  const run = runBounded(['--expose-gc', '-e', script], { timeoutMs: 120_000, heapMb: 1024 });
  assert.equal(run.status, 0, describeRun(run));
  const { before, after, bytes } = JSON.parse(run.stdout) as { before: number; after: number; bytes: number };
  // Forty kept versions would add forty times the text; a handful of cache entries add little.
  assert.ok(after - before < 4 * bytes, `the live heap grew by ${((after - before) / 1e6).toFixed(1)} MB over 40 edits of a ${(bytes / 1e6).toFixed(1)} MB text`);
});
