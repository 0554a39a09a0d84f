import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SymbolKind } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../../../server/src/core/analyze';
import { documentSymbols, flatSymbols, OUTLINE_CHILDREN_LIMIT, releaseDetail } from '../../../server/src/features/outline';
import { fixture, release, textAt } from './fixture';
import { SAMPLE } from './sample';

describe('outline', () => {
  it('has one symbol per release, named by its title, its detail the source and date', () => {
    const { doc, model } = fixture([...SAMPLE]);
    const symbols = documentSymbols(doc, model);
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['NATO Secretary General meets the Prime Minister of Belgium', 'NATO Secretary General visits Poland'],
    );
    assert.equal(symbols[0].kind, SymbolKind.Module);
    assert.equal(symbols[0].detail, 'NATO · 2025-03-19');
    assert.equal(textAt(doc, symbols[0].selectionRange), symbols[0].name, 'the selection is the title');
    assert.equal(symbols[0].range.start.line, 0, 'the range starts at the title line');
    assert.equal(doc.getText(symbols[0].range).trimEnd().endsWith('Contact the NATO Press Office'), true, 'the range runs to the end of the footer');
  });

  it('puts the people and dates of a release inside it, in text order', () => {
    const { doc, model } = fixture([...SAMPLE]);
    const [first, second] = documentSymbols(doc, model);
    const people = (first.children ?? []).filter((c) => c.kind === SymbolKind.Object);
    const dates = (first.children ?? []).filter((c) => c.kind === SymbolKind.Event);
    assert.deepEqual(people.map((p) => p.name), ['Mark Rutte', 'Bart De Wever']);
    assert.equal(textAt(doc, people[0].range), 'Mark Rutte', "a person's range is their first mention in the release");
    assert.match(people[0].detail ?? '', /Secretary General/, "a person's detail is their role");
    assert.deepEqual(dates.map((d) => [d.name, d.detail]), [['Wednesday, 19 March 2025', '2025-03-19']]);
    const starts = (first.children ?? []).map((c) => doc.offsetAt(c.range.start));
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b), 'children in text order');
    assert.ok((second.children ?? []).some((c) => c.name === 'Mark Rutte'), 'one child per person per release');
    assert.equal((first.children ?? []).filter((c) => c.name === 'Mark Rutte').length, 1, 'a person mentioned twice in a release is one child');
  });

  it('keeps every child inside its release', () => {
    const { doc, model } = fixture([...SAMPLE]);
    for (const symbol of documentSymbols(doc, model)) {
      const start = doc.offsetAt(symbol.range.start);
      const end = doc.offsetAt(symbol.range.end);
      for (const child of symbol.children ?? []) {
        assert.ok(doc.offsetAt(child.range.start) >= start && doc.offsetAt(child.range.end) <= end, `${child.name} lies inside ${symbol.name}`);
      }
    }
  });

  it('says what a release lacks', () => {
    assert.equal(releaseDetail({ source: null, date: null } as never), 'no source · undated');
  });

  it('flattens for clients without hierarchy, naming the container', () => {
    const { doc, model } = fixture([...SAMPLE]);
    const flat = flatSymbols(doc.uri, documentSymbols(doc, model));
    const rutte = flat.find((s) => s.name === 'Mark Rutte');
    assert.equal(rutte?.containerName, 'NATO Secretary General meets the Prime Minister of Belgium');
    assert.equal(flat[0].location.uri, doc.uri);
  });

  it('counts positions in UTF-16 with CRLF line ends', () => {
    const { doc, model } = fixture(['😀 Emoji release', '', 'Source: NATO', '', 'On 19 March 2025, Mr Mark Rutte spoke.'], { eol: '\r\n' });
    const [symbol] = documentSymbols(doc, model);
    assert.equal(symbol.name, '😀 Emoji release');
    assert.deepEqual(symbol.selectionRange.end, { line: 0, character: 16 }, 'the emoji counts two code units');
    const date = symbol.children?.find((c) => c.kind === SymbolKind.Event);
    assert.equal(date && textAt(doc, date.range), '19 March 2025');
  });

  it('gives an empty model an empty outline', () => {
    const { doc, model } = fixture(['']);
    assert.deepEqual(documentSymbols(doc, model), []);
  });

  it('stops when the request is cancelled', () => {
    const { doc, model } = fixture([...SAMPLE, ...release('Third', 'NATO', 'On 21 March 2025, Mr Mark Rutte spoke.')]);
    assert.throws(() => documentSymbols(doc, model, { isCancellationRequested: true, onCancellationRequested: () => ({ dispose() {} }) }), /cancelled/i);
  });
});

describe('outline of a large archive', () => {
  it('lists the releases alone above the limit, with their titles and ranges', () => {
    const one = 'Meeting NUMBER\n\nSource: NATO\n\nOn 19 March 2025, Mr Mark Rutte met them.\n\n';
    const text = Array.from({ length: OUTLINE_CHILDREN_LIMIT + 1 }, (_, i) => one.replace('NUMBER', String(i))).join('');
    const doc = TextDocument.create('file:///archive.releases', 'diplomatic', 1, text);
    const symbols = documentSymbols(doc, analyzeDocument(text));
    assert.equal(symbols.length, OUTLINE_CHILDREN_LIMIT + 1);
    assert.equal(symbols[7].name, 'Meeting 7');
    assert.ok(symbols.every((s) => (s.children ?? []).length === 0));
  });
});
