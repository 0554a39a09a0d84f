/**
 * The language-service facade: which documents Attaché serves, the analysed model of each (one
 * per URI and version, computed only when something asks), and the diagnostics published for
 * them, debounced while the user types.
 */
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer } from './core/analyze';
import type { EditLog } from './editLog';
import type { Register } from './core/register';
import type { DocumentModel, Finding, Release, Severity } from './core/model';
import { OUTLINE_CHILDREN_LIMIT } from './features/outline';
import { looksLikeReleases } from './core/releases';
import { diagnostics } from './features/diagnostics';
import { severityOf, type AttacheSettings } from './settings';

/** The language Attaché always serves. */
export const DIPLOMATIC_LANGUAGE = 'diplomatic';
/** The language served only where its text looks like a file of releases. */
export const PLAIN_TEXT_LANGUAGE = 'plaintext';
/** How long typing must pause before diagnostics are computed. */
export const DIAGNOSTICS_DELAY_MS = 200;

/** The open documents, as the server's `TextDocuments` holds them. */
export interface DocumentStore {
  get(uri: string): TextDocument | undefined;
  all(): TextDocument[];
}

/** What the service needs from the server. */
export interface ServiceHost {
  /** `textDocument/publishDiagnostics`. */
  sendDiagnostics(params: PublishDiagnosticsParams): void;
  /** The current settings. */
  settings(): AttacheSettings;
  /** Settles once the first settings have been read; nothing is published before. */
  settingsReady: Promise<unknown>;
  /** Writes an error to the server's log. */
  logError(message: string): void;
  /** Writes a detail to the trace (shown only with `attache.trace.server` on). */
  trace(message: string): void;
  /** Throws where a fault was injected for this feature (tests only). */
  checkFault?(feature: string): void;
  /** Settles once the answers already sent have left for the client (or after a short pause). */
  outputSettled?(): Promise<void>;
}

/** Gives the event loop a turn, so that edits already received are applied before work starts. */
function yieldTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Options of the service; tests shorten the delay. */
export interface ServiceOptions {
  diagnosticsDelayMs?: number;
  /** The officials register every analysis reads (empty where none). */
  register?: () => Register;
  /** Where each document changed since it was last analysed, from the client's changes. */
  edits?: EditLog;
}

/**
 * One place that knows, for every open document, whether Attaché serves it and what the engine
 * makes of it. Features ask it for a model and never analyse anything themselves.
 */
export class LanguageService {
  private readonly models = new Map<string, { version: number; model: DocumentModel }>();
  /** One analyzer per document: it keeps each release's work and redoes only what an edit touched. */
  private readonly analyzers = new Map<string, Analyzer>();
  private readonly detected = new Map<string, { version: number; releases: boolean }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly published = new Set<string>();
  private readonly openedAt = new Map<string, number>();
  private readonly delay: number;
  private readonly register: () => Register | undefined;
  private readonly edits: EditLog | undefined;
  private disposed = false;

  constructor(
    private readonly documents: DocumentStore,
    private readonly host: ServiceHost,
    options: ServiceOptions = {},
  ) {
    this.delay = options.diagnosticsDelayMs ?? DIAGNOSTICS_DELAY_MS;
    this.register = options.register ?? (() => undefined);
    this.edits = options.edits;
  }

  /** The severity a finding is shown with under the current settings; null where its code is off. */
  readonly severity = (finding: Finding): Severity | null => severityOf(finding, this.host.settings());

  /**
   * Whether Attaché serves a document: `diplomatic` always, `plaintext` where detection is on and
   * the text looks like releases (checked again for each version), nothing while disabled.
   */
  isServed(doc: TextDocument): boolean {
    const settings = this.host.settings();
    if (!settings.enable) return false;
    if (doc.languageId === DIPLOMATIC_LANGUAGE) return true;
    if (doc.languageId !== PLAIN_TEXT_LANGUAGE || !settings.plainTextDetect) return false;
    const cached = this.detected.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.releases;
    const releases = looksLikeReleases(doc.getText());
    this.detected.set(doc.uri, { version: doc.version, releases });
    return releases;
  }

  /** The open document at a URI, where Attaché serves it. */
  served(uri: string): TextDocument | undefined {
    const doc = this.documents.get(uri);
    return doc && this.isServed(doc) ? doc : undefined;
  }

  /** Every open document Attaché serves. */
  allServed(): TextDocument[] {
    return this.documents.all().filter((doc) => this.isServed(doc));
  }

  private analyzerOf(uri: string): Analyzer {
    let analyzer = this.analyzers.get(uri);
    if (!analyzer) {
      analyzer = new Analyzer();
      this.analyzers.set(uri, analyzer);
    }
    return analyzer;
  }

  /**
   * The releases of a document at its current version, with their dates: the model's where there
   * is one or an edit makes one cheaply; for a document never analysed, found alone (a fraction of
   * the whole analysis, which then goes on from them).
   */
  releasesOf(doc: TextDocument): Release[] {
    const cached = this.models.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.model.releases;
    const analyzer = this.analyzerOf(doc.uri);
    if (analyzer.hasModel()) return this.modelOf(doc).releases;
    const started = performance.now();
    const releases = analyzer.releasesOf(doc.getText());
    this.host.trace(`Found the ${releases.length} releases of ${doc.uri} v${doc.version} in ${(performance.now() - started).toFixed(1)} ms, before the rest of the analysis.`);
    return releases;
  }

