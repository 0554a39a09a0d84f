import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseError } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { prepareRename, rename } from '../../../server/src/features/rename';
import { fixture, release } from './fixture';
import { sampleWithCursor } from './sample';

function renamed(lines: string[], newName: string): string {
  const { doc, model, position } = fixture(lines);
  const edit = rename(doc, model, position, newName);
  assert.ok(edit?.changes, 'an edit');
  return TextDocument.applyEdits(doc, edit.changes[doc.uri]);
}

describe('prepareRename', () => {
  it('offers the mention under the cursor', () => {
    const { doc, model, position } = fixture(sampleWithCursor('Rutte thanked'));
    const prepared = prepareRename(doc, model, position);
    assert.equal(prepared?.placeholder, 'Rutte');
    assert.equal(prepared && doc.getText(prepared.range), 'Rutte');
  });

  it('refuses what is not a name', () => {
    for (const needle of ['contributions', '19 March', 'visits Poland']) {
      const { doc, model, position } = fixture(sampleWithCursor(needle));
      assert.equal(prepareRename(doc, model, position), null, needle);
    }
  });
});

describe('rename', () => {
  it('renames a surname in every form of the name', () => {
    const text = renamed(sampleWithCursor('Rutte thanked'), 'Rutten');
    assert.equal((text.match(/Mark Rutten/g) ?? []).length, 2);
    assert.equal((text.match(/Mr Rutten/g) ?? []).length, 2);
    assert.equal(text.includes('Rutte '), false, 'no old surname left');
    assert.match(text, /Mr Bart De Wever/, 'other people untouched');
  });

  it('renames a full name word for word', () => {
    const text = renamed(sampleWithCursor('Mark Rutte'), 'Marc Rutten');
    assert.equal((text.match(/Marc Rutten/g) ?? []).length, 2);
    assert.equal((text.match(/Mr Rutten/g) ?? []).length, 2);
  });

  it('keeps the ends lined up when the word count changes', () => {
    const text = renamed(sampleWithCursor('Mark Rutte'), 'Mark Bernard Rutte');
    assert.equal((text.match(/Mark Bernard Rutte/g) ?? []).length, 2);
    assert.equal((text.match(/Mr Rutte/g) ?? []).length, 2);
  });

  it('renames variant spellings with the rest', () => {
    const text = renamed(
      [
        ...release('Meeting', 'NATO', 'On 17 March 2025, Mr Mark Rutte met the Minister of Foreign Affairs of Lithuania, Mr Kęstutis Budrys.'),
        ...release('Another meeting', 'NATO', 'On 20 March 2025, Mr Mark Rutte met the Minister of Foreign Affairs of Lithuania, Mr Kestutis $|$Budrys.'),
      ],
      'Budrys-Test',
    );
    assert.equal((text.match(/Budrys-Test/g) ?? []).length, 2);
  });

  it('keeps non-breaking spaces inside a name', () => {
    const text = renamed([...release('Meeting', 'NATO', 'On 17 March 2025, the NATO Secretary General, Mr Mark\u00a0Rutte, spoke.', 'Later Mr $|$Rutte left.')], 'Rutten');
    assert.match(text, /Mark\u00a0Rutten/);
  });

  it('refuses an empty name or one over several lines', () => {
    const { doc, model, position } = fixture(sampleWithCursor('Rutte thanked'));
    assert.throws(() => rename(doc, model, position, '  '), ResponseError);
    assert.throws(() => rename(doc, model, position, 'Mark\nRutte'), ResponseError);
  });

  it('returns null off a name', () => {
    const { doc, model, position } = fixture(sampleWithCursor('contributions'));
    assert.equal(rename(doc, model, position, 'X'), null);
  });
});
