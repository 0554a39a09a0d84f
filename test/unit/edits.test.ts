import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findEdit, positionMap } from '../../server/src/core/edits';

function apply(before: string, e: { start: number; oldEnd: number; newEnd: number }, after: string): string {
  return before.slice(0, e.start) + after.slice(e.start, e.newEnd) + before.slice(e.oldEnd);
}

test('findEdit gives the one stretch that changed', () => {
  assert.equal(findEdit('same', 'same'), null);
  assert.deepEqual(findEdit('abcdef', 'abXdef'), { start: 2, oldEnd: 3, newEnd: 3 });
  assert.deepEqual(findEdit('abcdef', 'abcxdef'), { start: 3, oldEnd: 3, newEnd: 4 });
  assert.deepEqual(findEdit('abcdef', 'abef'), { start: 2, oldEnd: 4, newEnd: 2 });
  assert.deepEqual(findEdit('', 'new'), { start: 0, oldEnd: 0, newEnd: 3 });
  // Two edits far apart come out as one edit over both.
  assert.deepEqual(findEdit('a-bcdefgh-i', 'a+bcdefgh+i'), { start: 1, oldEnd: 10, newEnd: 10 });
});

test('findEdit never splits a surrogate pair', () => {
  // 🇺🇦 and 🇺🇸 share their first code unit: the edit still takes the whole pair.
  const e = findEdit('x🇺🇦y', 'x🇺🇸y');
  assert.ok(e);
  assert.equal(e.start % 2, 1, 'starts on the first unit of a pair');
  const d = findEdit('a😀b', 'a😁b');
  assert.deepEqual(d, { start: 1, oldEnd: 3, newEnd: 3 });
});

test('findEdit is exact on long texts, whatever the chunk boundaries', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 0, maxLength: 30 }), fc.nat({ max: 20000 }), fc.nat({ max: 12 }), fc.string({ maxLength: 5 }), (seed, at, removed, inserted) => {
      const before = (seed + 'lorem ipsum ').repeat(Math.ceil(20000 / (seed.length + 12))).slice(0, 20000);
      const start = Math.min(at, before.length);
      const after = before.slice(0, start) + inserted + before.slice(Math.min(before.length, start + removed));
      const e = findEdit(before, after);
      if (before === after) return assert.equal(e, null);
      assert.ok(e);
      assert.equal(apply(before, e, after), after);
      assert.ok(e.oldEnd - e.start <= Math.max(removed, 0) + inserted.length + 2 || before.length < 100, 'the stretch is no longer than the edit');
    }),
    { seed: 11, numRuns: 300 },
  );
});

test('positionMap keeps what ends at an insertion and moves what starts there', () => {
  const map = positionMap({ start: 10, oldEnd: 10, newEnd: 13 });
  assert.equal(map(5, false), 5);
  assert.equal(map(10, true), 10, 'an end at the insertion point stays');
  assert.equal(map(10, false), 13, 'a start at the insertion point moves');
  assert.equal(map(20, false), 23);
  const deletion = positionMap({ start: 10, oldEnd: 15, newEnd: 10 });
  assert.equal(deletion(15, false), 10);
  assert.equal(deletion(20, true), 15);
  assert.equal(deletion(12, false), 10, 'inside the removed stretch: its edge');
});
