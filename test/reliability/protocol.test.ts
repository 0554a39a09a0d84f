/**
 * Protocol fuzzing against the real server (`dist/server.js --stdio`, built by `node esbuild.mjs`):
 * 200 random sequences of opens, edits, closes and every request the server offers, at a fixed
 * seed. Each answer is a result or a proper JSON-RPC error and fits the document; the server is
 * alive at the end. See protocolFuzz.ts for what is generated and checked. Then the bugs the
 * fuzzing found, each as a plain test.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentSymbol, SymbolInformation } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../protocol/client';
import { SEED } from './engineProperties';
import { ProtocolFuzzer, runProtocolCampaign, type Op } from './protocolFuzz';

/** Keeps a counterexample readable: long texts cut short. */
function shorten(counterexample: string): string {
  return counterexample.replace(/"text":"((?:[^"\\]|\\.){80})(?:[^"\\]|\\.)*"/g, '"text":"$1…"').slice(0, 3000);
}

describe('protocol fuzzing', () => {
  it('200 random sequences: every request answered and fitting its document, the server alive', { timeout: 120_000 }, async (t) => {
    const { stats, failures, alive, ms } = await runProtocolCampaign(200, SEED);
    t.diagnostic(`${stats.sequences} sequences, ${stats.requests} requests, ${stats.notifications} notifications, ${stats.diagnosticsChecked} diagnostics checked in ${(ms / 1000).toFixed(1)} s`);
    assert.deepEqual(
      failures.map((f) => `${f.error}\n  seed ${f.seed}, counterexample ${shorten(f.counterexample)}`),
      [],
      'no sequence fails',
    );
    assert.ok(alive, 'the server is alive after every sequence');
    assert.ok(stats.requests > 2000, `enough requests were sent (${stats.requests})`);
  });

  it('the fuzzer notices a feature that fails (so that its silence means something)', async () => {
    const client = await TestClient.start({ env: { ATTACHE_FAULTS: 'foldingRange' } });
    try {
      const fuzzer = new ProtocolFuzzer(client);
      const ops: Op[] = [
        { op: 'open', doc: 0, languageId: 'diplomatic', text: 'A title\n\nSource: NATO\n\nMr Mark Rutte met them on 3 March 2025.\n' },
        { op: 'request', method: 'textDocument/foldingRange', doc: 0, at: { kind: 'end' }, to: { kind: 'end' }, newName: 'x', cancel: false },
      ];
      await assert.rejects(fuzzer.run(ops), /made the server log: .*Injected fault in foldingRange/);
    } finally {
      await client.stop();
    }
  });
});

describe('answers follow the text, whatever version a client sends', () => {
  // Found by the fuzzing: the service cached a model per (URI, version), and the document manager
  // updates a document in place, so a change that repeated a version (or a second open without a
  // close) was answered from the old text.
  let client: TestClient;
  const uri = 'file:///versions/a.release';
  const first = 'First title\n\nSource: NATO\n\nMr Mark Rutte met them on 3 March 2025.\n';
  const second = 'Second title\n\nSource: EEAS\n\nMs Kaja Kallas spoke on 4 April 2025.\n';
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  async function titles(): Promise<string[]> {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    return symbols.map((s) => s.name);
  }

  async function people(query: string): Promise<string[]> {
    const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query });
    return symbols.filter((s) => s.location.uri === uri).map((s) => s.name);
  }

  it('a change that repeats the version', async () => {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'diplomatic', version: 1, text: first } });
    assert.deepEqual(await titles(), ['First title']);
    assert.deepEqual(await people('rutte'), ['Mark Rutte']);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 1 }, contentChanges: [{ text: second }] });
    assert.deepEqual(await titles(), ['Second title']);
    assert.deepEqual(await people('rutte'), [], 'the old text’s people are gone from workspace symbols');
    assert.deepEqual(await people('kallas'), ['Kaja Kallas']);
  });

  it('a change that goes back a version', async () => {
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 0 }, contentChanges: [{ text: first }] });
    assert.deepEqual(await titles(), ['First title']);
  });

  it('a second open without a close', async () => {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'diplomatic', version: 1, text: second } });
    assert.deepEqual(await titles(), ['Second title']);
    const annotations = await client.request<{ officials: { name: string }[] }>('attache/annotations', { uri });
    assert.deepEqual(annotations.officials.map((o) => o.name), ['Kaja Kallas']);
  });
});

describe('the server’s copy of the text follows every edit', () => {
  // Found by the fuzzing: vscode-languageserver-textdocument's incremental update counts a line
  // too many when an edit joins a CR and an LF, and leaves holes in its line table for a range
  // past the last line. Every position after was off, and the next edits landed in the wrong
  // place. server.ts's LineSafeTextDocument works around both.
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  async function officials(uri: string): Promise<string[]> {
    const annotations = await client.request<{ officials: { name: string }[] }>('attache/annotations', { uri });
    return annotations.officials.map((o) => o.name);
  }

  async function send(uri: string, version: number, change: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }): Promise<void> {
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
  }

  it('an edit that puts a CR before an LF', async () => {
    const uri = 'file:///sync/crlf.release';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'diplomatic', version: 1, text: 'A title\n\nSource: NATO\n\nMr Mark Rutte met them on 3 March 2025.\n' } });
    // "A title\r\n…": still five lines.
    await send(uri, 2, { range: { start: { line: 0, character: 7 }, end: { line: 0, character: 7 } }, text: '\r' });
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols[0].range.end, { line: 4, character: 39 }, 'the release still ends on line 4');
    // Line 4, characters 8–13 are "Rutte".
    await send(uri, 3, { range: { start: { line: 4, character: 8 }, end: { line: 4, character: 13 } }, text: 'Kallas' });
    assert.deepEqual(await officials(uri), ['Mark Kallas']);
  });

  it('an edit that puts an LF after a CR', async () => {
    const uri = 'file:///sync/cr.release';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'diplomatic', version: 1, text: 'A title\r\rSource: NATO\r\rMr Mark Rutte met them on 3 March 2025.\r' } });
    // "A title\r\n\r…": the first CR becomes a CRLF, and the lines stay as they were.
    await send(uri, 2, { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\n' });
    await send(uri, 3, { range: { start: { line: 4, character: 8 }, end: { line: 4, character: 13 } }, text: 'Kallas' });
    assert.deepEqual(await officials(uri), ['Mark Kallas']);
  });

  it('an edit whose range lies past the last line', async () => {
    const uri = 'file:///sync/past-end.release';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'diplomatic', version: 1, text: 'A title\n\nSource: NATO\n\nMr Mark Rutte met them.' } });
    // Lines 7 and 8 do not exist: the text goes at the end, as a new line 5.
    await send(uri, 2, { range: { start: { line: 8, character: 1 }, end: { line: 7, character: 0 } }, text: '\nMs Kaja Kallas agreed.' });
    const folds = await client.request<{ endLine: number }[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.ok(folds.every((f) => f.endLine <= 5), `no fold runs past line 5: ${JSON.stringify(folds)}`);
    // Line 5, characters 3–7 are "Kaja".
    await send(uri, 3, { range: { start: { line: 5, character: 3 }, end: { line: 5, character: 7 } }, text: 'Kaia' });
    assert.deepEqual((await officials(uri)).sort(), ['Kaia Kallas', 'Mark Rutte']);
  });
});
