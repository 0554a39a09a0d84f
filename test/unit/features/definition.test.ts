import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { definition } from '../../../server/src/features/definition';
import { fixture } from './fixture';
import { sampleWithCursor } from './sample';

describe('definition', () => {
  it('goes from any mention to the first full mention', () => {
    for (const [needle, occurrence] of [['Rutte thanked', 1], ['Mark Rutte', 2], ['Rutte and', 1]] as const) {
      const { doc, model, position, text } = fixture(sampleWithCursor(needle, occurrence));
      const location = definition(doc, model, position);
      assert.ok(location, `a definition from "${needle}"`);
      assert.equal(location.uri, doc.uri);
      assert.equal(doc.offsetAt(location.range.start), text.indexOf('Mark Rutte'), `from "${needle}" to the introduction`);
      assert.equal(doc.getText(location.range), 'Mark Rutte');
    }
  });

  it('goes from a role to the person who holds it', () => {
    const { doc, model, position } = fixture(sampleWithCursor('Prime Minister of Belgium,'));
    const location = definition(doc, model, position);
    assert.equal(location && doc.getText(location.range), 'Bart De Wever');
  });

  it('has none on a plain word or a date', () => {
    for (const needle of ['contributions', '19 March']) {
      const { doc, model, position } = fixture(sampleWithCursor(needle));
      assert.equal(definition(doc, model, position), null, needle);
    }
  });
});
