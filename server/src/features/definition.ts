/**
 * Go to Definition (`textDocument/definition`) on a person's name, in any form: the place the file
 * introduces them, their first full mention.
 */
import type { Location, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toRange } from '../annotations';
import type { DocumentModel } from '../core/model';
import { entityAt, introductionOf } from './entityAt';

/** The person's first full mention, or null where the position is on no name (or on a role: the person it belongs to). */
export function definition(doc: TextDocument, model: DocumentModel, position: Position): Location | null {
  const entity = entityAt(model, doc.offsetAt(position));
  if (!entity || (entity.kind !== 'person' && entity.kind !== 'role')) return null;
  const first = introductionOf(entity.official);
  return first ? { uri: doc.uri, range: toRange(doc, first.span) } : null;
}
