/**
 * `attache.restartServer` (Restart Server): stops the language server and starts a fresh one.
 */
import * as vscode from 'vscode';
import type { AttacheClient } from '../attacheClient';

/**
 * Makes the handler of Restart Server.
 * @returns the handler; it resolves to whether the server runs afterwards
 */
export function restartServer(client: AttacheClient): () => Promise<boolean> {
  return async () => {
    if (!client.enabled) {
      void vscode.window
        .showInformationMessage('Attaché is turned off (setting attache.enable).', 'Open Settings')
        .then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'attache.enable');
        });
      return false;
    }
    const running = await client.restart();
    // A start failure has already been shown, with its reason.
    if (running) vscode.window.setStatusBarMessage('$(check) Attaché server restarted', 3000);
    return running;
  };
}
