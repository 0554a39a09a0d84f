/**
 * The editor's side of the Attaché language server: starts, stops and restarts it, and follows the
 * `attache.enable` and `attache.plainText.detect` settings.
 *
 * A `LanguageClient` whose start failed cannot be started again, and its document selector is
 * fixed when it starts; so every start makes a fresh one, and commands and views hold this object
 * rather than a `LanguageClient`.
 */
import * as fs from 'fs';
import * as vscode from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { trustRegisterEntryLinks } from './commands/openRegisterEntry';
import { CrashRestartPolicy } from './crashPolicy';
import { disableStaleEdits } from './staleEdits';

/** The language id of release files. */
export const DIPLOMATIC = 'diplomatic';

/** The schemes on which plain-text files are served: files on disk and unsaved new files. */
export const PLAIN_TEXT_SCHEMES: readonly string[] = ['file', 'untitled'];

/** The settings this client reads, under `attache.`. */
export interface ClientSettings {
  enable: boolean;
  detectPlainText: boolean;
}

/** Reads `attache.enable` and `attache.plainText.detect`. */
export function readSettings(): ClientSettings {
  const config = vscode.workspace.getConfiguration('attache');
  return {
    enable: config.get<boolean>('enable', true),
    detectPlainText: config.get<boolean>('plainText.detect', true),
  };
}

/**
 * The documents the server reads: release files anywhere, and plain text on disk or unsaved while
 * plain-text detection is on (the server itself passes over plain text that holds no releases).
 */
export function documentSelector(detectPlainText: boolean): DocumentSelector {
  const selector: DocumentSelector = [{ language: DIPLOMATIC }];
  if (detectPlainText) {
    for (const scheme of PLAIN_TEXT_SCHEMES) selector.push({ language: 'plaintext', scheme });
  }
  return selector;
}

/**
 * A `LanguageClient` that stays quiet while it starts: the library shows its own notification
 * when a start fails, and {@link AttacheClient} shows a better one (with "Show Output").
 */
class AttacheLanguageClient extends LanguageClient {
  quiet = false;

  override error(message: string, data?: unknown, showNotification: boolean | 'force' = true): void {
    super.error(message, data, this.quiet ? false : showNotification);
  }
}

/** The Attaché language client: one per window, owning whichever `LanguageClient` is current. */
export class AttacheClient implements vscode.Disposable {
  private current: AttacheLanguageClient | undefined;
  private currentListeners: vscode.Disposable[] = [];
  private starting: Promise<boolean> | undefined;
  private stopping: Promise<void> | undefined;
  private readonly stateEmitter = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly crashPolicy = new CrashRestartPolicy(
    (crashes) => this.reportGiveUp(crashes),
    () => this.current?.state === State.Starting,
  );

  /** Fires when the server starts, stops or restarts. */
  readonly onDidChangeState = this.stateEmitter.event;

