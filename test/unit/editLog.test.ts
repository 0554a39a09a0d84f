import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EditLog } from '../../server/src/editLog';

const change = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), removed: fc.nat({ max: 8 }), inserted: fc.string({ maxLength: 6 }) });

test('the edit log covers every change since it was last read, in the old text’s terms', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 0, maxLength: 200 }), fc.array(change, { minLength: 1, maxLength: 8 }), (original, changes) => {
      const log = new EditLog();
      let text = original;
      for (const c of changes) {
        const start = Math.floor(c.at * text.length);
        const end = Math.min(text.length, start + c.removed);
        log.record('file:///a', start, end, c.inserted.length);
        text = text.slice(0, start) + c.inserted + text.slice(end);
      }
      const edit = log.take('file:///a');
      assert.ok(edit);
      assert.equal(original.slice(0, edit.start) + text.slice(edit.start, edit.newEnd) + original.slice(edit.oldEnd), text);
      assert.equal(log.take('file:///a'), undefined, 'read once');
    }),
    { seed: 5, numRuns: 500 },
  );
});

test('a change without a range, or a reopened document, leaves the analyzer to compare texts', () => {
  const log = new EditLog();
  log.record('file:///a', 0, 0, 1);
  log.unknown('file:///a');
  log.record('file:///a', 3, 4, 0);
  assert.equal(log.take('file:///a'), undefined);
  log.record('file:///b', 0, 0, 1);
  log.forget('file:///b');
  assert.equal(log.take('file:///b'), undefined);
});
