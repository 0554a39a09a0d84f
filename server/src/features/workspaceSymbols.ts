/**
 * Workspace symbols (`workspace/symbol`): releases and people from every open release document and
 * every release file in the workspace folders, found by prefix or substring.
 *
 * Queries run over a flat list of precomputed, folded keys (lower case, diacritics dropped), so a
 * query is one linear scan of `indexOf`s whatever the workspace size; the list is rebuilt only
 * after the index changes. The crawling that fills the index is in workspaceIndex.ts.
 */
import { SymbolKind, type CancellationToken, type Range, type SymbolInformation } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { toRange } from '../annotations';
import type { DocumentModel } from '../core/model';
import { foldName } from '../core/tokens';
import { cancellationCheck } from './cancellation';
import { introductionOf } from './entityAt';
import { PERSON_SYMBOL_KIND, RELEASE_SYMBOL_KIND } from './outline';

/** One searchable symbol. */
export interface IndexedSymbol {
  name: string;
  kind: SymbolKind;
  containerName: string;
  uri: string;
  range: Range;
  /** The folded name and aliases, one per line: what a query is matched against. */
  key: string;
}

/** The most symbols one query returns; the editor shows a list, not a report. */
export const MAX_RESULTS = 500;

/** Folds a name or query for matching: lower case, diacritics dropped, runs of space made one. */
export function foldForSearch(text: string): string {
  return foldName(text).replace(/[\s\u00a0]+/gu, ' ').trim();
}

/**
 * A URI as a map key: `file:` URIs are decoded and encoded again, so that the editor's spelling
 * (`%3A`, upper-case escapes) and Node's (`pathToFileURL`) name the same file.
 */
export function uriKey(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

/** The last segment of a URI's path, decoded: the file name shown beside a release. */
function fileName(uri: string): string {
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** The searchable symbols of one analysed document: its releases and its people. */
export function symbolsOf(doc: TextDocument, model: DocumentModel): IndexedSymbol[] {
  const file = fileName(doc.uri);
  const out: IndexedSymbol[] = [];
  for (const release of model.releases) {
    if (release.title.trim() === '') continue;
    out.push({ name: release.title, kind: RELEASE_SYMBOL_KIND, containerName: file, uri: doc.uri, range: toRange(doc, release.titleSpan), key: foldForSearch(release.title) });
  }
  for (const official of model.officials) {
    const first = introductionOf(official);
    if (!first || official.name.trim() === '') continue;
    const role = official.roles[0]?.text;
    const keys = [official.name, ...official.aliases].map(foldForSearch);
    out.push({
      name: official.name,
      kind: PERSON_SYMBOL_KIND,
      containerName: role ? `${role} · ${file}` : file,
      uri: doc.uri,
      range: toRange(doc, first.span),
      key: [...new Set(keys)].join('\n'),
    });
  }
  return out;
}

/** How well a key matches: 0 at its start, 1 at a word's start, 2 inside a word, -1 not at all. */
function matchRank(key: string, parts: string[]): number {
  let rank = 0;
  for (let p = 0; p < parts.length; p++) {
    const at = key.indexOf(parts[p]);
    if (at < 0) return -1;
    if (p > 0) continue;
    const before = at === 0 ? '\n' : key[at - 1];
    rank = at === 0 ? 0 : before === '\n' || before === ' ' || before === '-' ? 1 : 2;
  }
  return rank;
}

/**
 * The symbols of the workspace: one list per file from disk, one per open document (which wins
 * over the file it was read from, since it may be newer than the disk).
 */
export class SymbolIndex {
  private readonly files = new Map<string, IndexedSymbol[]>();
  private readonly open = new Map<string, { version: number; symbols: IndexedSymbol[] }>();
  private flat: IndexedSymbol[] | null = null;

  /** Sets the symbols of a file read from disk. */
  setFile(uri: string, symbols: IndexedSymbol[]): void {
    this.files.set(uriKey(uri), symbols);
    this.flat = null;
  }

  /** Forgets a file that was deleted or no longer looks like releases. */
  removeFile(uri: string): void {
    if (this.files.delete(uriKey(uri))) this.flat = null;
  }

  /** The files read from disk, as keys. */
  fileKeys(): string[] {
    return [...this.files.keys()];
  }

  /** The version of an open document the index holds, if any. */
  openVersion(uri: string): number | undefined {
    return this.open.get(uriKey(uri))?.version;
  }

  /** Sets the symbols of an open document at a version. */
  setOpen(uri: string, version: number, symbols: IndexedSymbol[]): void {
    this.open.set(uriKey(uri), { version, symbols });
    this.flat = null;
  }

  /** Forgets an open document (closed, or no longer served); its file on disk, if indexed, counts again. */
  removeOpen(uri: string): void {
    if (this.open.delete(uriKey(uri))) this.flat = null;
  }

  /** How many symbols a query runs over. */
  get size(): number {
    return this.all().length;
  }

  private all(): IndexedSymbol[] {
    if (this.flat) return this.flat;
    const flat: IndexedSymbol[] = [];
    for (const { symbols } of this.open.values()) flat.push(...symbols);
    for (const [key, symbols] of this.files) if (!this.open.has(key)) flat.push(...symbols);
    this.flat = flat;
    return flat;
  }

  /**
   * The symbols matching a query: every word of the query must appear in the name or an alias.
   * Best first: matches at the start of the name, then at the start of a word, then inside one.
   */
  search(query: string, token?: CancellationToken, limit = MAX_RESULTS): SymbolInformation[] {
    const check = cancellationCheck(token, 4096);
    const parts = foldForSearch(query).split(' ').filter(Boolean);
    // Three capped buckets rather than a sort: a one-letter query matches nearly everything, and
    // once the best bucket is full nothing later can displace it.
    const buckets: IndexedSymbol[][] = [[], [], []];
    for (const symbol of this.all()) {
      check();
      const rank = parts.length === 0 ? 0 : matchRank(symbol.key, parts);
      if (rank < 0 || buckets[rank].length >= limit) continue;
      buckets[rank].push(symbol);
      if (rank === 0 && buckets[0].length >= limit) break;
    }
    const best = [...buckets[0], ...buckets[1], ...buckets[2]].slice(0, limit);
    return best.map((symbol) => ({ name: symbol.name, kind: symbol.kind, containerName: symbol.containerName, location: { uri: symbol.uri, range: symbol.range } }));
  }
}
