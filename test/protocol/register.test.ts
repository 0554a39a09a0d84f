/**
 * The officials register through the real server: its problems shown in the register file
 * itself, the starter register's tenures checked in a release, hover and inlay hints from it.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover, InlayHint, MarkupContent } from 'vscode-languageserver-protocol';
import { TestClient } from './client';

const RELEASE = [
  'Secretary General visits Kyiv',
  '',
  'Source: NATO',
  '',
  'On Wednesday, 19 March 2025, NATO Secretary General Jens Stoltenberg visited Kyiv. The Secretary General met President Volodymyr Zelenskyy.',
  '',
].join('\n');

describe('the officials register over stdio', () => {
  let client: TestClient;
  let registerUri: string;
  before(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'attache-register-'));
    mkdirSync(join(folder, '.attache'));
    const registerPath = join(folder, '.attache', 'officials.json');
    // A register with one good entry and one broken date.
    writeFileSync(
      registerPath,
      JSON.stringify({ version: 1, people: [{ id: 'test-person', name: 'Ada Example', roles: [{ title: 'Envoy', organization: 'NATO', start: '2025-13-01' }] }] }, null, 2),
    );
    registerUri = pathToFileURL(registerPath).href;
    client = await TestClient.start({ folders: [folder] });
  });
  after(async () => {
    await client.stop();
  });

  it('shows a malformed register’s problems in the register file, naming the field', async () => {
    const params = await client.waitFor('register diagnostics', () => client.diagnostics.get(registerUri)?.at(-1));
    assert.ok(params.diagnostics.some((d) => d.source === 'attache' && /roles\[0\]\.start/.test(d.message)), JSON.stringify(params.diagnostics));
  });

  it('reports a role given outside its holder’s tenure, from the starter register', async () => {
    const uri = 'file:///tmp/attache-register-kyiv.releases';
    await client.open(uri, 'diplomatic', RELEASE);
    const { diagnostics } = await client.diagnosticsFor(uri);
    const tenure = diagnostics.find((d) => d.code === 'official.outside-tenure');
    assert.ok(tenure, JSON.stringify(diagnostics));
    assert.match(tenure.message, /Jens Stoltenberg held the office "NATO Secretary General" from 2014-10-01 to 2024-10-01/);
  });

  it('names the holder of an office named alone, in an inlay hint and in hover', async () => {
    const uri = 'file:///tmp/attache-register-kyiv.releases';
    const hints = await client.request<InlayHint[] | null>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } } });
    const labels = (hints ?? []).map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
    assert.ok(labels.some((l) => /Mark Rutte/.test(l)), JSON.stringify(labels));
    const line = RELEASE.split('\n')[4];
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: line.indexOf('The Secretary General') + 6 } });
    assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /Mark Rutte/);
  });
});
