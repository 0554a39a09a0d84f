import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver-protocol';
import { corpusFile, TestClient } from './client';
import { readGold } from './gold';

describe('outline and folding over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  const nato = corpusFile('nato-2025-03.txt');
  const gold = readGold('nato-2025-03');

  for (const languageId of ['plaintext', 'diplomatic']) {
    it(`lists the 10 releases of nato-2025-03.txt by title, opened as ${languageId}`, async () => {
      const uri = `${nato.uri}?as=${languageId}`;
      await client.open(uri, languageId, nato.text);
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.ok(Array.isArray(symbols), 'an outline');
      assert.equal(symbols.length, 10, 'ten releases');
      assert.deepEqual(
        symbols.map((s) => s.name),
        gold.releases.map((r) => r.title),
      );
      assert.deepEqual(
        symbols.map((s) => s.selectionRange.start.line + 1),
        gold.releases.map((r) => r.line),
        'each selection on its title line',
      );
      await client.close(uri);
    });
  }

  it('folds each release of nato-2025-03.txt', async () => {
    await client.open(nato.uri, 'diplomatic', nato.text);
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: nato.uri } });
    const starts = new Set(ranges.filter((r) => r.kind === undefined).map((r) => r.startLine + 1));
    for (const release of gold.releases) assert.ok(starts.has(release.line), `a folding range starts at line ${release.line} ("${release.title}")`);
    for (let i = 0; i + 1 < gold.releases.length; i++) {
      const range = ranges.find((r) => r.startLine + 1 === gold.releases[i].line && r.kind === undefined);
      assert.ok(range && range.endLine + 1 < gold.releases[i + 1].line, `release ${i + 1} ends before the next title`);
    }
    await client.close(nato.uri);
  });
});