  /**
   * @param context where the bundled server lives
   * @param outputChannel the "Attaché" channel: the client's log and the server's
   */
  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly outputChannel: vscode.OutputChannel,
  ) {
    this.subscriptions.push(
      this.stateEmitter,
      vscode.workspace.onDidChangeConfiguration((event) => void this.onConfigurationChanged(event)),
    );
  }

  /** True where `attache.enable` is on. */
  get enabled(): boolean {
    return readSettings().enable;
  }

  /** True while the server is up and answering. */
  get isRunning(): boolean {
    return this.current?.isRunning() ?? false;
  }

  /** The running `LanguageClient`, for sending requests; undefined while the server is down. */
  get languageClient(): LanguageClient | undefined {
    return this.isRunning ? this.current : undefined;
  }

  /** True where the running server reads this document (it matches the document selector). */
  serves(document: vscode.TextDocument): boolean {
    const client = this.languageClient;
    if (!client) return false;
    return vscode.languages.match(client.clientOptions.documentSelector as vscode.DocumentSelector, document) > 0;
  }

  /**
   * Starts the server unless it is running; reports a failure to the user.
   * @returns whether the server is running afterwards
   */
  start(): Promise<boolean> {
    if (this.isRunning) return Promise.resolve(true);
    this.starting ??= this.startFresh().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /** Stops the server, if it runs. */
  stop(): Promise<void> {
    this.stopping ??= this.stopCurrent().finally(() => {
      this.stopping = undefined;
    });
    return this.stopping;
  }

  /**
   * Stops the server and starts a fresh one, forgetting past crashes.
   * @returns whether the server is running afterwards
   */
  async restart(): Promise<boolean> {
    this.crashPolicy.reset();
    await this.stop();
    return this.start();
  }

  /** Stops the server. */
  dispose(): void {
    void this.stop();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private async startFresh(): Promise<boolean> {
    // Let a stop in progress finish: a client that is stopping cannot be replaced cleanly.
    if (this.stopping) await this.stopping;
    await this.stopCurrent();
    const serverModule = this.context.asAbsolutePath('dist/server.js');
    if (!fs.existsSync(serverModule)) {
      this.reportStartFailure(new Error(`${serverModule} is missing; build the extension (npm run build).`));
      return false;
    }
    const settings = readSettings();
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: documentSelector(settings.detectPlainText),
      outputChannel: this.outputChannel,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      errorHandler: this.crashPolicy,
      // The server reads `attache.diagnostics.severity` and is told when any `attache.` setting changes.
      synchronize: { configurationSection: 'attache' },
      diagnosticCollectionName: 'attache',
      markdown: { isTrusted: false, supportHtml: false },
      // Hovers link to the officials register's entries; only that command is trusted, only there.
      // Fixes that write to a register with unsaved changes are offered disabled.
      middleware: { provideHover: trustRegisterEntryLinks, provideCodeActions: disableStaleEdits },
    };
    const client = new AttacheLanguageClient('attache', 'Attaché', serverOptions, clientOptions);
    this.current = client;
    this.currentListeners = [client.onDidChangeState(() => this.stateEmitter.fire())];
    client.quiet = true;
    try {
      await client.start();
      this.outputChannel.appendLine(`[client] Attaché server started (${serverModule}).`);
      return true;
    } catch (error) {
      this.reportStartFailure(error);
      return false;
    } finally {
      client.quiet = false;
      this.stateEmitter.fire();
    }
  }

  private async stopCurrent(): Promise<void> {
    const client = this.current;
    if (!client) return;
    this.current = undefined;
    for (const listener of this.currentListeners) listener.dispose();
    this.currentListeners = [];
    try {
      // A client whose start failed, or that crashed for good, has no connection to close; its
      // diagnostics may still be on show.
      if (client.state !== State.Stopped) await client.dispose();
      else client.diagnostics?.dispose();
    } catch (error) {
      this.outputChannel.appendLine(`[client] Stopping the server: ${describe(error)}`);
    }
    this.stateEmitter.fire();
  }

  private async onConfigurationChanged(event: vscode.ConfigurationChangeEvent): Promise<void> {
    if (event.affectsConfiguration('attache.enable')) {
      if (this.enabled) await this.start();
      else await this.stop();
    } else if (event.affectsConfiguration('attache.plainText.detect') && this.enabled && this.current) {
      // The document selector is fixed for a client's life.
      await this.restart();
    }
  }

  private reportStartFailure(error: unknown): void {
    this.outputChannel.appendLine(`[client] The Attaché server could not start: ${describe(error)}`);
    void vscode.window
      .showErrorMessage(`The Attaché language server could not start: ${firstLine(error)}`, 'Show Output')
      .then((choice) => {
        if (choice) this.outputChannel.show(true);
      });
  }

  private reportGiveUp(crashes: number): void {
    this.outputChannel.appendLine(`[client] The server crashed ${crashes} times in 3 minutes; it stays stopped.`);
    void vscode.window
      .showErrorMessage(
        `The Attaché language server crashed ${crashes} times in 3 minutes and was stopped.`,
        'Show Output',
        'Restart Server',
      )
      .then((choice) => {
        if (choice === 'Show Output') this.outputChannel.show(true);
        if (choice === 'Restart Server') void this.restart();
      });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0];
}
