import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource, SymbolKind, type Range } from 'vscode-languageserver';
import { RequestCancelledError } from '../../../server/src/features/cancellation';
import { foldForSearch, SymbolIndex, symbolsOf, uriKey, type IndexedSymbol } from '../../../server/src/features/workspaceSymbols';
import { fixture } from './fixture';
import { SAMPLE } from './sample';

const NOWHERE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };

function symbol(name: string, uri = 'file:///a.releases', aliases: string[] = []): IndexedSymbol {
  return { name, kind: SymbolKind.Object, containerName: '', uri, range: NOWHERE, key: [name, ...aliases].map(foldForSearch).join('\n') };
}

describe('symbolsOf', () => {
  it('indexes the releases and the people of a document', () => {
    const { doc, model } = fixture([...SAMPLE], { uri: 'file:///work/march%202025.releases' });
    const symbols = symbolsOf(doc, model);
    const release = symbols.find((s) => s.name === 'NATO Secretary General visits Poland');
    assert.equal(release?.kind, SymbolKind.Module);
    assert.equal(release?.containerName, 'march 2025.releases');
    assert.equal(release?.range.start.line, 12);
    const rutte = symbols.find((s) => s.name === 'Mark Rutte');
    assert.equal(rutte?.kind, SymbolKind.Object);
    assert.match(rutte?.containerName ?? '', /Secretary General · march 2025\.releases/);
    assert.equal(rutte?.range.start.line, 4, "a person's location is their introduction");
  });
});

describe('SymbolIndex', () => {
  it('matches by prefix and substring, folded, best first', () => {
    const index = new SymbolIndex();
    index.setFile('file:///a.releases', [symbol('Aleksandar Vučić'), symbol('Mark Rutte', undefined, ['Rutte']), symbol('Brutus'), symbol('Rutger Hauer')]);
    assert.deepEqual(index.search('rut').map((s) => s.name), ['Rutger Hauer', 'Mark Rutte', 'Brutus'], 'start of name, start of word, inside a word');
    assert.deepEqual(index.search('VUCIC').map((s) => s.name), ['Aleksandar Vučić'], 'diacritics and case folded');
    assert.deepEqual(index.search('mark rut').map((s) => s.name), ['Mark Rutte'], 'every word must match');
    assert.equal(index.search('').length, 4, 'an empty query lists everything');
    assert.deepEqual(index.search('zzz'), []);
  });

  it('lets an open document win over its file on disk, and forgets deleted files', () => {
    const index = new SymbolIndex();
    index.setFile('file:///work/a%20b.releases', [symbol('Old Name', 'file:///work/a%20b.releases')]);
    index.setOpen('file:///work/a b.releases', 3, [symbol('New Name', 'file:///work/a b.releases')]);
    assert.deepEqual(index.search('name').map((s) => s.name), ['New Name']);
    assert.equal(index.openVersion('file:///work/a%20b.releases'), 3);
    index.removeOpen('file:///work/a b.releases');
    assert.deepEqual(index.search('name').map((s) => s.name), ['Old Name']);
    index.removeFile('file:///work/a%20b.releases');
    assert.equal(index.size, 0);
  });

  it('normalises file URIs, leaving other schemes alone', () => {
    assert.equal(uriKey('file:///c%3A/x.txt'), uriKey('file:///c:/x.txt'));
    assert.equal(uriKey('untitled:Untitled-1'), 'untitled:Untitled-1');
  });

  it('caps the results and stops when cancelled', () => {
    const index = new SymbolIndex();
    index.setFile('file:///big', Array.from({ length: 2000 }, (_, i) => symbol(`Person ${i}`)));
    assert.equal(index.search('person', undefined, 10).length, 10);
    const source = new CancellationTokenSource();
    source.cancel();
    assert.throws(() => index.search('person', source.token), RequestCancelledError);
  });

  // Speed is measured by `npm run bench`, never by a timed test; this checks the answers at scale.
  it('answers right over a large index (100 000 symbols)', () => {
    const index = new SymbolIndex();
    const words = ['Rutte', 'Vučić', 'Budrys', 'Kallas', 'Stubb', 'Duda', 'Fidan', 'Sybiha', 'Schoof', 'Wever'];
    for (let f = 0; f < 100; f++) {
      index.setFile(`file:///f${f}.releases`, Array.from({ length: 1000 }, (_, i) => symbol(`${words[i % 10]} ${words[(i * 7 + f) % 10]} ${i}`)));
    }
    const vucic = index.search('vucic 5', undefined, 50);
    assert.ok(vucic.length > 0, 'a folded query finds names with diacritics');
    assert.ok(vucic.every((s) => /Vučić/.test(s.name) && /5/.test(s.name)), vucic.map((s) => s.name).join(', '));
    assert.equal(index.search('zz').length, 0);
    assert.equal(index.search('rutte', undefined, 100).length, 100, 'results are capped');
  });
});
