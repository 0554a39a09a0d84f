/**
 * Plain-text files that hold releases become Diplomatic Release documents: the archives press
 * offices keep are `.txt` files. Only the language mode changes; the text is never touched.
 */
import * as vscode from 'vscode';
import { looksLikeReleases } from '../../server/src/core/releases';
import { DIPLOMATIC, PLAIN_TEXT_SCHEMES, readSettings } from './attacheClient';

/** How long an edited plain-text document must rest before it is looked at again. */
const EDIT_DEBOUNCE_MS = 500;

/**
 * Changing a document's language closes it and at once opens it again; a close that no open
 * follows within this time is the user closing the file.
 */
const REOPEN_GRACE_MS = 1000;

/** Lines read to decide; `looksLikeReleases` reads no more than the first 64 KiB anyway. */
const HEAD_LINES = 2000;

/**
 * Context key: the active editor shows plain text that holds releases (the user switched it back
 * to Plain Text). Commands that need releases are offered there too.
 */
export const PLAIN_TEXT_RELEASES_CONTEXT = 'attache.plainTextReleases';

/** True where the document is plain text that Attaché may serve (on disk or unsaved). */
export function isCandidate(document: vscode.TextDocument): boolean {
  return document.languageId === 'plaintext' && PLAIN_TEXT_SCHEMES.includes(document.uri.scheme);
}

/** True where the start of the document reads like a file of releases. */
export function holdsReleases(document: vscode.TextDocument): boolean {
  const end = Math.min(document.lineCount, HEAD_LINES);
  const head = end >= document.lineCount ? document.getText() : document.getText(new vscode.Range(0, 0, end, 0));
  return looksLikeReleases(head);
}

/**
 * Switches plain-text documents that look like releases to the Diplomatic Release language, when
 * they open and (for documents that start empty, such as a new file pasted into) after edits.
 * A document is switched once while it stays open, so choosing Plain Text again sticks until the
 * file is closed.
 */
export class PlainTextDetection implements vscode.Disposable {
  private readonly switched = new Set<string>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly forgetting = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[];
  private contextValue: boolean | undefined;

  /** @param log where to note each switch */
  constructor(private readonly log: vscode.OutputChannel) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((document) => {
        this.keep(document);
        this.consider(document);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0 && isCandidate(event.document)) this.considerLater(event.document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document)),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContext()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('attache')) {
          for (const document of vscode.workspace.textDocuments) this.consider(document);
          this.updateContext();
        }
      }),
    ];
    for (const document of vscode.workspace.textDocuments) this.consider(document);
    this.updateContext();
  }

  /** Stops watching. */
  dispose(): void {
    for (const timer of [...this.pending.values(), ...this.forgetting.values()]) clearTimeout(timer);
    this.pending.clear();
    this.forgetting.clear();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private consider(document: vscode.TextDocument): void {
    if (!isCandidate(document)) return;
    const settings = readSettings();
    if (!settings.enable || !settings.detectPlainText) return;
    const key = document.uri.toString();
    if (this.switched.has(key) || !holdsReleases(document)) return;
    this.switched.add(key);
    void this.switchLanguage(document);
  }

  private considerLater(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        if (document.isClosed) return;
        this.consider(document);
        if (document === vscode.window.activeTextEditor?.document) this.updateContext();
      }, EDIT_DEBOUNCE_MS),
    );
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    if (!this.switched.has(key)) return;
    clearTimeout(this.forgetting.get(key));
    this.forgetting.set(
      key,
      setTimeout(() => {
        this.forgetting.delete(key);
        this.switched.delete(key);
      }, REOPEN_GRACE_MS),
    );
  }

  /** A document reopened at once (its language changed) keeps its history. */
  private keep(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.forgetting.get(key));
    this.forgetting.delete(key);
  }

  private async switchLanguage(document: vscode.TextDocument): Promise<void> {
    try {
      await vscode.languages.setTextDocumentLanguage(document, DIPLOMATIC);
      this.log.appendLine(`[client] ${document.uri.toString()} holds releases: switched it to Diplomatic Release.`);
    } catch (error) {
      this.log.appendLine(`[client] Could not switch ${document.uri.toString()} to Diplomatic Release: ${String(error)}`);
    }
  }

  private updateContext(): void {
    const document = vscode.window.activeTextEditor?.document;
    const settings = readSettings();
    const value = !!document && settings.enable && settings.detectPlainText && isCandidate(document) && holdsReleases(document);
    if (value === this.contextValue) return;
    this.contextValue = value;
    void vscode.commands.executeCommand('setContext', PLAIN_TEXT_RELEASES_CONTEXT, value);
  }
}
