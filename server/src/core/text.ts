/**
 * Lines of a text as offsets, without copying the text. Handles `\n`, `\r\n` and lone `\r`.
 */

/** One line: `start` to `end` excludes the line break; `next` is where the following line starts. */
export interface Line {
  start: number;
  end: number;
  next: number;
}

/** Splits `text` (from `from` to `to`) into lines; the last line may be empty. */
export function splitLines(text: string, from = 0, to = text.length): Line[] {
  const lines: Line[] = [];
  let start = from;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      lines.push({ start, end: i, next: i + 1 });
      start = i + 1;
    } else if (c === 13 /* \r */) {
      const next = i + 1 < to && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      lines.push({ start, end: i, next });
      i = next - 1;
      start = next;
    }
    i++;
  }
  lines.push({ start, end: to, next: to });
  return lines;
}

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

/** The span of `text[start, end)` without leading and trailing white space (empty where all blank). */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

/** True where `text[start, end)` holds only white space. */
export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (!isSpaceCode(text.charCodeAt(i))) return false;
  }
  return true;
}
