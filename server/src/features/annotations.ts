/**
 * The custom request `attache/annotations`: the annotation contract's `FileAnnotations` for an
 * open document, with diagnostics at the severities the settings give. The client's Export
 * command, the Officials tree view and the status item read it.
 */
import { RequestType } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toFileAnnotations, type FileAnnotations } from '../annotations';
import type { DocumentModel } from '../core/model';
import type { SeverityOf } from './diagnostics';

/** The parameters of `attache/annotations`. */
export interface AnnotationsParams {
  /** The document's URI, as the client opened it. */
  uri: string;
}

/** `attache/annotations`: `{ uri }` → `FileAnnotations`, or null where the document is not open or not a release file. */
export const AnnotationsRequest = new RequestType<AnnotationsParams, FileAnnotations | null, void>('attache/annotations');

/** The contract's JSON for a document. */
export function annotations(doc: TextDocument, model: DocumentModel, severity: SeverityOf): FileAnnotations {
  return toFileAnnotations(doc, model, severity);
}
