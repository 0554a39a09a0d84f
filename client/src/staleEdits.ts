/**
 * Quick fixes that write to another file (the officials register) are worked out by the server on
 * that file as saved: the client does not send it JSON files it has open. Where such a file is
 * open with unsaved changes, the fix would land at the saved file's places in a different text;
 * it is offered disabled, with the reason, until the file is saved.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

/** An open document with unsaved changes, other than `except`, that an edit writes to. */
function unsavedTarget(edit: vscode.WorkspaceEdit, except: vscode.Uri): vscode.Uri | undefined {
  const dirty = new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.toString()));
  for (const [uri] of edit.entries()) {
    if (uri.toString() !== except.toString() && dirty.has(uri.toString())) return uri;
  }
  return undefined;
}

export const disableStaleEdits: NonNullable<Middleware['provideCodeActions']> = async (document, range, context, token, next) => {
  const actions = await next(document, range, context, token);
  if (!actions) return actions;
  for (const action of actions) {
    if (!(action instanceof vscode.CodeAction) || !action.edit) continue;
    const target = unsavedTarget(action.edit, document.uri);
    if (target) action.disabled = { reason: `Save ${path.basename(target.fsPath)} first: this change was worked out from the saved file.` };
  }
  return actions;
};
