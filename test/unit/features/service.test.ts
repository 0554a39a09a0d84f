import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService, type DocumentStore } from '../../../server/src/service';
import { DEFAULT_SETTINGS, validateSettings, type AttacheSettings } from '../../../server/src/settings';
import { release } from './fixture';
import { modelRevision, analyzeDocument } from '../../../server/src/core/analyze';
import { SAMPLE } from './sample';

const RELEASES = SAMPLE.join('\n');
const WRONG = [...release('Title', 'NATO', 'On Thursday, 19 March 2025, Mr Mark Rutte spoke.')].join('\n');

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `test` holds, polling; fails after two seconds (a loaded machine is slow, not wrong). */
async function until(what: string, test: () => boolean): Promise<void> {
  for (let waited = 0; !test(); waited += 5) {
    if (waited > 2000) assert.fail(`timed out waiting for ${what}`);
    await wait(5);
  }
}

/** A service over a map of documents, recording what it publishes. */
function setup(options: { settings?: AttacheSettings; faults?: string[] } = {}) {
  const docs = new Map<string, TextDocument>();
  const store: DocumentStore = { get: (uri) => docs.get(uri), all: () => [...docs.values()] };
  const sent: PublishDiagnosticsParams[] = [];
  const errors: string[] = [];
  let settings = options.settings ?? { ...DEFAULT_SETTINGS, severity: {} };
  const service = new LanguageService(
    store,
    {
      sendDiagnostics: (p) => sent.push(p),
      settings: () => settings,
      settingsReady: Promise.resolve(),
      logError: (m) => errors.push(m),
      trace: () => undefined,
      checkFault: (f) => {
        if (options.faults?.includes(f)) throw new Error(`fault in ${f}`);
      },
    },
    { diagnosticsDelayMs: 100 },
  );
  const open = (uri: string, languageId: string, text: string): TextDocument => {
    const doc = TextDocument.create(uri, languageId, 1, text);
    docs.set(uri, doc);
    service.documentOpened(doc);
    return doc;
  };
  const change = (doc: TextDocument, text: string, notify = true): TextDocument => {
    const next = TextDocument.update(doc, [{ text }], doc.version + 1);
    docs.set(doc.uri, next);
    if (notify) service.documentChanged(next);
    return next;
  };
  const close = (uri: string): void => {
    docs.delete(uri);
    service.documentClosed(uri);
  };
  return { service, sent, errors, open, change, close, setSettings: (s: AttacheSettings) => (settings = s) };
}

describe('which documents are served', () => {
  it('serves diplomatic always and plain text only when it looks like releases', () => {
    const { service, open } = setup();
    assert.equal(service.isServed(open('file:///a', 'diplomatic', 'anything at all')), true);
    assert.equal(service.isServed(open('file:///b', 'plaintext', RELEASES)), true);
    assert.equal(service.isServed(open('file:///c', 'plaintext', 'Shopping list\n\nMilk.')), false);
    assert.equal(service.isServed(open('file:///d', 'markdown', RELEASES)), false);
    assert.deepEqual(service.allServed().map((d) => d.uri), ['file:///a', 'file:///b']);
    assert.equal(service.served('file:///c'), undefined);
  });

  it('checks plain text again when it changes', () => {
    const { service, open, change } = setup();
    const doc = open('file:///b', 'plaintext', 'Shopping list');
    assert.equal(service.isServed(doc), false);
    assert.equal(service.isServed(change(doc, RELEASES)), true);
  });

  it('serves nothing when disabled, and no plain text when detection is off', () => {
    const { service, open, setSettings } = setup();
    const diplomatic = open('file:///a', 'diplomatic', RELEASES);
    const plain = open('file:///b', 'plaintext', RELEASES);
    setSettings(validateSettings({ plainText: { detect: false } }).settings);
    assert.equal(service.isServed(plain), false);
    assert.equal(service.isServed(diplomatic), true);
    setSettings(validateSettings({ enable: false }).settings);
    assert.equal(service.isServed(diplomatic), false);
  });
});

