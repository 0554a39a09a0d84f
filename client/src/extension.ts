/**
 * Attaché's entry point: starts the language client and registers the commands and views.
 * Everything else lives in the modules it wires together.
 */
import * as vscode from 'vscode';
import { ActiveAnnotations } from './activeAnnotations';
import { AttacheClient } from './attacheClient';
import { exportAnnotations } from './commands/exportAnnotations';
import { goToRelease } from './commands/goToRelease';
import { openRegisterEntry } from './commands/openRegisterEntry';
import { restartServer } from './commands/restartServer';
import { showOfficials } from './commands/showOfficials';
import { showOutput } from './commands/showOutput';
import { PlainTextDetection } from './plainTextDetection';
import { registerOfficialsView } from './views/officialsView';
import { registerReleaseStatus } from './views/releaseStatus';

let client: AttacheClient | undefined;

/** Activates the extension: registers commands and views, then starts the server. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel('Attaché');
  client = new AttacheClient(context, outputChannel);
  const annotations = new ActiveAnnotations(client);
  context.subscriptions.push(
    outputChannel,
    client,
    annotations,
    vscode.commands.registerCommand('attache.goToRelease', goToRelease(client)),
    vscode.commands.registerCommand('attache.showOfficials', showOfficials(client)),
    vscode.commands.registerCommand('attache.exportAnnotations', exportAnnotations(client)),
    vscode.commands.registerCommand('attache.openRegisterEntry', openRegisterEntry(client)),
    vscode.commands.registerCommand('attache.restartServer', restartServer(client)),
    vscode.commands.registerCommand('attache.showOutput', showOutput(client)),
    registerOfficialsView(annotations),
    registerReleaseStatus(client, annotations),
    // Before the server starts, so that release files opened as plain text reach it as releases.
    new PlainTextDetection(outputChannel),
  );
  // A start failure is reported to the user by the client; activation itself still succeeds, so
  // that Restart Server and Show Output remain available.
  if (client.enabled) await client.start();
}

/** Stops the server; VS Code waits for the returned promise. */
export function deactivate(): Promise<void> | undefined {
  const stopping = client?.stop();
  client = undefined;
  return stopping;
}
