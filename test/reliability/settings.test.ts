/**
 * Wrong settings over the protocol: the test client answers `workspace/configuration` with wrong
 * values (or pushes them, or fails to answer); the server shows a message naming each setting,
 * falls back to the default, and keeps serving.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseError } from 'vscode-languageserver-protocol/node';
import { CAPABILITIES, corpusFile, TestClient } from '../protocol/client';

const planted = corpusFile('planted-errors-dev.txt');

/** The severity of each code in the diagnostics published for a document's current version. */
async function severities(client: TestClient, uri: string): Promise<Map<string, number>> {
  const published = await client.diagnosticsFor(uri);
  return new Map(published.diagnostics.map((d) => [String(d.code), d.severity ?? 0]));
}

describe('wrong settings, read through workspace/configuration', () => {
  const clients: TestClient[] = [];
  after(async () => {
    await Promise.all(clients.map((c) => c.stop()));
  });

  it('names attache.enable and attache.diagnostics.severity, and uses their defaults', async () => {
    const client = await TestClient.start({ settings: { enable: 'yes', diagnostics: { severity: { 'date.invalid': 'loud' } } } });
    clients.push(client);
    await client.open(planted.uri, 'diplomatic', planted.text);
    await client.waitFor('two warnings', () => client.warnings.length >= 2);
    const enable = client.warnings.find((w) => w.includes('"attache.enable"'));
    const severity = client.warnings.find((w) => w.includes('"attache.diagnostics.severity"'));
    assert.ok(enable, `a warning names attache.enable: ${client.warnings.join(' | ')}`);
    assert.match(enable, /"yes"/, 'it quotes the wrong value');
    assert.match(enable, /using true/, 'it says what is used instead');
    assert.ok(severity, `a warning names attache.diagnostics.severity: ${client.warnings.join(' | ')}`);
    assert.match(severity, /"date\.invalid".*"loud".*Using "error"/);
    // The defaults in force: the server serves the file (enable: true) and date.invalid is an error.
    const codes = await severities(client, planted.uri);
    assert.equal(codes.get('date.invalid'), 1, 'date.invalid keeps its default severity, error');
    assert.equal(codes.get('release.empty'), 2, 'the other codes keep theirs');
    assert.ok(client.alive);
  });

  it('warns again only when a setting is broken anew, and applies a correction', async () => {
    const client = await TestClient.start({ settings: { diagnostics: { severity: { 'date.invalid': 'loud' } } } });
    clients.push(client);
    await client.open(planted.uri, 'diplomatic', planted.text);
    await client.waitFor('the first warning', () => client.warnings.length >= 1);
    assert.equal(client.warnings.length, 1);

    // Every kind of wrong value at once, pushed as a change.
    client.settings = {
      enable: 1,
      plainText: { detect: 'sometimes' },
      trace: { server: 'loud' },
      diagnostics: { severity: { 'date.invalid': 'loud', 'date.nope': 'off', 'release.empty': ['hint'] } },
    };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor('four new warnings', () => client.warnings.length >= 6);
    const fresh = client.warnings.slice(1).join('\n');
    for (const setting of ['attache.enable', 'attache.plainText.detect', 'attache.trace.server']) assert.ok(fresh.includes(`"${setting}"`), `a warning names ${setting}`);
    assert.match(fresh, /"date\.nope", which is no Attaché code/);
    assert.match(fresh, /"release\.empty" the value \["hint"\]/);
    assert.ok(!client.warnings.slice(1).some((w) => w.includes('"loud"') && w.includes('date.invalid')), 'the unchanged wrong value is not repeated');

    // Corrected: date.invalid off, release.empty a hint.
    client.settings = { diagnostics: { severity: { 'date.invalid': 'off', 'release.empty': 'hint' } } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor('diagnostics without date.invalid', () => {
      const last = client.diagnostics.get(planted.uri)?.at(-1);
      return last && !last.diagnostics.some((d) => d.code === 'date.invalid') && last.diagnostics.some((d) => d.code === 'release.empty' && d.severity === 4);
    });
    assert.ok(client.alive);
  });

  it('refuses a section that is not an object, and a severity table that is not one', async () => {
    const client = await TestClient.start({ settings: 42 });
    clients.push(client);
    await client.open(planted.uri, 'diplomatic', planted.text);
    await client.waitFor('a warning', () => client.warnings.length >= 1);
    assert.match(client.warnings[0], /"attache" should be an object, not 42; using the defaults/);
    client.settings = { diagnostics: { severity: 'quiet' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor('a second warning', () => client.warnings.length >= 2);
    assert.match(client.warnings[1], /"attache\.diagnostics\.severity" should map codes/);
    const codes = await severities(client, planted.uri);
    assert.equal(codes.get('date.invalid'), 1);
  });

  it('keeps a wrong value of any size to a readable message', async () => {
    const client = await TestClient.start({ settings: { enable: 'x'.repeat(100_000) } });
    clients.push(client);
    await client.waitFor('a warning', () => client.warnings.length >= 1);
    assert.match(client.warnings[0], /"attache\.enable"/);
    assert.ok(client.warnings[0].length < 400, `the message is short (${client.warnings[0].length} characters)`);
  });

  it('keeps the defaults and serves when the client fails to answer workspace/configuration', async () => {
    const client = await TestClient.start();
    clients.push(client);
    client.connection.onRequest('workspace/configuration', () => {
      throw new ResponseError(-32603, 'configuration unavailable');
    });
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.open(planted.uri, 'diplomatic', planted.text);
    const codes = await severities(client, planted.uri);
    assert.equal(codes.get('date.invalid'), 1);
    await client.waitFor('the failure in the log', () => client.logs.some((l) => l.includes('could not read its settings')));
    assert.ok(client.alive);
  });
});

describe('wrong settings pushed by a client without workspace/configuration', () => {
  it('names the setting and falls back to the default', async () => {
    const capabilities = { ...CAPABILITIES, workspace: { ...CAPABILITIES.workspace, configuration: false } };
    const client = await TestClient.start({ capabilities });
    try {
      await client.open(planted.uri, 'diplomatic', planted.text);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { attache: { enable: 'yes', diagnostics: { severity: { 'date.invalid': 'loud' } } } } });
      await client.waitFor('two warnings', () => client.warnings.length >= 2);
      assert.ok(client.warnings.some((w) => w.includes('"attache.enable"')));
      assert.ok(client.warnings.some((w) => w.includes('"attache.diagnostics.severity"') && w.includes('"loud"')));
      const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: planted.uri } });
      assert.equal(symbols.length, 10, 'still served: enable fell back to true');
      // A push of something that is no settings object at all.
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: 'nonsense' });
      const again = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: planted.uri } });
      assert.equal(again.length, 10);
      assert.ok(client.alive);
    } finally {
      await client.stop();
    }
  });
});
