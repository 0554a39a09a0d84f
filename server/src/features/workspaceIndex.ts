/**
 * The background crawl that fills the workspace symbol index: release files in the workspace
 * folders (`*.release`, `*.releases`, and `*.txt` that look like releases), read asynchronously in
 * chunks, analysed one at a time with a turn of the event loop between files, so that requests
 * and typing are never kept waiting behind it. Progress goes to the client as `$/progress`.
 */
import { open, readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../core/analyze';
import { looksLikeReleases } from '../core/releases';
import { symbolsOf, uriKey, type SymbolIndex } from './workspaceSymbols';

/** Files larger than this are skipped: an archive that big is not something to index in the background. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Bytes read per chunk. */
const CHUNK_BYTES = 64 * 1024;
/** Folders never worth walking. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'out', 'dist', '.git']);
/** A bound on the files one crawl considers, so that a folder opened at `/` cannot run forever. */
const MAX_CANDIDATES = 50_000;

/** The extensions that name release files; `.txt` only with `plainText` on and only when its text looks like releases. */
const RELEASE_EXTENSIONS = new Set(['.release', '.releases']);

/** What a progress report needs (`WorkDoneProgressServerReporter` fits). */
export interface ProgressReporter {
  begin(title: string, percentage?: number, message?: string, cancellable?: boolean): void;
  report(percentage: number, message?: string): void;
  done(): void;
}

/** What the crawl needs from the server. */
export interface IndexerHost {
  /** Whether `*.txt` files are candidates (`attache.plainText.detect`). */
  plainText(): boolean;
  /** A progress reporter for one crawl; resolves to a silent one where the client shows none. */
  createProgress(): Promise<ProgressReporter>;
  log(message: string): void;
}

/** Gives the event loop a turn: pending requests and notifications run before the next file. */
function yieldTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Whether a path's extension makes it a candidate release file. */
export function isCandidate(path: string, plainText: boolean): boolean {
  const ext = extname(path).toLowerCase();
  return RELEASE_EXTENSIONS.has(ext) || (plainText && ext === '.txt');
}

/**
 * Reads a release file in chunks; null where it is too big, binary, or (for `.txt`) does not look
 * like releases after its first chunk, so that an unrelated text file is barely read.
 */
export async function readReleaseFile(path: string): Promise<string | null> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > MAX_FILE_BYTES) return null;
    const decoder = new TextDecoder('utf-8');
    const parts: string[] = [];
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let position = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      if (position === 0) {
        if (chunk.includes(0)) return null;
        const head = decoder.decode(chunk, { stream: true });
        if (extname(path).toLowerCase() === '.txt' && !looksLikeReleases(head)) return null;
        parts.push(head);
      } else {
        parts.push(decoder.decode(chunk, { stream: true }));
      }
      position += bytesRead;
    }
    parts.push(decoder.decode());
    return parts.join('');
  } finally {
    await handle.close();
  }
}

/** Lists the candidate files under a folder, depth first, skipping hidden and build folders and symbolic links. */
export async function listCandidates(folder: string, plainText: boolean, isStale: () => boolean = () => false): Promise<string[]> {
  const found: string[] = [];
  const pending = [folder];
  while (pending.length > 0 && found.length < MAX_CANDIDATES) {
    if (isStale()) return found;
    const dir = pending.pop() as string;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable folders are simply not indexed
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) pending.push(join(dir, entry.name));
      } else if (entry.isFile() && isCandidate(entry.name, plainText)) {
        found.push(join(dir, entry.name));
      }
    }
  }
  return found.sort();
}

/**
 * Crawls workspace folders into a `SymbolIndex`, and keeps it up to date as files change. One
 * crawl at a time: a newer one (new folders, settings change) makes the running one stop at its
 * next file.
 */
export class WorkspaceIndexer {
  private generation = 0;
  private folders: string[] = [];
  private running: Promise<void> = Promise.resolve();
  private readonly queue = new Set<string>();
  private draining = false;

  constructor(
    private readonly index: SymbolIndex,
    private readonly host: IndexerHost,
  ) {}

  /** Resolves once the latest crawl has finished (tests and the indexing progress wait on it). */
  get idle(): Promise<void> {
    return this.running;
  }

  /** Crawls these folders (file system paths) from scratch, dropping files outside them. */
  crawl(folders: string[]): Promise<void> {
    this.folders = folders;
    const generation = ++this.generation;
    this.running = this.run(generation).catch((error: unknown) => this.host.log(`Indexing the workspace failed: ${describe(error)}`));
    return this.running;
  }

  /** Stops any crawl at its next file. */
  dispose(): void {
    this.generation++;
    this.queue.clear();
  }

  /** Indexes a created or changed file again, in the background. */
  fileChanged(path: string): void {
    if (!isCandidate(path, this.host.plainText())) return;
    this.queue.add(path);
    if (!this.draining) {
      this.draining = true;
      this.drain().catch((error: unknown) => this.host.log(`Indexing changed files failed: ${describe(error)}`));
    }
  }

  /** Forgets a deleted file. */
  fileDeleted(path: string): void {
    this.queue.delete(path);
    this.index.removeFile(pathToFileURL(path).href);
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.size > 0) {
        const [path] = this.queue;
        this.queue.delete(path);
        await this.indexFile(path);
        await yieldTurn();
      }
    } finally {
      this.draining = false;
    }
  }

  /** Reads and indexes one file; a crawl that went stale while the file was read writes nothing. */
  private async indexFile(path: string, stale: () => boolean = () => false): Promise<void> {
    const uri = pathToFileURL(path).href;
    let text: string | null;
    try {
      text = await readReleaseFile(path);
    } catch {
      text = null; // vanished or unreadable between listing and reading
    }
    if (stale()) return;
    if (text === null) {
      this.index.removeFile(uri);
      return;
    }
    const doc = TextDocument.create(uri, 'diplomatic', 0, text);
    this.index.setFile(uri, symbolsOf(doc, analyzeDocument(text)));
  }

  private async run(generation: number): Promise<void> {
    const stale = (): boolean => generation !== this.generation;
    const progress = await this.host.createProgress();
    progress.begin('Attaché: indexing releases', 0, 'Looking for release files…', false);
    try {
      const plainText = this.host.plainText();
      const files: string[] = [];
      for (const folder of this.folders) files.push(...(await listCandidates(folder, plainText, stale)));
      if (stale()) return;
      const wanted = new Set(files.map((f) => uriKey(pathToFileURL(f).href)));
      for (const key of this.index.fileKeys()) if (!wanted.has(key)) this.index.removeFile(key);
      let lastReport = 0;
      for (let i = 0; i < files.length; i++) {
        if (stale()) return;
        await this.indexFile(files[i], stale);
        const percentage = Math.floor(((i + 1) * 100) / files.length);
        if (percentage > lastReport) {
          lastReport = percentage;
          progress.report(percentage, `${i + 1} of ${files.length} files`);
        }
        await yieldTurn();
      }
      this.host.log(`Indexed ${files.length} release file(s); ${this.index.size} symbols.`);
    } finally {
      progress.done();
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
