/**
 * Find All References (`textDocument/references`) on a person's name: every mention of that
 * person in the file, whatever form it takes ("Mark Rutte", "Mr Rutte", "Rutte").
 */
import type { CancellationToken, Location, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toRange } from '../annotations';
import type { DocumentModel } from '../core/model';
import { cancellationCheck } from './cancellation';
import { entityAt, introductionOf } from './entityAt';

/**
 * The mentions of the person at a position, in text order.
 *
 * @param includeDeclaration false leaves out the first full mention, as the protocol's
 *   `context.includeDeclaration` asks.
 */
export function references(doc: TextDocument, model: DocumentModel, position: Position, includeDeclaration: boolean, token?: CancellationToken): Location[] {
  const entity = entityAt(model, doc.offsetAt(position));
  if (!entity || entity.kind !== 'person') return [];
  const check = cancellationCheck(token);
  const declaration = introductionOf(entity.official);
  const out: Location[] = [];
  for (const mention of entity.official.mentions) {
    check();
    if (!includeDeclaration && mention === declaration) continue;
    out.push({ uri: doc.uri, range: toRange(doc, mention.span) });
  }
  return out;
}
