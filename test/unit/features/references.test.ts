import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource } from 'vscode-languageserver';
import { references } from '../../../server/src/features/references';
import { RequestCancelledError } from '../../../server/src/features/cancellation';
import { fixture } from './fixture';
import { sampleWithCursor } from './sample';

describe('references', () => {
  it('lists every mention of the person, whatever the form', () => {
    const { doc, model, position } = fixture(sampleWithCursor('Rutte thanked'));
    const found = references(doc, model, position, true);
    assert.deepEqual(found.map((l) => doc.getText(l.range)), ['Mark Rutte', 'Rutte', 'Mark Rutte', 'Rutte']);
    assert.deepEqual(found.map((l) => l.range.start.line), [4, 6, 16, 18]);
  });

  it('leaves out the introduction when asked to', () => {
    const { doc, model, position } = fixture(sampleWithCursor('Rutte thanked'));
    const found = references(doc, model, position, false);
    assert.deepEqual(found.map((l) => l.range.start.line), [6, 16, 18]);
  });

  it('keeps people apart', () => {
    const { doc, model, position } = fixture(sampleWithCursor('Duda discussed'));
    assert.deepEqual(references(doc, model, position, true).map((l) => doc.getText(l.range)), ['Andrzej Duda', 'Duda']);
  });

  it('finds nothing off a name, and stops when cancelled', () => {
    const { doc, model, position } = fixture(sampleWithCursor('contributions'));
    assert.deepEqual(references(doc, model, position, true), []);
    const on = fixture(sampleWithCursor('Rutte thanked'));
    const source = new CancellationTokenSource();
    source.cancel();
    assert.throws(() => references(on.doc, on.model, on.position, true, source.token), RequestCancelledError);
  });
});
