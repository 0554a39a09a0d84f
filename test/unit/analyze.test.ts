import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Analyzer, analyzeDocument } from '../../server/src/core/analyze';
import { corpusFile } from '../support/paths';
import { release } from '../support/fixture';

const corpus = readFileSync(corpusFile('nato-2025-03.txt'), 'utf8') + '\n\n' + readFileSync(corpusFile('planted-errors-dev.txt'), 'utf8');

/** An edit: replace [start, start + length) with `insert`, positions as fractions of the text. */
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.nat({ max: 40 }),
  insert: fc.constantFrom('', 'x', ' ', '\n', '\n\n', 'Source: NATO', 'Mr Rutte', ' Kestutis Budrys ', '31 April 2025', 'On Friday, 14 March 2025, ', '\r\n', 'é', '🇺🇦', 'Title line\n\nSource: EEAS\n\n'),
});

function applyEdit(text: string, e: { at: number; length: number; insert: string }): string {
  const start = Math.floor(e.at * text.length);
  return text.slice(0, start) + e.insert + text.slice(Math.min(text.length, start + e.length));
}

test('the model after any sequence of edits equals a fresh analysis of the new text', () => {
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
      const analyzer = new Analyzer();
      let text = corpus;
      analyzer.analyze(text);
      for (const e of edits) {
        text = applyEdit(text, e);
        assert.deepEqual(analyzer.analyze(text), analyzeDocument(text));
      }
    }),
    { seed: 20251127, numRuns: 60 },
  );
});

test('an edit inside one release reuses the work for every other release', () => {
  const analyzer = new Analyzer();
  analyzer.analyze(corpus);
  const at = corpus.indexOf('There will be no media opportunity.');
  analyzer.analyze(corpus.slice(0, at) + 'Indeed, ' + corpus.slice(at));
  const { releases, reused } = analyzer.lastStats;
  assert.equal(releases, 20);
  assert.equal(reused, releases - 1, 'only the edited release is analysed again');
});

test('a release moved by an edit above it keeps its facts, at its new place', () => {
  const text = [release('First', 'NATO', 'On Monday, 17 March 2025, Mr Mark Rutte met them.'), release('Second', 'NATO', 'Mr Rutte met them on 18 March 2025.')].join('\n\n');
  const analyzer = new Analyzer();
  analyzer.analyze(text);
  const moved = 'Preface\n\n' + text;
  const model = analyzer.analyze(moved);
  assert.deepEqual(model, analyzeDocument(moved));
  const date = model.dates.find((d) => d.text === '18 March 2025');
  assert.ok(date);
  assert.equal(moved.slice(date.span.start, date.span.end), '18 March 2025');
});
