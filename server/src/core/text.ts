/**
 * White space as the engine reads it, and strings that do not hold on to the text they came from.
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

/**
 * Below this length a JavaScript engine copies a slice of a string; from it on (V8's sliced and
 * concatenated strings), a slice may keep the whole text it was cut from alive.
 */
const SHORT_STRING = 13;

/**
 * A string equal to `s` that keeps no larger string alive. A word cut from a 10 MB archive would
 * otherwise keep that version of the archive in memory for as long as the word is kept: after a
 * few hundred edits, a few hundred versions. Joined to one character and cut again, the string
 * is first copied into one of its own.
 */
export function own(s: string): string {
  return s.length < SHORT_STRING ? s : (' ' + s).slice(1);
}

/**
 * Makes every string in a tree of plain objects and arrays its own (see `own`), in place. For
 * what the engine keeps from one version of a text to the next.
 */
export function ownStrings(value: unknown): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'string') {
        if (item.length >= SHORT_STRING) value[i] = own(item);
      } else if (item !== null && typeof item === 'object') ownStrings(item);
    }
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (typeof item === 'string') {
      if (item.length >= SHORT_STRING) record[key] = own(item);
    } else if (item !== null && typeof item === 'object') ownStrings(item);
  }
}
