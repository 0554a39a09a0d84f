/**
 * White space as the engine reads it.
 */

/**
 * White space as releases use it: ASCII spaces and tabs, non-breaking spaces, the Unicode space
 * separators, zero-width spaces and joiners, and the byte-order mark. Press offices paste lines
 * holding only a non-breaking space between paragraphs; those lines are blank.
 */
export function isSpaceCode(c: number): boolean {
  return (
    c === 32 || c === 9 || c === 11 || c === 12 || c === 0xa0 || c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200d) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x2060 || c === 0x3000 || c === 0xfeff
  );
}

/** True where `text[start, end)` holds only white space. */
export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (!isSpaceCode(text.charCodeAt(i))) return false;
  }
  return true;
}
