import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analyze';
import { FINDING_CODES } from '../../server/src/core/checks';
import type { Finding } from '../../server/src/core/model';
import { release } from '../support/fixture';

function findings(...body: string[]): Finding[] {
  return analyzeDocument(release('A release', 'NATO', ...body)).findings;
}

function codes(list: Finding[]): string[] {
  return list.map((f) => f.code);
}

test('a weekday that does not match its date, with a message and a fix', () => {
  const text = release('A release', 'NATO', 'On Thursday, 19 March 2025, they met.');
  const [f] = analyzeDocument(text).findings;
  assert.equal(f.code, 'date.weekday-mismatch');
  assert.equal(f.message, '19 March 2025 is a Wednesday, not a Thursday.');
  assert.equal(f.fixes[0].newText, 'Wednesday');
  assert.equal(text.slice(f.fixes[0].span.start, f.fixes[0].span.end), 'Thursday');
});

test('the right weekday gives no finding', () => {
  assert.deepEqual(findings('On Wednesday, 19 March 2025, they met.'), []);
});

test('a weekday named for the end of a range is checked too', () => {
  assert.deepEqual(codes(findings('On Thursday 13 and Saturday 14 March 2025 he visited.')), ['date.weekday-mismatch']);
});

test('a date that does not exist', () => {
  const [f] = findings('On 31 April 2025, the Committee met.');
  assert.equal(f.code, 'date.invalid');
  assert.equal(f.message, '31 April 2025 does not exist: April 2025 has 30 days.');
  assert.deepEqual(codes(findings('On 29 February 2025, they met.')), ['date.invalid']);
  assert.deepEqual(codes(findings('On 29 February 2024, they met.')), []);
});

test('a range whose end is before its start', () => {
  assert.deepEqual(codes(findings('From 28 to 26 May 2025, he visited Finland.')), ['date.range-reversed']);
  assert.deepEqual(codes(findings('From 26 to 28 May 2025, he visited Finland.')), []);
});

test('every code has a default severity and a summary', () => {
  for (const [code, entry] of Object.entries(FINDING_CODES)) {
    assert.match(code, /^(date|release|official)\.[a-z-]+$/);
    assert.ok(['error', 'warning', 'information', 'hint'].includes(entry.severity), code);
    assert.ok(entry.summary.length > 10, code);
  }
});
