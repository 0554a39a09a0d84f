import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, DocumentSymbol, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { corpusFile, pause, TestClient } from './client';
import { readGold } from './gold';

const SCORED = new Set([
  'date.weekday-mismatch',
  'date.invalid',
  'date.range-reversed',
  'release.missing-source',
  'release.empty',
  'release.duplicate-title',
  'official.name-variant',
  'official.role-conflict',
]);

describe('diagnostics over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  const planted = corpusFile('planted-errors-dev.txt');
  const gold = readGold('planted-errors-dev');

  it('reports each planted problem at its line, with source attache', async () => {
    await client.open(planted.uri, 'plaintext', planted.text);
    const { diagnostics } = await client.diagnosticsFor(planted.uri);
    for (const expected of gold.diagnostics) {
      assert.ok(
        diagnostics.some((d) => d.code === expected.code && d.range.start.line + 1 === expected.line),
        `${expected.code} on line ${expected.line}; got ${JSON.stringify(diagnostics.map((d) => [d.code, d.range.start.line + 1]))}`,
      );
    }
    assert.ok(diagnostics.every((d) => d.source === 'attache' && typeof d.code === 'string'));
    await client.close(planted.uri);
  });

  it('reports nothing scored in the clean releases', async () => {
    await client.open(planted.uri, 'diplomatic', planted.text);
    const { diagnostics } = await client.diagnosticsFor(planted.uri);
    const starts = gold.releases.map((r) => r.line);
    const releaseOf = (line: number): number => starts.filter((s) => s <= line).length - 1;
    const withProblems = new Set(gold.diagnostics.map((d) => releaseOf(d.line)));
    const clean = starts.map((_, i) => i).filter((i) => !withProblems.has(i));
    assert.ok(clean.length >= 2, 'the corpus has clean releases');
    for (const d of diagnostics) {
      const release = releaseOf(d.range.start.line + 1);
      assert.ok(!clean.includes(release) || !SCORED.has(String(d.code)), `no ${d.code} in clean release "${gold.releases[release].title}" (line ${d.range.start.line + 1})`);
    }
    await client.close(planted.uri);
  });

  it('fixes a weekday with a quick fix, and the diagnostic goes away', async () => {
    await client.open(planted.uri, 'diplomatic', planted.text);
    const { diagnostics } = await client.diagnosticsFor(planted.uri);
    const weekday = diagnostics.find((d) => d.code === 'date.weekday-mismatch');
    assert.ok(weekday, 'a weekday mismatch to fix');
    const elsewhere = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };
    const none = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: planted.uri }, range: elsewhere, context: { diagnostics: [] } });
    assert.ok(!(none ?? []).some((a) => a.diagnostics?.some((d) => d.code === 'date.weekday-mismatch')), 'no weekday fix away from the diagnostic');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: planted.uri }, range: weekday.range, context: { diagnostics: [weekday] } });
    const fix = actions.find((a) => a.kind === 'quickfix' && a.isPreferred && a.diagnostics?.[0]?.code === 'date.weekday-mismatch');
    assert.ok(fix?.edit?.changes, 'a preferred quick fix with an edit');
    const edits: TextEdit[] = fix.edit.changes[planted.uri];
    // Apply it as an editor does: incremental changes, last first so that ranges stay valid.
    const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    const doc = await client.change(planted.uri, sorted.map((e) => ({ range: e.range, text: e.newText })));
    assert.equal(doc.getText(), TextDocument.applyEdits(TextDocument.create('x', 'x', 0, planted.text), edits));
    const after = await client.diagnosticsFor(planted.uri);
    assert.ok(!after.diagnostics.some((d) => d.code === 'date.weekday-mismatch' && d.range.start.line === weekday.range.start.line), 'the weekday mismatch is gone');
    assert.equal(after.diagnostics.length, diagnostics.length - 1, 'and nothing else changed');
    await client.close(planted.uri);
  });

  it('gives an unrelated plain-text file nothing', async () => {
    const uri = 'file:///tmp/attache-notes.txt';
    await client.open(uri, 'plaintext', 'Shopping list\n\nOn Thursday, 19 March 2025 buy milk.\nMr Mark Rutte is not here.\n');
    const symbols = await client.request<DocumentSymbol[] | null>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols === null || symbols.length === 0, 'no outline');
    await pause(500);
    assert.ok((client.diagnostics.get(uri) ?? []).every((p) => p.diagnostics.length === 0), 'no diagnostics');
    await client.close(uri);
  });

  it('follows incremental edits, and starts serving plain text once it looks like releases', async () => {
    const uri = 'file:///tmp/attache-draft.txt';
    await client.open(uri, 'plaintext', 'Draft notes\n');
    await pause(300);
    assert.equal(client.diagnostics.get(uri), undefined, 'not served yet');
    // Type the release in several incremental edits, as an editor sends them.
    await client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\nSource: NATO\n\n' }]);
    await client.change(uri, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: 'On Thursday, 19 March 2025, the NATO Secretary General, Mr Mark Rutte, spoke.\n' }]);
    let published = await client.diagnosticsFor(uri);
    assert.deepEqual(published.diagnostics.map((d) => [d.code, d.range.start.line]), [['date.weekday-mismatch', 4]]);
    const line = client.documents.get(uri)!.getText().split('\n')[4];
    const at = line.indexOf('Thursday');
    await client.change(uri, [{ range: { start: { line: 4, character: at }, end: { line: 4, character: at + 'Thursday'.length } }, text: 'Wednesday' }]);
    published = await client.diagnosticsFor(uri);
    assert.deepEqual(published.diagnostics, [], 'the fixed weekday clears the diagnostic');
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => s.name), ['Draft notes'], "the server's text matches the client's");
    assert.equal(symbols[0].detail, 'NATO · 2025-03-19');
    await client.close(uri);
    await client.waitFor('cleared on close', () => client.diagnostics.get(uri)?.at(-1)?.diagnostics.length === 0);
  });

  it('debounces a burst of edits into one publication', async () => {
    const uri = 'file:///tmp/attache-burst.releases';
    await client.open(uri, 'diplomatic', 'Burst\n\nSource: NATO\n\nOn 19 March 2025, Mr Mark Rutte spoke.\n');
    await client.diagnosticsFor(uri);
    const before = client.diagnostics.get(uri)!.length;
    for (let i = 0; i < 10; i++) {
      await client.change(uri, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: 'x' }]);
    }
    await client.diagnosticsFor(uri);
    await pause(300);
    const published = client.diagnostics.get(uri)!.slice(before);
    assert.equal(published.length, 1, `one publication for ten quick edits, got versions ${published.map((p) => p.version).join(', ')}`);
    assert.equal(published[0].version, 11);
    await client.close(uri);
  });
});

