/**
 * Document highlights (`textDocument/documentHighlight`): with the cursor on a name, every mention
 * of that person lights up.
 */
import { DocumentHighlightKind, type CancellationToken, type DocumentHighlight, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toRange } from '../annotations';
import type { DocumentModel } from '../core/model';
import { cancellationCheck } from './cancellation';
import { entityAt, introductionOf } from './entityAt';

/**
 * The mentions of the person at a position. The introduction is marked `Write` (where the name is
 * set down in full), the others `Read`, so that a theme can tell them apart.
 */
export function documentHighlights(doc: TextDocument, model: DocumentModel, position: Position, token?: CancellationToken): DocumentHighlight[] {
  const entity = entityAt(model, doc.offsetAt(position));
  if (!entity || entity.kind !== 'person') return [];
  const check = cancellationCheck(token);
  const declaration = introductionOf(entity.official);
  return entity.official.mentions.map((mention) => {
    check();
    return { range: toRange(doc, mention.span), kind: mention === declaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read };
  });
}
