/**
 * The `attache/annotations` request: the annotation contract's answer for one open document, as
 * the server computes it (releases, officials, dates, diagnostics).
 */
import * as vscode from 'vscode';
import { RequestType } from 'vscode-languageclient/node';
import type { FileAnnotations } from '../../server/src/annotations';
import type { AttacheClient } from './attacheClient';

export type { FileAnnotations, ReleaseAnnotation } from '../../server/src/annotations';

/** An LSP range as the contract writes it: 0-based lines, UTF-16 characters, end exclusive. */
export interface ContractRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Parameters of `attache/annotations`. */
export interface AnnotationsParams {
  uri: string;
}

/** `attache/annotations`: the FileAnnotations of an open document, or null where it holds no releases. */
export const AnnotationsRequest = new RequestType<AnnotationsParams, FileAnnotations | null, void>('attache/annotations');

/** The contract's range as an editor range. */
export function toRange(range: ContractRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/**
 * Asks the server for a document's annotations.
 * @returns null where the server is down, does not read the document, or finds no releases in it
 * @throws where the server fails the request
 */
export async function requestAnnotations(
  client: AttacheClient,
  document: vscode.TextDocument,
  token?: vscode.CancellationToken,
): Promise<FileAnnotations | null> {
  const languageClient = client.languageClient;
  if (!languageClient || !client.serves(document)) return null;
  const uri = languageClient.code2ProtocolConverter.asUri(document.uri);
  return languageClient.sendRequest(AnnotationsRequest, { uri }, token);
}

/**
 * A document's annotations for a command; where there are none, tells the user why (without
 * waiting for an answer, so that commands driven by tests never block on a notification).
 * @returns null after telling the user
 */
export async function annotationsForCommand(
  client: AttacheClient,
  document: vscode.TextDocument | undefined,
): Promise<FileAnnotations | null> {
  if (!client.enabled) {
    offer('Attaché is turned off (setting attache.enable).', { 'Open Settings': () => openSetting('attache.enable') });
    return null;
  }
  if (!document) {
    void vscode.window.showInformationMessage('Open a file of releases first.');
    return null;
  }
  if (!client.isRunning) {
    offer('The Attaché language server is not running.', {
      'Restart Server': () => vscode.commands.executeCommand('attache.restartServer'),
      'Show Output': () => client.outputChannel.show(true),
    });
    return null;
  }
  if (!client.serves(document)) {
    void vscode.window.showInformationMessage(
      `Attaché does not read ${fileName(document.uri)}: open a Diplomatic Release file (.release, .releases) or plain text holding releases.`,
    );
    return null;
  }
  try {
    const annotations = await requestAnnotations(client, document);
    if (!annotations) void vscode.window.showInformationMessage(`Attaché found no releases in ${fileName(document.uri)}.`);
    return annotations;
  } catch (error) {
    client.outputChannel.appendLine(`[client] attache/annotations failed for ${document.uri.toString()}: ${String(error)}`);
    offer(`Attaché could not read the releases of ${fileName(document.uri)}.`, { 'Show Output': () => client.outputChannel.show(true) });
    return null;
  }
}

/** The last segment of a URI's path, for messages. */
export function fileName(uri: vscode.Uri): string {
  const path = uri.path;
  return path.slice(path.lastIndexOf('/') + 1) || uri.toString();
}

function offer(message: string, actions: Record<string, () => unknown>): void {
  void vscode.window.showWarningMessage(message, ...Object.keys(actions)).then((choice) => {
    if (choice) void Promise.resolve(actions[choice]());
  });
}

function openSetting(id: string): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', id);
}
