/**
 * The language server: announces capabilities and routes each request to its feature. Every
 * handler has the same shape (get the document, check Attaché serves it, delegate to the
 * feature) and runs inside `runSafe`, so that one failing request is logged and answered with an
 * empty result, never taking the server down.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  SemanticTokensRefreshRequest,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import { annotations, AnnotationsRequest } from './features/annotations';
import { RequestCancelledError } from './features/cancellation';
import { codeActions } from './features/codeActions';
import { definition } from './features/definition';
import { documentHighlights } from './features/highlights';
import { foldingRanges } from './features/folding';
import { hover } from './features/hover';
import { documentSymbols, flatSymbols } from './features/outline';
import { references } from './features/references';
import { prepareRename, rename } from './features/rename';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from './features/semanticTokens';
import { WorkspaceIndexer } from './features/workspaceIndex';
import { SymbolIndex, symbolsOf } from './features/workspaceSymbols';
import type { DocumentModel } from './core/model';
import { LanguageService } from './service';
import { SettingsSource, type SettingsChannel } from './settings';

/** The environment variable that names features to fail on purpose (comma-separated), for tests of robustness. */
export const FAULTS_VARIABLE = 'ATTACHE_FAULTS';

/** The files the workspace index watches. */
const WATCHED_FILES = '**/*.{release,releases,txt}';

/** Options of the server; the defaults are what `main.ts` wants. */
export interface ServerOptions {
  /**
   * Features that throw on purpose ("hover", "documentSymbol", "diagnostics", …): tests use them
   * to prove that one failing feature leaves the others answering.
   */
  faults?: ReadonlySet<string>;
  /** How long typing must pause before diagnostics; tests shorten it. */
  diagnosticsDelayMs?: number;
}

