/**
 * Inlay hints (`textDocument/inlayHint`): after an office named without a name ("the Secretary
 * General"), the person who held it on the release's date by the officials register
 * ("the Secretary General: Mark Rutte"), with the tenure in the tooltip.
 */
import { InlayHintKind, MarkupKind, type CancellationToken, type InlayHint, type InlayHintLabelPart, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentModel, RoleReference } from '../core/model';
import { cancellationCheck } from './cancellation';
import { firstEndingFrom } from '../core/spans';
import { describeRegisterRole, escapeMarkdown, officesNamed } from './hover';
import type { RegisterView } from './registerEntry';

/** What the hints read from the register: tenures for the tooltip, and where each entry is written. */
export type InlayHintRegister = Pick<RegisterView, 'personById'> & Partial<Pick<RegisterView, 'entryLocation'>>;

/** The tooltip of a holder's hint: who, by what, and the tenure of the office. */
function tooltip(model: DocumentModel, reference: RoleReference, register: InlayHintRegister | undefined): string {
  const date = model.releases[reference.release]?.date ?? null;
  const lines = [`**${escapeMarkdown(reference.name)}**: the ${escapeMarkdown(reference.text)}${date ? ` on ${date}, the date of this release` : ''}, by the officials register.`];
  const person = register?.personById(reference.registerId);
  if (person) {
    const offices = officesNamed(person, reference.text, date);
    if (offices.length > 0) lines.push('', ...offices.map((role) => `- ${escapeMarkdown(describeRegisterRole(role))}`));
  }
  return lines.join('\n');
}

/**
 * The hints for the offices named alone whose end lies in `range`: ": Mark Rutte" after
 * "the Secretary General". Where the register says where the holder's entry is written, the
 * name links there.
 */
export function inlayHints(doc: TextDocument, model: DocumentModel, range: Range, register?: InlayHintRegister, token?: CancellationToken): InlayHint[] {
  const check = cancellationCheck(token);
  const start = doc.offsetAt(range.start);
  const end = doc.offsetAt(range.end);
  const hints: InlayHint[] = [];
  // The references are in document order: a binary search finds the first in the range, so that
  // scrolling through a long archive looks at what is on screen.
  const references = model.roleReferences;
  for (let i = firstEndingFrom(references, start); i < references.length; i++) {
    const reference = references[i];
    check();
    if (reference.span.end > end) break;
    const location = register?.entryLocation?.(reference.registerId) ?? null;
    const label: string | InlayHintLabelPart[] = location ? [{ value: ': ' }, { value: reference.name, location }] : `: ${reference.name}`;
    hints.push({
      position: doc.positionAt(reference.span.end),
      label,
      kind: InlayHintKind.Type,
      tooltip: { kind: MarkupKind.Markdown, value: tooltip(model, reference, register) },
      paddingLeft: false,
      paddingRight: false,
    });
  }
  return hints;
}
