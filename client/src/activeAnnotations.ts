/**
 * The annotations of the document the user is looking at, kept fresh for the views: refetched
 * when the active editor changes, shortly after the document stops changing, and when the server
 * (re)starts.
 */
import * as vscode from 'vscode';
import { requestAnnotations, type FileAnnotations } from './annotations';
import type { AttacheClient } from './attacheClient';

/** How long the document must rest after an edit before its annotations are fetched again. */
const EDIT_DEBOUNCE_MS = 300;

/** Editors that never become "the document": focusing the Output panel should not empty the views. */
const PASSING_SCHEMES = new Set(['output', 'debug']);

/** What the views show. */
export interface AnnotatedDocument {
  /** The document followed, or undefined where no document applies. */
  readonly document: vscode.TextDocument | undefined;
  /** Its annotations; null where the server does not read it, is down, or found no releases. */
  readonly annotations: FileAnnotations | null;
  /** True while newer annotations are being fetched. */
  readonly loading: boolean;
}

/** Follows the active document and fetches its annotations. */
export class ActiveAnnotations implements vscode.Disposable {
  private document: vscode.TextDocument | undefined;
  private annotations: FileAnnotations | null = null;
  private loading = false;
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;
  private cancellation: vscode.CancellationTokenSource | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<AnnotatedDocument>();
  private readonly subscriptions: vscode.Disposable[];

  /** Fires when the followed document, its annotations or the loading state change. */
  readonly onDidChange = this.changeEmitter.event;

  /** @param client the server to ask */
  constructor(private readonly client: AttacheClient) {
    this.subscriptions = [
      this.changeEmitter,
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor?.document)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document && event.contentChanges.length > 0) this.schedule(EDIT_DEBOUNCE_MS);
      }),
      // Switching a document's language closes it and opens a new one with the same URI.
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (document === vscode.window.activeTextEditor?.document) this.follow(document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document === this.document) this.follow(vscode.window.activeTextEditor?.document);
      }),
      client.onDidChangeState(() => this.schedule(0)),
    ];
    this.follow(vscode.window.activeTextEditor?.document);
  }

  /** The current state. */
  get current(): AnnotatedDocument {
    return { document: this.document, annotations: this.annotations, loading: this.loading };
  }

  /** Fetches the annotations again now. */
  refresh(): void {
    this.schedule(0);
  }

  /** Stops following. */
  dispose(): void {
    clearTimeout(this.timer);
    this.cancellation?.cancel();
    this.cancellation?.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private follow(document: vscode.TextDocument | undefined): void {
    if (document && PASSING_SCHEMES.has(document.uri.scheme)) return;
    if (!document) {
      // Focus moved to a panel or a webview: keep showing the last document while it is still open.
      if (this.document && !this.document.isClosed && vscode.window.visibleTextEditors.length > 0) return;
    }
    if (document === this.document && document !== undefined) return;
    this.document = document;
    this.annotations = null;
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.load(), delayMs);
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    this.cancellation?.cancel();
    this.cancellation?.dispose();
    this.cancellation = undefined;
    const document = this.document;
    if (!document || document.isClosed || !this.client.serves(document)) {
      this.annotations = null;
      this.loading = false;
      this.changeEmitter.fire(this.current);
      return;
    }
    const cancellation = new vscode.CancellationTokenSource();
    this.cancellation = cancellation;
    this.loading = true;
    this.changeEmitter.fire(this.current);
    let annotations: FileAnnotations | null = null;
    try {
      annotations = await requestAnnotations(this.client, document, cancellation.token);
    } catch (error) {
      if (generation === this.generation) {
        this.client.outputChannel.appendLine(`[client] attache/annotations failed for ${document.uri.toString()}: ${String(error)}`);
      }
    }
    // A newer request (another edit, another editor) owns the result now.
    if (generation !== this.generation) return;
    this.annotations = annotations;
    this.loading = false;
    this.changeEmitter.fire(this.current);
  }
}
