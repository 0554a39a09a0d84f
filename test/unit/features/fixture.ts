/**
 * Inline fixtures for the feature tests: a document built from lines, with `$|$` marking the
 * cursor where a position matters, and the engine's model of it.
 */
import type { Position } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../../../server/src/core/analyze';
import type { DocumentModel, Span } from '../../../server/src/core/model';

/** Marks the cursor in a fixture line (the marker test/support/fixture.ts uses too). */
export const CURSOR = '$|$';

/** A fixture: the document, its model and where the cursor is. */
export interface Fixture {
  doc: TextDocument;
  text: string;
  model: DocumentModel;
  /** The cursor's offset (-1 where the fixture has none). */
  offset: number;
  /** The cursor's position (0:0 where the fixture has none). */
  position: Position;
}

/** Builds a document from lines joined by `eol`, removing the cursor marker. */
export function fixture(lines: string[], options: { eol?: string; uri?: string; languageId?: string } = {}): Fixture {
  const joined = lines.join(options.eol ?? '\n');
  const offset = joined.indexOf(CURSOR);
  const text = offset < 0 ? joined : joined.slice(0, offset) + joined.slice(offset + CURSOR.length);
  const doc = TextDocument.create(options.uri ?? 'file:///fixture.releases', options.languageId ?? 'diplomatic', 1, text);
  return { doc, text, model: analyzeDocument(text), offset, position: doc.positionAt(Math.max(0, offset)) };
}

/** One release in the usual shape: title, blank, `Source:` line, blank, body paragraphs. */
export function release(title: string, source: string | null, ...body: string[]): string[] {
  const header = source === null ? [title, ''] : [title, '', `Source: ${source}`, ''];
  return [...header, ...body.flatMap((p, i) => (i === 0 ? [p] : ['', p])), ''];
}

/** The span of the `occurrence`-th (from 1) appearance of `needle` in `text`. */
export function spanOf(text: string, needle: string, occurrence = 1): Span {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" occurs fewer than ${occurrence} times in the fixture`);
  }
  return { start: at, end: at + needle.length };
}

/** The text a range of the document covers. */
export function textAt(doc: TextDocument, range: { start: Position; end: Position }): string {
  return doc.getText(range);
}
