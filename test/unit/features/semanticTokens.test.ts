import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SemanticTokens } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentModel } from '../../../server/src/core/model';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from '../../../server/src/features/semanticTokens';
import { fixture, spanOf } from './fixture';
import { SAMPLE } from './sample';

/** The tokens as [line, text, type, modifiers…] for reading. */
function decode(doc: TextDocument, tokens: SemanticTokens): [number, string, string, ...string[]][] {
  const out: [number, string, string, ...string[]][] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [dLine, dChar, length, type, modifiers] = tokens.data.slice(i, i + 5);
    line += dLine;
    char = dLine === 0 ? char + dChar : dChar;
    const text = doc.getText({ start: { line, character: char }, end: { line, character: char + length } });
    const mods = SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((_, bit) => modifiers & (1 << bit));
    out.push([line, text, SEMANTIC_TOKENS_LEGEND.tokenTypes[type], ...mods]);
  }
  return out;
}

describe('semantic tokens', () => {
  it('declares exactly the custom types person, role and date', () => {
    assert.deepEqual(SEMANTIC_TOKENS_LEGEND.tokenTypes, ['person', 'role', 'date']);
    assert.deepEqual(SEMANTIC_TOKENS_LEGEND.tokenModifiers, ['declaration']);
  });

  it('colours people, roles and dates, the introduction as a declaration', () => {
    const { doc, model } = fixture([...SAMPLE]);
    const tokens = decode(doc, semanticTokens(doc, model));
    const line4 = tokens.filter((t) => t[0] === 4);
    assert.deepEqual(line4.find((t) => t[1] === 'Mark Rutte'), [4, 'Mark Rutte', 'person', 'declaration']);
    assert.deepEqual(line4.find((t) => t[1] === 'Wednesday, 19 March 2025'), [4, 'Wednesday, 19 March 2025', 'date']);
    assert.ok(line4.some((t) => t[2] === 'role' && /Secretary General/.test(t[1])), 'the role is a token');
    assert.deepEqual(tokens.find((t) => t[0] === 6), [6, 'Rutte', 'person'], 'a later mention is no declaration');
  });

  it('answers a range with only the tokens inside it', () => {
    const { doc, model } = fixture([...SAMPLE]);
    const range = { start: { line: 16, character: 0 }, end: { line: 19, character: 0 } };
    const tokens = decode(doc, semanticTokens(doc, model, range));
    assert.ok(tokens.length > 0);
    assert.ok(tokens.every((t) => t[0] >= 16 && t[0] <= 18), 'only lines 16 to 18');
  });

  it('gives for any range exactly the whole document\'s tokens that fall in it', () => {
    const { doc, model } = fixture([...SAMPLE]);
    const all = decode(doc, semanticTokens(doc, model));
    for (let from = 0; from < doc.lineCount; from += 3) {
      for (const length of [1, 4, 11]) {
        const range = { start: { line: from, character: 0 }, end: { line: from + length, character: 0 } };
        const expected = all.filter((t) => t[0] >= from && t[0] < from + length);
        assert.deepEqual(decode(doc, semanticTokens(doc, model, range)), expected, `lines ${from} to ${from + length - 1}`);
      }
    }
  });

  it('splits a token at line breaks and drops overlaps', () => {
    const text = 'Mark\r\nRutte and 19 March 2025';
    const doc = TextDocument.create('file:///t', 'diplomatic', 1, text);
    const name = { start: 0, end: spanOf(text, 'Rutte').end };
    const model: DocumentModel = {
      length: text.length,
      releases: [],
      dates: [{ span: spanOf(text, '19 March 2025'), text: '19 March 2025', value: '2025-03-19', start: { year: 2025, month: 3, day: 19 }, yearInferred: false, release: 0 }],
      officials: [{ id: 'mark-rutte', name: 'Mark Rutte', aliases: [], roles: [{ text: 'March', title: 'March', organization: null, span: spanOf(text, 'March'), release: 0 }], mentions: [{ span: name, text: 'Mark Rutte', release: 0, form: 'full' }] }],
      findings: [], roleReferences: [],
    };
    assert.deepEqual(decode(doc, semanticTokens(doc, model)), [
      [0, 'Mark', 'person', 'declaration'],
      [1, 'Rutte', 'person', 'declaration'],
      [1, '19 March 2025', 'date'],
    ]);
  });

  it('counts UTF-16 code units', () => {
    const { doc, model } = fixture(['😀 Title', '', 'Source: NATO', '', '👍 On 19 March 2025, the NATO Secretary General, Mr Mark Rutte, spoke.']);
    const date = decode(doc, semanticTokens(doc, model)).find((t) => t[2] === 'date');
    assert.deepEqual(date, [4, '19 March 2025', 'date']);
  });
});
