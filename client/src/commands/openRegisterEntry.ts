/**
 * `attache.openRegisterEntry` (Open Register Entry): opens the officials register file at a
 * person's entry. Hovers link to it, and the register quick fixes run it to show the entry they
 * have just written.
 */
import * as vscode from 'vscode';
import { RequestType, type Middleware } from 'vscode-languageclient/node';
import type { OpenRegisterEntryArgs, RegisterEntryParams, RegisterLocation } from '../../../server/src/features/registerEntry';
import type { AttacheClient } from '../attacheClient';

/** The command's id (the server's hovers and code actions name it too). */
export const OPEN_REGISTER_ENTRY = 'attache.openRegisterEntry';

/** `attache/registerEntry`: `{ id }` → where the register writes that person, or null where it does not. */
export const RegisterEntryRequest = new RequestType<RegisterEntryParams, RegisterLocation | null, void>('attache/registerEntry');

/** The command's argument as given: an id, or `{ id, uri? }`; anything else is no argument. */
function readArgs(target: unknown): OpenRegisterEntryArgs | undefined {
  if (typeof target === 'string' && target.trim() !== '') return { id: target.trim() };
  if (typeof target !== 'object' || target === null) return undefined;
  const { id, uri } = target as { id?: unknown; uri?: unknown };
  if (typeof id !== 'string' || id.trim() === '') return undefined;
  return typeof uri === 'string' && uri !== '' ? { id: id.trim(), uri } : { id: id.trim() };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Where a document writes the entry `id` ("id": "mark-rutte"), for a file the server may not have
 * read since a quick fix wrote the entry into it.
 */
export function findEntryId(text: string, id: string): { start: number; end: number } | undefined {
  const match = new RegExp(`"id"\\s*:\\s*"${escapeRegExp(id)}"`).exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : undefined;
}

async function showAt(uri: vscode.Uri, range: vscode.Range | ((document: vscode.TextDocument) => vscode.Range | undefined)): Promise<vscode.TextEditor | undefined> {
  const document = await vscode.workspace.openTextDocument(uri);
  const selection = typeof range === 'function' ? range(document) : range;
  if (!selection) return undefined;
  const editor = await vscode.window.showTextDocument(document, { selection, preview: false });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/**
 * Makes the handler of Open Register Entry. With `{ id, uri }` it looks in that file first (the
 * one a quick fix just edited, whose entry the server may not have read yet), then asks the
 * server where the register writes the entry.
 * @returns the handler; it resolves to the editor showing the entry, or undefined
 */
export function openRegisterEntry(client: AttacheClient): (target?: unknown) => Promise<vscode.TextEditor | undefined> {
  return async (target) => {
    const args = readArgs(target);
    if (!args) {
      void vscode.window.showInformationMessage('Open Register Entry opens a person’s entry in the officials register: use the link in the hover of a person the register knows.');
      return undefined;
    }
    if (args.uri) {
      try {
        const shown = await showAt(vscode.Uri.parse(args.uri), (document) => {
          const found = findEntryId(document.getText(), args.id);
          return found ? new vscode.Range(document.positionAt(found.start), document.positionAt(found.end)) : undefined;
        });
        if (shown) return shown;
      } catch {
        // The file is not there (the edit was refused or undone): ask the server instead.
      }
    }
    const languageClient = client.languageClient;
    if (!languageClient) {
      void vscode.window.showWarningMessage('The Attaché language server is not running, so the officials register cannot be read.', 'Restart Server').then((choice) => {
        if (choice) void vscode.commands.executeCommand('attache.restartServer');
      });
      return undefined;
    }
    const location = await languageClient.sendRequest(RegisterEntryRequest, { id: args.id });
    if (!location) {
      void vscode.window.showInformationMessage(`The officials register has no entry "${args.id}".`);
      return undefined;
    }
    return showAt(languageClient.protocol2CodeConverter.asUri(location.uri), languageClient.protocol2CodeConverter.asRange(location.range));
  };
}

/**
 * Hover middleware: lets the "Open register entry" link of Attaché's hovers run, and nothing else.
 * The protocol's Markdown cannot say it is trusted, and trusting the whole hover would let a
 * crafted name run any command; so only hovers that hold the link are trusted, for this command alone.
 */
export const trustRegisterEntryLinks: NonNullable<Middleware['provideHover']> = async (document, position, token, next) => {
  const hover = await next(document, position, token);
  if (!hover) return hover;
  for (const content of hover.contents) {
    if (content instanceof vscode.MarkdownString && content.value.includes(`command:${OPEN_REGISTER_ENTRY}`)) {
      content.isTrusted = { enabledCommands: [OPEN_REGISTER_ENTRY] };
    }
  }
  return hover;
};
