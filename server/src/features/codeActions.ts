/**
 * Quick fixes (`textDocument/codeAction`): the fixes the engine offers with a finding (the right
 * weekday, the usual spelling of a name, a missing Source: line), each tied to its diagnostic and
 * offered only where the requested range meets that diagnostic.
 */
import { CodeActionKind, type CodeAction, type CodeActionContext, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toRange } from '../annotations';
import type { DocumentModel, Span } from '../core/model';
import { findingDiagnostics, type SeverityOf } from './diagnostics';

/** True where two spans share a position; touching counts, so that a cursor at a diagnostic's end still gets its fix. */
function meets(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Whether the client asked only for kinds that exclude quick fixes. */
function wantsQuickFixes(context: CodeActionContext | undefined): boolean {
  const only = context?.only;
  if (!only || only.length === 0) return true;
  return only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`) || kind === CodeActionKind.Empty);
}

/**
 * The quick fixes for a range of a document. A finding whose code the settings turn off has no
 * diagnostic, and so no fix either.
 */
export function codeActions(doc: TextDocument, model: DocumentModel, range: Range, context: CodeActionContext | undefined, severity: SeverityOf): CodeAction[] {
  if (!wantsQuickFixes(context)) return [];
  const requested: Span = { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
  const actions: CodeAction[] = [];
  for (const { finding, diagnostic } of findingDiagnostics(doc, model, severity)) {
    if (finding.fixes.length === 0 || !meets(finding.span, requested)) continue;
    // The client matches a fix to its squiggle by the diagnostic it sent, where it sent one.
    const sent = context?.diagnostics?.find((d) => d.source === diagnostic.source && d.code === diagnostic.code && sameRange(d.range, diagnostic.range));
    for (const fix of finding.fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [sent ?? diagnostic],
        isPreferred: fix.preferred === true,
        edit: { changes: { [doc.uri]: [{ range: toRange(doc, fix.span), newText: fix.newText }] } },
      });
    }
  }
  return actions;
}