  /** The model of a document at its current version, analysed now if no feature asked for it before. */
  modelOf(doc: TextDocument): DocumentModel {
    const cached = this.models.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.model;
    const started = performance.now();
    const analyzer = this.analyzerOf(doc.uri);
    const model = analyzer.analyze(doc.getText(), { register: this.register(), edit: this.edits?.take(doc.uri) });
    const { reused, releases, path, reason } = analyzer.lastStats;
    const how = path === 'edit' ? 'only the releases around the edit' : path === 'same' ? 'text unchanged' : `whole file${reason ? `, as ${reason}` : ''}`;
    this.host.trace(`Analysed ${doc.uri} v${doc.version} in ${(performance.now() - started).toFixed(1)} ms (${how}; ${reused} of ${releases} releases reused): ${model.releases.length} releases, ${model.officials.length} people, ${model.findings.length} findings.`);
    // Only the latest version is kept: an older one is never asked for again.
    this.models.set(doc.uri, { version: doc.version, model });
    return model;
  }

  /**
   * Forgets what was worked out for a document's text. Called on every open and change, whatever
   * the version: a client that reopens a document without closing it, or sends a change with a
   * version it used before, must not be answered from the old text (the document manager updates
   * the document in place, so neither its identity nor its version tells the texts apart).
   */
  private forgetText(uri: string): void {
    this.models.delete(uri);
    this.detected.delete(uri);
  }

  /** A document was opened: publish its diagnostics without waiting for typing to pause. */
  documentOpened(doc: TextDocument): void {
    this.forgetText(doc.uri);
    // The analyzer compares the opened text with what it read last, if anything.
    this.edits?.forget(doc.uri);
    this.openedAt.set(doc.uri, doc.version);
    this.schedule(doc, 0);
  }

  /** A document changed: publish its diagnostics once typing pauses, dropping work for older versions. */
  documentChanged(doc: TextDocument): void {
    // The document manager reports an open as a change too, right after it: that version is
    // already scheduled. Only that first report is the open's; a later change is a change, even
    // one that (wrongly) repeats the version.
    const isOpen = this.openedAt.get(doc.uri) === doc.version;
    this.openedAt.delete(doc.uri);
    if (isOpen) return;
    this.forgetText(doc.uri);
    this.schedule(doc, this.delay);
  }

  /** A document was closed: forget it and clear its diagnostics. */
  documentClosed(uri: string): void {
    this.cancel(uri);
    this.models.delete(uri);
    this.analyzers.delete(uri);
    this.edits?.forget(uri);
    this.detected.delete(uri);
    this.openedAt.delete(uri);
    this.clearDiagnostics(uri);
  }

  /** The settings changed: serve, re-grade or clear every open document accordingly. */
  settingsChanged(): void {
    for (const doc of this.documents.all()) this.schedule(doc, 0);
  }

  /** The officials register changed: every model is analysed again with it, and republished. */
  registerChanged(): void {
    this.models.clear();
    for (const doc of this.documents.all()) this.schedule(doc, 0);
  }

  /** Stops every pending publication (shutdown). */
  dispose(): void {
    this.disposed = true;
    for (const uri of [...this.timers.keys()]) this.cancel(uri);
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  private schedule(doc: TextDocument, delay: number): void {
    if (this.disposed) return;
    this.cancel(doc.uri);
    const { uri, version } = doc;
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      this.publish(uri, version).catch((error: unknown) => this.host.logError(`Diagnostics for ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
    }, delay);
    this.timers.set(uri, timer);
  }

  private async publish(uri: string, version: number): Promise<void> {
    await this.host.settingsReady;
    // Edits that arrived while the timer ran are applied first; then a stale version is dropped
    // before any analysis is spent on it.
    await yieldTurn();
    const doc = this.documents.get(uri);
    if (this.disposed || !doc || doc.version !== version) return;
    if (!this.isServed(doc)) {
      this.clearDiagnostics(uri);
      return;
    }
    this.host.checkFault?.('diagnostics');
    // A document never analysed (just opened): its releases first, then a turn for requests
    // already queued (the outline, folding), which need no more, then the whole analysis.
    const analyzer = this.analyzerOf(uri);
    if (!analyzer.hasModel() && this.releasesOf(doc).length > OUTLINE_CHILDREN_LIMIT) {
      // What the releases and dates alone tell (weekdays, impossible dates, missing sources)
      // is published at once; the people's findings follow with the whole analysis.
      const early = analyzer.earlyFindings(doc.getText());
      if (early) {
        this.host.sendDiagnostics({ uri, version, diagnostics: diagnostics(doc, { findings: early }, this.severity) });
        this.published.add(uri);
      }
      // The outline of a large archive is megabytes: it must be on its way before the whole
      // analysis holds the thread.
      await yieldTurn();
      await new Promise((resolve) => setTimeout(resolve, 0));
      await this.host.outputSettled?.();
      const current = this.documents.get(uri);
      if (this.disposed || !current || current.version !== version) return;
    }
    const model = this.modelOf(doc);
    const list = diagnostics(doc, model, this.severity);
    this.host.sendDiagnostics({ uri, version, diagnostics: list });
    this.published.add(uri);
  }

  private clearDiagnostics(uri: string): void {
    if (!this.published.delete(uri)) return;
    this.host.sendDiagnostics({ uri, diagnostics: [] });
  }
}