describe('models', () => {
  it('analyses once per version', () => {
    const { service, open, change } = setup();
    const doc = open('file:///a', 'diplomatic', RELEASES);
    const model = service.modelOf(doc);
    assert.equal(model.findings.length, 0);
    const revision = modelRevision(model);
    assert.equal(service.modelOf(doc), model, 'the same version gives the cached model');
    assert.equal(modelRevision(model), revision, 'and is not analysed again');
    const next = change(doc, WRONG);
    // The analyzer moves its model through the edit: the model of the new version is up to date.
    assert.equal(service.modelOf(next).findings.length, 1);
    assert.deepEqual(service.modelOf(next), analyzeDocument(next.getText()));
  });
});

describe('diagnostics publication', () => {
  it('publishes on open, with the version', async () => {
    const { sent, open } = setup();
    open('file:///a', 'diplomatic', WRONG);
    await until('a publication', () => sent.length > 0);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].version, 1);
    assert.deepEqual(sent[0].diagnostics.map((d) => d.code), ['date.weekday-mismatch']);
  });

  it('waits for typing to pause and publishes only the last version', async () => {
    const { sent, open, change } = setup();
    let doc = open('file:///a', 'diplomatic', RELEASES);
    await until('the publication on open', () => sent.length > 0);
    sent.length = 0;
    const started = Date.now();
    for (let i = 0; i < 5; i++) doc = change(doc, i % 2 ? RELEASES : WRONG);
    await until('a publication after the pause', () => sent.length > 0);
    assert.ok(Date.now() - started >= 90, 'not before the delay');
    await wait(150);
    assert.equal(sent.length, 1, 'one publication for the burst');
    assert.equal(sent[0].version, doc.version);
  });

  it('drops work for a version that is no longer current', async () => {
    const { sent, open, change } = setup();
    const doc = open('file:///a', 'diplomatic', WRONG);
    change(doc, RELEASES, false); // the edit arrives before the scheduled work runs
    await wait(50);
    assert.equal(sent.length, 0);
  });

  it('clears on close, and when plain text stops looking like releases', async () => {
    const { sent, open, change, close } = setup();
    const doc = open('file:///b', 'plaintext', WRONG);
    await until('the publication on open', () => sent.length === 1);
    change(doc, 'Just some notes now.');
    await until('the clearing', () => sent.length === 2);
    assert.deepEqual(sent.at(-1), { uri: 'file:///b', diagnostics: [] });
    open('file:///a', 'diplomatic', WRONG);
    await until('the publication of a', () => sent.length === 3);
    close('file:///a');
    assert.deepEqual(sent.at(-1), { uri: 'file:///a', diagnostics: [] });
  });

  it('never publishes for an unrelated plain-text file', async () => {
    const { sent, open, close } = setup();
    open('file:///n', 'plaintext', 'On Thursday, 19 March 2025 I bought milk.');
    await wait(50);
    close('file:///n');
    assert.deepEqual(sent, []);
  });

  it('publishes again when the settings change', async () => {
    const { service, sent, open, setSettings } = setup();
    open('file:///a', 'diplomatic', WRONG);
    await until('the publication on open', () => sent.length === 1);
    setSettings(validateSettings({ diagnostics: { severity: { 'date.weekday-mismatch': 'off' } } }).settings);
    service.settingsChanged();
    await until('the publication after the change', () => sent.length === 2);
    assert.deepEqual(sent.at(-1)?.diagnostics, []);
  });

  it('logs a failure and keeps going', async () => {
    const { sent, errors, open } = setup({ faults: ['diagnostics'] });
    open('file:///a', 'diplomatic', WRONG);
    await until('the error', () => errors.length > 0);
    assert.deepEqual(sent, []);
    assert.match(errors[0], /fault in diagnostics/);
  });
});
