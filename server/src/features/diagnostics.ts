/**
 * Diagnostics: every finding of the engine as an LSP diagnostic with `source` "attache", its
 * dotted code, and the severity the settings give its code. Publishing (debounced, per version)
 * is the service's job; this file only says what to publish.
 */
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toDiagnostic } from '../annotations';
import type { DocumentModel, Finding, Severity } from '../core/model';
import { cancellationCheck } from './cancellation';

/** Maps a finding to the severity to show it with, or null to hide it (see `severityOf` in settings.ts). */
export type SeverityOf = (finding: Finding) => Severity | null;

/** The diagnostics of a document, paired with the findings they came from (code actions need both). */
export function findingDiagnostics(doc: TextDocument, model: Pick<DocumentModel, 'findings'>, severity: SeverityOf, token?: CancellationToken): { finding: Finding; diagnostic: Diagnostic }[] {
  const check = cancellationCheck(token);
  const out: { finding: Finding; diagnostic: Diagnostic }[] = [];
  for (const finding of model.findings) {
    check();
    const shown = severity(finding);
    if (shown) out.push({ finding, diagnostic: toDiagnostic(doc, finding, shown) });
  }
  return out;
}

/** The diagnostics to publish for a document. */
export function diagnostics(doc: TextDocument, model: Pick<DocumentModel, 'findings'>, severity: SeverityOf, token?: CancellationToken): Diagnostic[] {
  return findingDiagnostics(doc, model, severity, token).map((d) => d.diagnostic);
}
