import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionKind, type Range, type TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../../../server/src/core/analyze';
import { codeActions } from '../../../server/src/features/codeActions';
import { DEFAULT_SETTINGS, severityOf, validateSettings } from '../../../server/src/settings';
import { fixture, release } from './fixture';

const severity = (f: Parameters<typeof severityOf>[0]) => severityOf(f, DEFAULT_SETTINGS);

const LINES = [
  ...release('NATO Secretary General meets the Prime Minister of Belgium', 'NATO', 'On Thursday, 19 $|$March 2025, the NATO Secretary General, Mr Mark Rutte, met Mr Bart De Wever.'),
  ...release('NATO Secretary General visits Poland', 'NATO', 'On 20 March 2025, Mr Mark Rutte met Mr Andrzej Duda.'),
];

function at(offsetStart: number, offsetEnd: number, doc: TextDocument): Range {
  return { start: doc.positionAt(offsetStart), end: doc.positionAt(offsetEnd) };
}

function apply(doc: TextDocument, edits: TextEdit[]): string {
  return TextDocument.applyEdits(doc, edits);
}

describe('code actions', () => {
  it('offers the right weekday as a preferred quick fix tied to its diagnostic', () => {
    const { doc, model, offset } = fixture(LINES);
    const actions = codeActions(doc, model, at(offset, offset, doc), { diagnostics: [] }, severity);
    assert.equal(actions.length, 1);
    const [action] = actions;
    assert.equal(action.kind, CodeActionKind.QuickFix);
    assert.equal(action.isPreferred, true);
    assert.equal(action.title, "Change 'Thursday' to 'Wednesday'");
    assert.equal(action.diagnostics?.[0].code, 'date.weekday-mismatch');
    const fixed = apply(doc, action.edit?.changes?.[doc.uri] ?? []);
    assert.match(fixed, /On Wednesday, 19 March 2025/);
    assert.equal(analyzeDocument(fixed).findings.some((f) => f.code === 'date.weekday-mismatch'), false, 'the fix removes the finding');
  });

  it('offers nothing for a range that does not meet the diagnostic', () => {
    const { doc, model, text } = fixture(LINES);
    const elsewhere = text.indexOf('Andrzej');
    assert.deepEqual(codeActions(doc, model, at(elsewhere, elsewhere + 3, doc), undefined, severity), []);
  });

  it('offers the fix for a range that only touches or spans the diagnostic', () => {
    const { doc, model, text } = fixture(LINES);
    const start = text.indexOf('Thursday');
    assert.equal(codeActions(doc, model, at(start, start, doc), undefined, severity).length, 1, 'cursor at its start');
    assert.equal(codeActions(doc, model, at(0, text.length, doc), undefined, severity).length, 1, 'a selection of the whole file');
  });

  it('uses the diagnostic the client sent', () => {
    const { doc, model, offset } = fixture(LINES);
    const [first] = codeActions(doc, model, at(offset, offset, doc), undefined, severity);
    const sent = { ...first.diagnostics![0], data: 'from the client' };
    const [again] = codeActions(doc, model, at(offset, offset, doc), { diagnostics: [sent] }, severity);
    assert.equal(again.diagnostics?.[0], sent);
  });

  it('respects context.only and codes turned off', () => {
    const { doc, model, offset } = fixture(LINES);
    assert.deepEqual(codeActions(doc, model, at(offset, offset, doc), { diagnostics: [], only: [CodeActionKind.Refactor] }, severity), []);
    assert.equal(codeActions(doc, model, at(offset, offset, doc), { diagnostics: [], only: [CodeActionKind.QuickFix] }, severity).length, 1);
    const { settings } = validateSettings({ diagnostics: { severity: { 'date.weekday-mismatch': 'off' } } });
    assert.deepEqual(codeActions(doc, model, at(offset, offset, doc), undefined, (f) => severityOf(f, settings)), []);
  });

  it('adds a missing Source: line', () => {
    const { doc, model, text } = fixture([
      ...release('NATO Secretary General meets the Prime Minister of Belgium', 'NATO', 'On 19 March 2025, Mr Mark Rutte met Mr Bart De Wever.'),
      ...release('NATO Secretary General visits Poland', null, 'On Thursday, 20 March 2025, Mr Mark Rutte met Mr Andrzej Duda.'),
    ]);
    const title = text.indexOf('NATO Secretary General visits Poland');
    const actions = codeActions(doc, model, at(title, title, doc), undefined, severity);
    const add = actions.find((a) => a.diagnostics?.[0].code === 'release.missing-source');
    assert.ok(add, 'a fix for the missing source');
    const fixed = apply(doc, add.edit?.changes?.[doc.uri] ?? []);
    assert.match(fixed, /NATO Secretary General visits Poland\n\nSource: NATO\n/);
    assert.equal(analyzeDocument(fixed).findings.some((f) => f.code === 'release.missing-source'), false);
  });

  it('spells a name variant the usual way', () => {
    const { doc, model, text } = fixture([
      ...release('NATO Secretary General meets the Minister of Foreign Affairs of Lithuania', 'NATO', 'On 17 March 2025, the NATO Secretary General, Mr Mark Rutte, met the Minister of Foreign Affairs of Lithuania, Mr Kęstutis Budrys.'),
      ...release('NATO Secretary General meets Lithuania again', 'NATO', 'On 20 March 2025, Mr Mark Rutte met the Minister of Foreign Affairs of Lithuania, Mr Kestutis Budrys.'),
    ]);
    const variant = text.indexOf('Kestutis Budrys');
    const actions = codeActions(doc, model, at(variant, variant, doc), undefined, severity);
    const spell = actions.find((a) => a.diagnostics?.[0].code === 'official.name-variant');
    assert.ok(spell, 'a fix for the variant');
    assert.match(apply(doc, spell.edit?.changes?.[doc.uri] ?? []), /Mr Kęstutis Budrys\.\n*$/);
  });
});
