import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentHighlightKind } from 'vscode-languageserver';
import { documentHighlights } from '../../../server/src/features/highlights';
import { fixture } from './fixture';
import { sampleWithCursor } from './sample';

describe('document highlights', () => {
  it('lights every mention of the person, the introduction as a write', () => {
    const { doc, model, position } = fixture(sampleWithCursor('Mark Rutte', 2));
    const lights = documentHighlights(doc, model, position);
    assert.deepEqual(
      lights.map((h) => [h.range.start.line, doc.getText(h.range), h.kind]),
      [
        [4, 'Mark Rutte', DocumentHighlightKind.Write],
        [6, 'Rutte', DocumentHighlightKind.Read],
        [16, 'Mark Rutte', DocumentHighlightKind.Read],
        [18, 'Rutte', DocumentHighlightKind.Read],
      ],
    );
  });

  it('lights nothing on a date or a plain word', () => {
    for (const needle of ['19 March', 'contributions']) {
      const { doc, model, position } = fixture(sampleWithCursor(needle));
      assert.deepEqual(documentHighlights(doc, model, position), [], needle);
    }
  });
});
