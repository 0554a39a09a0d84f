/**
 * The annotation contract's JSON (`FileAnnotations`): the model with offsets turned into LSP
 * positions. The CLI prints it and the editor's Export command writes it.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range } from 'vscode-languageserver';
import type { DocumentModel, Finding, Severity, Span } from './core/model';

/** One release as the contract shows it. */
export interface ReleaseAnnotation {
  title: string;
  source: string | null;
  range: Range;
  titleRange: Range;
  date: string | null;
}

/** The JSON that `attache annotate` prints for one file. */
export interface FileAnnotations {
  uri: string;
  releases: ReleaseAnnotation[];
  officials: {
    id: string;
    name: string;
    aliases: string[];
    roles: { text: string; title: string; organization: string | null }[];
    mentions: { range: Range; text: string; release: number }[];
  }[];
  dates: { range: Range; text: string; value: string | null; weekday?: string; release: number }[];
  diagnostics: Diagnostic[];
}

const SEVERITY: Record<Severity, 1 | 2 | 3 | 4> = { error: 1, warning: 2, information: 3, hint: 4 };

/** Converts a span to an LSP range through the document (UTF-16, CRLF and lone CR aware). */
export function toRange(doc: TextDocument, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

/** A finding as an LSP diagnostic, with `source` "attache" and its dotted code. */
export function toDiagnostic(doc: TextDocument, finding: Finding, severity: Severity = finding.severity): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(doc, finding.span),
    severity: SEVERITY[severity],
    code: finding.code,
    source: 'attache',
    message: finding.message,
  };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri: doc.uri, range: toRange(doc, r.span) }, message: r.message }));
  }
  return diagnostic;
}

/** Builds the contract's JSON for a document and its model. */
export function toFileAnnotations(doc: TextDocument, model: DocumentModel, severityOf?: (finding: Finding) => Severity | null): FileAnnotations {
  return {
    uri: doc.uri,
    releases: model.releases.map((r) => ({
      title: r.title,
      source: r.source,
      range: toRange(doc, r.span),
      titleRange: toRange(doc, r.titleSpan),
      date: r.date,
    })),
    officials: model.officials.map((o) => ({
      id: o.id,
      name: o.name,
      aliases: o.aliases,
      roles: o.roles.map((r) => ({ text: r.text, title: r.title, organization: r.organization })),
      mentions: o.mentions.map((m) => ({ range: toRange(doc, m.span), text: m.text, release: m.release })),
    })),
    dates: model.dates.map((d) => ({
      range: toRange(doc, d.span),
      text: d.text,
      value: d.value,
      ...(d.weekday ? { weekday: d.weekday } : {}),
      release: d.release,
    })),
    diagnostics: model.findings.flatMap((f) => {
      const severity = severityOf ? severityOf(f) : f.severity;
      return severity ? [toDiagnostic(doc, f, severity)] : [];
    }),
  };
}
