import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Analyzer, analyzeDocument } from '../../server/src/core/analyze';
import { join } from 'node:path';
import { corpusFile, repoRoot } from '../support/paths';
import { release } from '../support/fixture';
import { parseRegister } from '../../server/src/core/register';

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
  const { releases, reused, path } = analyzer.lastStats;
  assert.equal(releases, 20);
  assert.equal(path, 'edit', 'the rest of the model is moved, not worked out again');
  // The edited release and its neighbours (one here: it is the last), whose boundaries are checked.
  assert.equal(reused, releases - 2, 'only the releases around the edit are analysed again');
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

/** Files of the kinds users keep: the shared corpus and the project's held-out releases. */
const files = [
  corpusFile('nato-2025-03.txt'),
  corpusFile('eu-un-2025.txt'),
  corpusFile('readouts-2024.txt'),
  corpusFile('planted-errors-dev.txt'),
  join(repoRoot(), 'test', 'corpus', 'heldout2', 'parliaments-courts.txt'),
  join(repoRoot(), 'test', 'corpus', 'heldout', 'africa-americas.txt'),
].map((path) => readFileSync(path, 'utf8'));
const starter = parseRegister(readFileSync(join(repoRoot(), 'registers', 'starter.json'), 'utf8'), 'starter.json').register;

/** Typing: one character in or out at a random place, as the benchmark types. */
function typeOnce(text: string, rng: () => number): string {
  for (;;) {
    const at = Math.floor(rng() * text.length);
    const code = text.charCodeAt(at);
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    if (rng() < 0.3) {
      if (code === 10 || code === 13 || (code >= 0xd800 && code <= 0xdbff)) continue;
      return text.slice(0, at) + text.slice(at + 1);
    }
    return text.slice(0, at) + 'abcdefghijklmnopqrstuvwxyz eiaonT\n'[Math.floor(rng() * 34)] + text.slice(at);
  }
}

test('typing anywhere: each model equals a fresh analysis, and most edits only move the model', () => {
  let seed = 20251127;
  const rng = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const paths: Record<string, number> = { edit: 0, relink: 0, full: 0, same: 0 };
  for (const [n, original] of files.entries()) {
    for (const register of [undefined, starter]) {
      const analyzer = new Analyzer();
      let text = original;
      analyzer.analyze(text, { register });
      for (let i = 0; i < 40; i++) {
        text = typeOnce(text, rng);
        const model = analyzer.analyze(text, { register });
        paths[analyzer.lastStats.path]++;
        assert.deepEqual(model, analyzeDocument(text, { register }), `file ${n}, edit ${i} (${analyzer.lastStats.path}${analyzer.lastStats.reason ? `: ${analyzer.lastStats.reason}` : ''})`);
      }
    }
  }
  const total = paths.edit + paths.relink + paths.full;
  assert.ok(paths.edit / total > 0.7, `only ${paths.edit} of ${total} edits took the edit path`);
  assert.ok(paths.full / total < 0.1, `${paths.full} of ${total} edits needed the releases found again`);
});

test('an edit inside a role keeps the edit path and gives the official the new role', () => {
  const text = [release('First', 'NATO', 'The NATO Secretary General, Mr Mark Rutte, met the press.'), release('Second', 'NATO', 'Mr Rutte spoke again on 18 March 2025.'), release('Third', 'NATO', 'Nothing else.')].join('\n\n');
  const analyzer = new Analyzer();
  analyzer.analyze(text);
  const edited = text.replace('NATO Secretary General', 'NATO Deputy Secretary General');
  const model = analyzer.analyze(edited);
  assert.equal(analyzer.lastStats.path, 'edit');
  assert.deepEqual(model, analyzeDocument(edited));
  const rutte = model.officials.find((o) => o.name === 'Mark Rutte');
  assert.ok(rutte);
  assert.deepEqual(rutte.roles.map((r) => r.text), ['NATO Deputy Secretary General']);
});

test('an edit to a name, or a release added or removed, links people again; a title edit does not', () => {
  const text = [release('First', 'NATO', 'The NATO Secretary General, Mr Mark Rutte, met the press.'), release('Second', 'NATO', 'Mr Rutte spoke again on 18 March 2025.'), release('First', 'NATO', 'Nothing else.')].join('\n\n');
  const cases: [string, string, AnalysisPath][] = [
    ['Mr Mark Rutte', 'Mr Marc Rutte', 'relink'],
    ['Second\n', 'Other\n', 'edit'],
    ['Nothing else.', 'Nothing else.\n\nFourth\n\nSource: NATO\n\nA new release.', 'relink'],
    ['\n\nFirst\n\nSource: NATO\n\nNothing else.', '', 'relink'],
    // The first release takes the second's body and its date: the third's dates fall back on another year.
    ['Second\n\nSource: NATO\n\n', '', 'full'],
  ];
  for (const [from, to, path] of cases) {
    const analyzer = new Analyzer();
    analyzer.analyze(text);
    const edited = text.replace(from, to);
    const model = analyzer.analyze(edited);
    assert.equal(analyzer.lastStats.path, path, `${from} → ${to}`);
    assert.deepEqual(model, analyzeDocument(edited), `${from} → ${to}`);
  }
});

type AnalysisPath = 'edit' | 'relink' | 'full' | 'same';

test('the same text again gives the same model without work', () => {
  const analyzer = new Analyzer();
  const model = analyzer.analyze(corpus);
  assert.equal(analyzer.analyze(corpus), model);
  assert.equal(analyzer.lastStats.path, 'same');
});

test('an edit the caller names is used where it fits, and ignored where it does not', () => {
  const at = corpus.indexOf('There will be no media opportunity.');
  const edited = corpus.slice(0, at) + 'Indeed, ' + corpus.slice(at);
  const hinted = new Analyzer();
  hinted.analyze(corpus);
  assert.deepEqual(hinted.analyze(edited, { edit: { start: at, oldEnd: at, newEnd: at + 8 } }), analyzeDocument(edited));
  assert.equal(hinted.lastStats.path, 'edit');
  // A hint from some other change: its edges do not match the texts, so the texts are compared.
  const misled = new Analyzer();
  misled.analyze(corpus);
  assert.deepEqual(misled.analyze(edited, { edit: { start: 10, oldEnd: 10, newEnd: 18 } }), analyzeDocument(edited));
});

test('the releases found alone are those of the whole analysis, which goes on from them', () => {
  const analyzer = new Analyzer();
  const releases = analyzer.releasesOf(corpus);
  const fresh = analyzeDocument(corpus);
  assert.deepEqual(releases, fresh.releases, 'titles, spans, sources and dates');
  assert.equal(analyzer.hasModel(), false, 'nothing else was worked out');
  const model = analyzer.analyze(corpus);
  assert.equal(model.releases[0], releases[0], 'the releases found before are the model’s');
  assert.deepEqual(model, fresh);
  // Another text: found afresh, and the kept releases are not used for it.
  const other = corpus.replace('There will be no media opportunity.', 'There will be a media opportunity.');
  const second = new Analyzer();
  second.releasesOf(corpus);
  assert.deepEqual(second.analyze(other), analyzeDocument(other));
});
