// Smoke test: the extension loads in a real VS Code and the test workspace is usable.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { test } from './index';

const EXTENSION_ID = 'attache.attache';

/** Polls `probe` until it returns a value: extensions register shortly after the host starts. */
async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('the extension is installed and activates', async () => {
  const extension = await waitFor(() => vscode.extensions.getExtension(EXTENSION_ID), `extension ${EXTENSION_ID}`);
  await extension.activate();
  assert.ok(extension.isActive, `${EXTENSION_ID} is active`);
});

test('nato-2025-03.txt opens from the workspace', async () => {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  const uri = vscode.Uri.joinPath(folder.uri, 'nato-2025-03.txt');
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  assert.strictEqual(document.uri.toString(), uri.toString());
  assert.ok(document.lineCount > 1, `the document has text (${document.lineCount} lines)`);
  assert.strictEqual(editor.document, document, 'the document is shown in the active editor');
});
