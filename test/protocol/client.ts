/**
 * A small LSP client for the protocol tests: starts the bundled `dist/server.js --stdio` as a
 * child process and speaks JSON-RPC to it over its standard streams, as an editor would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { repoRoot, sharedDir } from '../support/paths';

export { repoRoot, sharedDir } from '../support/paths';

/** A corpus file's path, URI and text. */
export function corpusFile(name: string): { path: string; uri: string; text: string } {
  const path = join(sharedDir(), 'corpus', name);
  return { path, uri: pathToFileURL(path).href, text: readFileSync(path, 'utf8') };
}

/** The client capabilities of a modern editor, the features the server adapts to turned on. */
export const CAPABILITIES: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    rename: { prepareSupport: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    semanticTokens: { requests: { full: true, range: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
  },
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    semanticTokens: { refreshSupport: true },
  },
  window: { workDoneProgress: true },
};

/** How to start a test server. */
export interface StartOptions {
  /** Extra environment for the server process (e.g. `ATTACHE_FAULTS`). */
  env?: Record<string, string>;
  /** The `attache` settings section the client answers with. */
  settings?: unknown;
  /** Workspace folders, as file system paths. */
  folders?: string[];
  capabilities?: ClientCapabilities;
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A delay that does not keep the test process alive: for the losing side of a race. */
function deadline(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}

/** A running server and what it has sent. */
export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly warnings: string[] = [];
  readonly logs: string[] = [];
  readonly progress: { token: string | number; value: { kind: string; title?: string; percentage?: number } }[] = [];
  readonly registrations: string[] = [];
  /** How many times the server asked the editor to fetch semantic tokens again. */
  tokenRefreshes = 0;
  readonly documents = new Map<string, TextDocument>();
  settings: unknown;
  private exited = false;
  private readonly waiters = new Set<() => void>();

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    child.once('exit', () => {
      this.exited = true;
      this.notify();
    });
  }

  /** Starts `dist/server.js --stdio` and completes the initialize handshake. */
  static async start(options: StartOptions = {}): Promise<TestClient> {
    const server = join(repoRoot(), 'dist', 'server.js');
    if (!existsSync(server)) throw new Error(`${server} is missing: run "node esbuild.mjs" first`);
    const child = spawn(process.execPath, [server, '--stdio'], { env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection);
    client.settings = options.settings ?? {};
    child.stderr!.on('data', (chunk: Buffer) => client.logs.push(chunk.toString()));
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map((item) => (item.section === 'attache' ? client.settings : null)));
    connection.onRequest('client/registerCapability', (params: { registrations: { method: string }[] }) => {
      client.registrations.push(...params.registrations.map((r) => r.method));
      return null;
    });
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/semanticTokens/refresh', () => {
      client.tokenRefreshes++;
      client.notify();
      return null;
    });
    connection.onRequest('window/showMessageRequest', (params: { type: number; message: string }) => {
      if (params.type === 2) client.warnings.push(params.message);
      client.notify();
      return null;
    });
    connection.onNotification('$/progress', (params: TestClient['progress'][number]) => {
      client.progress.push(params);
      client.notify();
    });
    connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      if (params.type === 2) client.warnings.push(params.message);
      client.notify();
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => client.logs.push(params.message));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const list = client.diagnostics.get(params.uri) ?? [];
      list.push(params);
      client.diagnostics.set(params.uri, list);
      client.notify();
    });
    connection.listen();
    const folders = (options.folders ?? []).map((path) => ({ uri: pathToFileURL(path).href, name: path }));
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders.length > 0 ? folders : null,
      capabilities: options.capabilities ?? CAPABILITIES,
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Resolves once `test` holds (checked whenever the server sends something), or fails after `timeoutMs`. */
  waitFor<T>(what: string, test: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolvePromise, reject) => {
      const check = (): boolean => {
        const value = test();
        if (value) {
          cleanup();
          resolvePromise(value);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Timed out waiting for ${what}`));
      }, timeoutMs);
      timer.unref();
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter = (): void => void check();
      this.waiters.add(waiter);
      check();
    });
  }

  /** The diagnostics published for a document at its current version (waiting for them). */
  diagnosticsFor(uri: string, timeoutMs?: number): Promise<PublishDiagnosticsParams> {
    const version = this.documents.get(uri)?.version;
    return this.waitFor(`diagnostics of ${uri} v${version}`, () => this.diagnostics.get(uri)?.find((p) => p.version === version), timeoutMs);
  }

  /** Opens a document. */
  async open(uri: string, languageId: string, text: string): Promise<TextDocument> {
    const doc = TextDocument.create(uri, languageId, 1, text);
    this.documents.set(uri, doc);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return doc;
  }

  /** Sends incremental (or full) changes and applies them to the local copy the same way. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<TextDocument> {
    const current = this.documents.get(uri);
    if (!current) throw new Error(`${uri} is not open`);
    const next = TextDocument.update(TextDocument.create(uri, current.languageId, current.version, current.getText()), changes, current.version + 1);
    this.documents.set(uri, next);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: next.version }, contentChanges: changes });
    return next;
  }

  /** Closes a document. */
  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Sends a request. */
  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** Whether the server process is still running. */
  get alive(): boolean {
    return !this.exited && this.child.exitCode === null;
  }

  /** Shuts the server down politely, then makes sure it is gone. */
  async stop(): Promise<void> {
    if (this.alive) {
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), deadline(2000)]);
        await this.connection.sendNotification('exit');
      } catch {
        // the server may already be gone
      }
      await this.waitFor('exit', () => this.exited, 3000).catch(() => undefined);
    }
    if (this.alive) this.child.kill();
    this.connection.dispose();
  }
}

/** Waits a while: to show that something does not happen. */
export function pause(ms: number): Promise<void> {
  return delay(ms);
}
