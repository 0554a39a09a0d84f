/**
 * Word tokens of a stretch of text, with what the people recogniser needs to know about each:
 * where it is, whether it is capitalised, and what separates it from the token before.
 */

/** One word or punctuation mark. */
export interface Token {
  start: number;
  end: number;
  text: string;
  /** A run of letters and digits (with inner hyphens and apostrophes); otherwise one punctuation mark. */
  word: boolean;
  /** The first character is an upper-case or title-case letter. */
  upper: boolean;
  /** A line break lies between this token and the one before. */
  breakBefore: boolean;
  /** White space lies between this token and the one before. */
  spaceBefore: boolean;
}

// Words: letters, marks and digits, joined by inner hyphens or apostrophes ("Kosiniak-Kamysz",
// "O’Brien", "al-Shaibani", "Blinken’s"). Anything else that is not white space is one mark.
const TOKEN = /([\p{L}\p{M}\p{N}]+(?:[-‐'’][\p{L}\p{M}\p{N}]+)*)|([^\s\u00a0\u200b-\u200d\u2060\ufeff])/gu;
const UPPER = /^[\p{Lu}\p{Lt}]/u;

/** Tokenises `text[start, end)`. */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = start;
  let previousEnd = start;
  let m: RegExpExecArray | null;
  // Runs over the whole text and stops at `end`, rather than slicing: releases end on a line's
  // last non-blank character, so no word crosses `end`.
  while ((m = TOKEN.exec(text)) !== null && m.index < end) {
    const tokenStart = m.index;
    let breakBefore = false;
    for (let i = previousEnd; i < tokenStart; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) {
        breakBefore = true;
        break;
      }
    }
    const word = m[1] !== undefined;
    tokens.push({
      start: tokenStart,
      end: tokenStart + m[0].length,
      text: m[0],
      word,
      upper: word && UPPER.test(m[0]),
      breakBefore: breakBefore || tokens.length === 0,
      spaceBefore: tokenStart > previousEnd,
    });
    previousEnd = tokenStart + m[0].length;
  }
  return tokens;
}

/** Splits a phrase from a word list into token texts the same way as text is tokenised. */
export function tokenTexts(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.text);
}

/**
 * Folds a name for comparison: decomposes, drops diacritics, lower-cases, and maps the letters
 * that decomposition leaves alone (ø, ł, đ, ß, æ, œ).
 */
export function foldName(name: string): string {
  // Most words are plain ASCII: lower-casing is all they need, and it is the hot path.
  if (/^[\x20-\x7e]*$/.test(name)) return name.toLowerCase();
  const cached = foldCache.get(name);
  if (cached !== undefined) return cached;
  const folded = name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd')
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ı/g, 'i')
    .replace(/[’‘`]/g, "'");
  // Bounded: an archive has a few thousand distinct accented words, not millions.
  if (foldCache.size > 50000) foldCache.clear();
  foldCache.set(name, folded);
  return folded;
}

const foldCache = new Map<string, string>();
