import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource, LSPErrorCodes, ResponseError, type DocumentSymbol, type FoldingRange, type Hover } from 'vscode-languageserver-protocol/node';
import { corpusFile, TestClient } from './client';

describe('a failing feature over stdio', () => {
  let client: TestClient;
  const nato = corpusFile('nato-2025-03.txt');
  before(async () => {
    client = await TestClient.start({ env: { ATTACHE_FAULTS: 'hover,diagnostics' } });
    await client.open(nato.uri, 'diplomatic', nato.text);
  });
  after(async () => {
    await client.stop();
  });

  it('answers an empty result, logs, and keeps serving', async () => {
    for (let i = 0; i < 3; i++) {
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: nato.uri }, position: { line: 4, character: 65 } });
      assert.equal(hover, null, 'the failing hover answers null');
    }
    await client.waitFor('the failure in the log', () => client.logs.some((l) => l.includes('Injected fault in hover')));
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: nato.uri } });
    assert.equal(symbols.length, 10, 'other features still answer');
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: nato.uri } });
    assert.ok(folds.length >= 10);
    assert.ok(client.alive, 'the server process is alive');
  });

  it('survives a failing notification path (diagnostics) too', async () => {
    await client.waitFor('the diagnostics failure in the log', () => client.logs.some((l) => l.includes('Injected fault in diagnostics')));
    await client.change(nato.uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'X' }]);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: nato.uri } });
    assert.equal(symbols[0].name.startsWith('XNATO'), true, 'the edit arrived');
    assert.ok(client.alive);
  });
});

describe('cancellation and odd requests over stdio', () => {
  let client: TestClient;
  const nato = corpusFile('nato-2025-03.txt');
  before(async () => {
    client = await TestClient.start();
    await client.open(nato.uri, 'diplomatic', nato.text);
  });
  after(async () => {
    await client.stop();
  });

  it('answers RequestCancelled to requests cancelled at once, and keeps answering', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => {
        const source = new CancellationTokenSource();
        const pending = client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: nato.uri } }, source.token);
        source.cancel();
        return pending.then(
          (result) => (Array.isArray(result) && result.length === 10 ? 'answered' : `odd answer ${JSON.stringify(result)}`),
          (error: unknown) => (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled ? 'cancelled' : `odd error ${String(error)}`),
        );
      }),
    );
    // A cancellation that arrives after the work finished cannot stop it; both answers are right.
    assert.ok(outcomes.every((o) => o === 'answered' || o === 'cancelled'), outcomes.join(', '));
    assert.ok(outcomes.includes('cancelled'), `at least one request was cancelled: ${outcomes.join(', ')}`);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: nato.uri } });
    assert.equal(symbols.length, 10, 'the next request is answered');
  });

  it('answers null for a document that is not open, and survives bad positions', async () => {
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere.txt' }, position: { line: 0, character: 0 } }), null);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: nato.uri }, position: { line: 100000, character: 5 } }), null);
    assert.deepEqual(await client.request('workspace/symbol', { query: 'zzzz-no-such-thing' }), []);
    assert.ok(client.alive);
  });
});
