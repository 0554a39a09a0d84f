/**
 * Semantic tokens (`textDocument/semanticTokens/full` and `/range`): people, roles and dates,
 * which the TextMate grammar cannot tell from other capitalised words and numbers.
 *
 * The token types are Attaché's own (`person`, `role`, `date`) because no standard type means
 * "a person" or "a role"; borrowing `class` or `variable` would colour a name like code. The
 * extension declares the three types in `contributes.semanticTokenTypes` (with a standard
 * `superType` as a fallback) and maps them to TextMate scopes in `semanticTokenScopes`
 * (`entity.name.person.diplomatic`, `support.type.role.diplomatic`,
 * `constant.numeric.date.diplomatic`), so that every theme colours them. The `declaration`
 * modifier marks the mention that introduces a person.
 */
import { SemanticTokensBuilder, type CancellationToken, type Range, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentModel, Span } from '../core/model';
import { cancellationCheck } from './cancellation';
import { introductionOf } from './entityAt';

/** The token types, in legend order. */
export const TOKEN_TYPES = ['person', 'role', 'date'] as const;
/** The token modifiers, in legend order (bit 0 = declaration). */
export const TOKEN_MODIFIERS = ['declaration'] as const;

/** The legend the server announces in its capabilities. */
export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

type TokenType = (typeof TOKEN_TYPES)[number];

interface Token {
  span: Span;
  type: number;
  modifiers: number;
}

const TYPE_INDEX: Record<TokenType, number> = { person: 0, role: 1, date: 2 };
const DECLARATION = 1 << 0;

/** Every token of the model, in text order, none overlapping (people first where two would). */
function collect(model: DocumentModel, within: Span | null, check: () => void): Token[] {
  const tokens: Token[] = [];
  const keep = (span: Span): boolean => span.end > span.start && (!within || (span.start < within.end && span.end > within.start));
  for (const official of model.officials) {
    check();
    const declaration = introductionOf(official);
    for (const mention of official.mentions) {
      if (keep(mention.span)) tokens.push({ span: mention.span, type: TYPE_INDEX.person, modifiers: mention === declaration ? DECLARATION : 0 });
    }
    for (const role of official.roles) if (keep(role.span)) tokens.push({ span: role.span, type: TYPE_INDEX.role, modifiers: 0 });
  }
  for (const date of model.dates) {
    check();
    if (keep(date.span)) tokens.push({ span: date.span, type: TYPE_INDEX.date, modifiers: 0 });
  }
  // Several people may share one role phrase; the protocol wants each place coloured once.
  tokens.sort((a, b) => a.span.start - b.span.start || a.type - b.type);
  const out: Token[] = [];
  let end = -1;
  for (const token of tokens) {
    if (token.span.start < end) continue;
    out.push(token);
    end = token.span.end;
  }
  return out;
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** Pushes a token, split at line breaks: a client need not support tokens that span lines. */
function push(builder: SemanticTokensBuilder, doc: TextDocument, text: string, token: Token): void {
  let start = token.span.start;
  const end = token.span.end;
  while (start < end) {
    let stop = start;
    while (stop < end && !isLineBreak(text.charCodeAt(stop))) stop++;
    if (stop > start) {
      const position = doc.positionAt(start);
      builder.push(position.line, position.character, stop - start, token.type, token.modifiers);
    }
    start = stop;
    while (start < end && isLineBreak(text.charCodeAt(start))) start++;
  }
}

/** The semantic tokens of a whole document, or of the part a range covers. */
export function semanticTokens(doc: TextDocument, model: DocumentModel, range?: Range, token?: CancellationToken): SemanticTokens {
  const check = cancellationCheck(token, 128);
  const within = range ? { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) } : null;
  const text = doc.getText();
  const builder = new SemanticTokensBuilder();
  let count = 0;
  for (const t of collect(model, within, check)) {
    if (++count % 512 === 0) check();
    push(builder, doc, text, t);
  }
  return builder.build();
}
