/**
 * Folding (`textDocument/foldingRange`): one range per release, title line to last line, and one
 * per footer ("For more information: …").
 */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentModel, Span } from '../core/model';

/** The lines a span covers, or null where it fits on one line (nothing to fold). */
function lineSpan(doc: TextDocument, span: Span): { startLine: number; endLine: number } | null {
  const startLine = doc.positionAt(span.start).line;
  const endLine = doc.positionAt(span.end).line;
  return endLine > startLine ? { startLine, endLine } : null;
}

/**
 * The folding ranges of a document, in text order. A footer is boilerplate rather than content,
 * so it gets the `comment` kind: "Fold All Block Comments" then hides every footer at once.
 *
 * @param rangeLimit the most ranges the client wants; releases are kept before footers.
 */
export function foldingRanges(doc: TextDocument, model: Pick<DocumentModel, 'releases'>, rangeLimit = Number.MAX_SAFE_INTEGER): FoldingRange[] {
  const releases: FoldingRange[] = [];
  const footers: FoldingRange[] = [];
  for (const release of model.releases) {
    const lines = lineSpan(doc, release.span);
    if (lines) releases.push(lines);
    const footer = release.footerSpan && lineSpan(doc, release.footerSpan);
    // A footer that starts on the title line would fold the same lines as its release.
    if (footer && (!lines || footer.startLine > lines.startLine)) footers.push({ ...footer, kind: FoldingRangeKind.Comment });
  }
  const kept = releases.length >= rangeLimit ? releases.slice(0, rangeLimit) : [...releases, ...footers.slice(0, rangeLimit - releases.length)];
  return kept.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
