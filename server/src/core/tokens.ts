/**
 * Word tokens of a stretch of text, with what the people recogniser needs to know about each:
 * where it is, whether it is capitalised, and what separates it from the token before.
 */
import { isSpaceCode } from './text';

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
  /** The word has an inner hyphen or apostrophe ("al-Shaibani", "O’Brien"). */
  joined: boolean;
}

// Character classes, computed once per UTF-16 unit on first sight: a code-unit loop with table
// look-ups is several times faster than a Unicode-property regular expression per token.
const WORD = /[\p{L}\p{M}\p{N}]/u;
const UPPER_CHAR = /[\p{Lu}\p{Lt}]/u;
const classOf = new Uint8Array(65536); // 0 unknown, 1 word, 2 word + upper, 3 other
const JOINER_CODES = new Set([0x2d /* - */, 0x2010 /* ‐ */, 0x27 /* ' */, 0x2019 /* ’ */]);
const INVISIBLE_IN_WORD = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0x00ad]);

function charClass(c: number): number {
  let k = classOf[c];
  if (k === 0) {
    const ch = String.fromCharCode(c);
    k = WORD.test(ch) ? (UPPER_CHAR.test(ch) ? 2 : 1) : 3;
    classOf[c] = k;
  }
  return k;
}

/** Class of the character at `i`, reading a surrogate pair as one character. */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return charClass(c);
  const cp = text.codePointAt(i) ?? c;
  const ch = String.fromCodePoint(cp);
  return WORD.test(ch) ? (UPPER_CHAR.test(ch) ? 2 : 1) : 3;
}

function isBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/**
 * Tokenises `text[start, end)`: words are letters, marks and digits joined by inner hyphens or
 * apostrophes ("Kosiniak-Kamysz", "O’Brien", "al-Shaibani", "Blinken’s"); anything else that is
 * not white space is one mark.
 */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const tokens: Token[] = [];
  let i = start;
  let breakBefore = true;
  let spaceBefore = false;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (isBreak(c)) {
      breakBefore = true;
      spaceBefore = true;
      i++;
      continue;
    }
    if (isSpaceCode(c) || c === 0x85) {
      spaceBefore = true;
      i++;
      continue;
    }
    const kind = classAt(text, i);
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < end ? 2 : 1;
    if (kind === 3) {
      tokens.push({ start: i, end: i + width, text: text.slice(i, i + width), word: false, upper: false, breakBefore, spaceBefore, joined: false });
      i += width;
    } else {
      let j = i + width;
      let joined = false;
      while (j < end) {
        const cj = text.charCodeAt(j);
        if (cj < 0x80 ? (cj >= 0x61 && cj <= 0x7a) || (cj >= 0x41 && cj <= 0x5a) || (cj >= 0x30 && cj <= 0x39) : classAt(text, j) !== 3 && !isSpaceCode(cj) && !isBreak(cj)) {
          j += cj >= 0xd800 && cj <= 0xdbff && j + 1 < end ? 2 : 1;
        } else if (JOINER_CODES.has(cj) && j + 1 < end && classAt(text, j + 1) !== 3) {
          // Past the mark and the whole character after it (two units for a surrogate pair).
          const next = text.charCodeAt(j + 1);
          j += next >= 0xd800 && next <= 0xdbff && j + 2 < end ? 3 : 2;
          joined = true;
        } else if (INVISIBLE_IN_WORD.has(cj) && j + 1 < end && classAt(text, j + 1) !== 3 && !isSpaceCode(text.charCodeAt(j + 1))) {
          // A zero-width joiner, non-joiner, space, word joiner or soft hyphen between letters
          // is part of the word ("Ka\u200dja"): it must not split a name in two.
          j += 1;
        } else {
          break;
        }
      }
      tokens.push({ start: i, end: j, text: text.slice(i, j), word: true, upper: kind === 2, breakBefore, spaceBefore, joined });
      i = j;
    }
    breakBefore = false;
    spaceBefore = false;
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
    .replace(/[\p{M}\p{Cf}]+/gu, '')
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
