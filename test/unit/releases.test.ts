import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analyze';
import { looksLikeReleases } from '../../server/src/core/releases';
import { lines, lineOf, release } from '../support/fixture';

function titles(text: string): string[] {
  return analyzeDocument(text).releases.map((r) => r.title);
}

test('a title, a blank line and a Source: line start each release', () => {
  const text = [release('First meeting', 'NATO', 'On 3 March 2025, ministers met.'), release('Second meeting', 'EEAS', 'Ministers met again.')].join('\n\n');
  const model = analyzeDocument(text);
  assert.deepEqual(model.releases.map((r) => [r.title, r.source]), [['First meeting', 'NATO'], ['Second meeting', 'EEAS']]);
  assert.equal(model.releases[0].date, '2025-03-03');
  assert.equal(text.slice(model.releases[1].span.start, model.releases[1].span.end), release('Second meeting', 'EEAS', 'Ministers met again.'));
});

test('a release ends on its last non-blank line, not on the blank lines before the next', () => {
  const text = lines(['One', '', 'Source: NATO', '', 'Body one.', '', '\u00a0', '', 'Two', '', 'Source: NATO', '', 'Body two.']);
  const [first] = analyzeDocument(text).releases;
  assert.equal(text.slice(first.span.start, first.span.end).endsWith('Body one.'), true);
});

test('CRLF and lone CR line ends give the same releases as LF', () => {
  const lf = [release('First', 'NATO', 'Body.'), release('Second', 'NATO', 'Body.')].join('\n\n');
  assert.deepEqual(titles(lf.replace(/\n/g, '\r\n')), ['First', 'Second']);
  assert.deepEqual(titles(lf.replace(/\n/g, '\r')), ['First', 'Second']);
});

test('lines holding only a non-breaking space count as blank', () => {
  const text = lines(['Title', '\u00a0', 'Source: NATO', '\u00a0', 'Body.']);
  const [r] = analyzeDocument(text).releases;
  assert.equal(r.source, 'NATO');
  assert.ok(r.bodySpan);
});

test('a release without a Source: line is found from a lone title followed by a dateline', () => {
  const text = [
    release('Secretary General meets minister', 'NATO', 'On Monday, 12 May 2025, they met.'),
    release('Secretary General meets another minister', null, 'On Tuesday, 13 May 2025, they met again.'),
  ].join('\n\n');
  const model = analyzeDocument(text);
  assert.deepEqual(model.releases.map((r) => r.title), ['Secretary General meets minister', 'Secretary General meets another minister']);
  assert.equal(model.releases[1].source, null);
  const finding = model.findings.find((f) => f.code === 'release.missing-source');
  assert.ok(finding, 'the missing source is reported');
  assert.equal(lineOf(text, finding.span.start), 6);
  assert.equal(finding.fixes[0].newText, '\n\nSource: NATO');
});

test('a short body paragraph that ends a sentence is not taken for a title', () => {
  const text = release('Title', 'NATO', 'On 3 March 2025, they met.', 'There will be no media opportunity.', 'On 4 March 2025, they met again.');
  assert.deepEqual(titles(text), ['Title']);
});

test('a "Remarks" release under another keeps its own header', () => {
  const text = [release('Visit to Washington', 'NATO', 'On 13 March 2025 he visited.'), release('Remarks', 'NATO', 'Thank you, Mr President.')].join('\n\n');
  assert.deepEqual(titles(text), ['Visit to Washington', 'Remarks']);
});

test('an empty release and a duplicate title are reported on their title lines', () => {
  const text = [release('Trip to Türkiye', 'NATO'), release('Meeting in Antalya', 'NATO', 'Ministers met.'), release('Meeting in Antalya', 'NATO', 'Ministers met again.')].join('\n\n');
  const model = analyzeDocument(text);
  const empty = model.findings.filter((f) => f.code === 'release.empty');
  assert.equal(empty.length, 1);
  assert.equal(lineOf(text, empty[0].span.start), 0);
  const duplicate = model.findings.filter((f) => f.code === 'release.duplicate-title');
  assert.equal(duplicate.length, 1);
  assert.equal(duplicate[0].release, 2);
});

test('the footer of a release is found', () => {
  const text = release('Title', 'NATO', 'Body.', 'For more information:', 'For general queries: Contact the NATO Press Office');
  const [r] = analyzeDocument(text).releases;
  assert.ok(r.footerSpan);
  assert.ok(text.slice(r.footerSpan.start).startsWith('For more information:'));
});

test('plain text is recognised as releases only when it has their headers', () => {
  assert.equal(looksLikeReleases([release('One', 'NATO', 'Body.'), release('Two', 'NATO', 'Body.')].join('\n\n')), true);
  assert.equal(looksLikeReleases('Shopping list\n\neggs\nmilk\n'), false);
  assert.equal(looksLikeReleases(''), false);
  assert.equal(looksLikeReleases('Notes\n\nSource code is in src/.\n\nMore notes.'), false);
  assert.equal(looksLikeReleases(release('Only one release', 'NATO', 'Body.')), true, 'one release at the top of a file counts');
});

test('empty text and text without releases give an empty model', () => {
  assert.deepEqual(analyzeDocument('').releases, []);
  const model = analyzeDocument('\n\n   \n');
  assert.equal(model.releases.length, 0);
  assert.equal(model.findings.length, 0);
});
