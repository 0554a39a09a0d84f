import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { corpusFile, repoRoot, TestClient } from './client';
import { analyzeDocument } from '../../server/src/core/analyze';
import { parseRegister } from '../../server/src/core/register';
import { toFileAnnotations, type FileAnnotations } from '../../server/src/annotations';
import { DEFAULT_SETTINGS } from '../../server/src/settings';

/** Waits (without timing anything) until `done` holds, checking every few milliseconds. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.ok(done(), 'in time');
}

/**
 * Typing into a served document: after many one-character incremental changes, what the server
 * reports is what a fresh analysis of the editor's text gives. This runs the whole chain — the
 * server's copy of the text, the edit log, and the analyzer moving its model through each edit.
 */
describe('typing into a release file over stdio', () => {
  let client: TestClient;
  const file = corpusFile('eu-un-2025.txt');
  const starter = parseRegister(readFileSync(join(repoRoot(), 'registers', 'starter.json'), 'utf8'), 'starter.json').register;

  before(async () => {
    client = await TestClient.start();
    await client.open(file.uri, 'diplomatic', file.text);
  });
  after(async () => {
    await client.stop();
  });

  it('reports after each burst of typing what a fresh analysis of the text gives', async () => {
    let seed = 7;
    const rng = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    let doc = TextDocument.create(file.uri, 'diplomatic', 1, file.text);
    for (let burst = 0; burst < 6; burst++) {
      for (let i = 0; i < 8; i++) {
        const text = doc.getText();
        const at = Math.floor(rng() * text.length);
        const remove = rng() < 0.3 && text[at] !== '\n' ? 1 : 0;
        const range = { start: doc.positionAt(at), end: doc.positionAt(at + remove) };
        doc = await client.change(file.uri, [{ range, text: remove ? '' : 'eaT n'[Math.floor(rng() * 5)] }]);
      }
      const served = await client.request<FileAnnotations | null>('attache/annotations', { uri: file.uri });
      assert.ok(served);
      const text = doc.getText();
      const register = DEFAULT_SETTINGS.registerUseStarter ? starter : undefined;
      const fresh = toFileAnnotations(TextDocument.create(file.uri, 'diplomatic', doc.version, text), analyzeDocument(text, { register }));
      assert.deepEqual(served.releases, fresh.releases, `releases after burst ${burst}`);
      assert.deepEqual(served.officials, fresh.officials, `officials after burst ${burst}`);
      assert.deepEqual(served.dates, fresh.dates, `dates after burst ${burst}`);
      assert.deepEqual(served.diagnostics.map((d) => [d.code, d.range]), fresh.diagnostics.map((d) => [d.code, d.range]), `diagnostics after burst ${burst}`);
    }
  });

  it('outlines a large archive from its releases alone, then analyses the rest', async () => {
    const releases: string[] = [];
    for (let i = 0; i < 2100; i++) releases.push(`Meeting ${i + 1}\n\nSource: NATO\n\nOn Monday, 3 March 2025, Mr Mark Rutte met delegation ${i + 1}.`);
    // A weekday that does not match its date, and a name written two ways: one finding the
    // releases and dates alone tell, one that needs people linked.
    releases[5] = releases[5].replace('On Monday', 'On Tuesday');
    releases[7] = releases[7].replace('Mr Mark Rutte met', 'The Minister of Foreign Affairs of Lithuania, Mr Kęstutis Budrys, and Minister Kestutis Budrys met');
    const uri = file.uri.replace('eu-un-2025.txt', 'archive.txt');
    const text = releases.join('\n\n');
    await client.open(uri, 'diplomatic', text);
    const outline = await client.request<{ name: string; detail?: string; children?: unknown[] }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(outline.length, 2100);
    assert.deepEqual(outline[2099], { ...outline[2099], name: 'Meeting 2100', detail: 'NATO · 2025-03-03' });
    assert.ok(outline.every((s) => (s.children ?? []).length === 0), 'above the limit, releases only');
    const served = await client.request<FileAnnotations | null>('attache/annotations', { uri });
    assert.equal(served?.releases.length, 2100);
    assert.ok((served?.officials.length ?? 0) >= 2, 'and then the people, once the whole analysis ran');
    // Diagnostics: first what releases and dates tell, then everything.
    await until(() => (client.diagnostics.get(uri) ?? []).length >= 2);
    const [early, full] = client.diagnostics.get(uri) ?? [];
    assert.deepEqual(early.diagnostics.map((d) => d.code), ['date.weekday-mismatch']);
    const codes = full.diagnostics.map((d) => d.code);
    assert.ok(codes.includes('date.weekday-mismatch') && codes.includes('official.name-variant'), codes.join(', '));
  });
});
