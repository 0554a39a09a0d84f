/**
 * Inline fixtures for tests: text built from lines, with an optional cursor marker.
 */

/** The marker a fixture uses for the cursor. */
export const CURSOR = '$|$';

/** Joins lines with `\n` (or `eol`). */
export function lines(parts: string[], eol = '\n'): string {
  return parts.join(eol);
}

/** Removes the cursor marker and returns the text with the marker's offset. */
export function withCursor(text: string): { text: string; offset: number } {
  const offset = text.indexOf(CURSOR);
  if (offset < 0) throw new Error('fixture has no cursor marker');
  return { text: text.slice(0, offset) + text.slice(offset + CURSOR.length), offset };
}

/** The 0-based line and UTF-16 column of an offset, counting `\r\n`, `\r` and `\n` as breaks. */
export function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '\r' && text[i + 1] !== '\n') line++;
  }
  return line;
}

/** One release in the house format: title, blank, Source line, blank, body paragraphs. */
export function release(title: string, source: string | null, ...body: string[]): string {
  const head = source === null ? [title, ''] : [title, '', `Source: ${source}`, ''];
  return [...head, ...body.flatMap((p, i) => (i === 0 ? [p] : ['', p]))].join('\n');
}
