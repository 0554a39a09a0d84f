// The client after a server crash: a test kills the language server process on purpose and
// checks that the client starts it again and that the features come back.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as vscode from 'vscode';
import { test } from './index';

/** Process ids of running Attaché language servers (the bundled dist/server.js). */
function serverPids(): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => /dist[\\/]server\.js/.test(line) && !/\bps\b/.test(line))
    .map((line) => Number(line.trim().split(/\s+/)[0]))
    .filter((pid) => Number.isInteger(pid) && pid !== process.pid);
}

async function outlineOf(uri: vscode.Uri): Promise<vscode.DocumentSymbol[] | undefined> {
  try {
    return await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
  } catch {
    return undefined;
  }
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('a killed server is started again and the outline comes back', async () => {
  const extension = vscode.extensions.getExtension('attache.attache');
  assert.ok(extension, 'the extension is installed');
  await extension.activate();
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  const uri = vscode.Uri.joinPath(folder.uri, 'nato-2025-03.txt');
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const before = await until(async () => {
    const symbols = await outlineOf(uri);
    return symbols && symbols.length === 10 ? symbols : undefined;
  }, 'the outline before the crash');
  assert.equal(before.length, 10);

  const pids = await until(async () => {
    const found = serverPids();
    return found.length > 0 ? found : undefined;
  }, 'a running language server');
  for (const pid of pids) process.kill(pid, 'SIGKILL');

  // A new server process, not one of the killed ones, and the features answer again.
  await until(async () => (serverPids().some((pid) => !pids.includes(pid)) ? true : undefined), 'a restarted language server');
  const after = await until(async () => {
    const symbols = await outlineOf(uri);
    return symbols && symbols.length === 10 ? symbols : undefined;
  }, 'the outline after the restart');
  assert.deepEqual(
    after.map((s) => s.name),
    before.map((s) => s.name),
  );
}, 90_000);
