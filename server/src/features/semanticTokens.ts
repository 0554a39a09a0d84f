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
import { SemanticTokensBuilder, type CancellationToken, type Position, type Range, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver';
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
/** Longer than any name, role or date: how far before a range a token may start and still reach into it. */
const MAX_TOKEN_LENGTH = 1000;
const DECLARATION = 1 << 0;

/** One sorted list the tokens are drawn from: an official's mentions or roles, or the dates. */
interface Source {
  spans: readonly { span: Span }[];
  /** The next item to take. */
  at: number;
  type: number;
  /** The mention that gets the declaration modifier, for an official's mentions. */
  declaration: unknown;
  /** Order among sources with a token at the same place and of the same type. */
  rank: number;
}

/** Whether source `a`'s next token comes before source `b`'s: by place, then type, then rank. */
function before(a: Source, b: Source): boolean {
  const x = a.spans[a.at].span.start;
  const y = b.spans[b.at].span.start;
  if (x !== y) return x < y;
  if (a.type !== b.type) return a.type < b.type;
  return a.rank < b.rank;
}

/**
 * Every token of the model, in text order, none overlapping (people first where two would). Each
 * official's mentions and roles and the dates are already in text order: they are merged (a heap
 * of the lists' next tokens) rather than gathered and sorted, and a range reads only its part.
 */
function collect(model: DocumentModel, within: Span | null, check: () => void): Token[] {
  const sources: Source[] = [];
  const add = (spans: readonly { span: Span }[], type: number, declaration: unknown): void => {
    // The first item that may reach into the range: ends are in order where spans do not nest.
    let at = 0;
    if (within) {
      let hi = spans.length;
      while (at < hi) {
        const mid = (at + hi) >> 1;
        if (spans[mid].span.start < within.start - MAX_TOKEN_LENGTH) at = mid + 1;
        else hi = mid;
      }
    }
    if (at < spans.length) sources.push({ spans, at, type, declaration, rank: sources.length });
  };
  for (const official of model.officials) {
    check();
    add(official.mentions, TYPE_INDEX.person, introductionOf(official));
    add(official.roles, TYPE_INDEX.role, null);
  }
  add(model.dates, TYPE_INDEX.date, null);

  // A binary heap of the sources, by their next token.
  const heap = sources;
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l], heap[m])) m = l;
      if (r < heap.length && before(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);

  const out: Token[] = [];
  let end = -1;
  let count = 0;
  while (heap.length > 0) {
    if (++count % 4096 === 0) check();
    const source = heap[0];
    const item = source.spans[source.at];
    const span = item.span;
    if (within && span.start >= within.end) {
      // Nothing further in this list reaches into the range.
      heap[0] = heap[heap.length - 1];
      heap.pop();
      down(0);
      continue;
    }
    // Several people may share one role phrase; the protocol wants each place coloured once.
    if (span.end > span.start && span.start >= end && (!within || span.end > within.start)) {
      out.push({ span, type: source.type, modifiers: source.declaration === item ? DECLARATION : 0 });
      end = span.end;
    }
    source.at++;
    if (source.at < source.spans.length) down(0);
    else {
      heap[0] = heap[heap.length - 1];
      heap.pop();
      down(0);
    }
  }
  return out;
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** Pushes a token, split at line breaks: a client need not support tokens that span lines. */
function push(builder: SemanticTokensBuilder, place: (offset: number) => Position, text: string, token: Token): void {
  let start = token.span.start;
  const end = token.span.end;
  while (start < end) {
    let stop = start;
    while (stop < end && !isLineBreak(text.charCodeAt(stop))) stop++;
    if (stop > start) {
      const position = place(start);
      builder.push(position.line, position.character, stop - start, token.type, token.modifiers);
    }
    start = stop;
    while (start < end && isLineBreak(text.charCodeAt(start))) start++;
  }
}

/**
 * Positions of offsets asked for in increasing order: the line breaks between one and the next
 * are counted as the text is walked, rather than each offset looked up among all the lines. For a
 * text whose lines end in LF alone; others are placed by the document.
 */
function placesInOrder(doc: TextDocument, text: string, from: number): (offset: number) => Position {
  if (text.includes('\r')) return (offset) => doc.positionAt(offset);
  const first = doc.positionAt(from);
  let line = first.line;
  let lineStart = from - first.character;
  let nextBreak = text.indexOf('\n', lineStart);
  return (offset) => {
    while (nextBreak !== -1 && nextBreak < offset) {
      line++;
      lineStart = nextBreak + 1;
      nextBreak = text.indexOf('\n', lineStart);
    }
    return { line, character: offset - lineStart };
  };
}

/** The semantic tokens of a whole document, or of the part a range covers. */
export function semanticTokens(doc: TextDocument, model: DocumentModel, range?: Range, token?: CancellationToken): SemanticTokens {
  const check = cancellationCheck(token, 128);
  const within = range ? { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) } : null;
  const text = doc.getText();
  const builder = new SemanticTokensBuilder();
  const tokens = collect(model, within, check);
  const place = placesInOrder(doc, text, tokens.length > 0 ? tokens[0].span.start : 0);
  let count = 0;
  for (const t of tokens) {
    if (++count % 512 === 0) check();
    push(builder, place, text, t);
  }
  return builder.build();
}
