/**
 * Rename (`textDocument/prepareRename`, `textDocument/rename`) a person: every mention of them in
 * the file changes, in whatever form it takes.
 *
 * The word renamed decides what changes. Renaming "Rutte" to "Rutten" turns "Mark Rutte" into
 * "Mark Rutten" and "Mr Rutte" into "Mr Rutten"; renaming "Mark Rutte" to "Marc Rutten" maps word
 * for word, so "Rutte" alone becomes "Rutten". Words are compared with diacritics folded, so a
 * variant spelling ("Kestutis" beside "Kęstutis") is renamed with the rest.
 */
import { ErrorCodes, ResponseError, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toRange } from '../annotations';
import type { DocumentModel, Mention } from '../core/model';
import { foldName } from '../core/tokens';
import { entityAt } from './entityAt';

/** White space that separates the words of a name, non-breaking spaces included. */
const WORD = /[^\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/gu;

interface Word {
  text: string;
  start: number;
  end: number;
}

function wordsOf(text: string): Word[] {
  return [...text.matchAll(WORD)].map((m) => ({ text: m[0], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
}

function key(word: string): string {
  return foldName(word);
}

/** The name as compared: words folded and joined by single spaces. */
function nameKey(text: string): string {
  return wordsOf(text)
    .map((w) => key(w.text))
    .join(' ');
}

/** Which old word becomes which new word. */
function wordMap(oldName: string, newName: string): Map<string, string> {
  const from = wordsOf(oldName);
  const to = wordsOf(newName).map((w) => w.text);
  const map = new Map<string, string>();
  if (from.length === 1) {
    // One word renamed: it becomes whatever was typed, wherever it appears ("Rutte" → "van Rutte").
    map.set(key(from[0].text), newName.trim());
  } else if (from.length === to.length) {
    from.forEach((w, i) => map.set(key(w.text), to[i]));
  } else {
    // Different lengths ("Mark Rutte" → "Mark Bernard Rutte"): keep the ends lined up.
    map.set(key(from[0].text), to[0]);
    map.set(key(from[from.length - 1].text), to[to.length - 1]);
  }
  return map;
}

/** The mention under the cursor, where it is a person's name. */
function mentionAt(doc: TextDocument, model: DocumentModel, position: Position): { mention: Mention; mentions: Mention[] } | null {
  const entity = entityAt(model, doc.offsetAt(position));
  if (!entity || entity.kind !== 'person') return null;
  return { mention: entity.mention, mentions: entity.official.mentions };
}

/** The range and text to rename at a position, or null where the cursor is on no person's name. */
export function prepareRename(doc: TextDocument, model: DocumentModel, position: Position): { range: Range; placeholder: string } | null {
  const found = mentionAt(doc, model, position);
  return found ? { range: toRange(doc, found.mention.span), placeholder: found.mention.text } : null;
}

/** The edits that rename the person at a position, or null where the cursor is on no person's name. */
export function rename(doc: TextDocument, model: DocumentModel, position: Position, newName: string): WorkspaceEdit | null {
  if (newName.trim() === '' || /[\r\n]/.test(newName)) {
    throw new ResponseError(ErrorCodes.InvalidParams, 'A name cannot be empty or run over several lines.');
  }
  const found = mentionAt(doc, model, position);
  if (!found) return null;
  const text = doc.getText();
  const renamed = nameKey(found.mention.text);
  const map = wordMap(found.mention.text, newName);
  const edits: TextEdit[] = [];
  for (const mention of found.mentions) {
    const written = text.slice(mention.span.start, mention.span.end);
    if (nameKey(written) === renamed) {
      if (written !== newName) edits.push({ range: toRange(doc, mention.span), newText: newName });
      continue;
    }
    for (const word of wordsOf(written)) {
      const replacement = map.get(key(word.text));
      if (replacement === undefined || replacement === word.text) continue;
      edits.push({ range: toRange(doc, { start: mention.span.start + word.start, end: mention.span.start + word.end }), newText: replacement });
    }
  }
  return { changes: { [doc.uri]: edits } };
}
