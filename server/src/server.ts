/**
 * The language server: announces capabilities and routes each request to its feature. Every
 * handler has the same shape (get the document, check Attaché serves it, delegate to the
 * feature) and runs inside `runSafe`, so that one failing request is logged and answered with an
 * empty result, never taking the server down.
 */
import {
  InlayHintRefreshRequest,
  ResourceOperationKind,
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
  type TextDocumentContentChangeEvent,
  type TextDocumentsConfiguration,
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
import { documentSymbols, flatSymbols, OUTLINE_CHILDREN_LIMIT } from './features/outline';
import { references } from './features/references';
import { prepareRename, rename } from './features/rename';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from './features/semanticTokens';
import { WorkspaceIndexer } from './features/workspaceIndex';
import { SymbolIndex, symbolsOf } from './features/workspaceSymbols';
import type { DocumentModel } from './core/model';
import { modelRevision } from './core/analyze';
import { RegisterStore } from './registerStore';
import { inlayHints } from './features/inlayHints';
import { registerEntry, RegisterEntryRequest } from './features/registerEntry';
import { LanguageService } from './service';
import { EditLog } from './editLog';
import { SettingsSource, type SettingsChannel } from './settings';

/** The environment variable that names features to fail on purpose (comma-separated), for tests of robustness. */
export const FAULTS_VARIABLE = 'ATTACHE_FAULTS';

/** The files the workspace index watches. */
const WATCHED_FILES = '**/*.{release,releases,txt}';
/** Officials register files: any JSON file may be one (the setting names them); the store filters. */
const WATCHED_REGISTERS = '**/*.json';

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

/**
 * `TextDocument` with an update that keeps the text and its lines right whatever range a client
 * sends. The library's incremental update (vscode-languageserver-textdocument 1.0.12) goes wrong
 * in two cases, after which every position is off and the client's next edits land in the wrong
 * place (the server's copy of the text no longer matches the editor's):
 * - a range on a line past the end of the document (it splices the line table at that line,
 *   leaving holes); such a range is moved to where it points, the end of the text;
 * - an edit that puts a CR just before an LF, or an LF just after a CR (it counts a line too
 *   many); there the document is rebuilt from its text.
 */
export function lineSafeTextDocument(edits?: EditLog): TextDocumentsConfiguration<TextDocument> {
  return {
    create(uri, languageId, version, content) {
      edits?.forget(uri);
      return TextDocument.create(uri, languageId, version, content);
    },
    update: (document, changes, version) => updateLineSafe(document, changes, version, edits),
  };
}

/** The configuration the server uses, without an edit log (for tests of the update alone). */
export const LineSafeTextDocument = lineSafeTextDocument();

function updateLineSafe(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number, edits: EditLog | undefined): TextDocument {
  let doc = document;
  for (const change of changes) {
    if (!('range' in change) || !change.range) {
      edits?.unknown(doc.uri);
      doc = TextDocument.update(doc, [change], version);
      continue;
    }
    const text = doc.getText();
    const a = doc.offsetAt(change.range.start);
    const b = doc.offsetAt(change.range.end);
    const [start, end] = a <= b ? [a, b] : [b, a];
    const before = start > 0 ? text.charCodeAt(start - 1) : -1;
    const after = end < text.length ? text.charCodeAt(end) : -1;
    const first = change.text.length > 0 ? change.text.charCodeAt(0) : after;
    const last = change.text.length > 0 ? change.text.charCodeAt(change.text.length - 1) : before;
    const joinsCrLf = (before === 13 && first === 10) || (last === 13 && after === 10);
    edits?.record(doc.uri, start, end, change.text.length);
    // The same place, said as positions the document has.
    const range = { start: doc.positionAt(start), end: doc.positionAt(end) };
    doc = TextDocument.update(doc, [{ range, text: change.text }], version);
    if (joinsCrLf) doc = TextDocument.create(doc.uri, doc.languageId, version, doc.getText());
  }
  return doc;
}

/** How long to wait at most for answers to leave, and how long to pause where that cannot be seen. */
const OUTPUT_SETTLE_MAX_MS = 250;
const OUTPUT_SETTLE_PAUSE_MS = 25;

/**
 * Settles once what the server wrote has left for the client: over stdio, once standard output
 * has nothing left to write (at most a quarter of a second); over other channels, after a short
 * pause.
 */
function outputSettled(): Promise<void> {
  const overStdio = process.argv.includes('--stdio');
  const started = Date.now();
  return new Promise((resolve) => {
    const poll = (): void => {
      if (!overStdio || process.stdout.writableLength === 0 || Date.now() - started > OUTPUT_SETTLE_MAX_MS) resolve();
      else setTimeout(poll, 5);
    };
    setTimeout(poll, overStdio ? 5 : OUTPUT_SETTLE_PAUSE_MS);
  });
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
  // Where each document changed since the engine last read it.
  const edits = new EditLog();
  const documents = new TextDocuments(lineSafeTextDocument(edits));
  // Filled in at initialize, where the client says whether it answers workspace/configuration.
  const settingsChannel: SettingsChannel = {
    // The notification, not `connection.window.showWarningMessage`: that one is a request whose
    // answer nobody needs, and whose rejection by a client without it would go unhandled.
    showWarningMessage: (message) =>
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }).catch((error: unknown) => logError(`Could not show a warning: ${describeError(error)}`)),
    logError,
  };
  const settings = new SettingsSource(settingsChannel);
  const registers = new RegisterStore({
    folders: () => folders,
    openText: (uri) => documents.get(uri)?.getText(),
    publishDiagnostics: (uri, diagnostics) =>
      void connection.sendDiagnostics({ uri, diagnostics }).catch((error: unknown) => logError(`Publishing register diagnostics failed: ${describeError(error)}`)),
    log: (message) => connection.console.log(message),
  });
  let registerFixes = false;
  let createFiles = false;
  let markRegisterReady: () => void = () => undefined;
  const registerReady = new Promise<void>((resolve) => (markRegisterReady = resolve));
  const service = new LanguageService(
    documents,
    {
      sendDiagnostics: (params) => void connection.sendDiagnostics(params).catch((error: unknown) => logError(`Publishing diagnostics failed: ${describeError(error)}`)),
      settings: () => settings.current,
      // Nothing is published before the register is read: its findings would otherwise come and go.
      settingsReady: registerReady,
      logError,
      trace: (message) => connection.tracer.log(message),
      checkFault,
      outputSettled,
    },
    { diagnosticsDelayMs: options.diagnosticsDelayMs, register: () => registers.register(), edits },
  );
  registers.onDidChange(() => {
    service.registerChanged();
    if (capabilities.workspace?.inlayHint?.refreshSupport) {
      connection.sendRequest(InlayHintRefreshRequest.type).catch((error: unknown) => logError(`Could not refresh inlay hints: ${describeError(error)}`));
    }
  });
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

  /**
   * The model (and its revision) each open document's symbols were taken from: compared rather
   * than the version alone, because a client that repeats a version must not leave the old text's
   * symbols behind (the service analyses again on every change, and the analyzer updates its
   * model in place, raising the revision).
   */
  const indexedModels = new Map<string, { model: DocumentModel; revision: number }>();

  /** Brings the open documents' entries in the symbol index up to their current texts. */
  function refreshOpenSymbols(token: CancellationToken): void {
    for (const doc of documents.all()) {
      if (token.isCancellationRequested) throw new RequestCancelledError();
      if (!service.isServed(doc)) {
        symbolIndex.removeOpen(doc.uri);
        indexedModels.delete(doc.uri);
        continue;
      }
      const model = service.modelOf(doc);
      // A model is updated in place after an edit: its revision tells whether it moved since.
      const indexed = indexedModels.get(doc.uri);
      if (indexed?.model === model && indexed.revision === modelRevision(model) && symbolIndex.openVersion(doc.uri) === doc.version) continue;
      symbolIndex.setOpen(doc.uri, doc.version, symbolsOf(doc, model));
      indexedModels.set(doc.uri, { model, revision: modelRevision(model) });
    }
  }

  let indexStarted = false;
  let registerLoaded = false;
  async function readSettings(pushed?: unknown): Promise<void> {
    const before = settings.current;
    const after = await settings.refresh(pushed);
    service.settingsChanged();
    if (before.registerUseStarter !== after.registerUseStarter || before.registerFiles.join('\n') !== after.registerFiles.join('\n') || !registerLoaded) {
      registerLoaded = true;
      try {
        await registers.configure({ files: after.registerFiles, useStarter: after.registerUseStarter });
      } finally {
        markRegisterReady();
      }
    }
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
    // Register quick fixes edit another file, and may create it: only where the client can.
    const workspaceEdit = capabilities.workspace?.workspaceEdit;
    registerFixes = workspaceEdit?.documentChanges === true;
    createFiles = workspaceEdit?.resourceOperations?.includes(ResourceOperationKind.Create) ?? false;
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
        inlayHintProvider: true,
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
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED_FILES }, { globPattern: WATCHED_REGISTERS }] })
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
      if (params.changes.some((change) => registers.isRegisterFile(change.uri))) {
        registers.reload().catch((error: unknown) => logError(`Reading the officials register failed: ${describeError(error)}`));
      }
      for (const change of params.changes) {
        if (!change.uri.startsWith('file:') || change.uri.endsWith('.json')) continue;
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
      indexedModels.delete(event.document.uri);
    }),
  );

  /**
   * What the outline and folding read: the releases alone where the outline lists only them (a
   * large archive, found before the rest of its analysis when just opened), else the model.
   */
  function outlineSource(doc: TextDocument): Pick<DocumentModel, 'releases' | 'officials' | 'dates'> {
    const releases = service.releasesOf(doc);
    return releases.length > OUTLINE_CHILDREN_LIMIT ? { releases, officials: [], dates: [] } : service.modelOf(doc);
  }

  connection.onDocumentSymbol((params, token) =>
    runSafe('documentSymbol', token, null, () => {
      const doc = service.served(params.textDocument.uri);
      if (!doc) return null;
      const symbols = documentSymbols(doc, outlineSource(doc), token);
      return capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport ? symbols : flatSymbols(doc.uri, symbols);
    }),
  );
  connection.onFoldingRanges((params, token) =>
    runSafe('foldingRange', token, null, () => {
      const doc = service.served(params.textDocument.uri);
      return doc ? foldingRanges(doc, outlineSource(doc), capabilities.textDocument?.foldingRange?.rangeLimit) : null;
    }),
  );
  connection.onHover(onDocument('hover', null, (doc, model, params) => hover(doc, model, params.position, registers)));
  connection.onCodeAction(
    onDocument('codeAction', null, (doc, model, params) =>
      codeActions(doc, model, params.range, params.context, service.severity, registerFixes ? registers : undefined, { createFiles }),
    ),
  );
  connection.languages.inlayHint.on(onDocument('inlayHint', null, (doc, model, params, token) => inlayHints(doc, model, params.range, registers, token)));
  connection.onRequest(RegisterEntryRequest, (params, token) => runSafe('registerEntry', token, null, () => registerEntry(registers, params)));
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
