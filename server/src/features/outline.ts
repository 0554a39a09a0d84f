/**
 * The outline (`textDocument/documentSymbol`): each release, named by its title, with the people
 * it mentions and the dates it names inside it.
 */
import { SymbolKind, type CancellationToken, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toRange } from '../annotations';
import type { DocumentModel, Official, Release } from '../core/model';
import { cancellationCheck } from './cancellation';

/** A release is a self-contained unit with members, as a module is. */
export const RELEASE_SYMBOL_KIND = SymbolKind.Module;
/** A person is an instance, not a type: `Object` rather than `Class`. */
export const PERSON_SYMBOL_KIND = SymbolKind.Object;
/** A date is something that happens. */
export const DATE_SYMBOL_KIND = SymbolKind.Event;

/** VS Code rejects a symbol whose name is empty, and one blank symbol would lose the whole outline. */
function nameOrPlaceholder(name: string, placeholder: string): string {
  return name.trim() === '' ? placeholder : name;
}

/** "NATO · 2025-03-19"; the parts a release lacks are said so. */
export function releaseDetail(release: Release): string {
  return `${release.source ?? 'no source'} · ${release.date ?? 'undated'}`;
}

/** The roles the file gives a person in one release, else anywhere in the file. */
function rolesIn(official: Official, release: number): string {
  const here = official.roles.filter((r) => r.release === release);
  const roles = here.length > 0 ? here : official.roles;
  return [...new Set(roles.map((r) => r.text))].join('; ');
}

/** The outline of a document: one symbol per release, people and dates as its children in text order. */
/**
 * Above this many releases the outline lists the releases alone. An archive of ten thousand
 * releases with their people and dates is a response of about a hundred megabytes that the
 * Outline view cannot show usefully; the releases are what a reader jumps through there.
 */
export const OUTLINE_CHILDREN_LIMIT = 2000;

export function documentSymbols(doc: TextDocument, model: Pick<DocumentModel, 'releases' | 'officials' | 'dates'>, token?: CancellationToken): DocumentSymbol[] {
  const check = cancellationCheck(token, 64);
  const withChildren = model.releases.length <= OUTLINE_CHILDREN_LIMIT;
  const children: { start: number; symbol: DocumentSymbol }[][] = withChildren ? model.releases.map(() => []) : [];
  for (const official of withChildren ? model.officials : []) {
    check();
    const seen = new Set<number>();
    for (const mention of official.mentions) {
      // One child per person per release, at their first mention there.
      if (seen.has(mention.release) || !children[mention.release]) continue;
      seen.add(mention.release);
      const range = toRange(doc, mention.span);
      children[mention.release].push({
        start: mention.span.start,
        symbol: { name: nameOrPlaceholder(official.name, mention.text), detail: rolesIn(official, mention.release), kind: PERSON_SYMBOL_KIND, range, selectionRange: range },
      });
    }
  }
  for (const date of withChildren ? model.dates : []) {
    check();
    if (!children[date.release]) continue;
    const range = toRange(doc, date.span);
    children[date.release].push({
      start: date.span.start,
      symbol: { name: nameOrPlaceholder(date.text, '(date)'), detail: date.value ?? 'year unknown', kind: DATE_SYMBOL_KIND, range, selectionRange: range },
    });
  }
  return model.releases.map((release, i) => {
    check();
    // The title starts the release: its start is the release's.
    const start = doc.positionAt(release.span.start);
    const range = { start, end: doc.positionAt(release.span.end) };
    const selectionRange = { start: release.titleSpan.start === release.span.start ? start : doc.positionAt(release.titleSpan.start), end: doc.positionAt(release.titleSpan.end) };
    const own = withChildren ? children[i] : [];
    return {
      name: nameOrPlaceholder(release.title, '(untitled release)'),
      detail: releaseDetail(release),
      kind: RELEASE_SYMBOL_KIND,
      range,
      selectionRange,
      children: own.length === 0 ? [] : own.sort((a, b) => a.start - b.start).map((c) => c.symbol),
    };
  });
}

/** The same outline flattened, for a client that cannot show a tree (`hierarchicalDocumentSymbolSupport` false). */
export function flatSymbols(uri: string, symbols: DocumentSymbol[], container?: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const symbol of symbols) {
    out.push({ name: symbol.name, kind: symbol.kind, location: { uri, range: symbol.range }, ...(container ? { containerName: container } : {}) });
    if (symbol.children) out.push(...flatSymbols(uri, symbol.children, symbol.name));
  }
  return out;
}