/** The faults named by `ATTACHE_FAULTS` in an environment. */
export function faultsFromEnvironment(env: NodeJS.ProcessEnv = process.env): Set<string> {
  return new Set(
    (env[FAULTS_VARIABLE] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

/** Calls `run` once the messages already queued on the connection have been handled. */
function afterQueuedMessages(run: () => void): void {
  setImmediate(() => setImmediate(run));
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function folderPaths(folders: readonly WorkspaceFolder[] | null | undefined, rootUri: string | null | undefined): string[] {
  const uris = folders && folders.length > 0 ? folders.map((f) => f.uri) : rootUri ? [rootUri] : [];
  const paths: string[] = [];
  for (const uri of uris) {
    // Only folders on disk can be crawled; a virtual workspace is indexed through its open documents.
    if (!uri.startsWith('file:')) continue;
    try {
      paths.push(fileURLToPath(uri));
    } catch {
      // not a path this platform can read
    }
  }
  return paths;
}

/** Starts serving on a connection: registers every handler, then listens. */
export function startServer(connection: Connection, options: ServerOptions = { faults: faultsFromEnvironment() }): void {
  const faults = options.faults ?? new Set<string>();
  const checkFault = (feature: string): void => {
    if (faults.has(feature)) throw new Error(`Injected fault in ${feature} (${FAULTS_VARIABLE})`);
  };
  const logError = (message: string): void => connection.console.error(message);
  // The last line of defence: Node ends the process on an unhandled rejection, and one forgotten
  // promise must not take every open editor's features down with it.
  process.on('unhandledRejection', (reason) => logError(`Attaché: unhandled rejection: ${describeError(reason)}`));

  let capabilities: ClientCapabilities = {};
  let folders: string[] = [];
  const documents = new TextDocuments(TextDocument);
  // Filled in at initialize, where the client says whether it answers workspace/configuration.
  const settingsChannel: SettingsChannel = {
    // The notification, not `connection.window.showWarningMessage`: that one is a request whose
    // answer nobody needs, and whose rejection by a client without it would go unhandled.
    showWarningMessage: (message) =>
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }).catch((error: unknown) => logError(`Could not show a warning: ${describeError(error)}`)),
    logError,
  };
  const settings = new SettingsSource(settingsChannel);
  const service = new LanguageService(
    documents,
    {
      sendDiagnostics: (params) => void connection.sendDiagnostics(params).catch((error: unknown) => logError(`Publishing diagnostics failed: ${describeError(error)}`)),
      settings: () => settings.current,
      settingsReady: settings.ready,
      logError,
      trace: (message) => connection.tracer.log(message),
      checkFault,
    },
    { diagnosticsDelayMs: options.diagnosticsDelayMs },
  );
  const symbolIndex = new SymbolIndex();
  const indexer = new WorkspaceIndexer(symbolIndex, {
    plainText: () => settings.current.plainTextDetect,
    createProgress: () => connection.window.createWorkDoneProgress(),
    log: (message) => connection.console.log(message),
  });

  /**
   * Runs one request's work two turns of the event loop later: the connection handles one queued
   * message per turn, so a `$/cancelRequest` that arrived right behind the request is seen first.
   * A cancelled request answers `RequestCancelled`; a failing one is logged and answers `empty`;
   * a `ResponseError` the feature meant to send goes out as is.
   */
  function runSafe<T>(feature: string, token: CancellationToken, empty: T, work: () => T): Promise<T | ResponseError<void>> {
    const cancelled = (): ResponseError<void> => new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
    return new Promise((resolve) => {
      afterQueuedMessages(() => {
        if (token.isCancellationRequested) return resolve(cancelled());
        try {
          checkFault(feature);
          const result = work();
          resolve(token.isCancellationRequested ? cancelled() : result);
        } catch (error) {
          if (error instanceof RequestCancelledError || token.isCancellationRequested) resolve(cancelled());
          else if (error instanceof ResponseError) resolve(error as ResponseError<void>);
          else {
            logError(`Attaché: ${feature} failed: ${describeError(error)}`);
            resolve(empty);
          }
        }
      });
    });
  }

  /** Runs a notification's work; a failure is logged, never thrown into the connection. */
  function runSafeNotification(feature: string, work: () => void): void {
    try {
      checkFault(feature);
      work();
    } catch (error) {
      logError(`Attaché: ${feature} failed: ${describeError(error)}`);
    }
  }

  /** The uniform request handler over one document: get it, check Attaché serves it, delegate. */
  function onDocument<P extends { textDocument: { uri: string } }, R>(
    feature: string,
    empty: R,
    delegate: (doc: TextDocument, model: DocumentModel, params: P, token: CancellationToken) => R,
  ): (params: P, token: CancellationToken) => Promise<R | ResponseError<void>> {
    return (params, token) =>
      runSafe(feature, token, empty, () => {
        const doc = service.served(params.textDocument.uri);
        if (!doc) return empty;
        return delegate(doc, service.modelOf(doc), params, token);
      });
  }

  function startIndexing(): void {
    if (!settings.current.enable || folders.length === 0) {
      indexer.dispose();
      return;
    }
    void indexer.crawl(folders);
  }

  /** Brings the open documents' entries in the symbol index up to their current versions. */
  function refreshOpenSymbols(token: CancellationToken): void {
    for (const doc of documents.all()) {
      if (token.isCancellationRequested) throw new RequestCancelledError();
      if (!service.isServed(doc)) symbolIndex.removeOpen(doc.uri);
      else if (symbolIndex.openVersion(doc.uri) !== doc.version) symbolIndex.setOpen(doc.uri, doc.version, symbolsOf(doc, service.modelOf(doc)));
    }
  }

  let indexStarted = false;
  async function readSettings(pushed?: unknown): Promise<void> {
    const before = settings.current;
    const after = await settings.refresh(pushed);
    service.settingsChanged();
    const servingChanged = before.enable !== after.enable || before.plainTextDetect !== after.plainTextDetect;
    if (servingChanged && capabilities.workspace?.semanticTokens?.refreshSupport) {
      // Documents may have started or stopped being served; their colours must follow.
      // Sent directly: the library's `refresh()` drops the request's promise, and with it any failure.
      connection.sendRequest(SemanticTokensRefreshRequest.type).catch((error: unknown) => logError(`Could not refresh semantic tokens: ${describeError(error)}`));
    }
    if (servingChanged || !indexStarted) {
      indexStarted = true;
      startIndexing();
    }
  }

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities;
    folders = folderPaths(params.workspaceFolders, params.rootUri);
    if (capabilities.workspace?.configuration) {
      settingsChannel.getConfiguration = (section) => connection.workspace.getConfiguration(section) as Promise<unknown>;
    }
    const prepareSupport = capabilities.textDocument?.rename?.prepareSupport === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: { label: 'Attaché' },
        foldingRangeProvider: true,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: prepareSupport ? { prepareProvider: true } : true,
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: true },
        workspaceSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'Attaché', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      connection.client.register(DidChangeConfigurationNotification.type, { section: 'attache' }).catch((error: unknown) => logError(`Could not register for settings changes: ${describeError(error)}`));
    }
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED_FILES }] })
        .catch((error: unknown) => logError(`Could not watch release files: ${describeError(error)}`));
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(folderPaths(event.removed, null));
        folders = [...folders.filter((f) => !removed.has(f)), ...folderPaths(event.added, null)];
        startIndexing();
      });
    }
    readSettings().catch((error: unknown) => logError(`Reading settings failed: ${describeError(error)}`));
  });

  connection.onDidChangeConfiguration((change) => {
    readSettings(change.settings).catch((error: unknown) => logError(`Reading settings failed: ${describeError(error)}`));
  });

  connection.onDidChangeWatchedFiles((params) =>
    runSafeNotification('watchedFiles', () => {
      if (!settings.current.enable) return;
      for (const change of params.changes) {
        if (!change.uri.startsWith('file:')) continue;
        const path = fileURLToPath(change.uri);
        if (change.type === FileChangeType.Deleted) indexer.fileDeleted(path);
        else indexer.fileChanged(path);
      }
    }),
  );

  documents.onDidOpen((event) => runSafeNotification('didOpen', () => service.documentOpened(event.document)));
  documents.onDidChangeContent((event) => runSafeNotification('didChange', () => service.documentChanged(event.document)));
  documents.onDidClose((event) =>
    runSafeNotification('didClose', () => {
      service.documentClosed(event.document.uri);
      symbolIndex.removeOpen(event.document.uri);
    }),
  );

  connection.onDocumentSymbol(
    onDocument('documentSymbol', null, (doc, model, _params, token) => {
      const symbols = documentSymbols(doc, model, token);
      return capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport ? symbols : flatSymbols(doc.uri, symbols);
    }),
  );
  connection.onFoldingRanges(onDocument('foldingRange', null, (doc, model) => foldingRanges(doc, model, capabilities.textDocument?.foldingRange?.rangeLimit)));
  connection.onHover(onDocument('hover', null, (doc, model, params) => hover(doc, model, params.position)));
  connection.onCodeAction(onDocument('codeAction', null, (doc, model, params) => codeActions(doc, model, params.range, params.context, service.severity)));
  connection.onDefinition(onDocument('definition', null, (doc, model, params) => definition(doc, model, params.position)));
  connection.onReferences(onDocument('references', null, (doc, model, params, token) => references(doc, model, params.position, params.context.includeDeclaration, token)));
  connection.onDocumentHighlight(onDocument('documentHighlight', null, (doc, model, params, token) => documentHighlights(doc, model, params.position, token)));
  connection.onPrepareRename(onDocument('prepareRename', null, (doc, model, params) => prepareRename(doc, model, params.position)));
  connection.onRenameRequest(onDocument('rename', null, (doc, model, params) => rename(doc, model, params.position, params.newName)));
  connection.languages.semanticTokens.on(onDocument('semanticTokens', { data: [] }, (doc, model, _params, token) => semanticTokens(doc, model, undefined, token)));
  connection.languages.semanticTokens.onRange(onDocument('semanticTokensRange', { data: [] }, (doc, model, params, token) => semanticTokens(doc, model, params.range, token)));
  connection.onRequest(AnnotationsRequest, (params, token) =>
    runSafe('annotations', token, null, () => {
      const doc = service.served(params.uri);
      if (!doc) return null;
      return annotations(doc, service.modelOf(doc), service.severity);
    }),
  );
  connection.onWorkspaceSymbol((params, token) =>
    runSafe('workspaceSymbol', token, [], () => {
      if (!settings.current.enable) return [];
      refreshOpenSymbols(token);
      return symbolIndex.search(params.query, token);
    }),
  );

  connection.onShutdown(() => {
    service.dispose();
    indexer.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
