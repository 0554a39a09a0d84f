import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SymbolInformation } from 'vscode-languageserver-protocol';
import { corpusFile, TestClient } from './client';

describe('workspace symbols over stdio', () => {
  let client: TestClient;
  let root = '';
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'attache-ws-'));
    await copyFile(corpusFile('nato-2025-03.txt').path, join(root, 'nato.txt'));
    await copyFile(corpusFile('planted-errors-dev.txt').path, join(root, 'planted.releases'));
    await writeFile(join(root, 'notes.txt'), 'Shopping list\n\nMark Rutte is not a release.\n');
    client = await TestClient.start({ folders: [root] });
  });
  after(async () => {
    await client.stop();
    await rm(root, { recursive: true, force: true });
  });

  const query = (q: string): Promise<SymbolInformation[]> => client.request<SymbolInformation[]>('workspace/symbol', { query: q });

  it('indexes release files in the background, reporting progress', async () => {
    await client.waitFor('indexing to end', () => client.progress.some((p) => p.value.kind === 'end'));
    assert.ok(client.progress.some((p) => p.value.kind === 'begin' && /indexing/i.test(p.value.title ?? '')));
    assert.ok(client.registrations.includes('workspace/didChangeWatchedFiles'), 'the server watches release files');
    const rutte = await query('rutte');
    const files = new Set(rutte.map((s) => s.location.uri.slice(s.location.uri.lastIndexOf('/') + 1)));
    assert.deepEqual([...files].sort(), ['nato.txt', 'planted.releases'], 'from both release files, not from notes.txt');
    const vucic = await query('vucic');
    assert.ok(vucic.some((s) => s.name === 'Aleksandar Vučić'), 'diacritics folded');
    const serbia = await query('president of the republic of serbia');
    assert.equal(serbia[0]?.name, 'NATO Secretary General meets the President of the Republic of Serbia');
  });

  it('updates when a watched file is created or deleted', async () => {
    const path = join(root, 'new.releases');
    await writeFile(path, 'A freshly written release\n\nSource: NATO\n\nOn 2 June 2025, Mr Mark Rutte spoke.\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path).href, type: 1 }] });
    let found: SymbolInformation[] = [];
    // Indexing is in the background: poll until the file shows up.
    for (let i = 0; i < 50 && found.length === 0; i++) {
      found = await query('freshly written');
      if (found.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(found.length, 1);
    await rm(path);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path).href, type: 3 }] });
    await new Promise((r) => setTimeout(r, 100));
    assert.equal((await query('freshly written')).length, 0);
  });

  it('prefers an open document, edits and all, over its file', async () => {
    const uri = pathToFileURL(join(root, 'planted.releases')).href;
    const text = corpusFile('planted-errors-dev.txt').text.replace('Chair of the NATO Military Committee visits Finland', 'Chair of the NATO Military Committee visits Atlantis');
    await client.open(uri, 'diplomatic', text);
    const atlantis = await query('visits atlantis');
    assert.deepEqual(atlantis.map((s) => s.location.uri), [uri]);
    assert.equal((await query('visits finland')).length, 0);
    await client.close(uri);
    const again = await query('visits finland');
    assert.deepEqual(
      again.map((s) => s.location.uri),
      [uri],
      'the file on disk counts again once closed',
    );
  });
});