describe('diagnostic settings over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ settings: { diagnostics: { severity: { 'date.weekday-mismatch': 'error', 'date.invalid': 'off', 'release.empty': 'loud' } } } });
  });
  after(async () => {
    await client.stop();
  });

  it('grades by the settings and warns about a wrong value, naming the setting', async () => {
    const planted = corpusFile('planted-errors-dev.txt');
    await client.open(planted.uri, 'diplomatic', planted.text);
    const { diagnostics } = await client.diagnosticsFor(planted.uri);
    const of = (code: string): Diagnostic | undefined => diagnostics.find((d) => d.code === code);
    assert.equal(of('date.weekday-mismatch')?.severity, 1, 'error by setting');
    assert.equal(of('date.invalid'), undefined, 'off by setting');
    assert.equal(of('release.empty')?.severity, 2, 'a wrong value falls back to the default (warning)');
    await client.waitFor('a warning', () => client.warnings.find((w) => w.includes('attache.diagnostics.severity') && w.includes('release.empty')));
    assert.ok(client.registrations.includes('workspace/didChangeConfiguration'));

    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor('republished with defaults', () => client.diagnostics.get(planted.uri)?.at(-1)?.diagnostics.some((d) => d.code === 'date.invalid'));

    client.settings = { enable: false };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor('cleared when disabled', () => client.diagnostics.get(planted.uri)?.at(-1)?.diagnostics.length === 0);
    await client.waitFor('semantic tokens refreshed', () => client.tokenRefreshes > 0);
    const symbols = await client.request<DocumentSymbol[] | null>('textDocument/documentSymbol', { textDocument: { uri: planted.uri } });
    assert.equal(symbols, null, 'nothing served while disabled');
    await client.close(planted.uri);
  });
});
