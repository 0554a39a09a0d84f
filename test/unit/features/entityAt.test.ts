import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { entityAt, introductionOf, releaseAt } from '../../../server/src/features/entityAt';
import { fixture } from './fixture';
import { sampleWithCursor, SAMPLE } from './sample';

describe('entityAt', () => {
  it('finds a person from any form of the name', () => {
    for (const [needle, occurrence] of [['Mark Rutte', 1], ['Rutte thanked', 1], ['Mark Rutte', 2]] as const) {
      const { model, offset, text } = fixture(sampleWithCursor(needle, occurrence));
      const entity = entityAt(model, offset);
      assert.equal(entity?.kind, 'person', `a person at "${needle}"`);
      if (entity?.kind === 'person') {
        assert.equal(entity.official.name, 'Mark Rutte');
        assert.equal(text.slice(entity.span.start, entity.span.end), needle.split(' ').slice(0, needle === 'Rutte thanked' ? 1 : 2).join(' '));
      }
    }
  });

  it('counts the cursor right after a name as on it', () => {
    const { model, offset } = fixture(sampleWithCursor('Bart De Wever', 1, true));
    const entity = entityAt(model, offset);
    assert.equal(entity?.kind === 'person' && entity.official.name, 'Bart De Wever');
  });

  it('finds dates and titles, and nothing in plain words', () => {
    const onDate = fixture(sampleWithCursor('19 March'));
    assert.equal(entityAt(onDate.model, onDate.offset)?.kind, 'date');
    const onTitle = fixture(sampleWithCursor('visits Poland'));
    const title = entityAt(onTitle.model, onTitle.offset);
    assert.equal(title?.kind === 'title' && title.release.index, 1);
    const onWord = fixture(sampleWithCursor('contributions'));
    assert.equal(entityAt(onWord.model, onWord.offset), null);
  });

  it('finds the release around an offset', () => {
    const { model, offset } = fixture(sampleWithCursor('Warsaw'));
    assert.equal(releaseAt(model, offset)?.index, 1);
    assert.equal(releaseAt(model, -5), null);
  });

  it('introduces a person at the first full mention', () => {
    const { model, text } = fixture([...SAMPLE]);
    const rutte = model.officials.find((o) => o.name === 'Mark Rutte');
    assert.ok(rutte);
    const first = introductionOf(rutte);
    assert.equal(first && text.slice(first.span.start, first.span.end), 'Mark Rutte');
    assert.equal(first?.span.start, text.indexOf('Mark Rutte'));
  });
});
