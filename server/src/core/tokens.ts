/**
 * Word tokens of a stretch of text, with what the people recogniser needs to know about each:
 * where it is, whether it is capitalised, and what separates it from the token before.
 */
import { isSpaceCode, own } from './text';

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
/** The marks that join the parts of a word: - ‐ ' ’ */
function isJoiner(c: number): boolean {
  return c === 0x2d || c === 0x2010 || c === 0x27 || c === 0x2019;
}
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

/** The classes of the ASCII characters, settled up front. */
const asciiClass = new Uint8Array(128);
for (let c = 0; c < 128; c++) asciiClass[c] = charClass(c);

function isBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** Bits of `TokenBuffer.flags`. The first three depend on the token's text alone. */
export const TOKEN_WORD = 1;
export const TOKEN_UPPER = 2;
export const TOKEN_JOINED = 4;
export const TOKEN_BREAK_BEFORE = 8;
export const TOKEN_SPACE_BEFORE = 16;

/**
 * The tokens of a stretch of text as parallel arrays, filled by `tokenizeInto` and reused from one
 * call to the next: no object per token. Token `k` is `texts[k]`, at `[start[k], end[k])`. Token
 * texts are interned: equal texts are one shared string and have one number, `ids[k]`, as long as
 * `internGeneration()` stays the same.
 */
export class TokenBuffer {
  length = 0;
  start = new Int32Array(1024);
  end = new Int32Array(1024);
  flags = new Uint8Array(1024);
  ids = new Int32Array(1024);
  texts: string[] = [];

  /** Makes room for at least `n` tokens. */
  reserve(n: number): void {
    if (n <= this.start.length) return;
    let size = this.start.length;
    while (size < n) size *= 2;
    const grow = <T extends Int32Array | Uint8Array>(old: T, fresh: T): T => {
      fresh.set(old);
      return fresh;
    };
    this.start = grow(this.start, new Int32Array(size));
    this.end = grow(this.end, new Int32Array(size));
    this.flags = grow(this.flags, new Uint8Array(size));
    this.ids = grow(this.ids, new Int32Array(size));
  }
}

// Token texts, interned: archives repeat a few thousand words millions of times. A token's text
// is looked up in an open-addressing table by a hash of its code units, so that one string per
// distinct text is kept and shared, where slicing would make a new string for every token.
let internTexts: string[] = [];
/**
 * Per text number: its hash, and where its code units start in `internChars` and how many there
 * are. The code units are compared there, in one compact array, rather than in the strings, which
 * lie all over the heap.
 */
let internMeta = new Int32Array(3 * 4096);
let internChars = new Uint16Array(32768);
let internCharsUsed = 0;
/** Text number + 1 per slot, 0 where empty; at most half full. */
let internTable = new Int32Array(8192);
let internGen = 0;
/** Past this many distinct texts the numbering starts afresh, before the next tokenisation. */
const INTERN_LIMIT = 1 << 18;

/** Changes whenever token text numbering starts afresh; numbers from an older generation mean nothing. */
export function internGeneration(): number {
  return internGen;
}

function resetInterning(): void {
  internTexts = [];
  internMeta = new Int32Array(3 * 4096);
  internChars = new Uint16Array(32768);
  internCharsUsed = 0;
  internTable = new Int32Array(8192);
  internGen++;
}

/** True where text number `id` is `text[i, j)`, whose hash is `h`. */
function isText(id: number, h: number, text: string, i: number, j: number): boolean {
  const meta = internMeta;
  if (meta[3 * id] !== h || meta[3 * id + 2] !== j - i) return false;
  const chars = internChars;
  const at = meta[3 * id + 1] - i;
  for (let k = i; k < j; k++) if (chars[at + k] !== text.charCodeAt(k)) return false;
  return true;
}

/** The number of `text[i, j)`, whose hash is `h`; a new text gets the next number. */
function intern(text: string, i: number, j: number, h: number): number {
  const mask = internTable.length - 1;
  let slot = h & mask;
  for (;;) {
    const entry = internTable[slot];
    if (entry === 0) break;
    if (isText(entry - 1, h, text, i, j)) return entry - 1;
    slot = (slot + 1) & mask;
  }
  return addText(text, i, j, h, slot);
}

function addText(text: string, i: number, j: number, h: number, slot: number): number {
  const id = internTexts.length;
  // A copy, not a slice that would keep the whole document alive.
  internTexts.push(own(text.slice(i, j)));
  if (3 * id + 3 > internMeta.length) {
    const meta = new Int32Array(internMeta.length * 2);
    meta.set(internMeta);
    internMeta = meta;
  }
  while (internCharsUsed + (j - i) > internChars.length) {
    const chars = new Uint16Array(internChars.length * 2);
    chars.set(internChars);
    internChars = chars;
  }
  internMeta[3 * id] = h;
  internMeta[3 * id + 1] = internCharsUsed;
  internMeta[3 * id + 2] = j - i;
  for (let k = i; k < j; k++) internChars[internCharsUsed++] = text.charCodeAt(k);
  internTable[slot] = id + 1;
  if ((id + 1) * 2 > internTable.length) {
    const table = new Int32Array(internTable.length * 2);
    const mask = table.length - 1;
    for (let k = 0; k <= id; k++) {
      let free = internMeta[3 * k] & mask;
      while (table[free] !== 0) free = (free + 1) & mask;
      table[free] = k + 1;
    }
    internTable = table;
  }
  return id;
}

/**
 * Tokenises `text[start, end)` into `out`: words are letters, marks and digits joined by inner
 * hyphens or apostrophes ("Kosiniak-Kamysz", "O’Brien", "al-Shaibani", "Blinken’s"); anything else
 * that is not white space is one mark.
 */
export function tokenizeInto(out: TokenBuffer, text: string, start = 0, end = text.length): void {
  if (internTexts.length > INTERN_LIMIT) resetInterning();
  // No more tokens than code units.
  out.reserve(Math.max(0, end - start));
  const ids = out.ids;
  const starts = out.start;
  const ends = out.end;
  const flags = out.flags;
  const texts = out.texts;
  let n = 0;
  let i = start;
  let before = TOKEN_BREAK_BEFORE;
  while (i < end) {
    const c = text.charCodeAt(i);
    // Plain ASCII is settled inline: the letters and digits that open most words, and spaces.
    if (c === 32) {
      before |= TOKEN_SPACE_BEFORE;
      i++;
      continue;
    }
    if (isBreak(c)) {
      before = TOKEN_BREAK_BEFORE | TOKEN_SPACE_BEFORE;
      i++;
      continue;
    }
    if (isSpaceCode(c) || c === 0x85) {
      before |= TOKEN_SPACE_BEFORE;
      i++;
      continue;
    }
    const kind = c < 0x80 ? asciiClass[c] : classAt(text, i);
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < end ? 2 : 1;
    let j: number;
    let flag: number;
    if (kind === 3) {
      j = i + width;
      flag = 0;
    } else {
      j = i + width;
      flag = kind === 2 ? TOKEN_WORD | TOKEN_UPPER : TOKEN_WORD;
      while (j < end) {
        const cj = text.charCodeAt(j);
        if (cj < 0x80 ? (cj >= 0x61 && cj <= 0x7a) || (cj >= 0x41 && cj <= 0x5a) || (cj >= 0x30 && cj <= 0x39) : classAt(text, j) !== 3 && !isSpaceCode(cj) && !isBreak(cj)) {
          j += cj >= 0xd800 && cj <= 0xdbff && j + 1 < end ? 2 : 1;
        } else if (cj === 0x20) {
          break;
        } else if (isJoiner(cj) && j + 1 < end && classAt(text, j + 1) !== 3) {
          // Past the mark and the whole character after it (two units for a surrogate pair).
          const next = text.charCodeAt(j + 1);
          j += next >= 0xd800 && next <= 0xdbff && j + 2 < end ? 3 : 2;
          flag |= TOKEN_JOINED;
        } else if (cj >= 0x80 && INVISIBLE_IN_WORD.has(cj) && j + 1 < end && classAt(text, j + 1) !== 3 && !isSpaceCode(text.charCodeAt(j + 1))) {
          // A zero-width joiner, non-joiner, space, word joiner or soft hyphen between letters
          // is part of the word ("Ka\u200dja"): it must not split a name in two.
          j += 1;
        } else {
          break;
        }
      }
    }
    // FNV-1a over the code units.
    let h = 0x811c9dc5 | 0;
    for (let k = i; k < j; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
    const id = intern(text, i, j, h);
    starts[n] = i;
    ends[n] = j;
    flags[n] = flag | before;
    ids[n] = id;
    texts[n] = internTexts[id];
    n++;
    i = j;
    before = 0;
  }
  out.length = n;
}

const shared = new TokenBuffer();

/**
 * Tokenises `text[start, end)` as `tokenizeInto` does, as one object per token.
 */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  tokenizeInto(shared, text, start, end);
  const tokens: Token[] = new Array<Token>(shared.length);
  for (let k = 0; k < shared.length; k++) {
    const f = shared.flags[k];
    tokens[k] = {
      start: shared.start[k],
      end: shared.end[k],
      text: shared.texts[k],
      word: (f & TOKEN_WORD) !== 0,
      upper: (f & TOKEN_UPPER) !== 0,
      breakBefore: (f & TOKEN_BREAK_BEFORE) !== 0,
      spaceBefore: (f & TOKEN_SPACE_BEFORE) !== 0,
      joined: (f & TOKEN_JOINED) !== 0,
    };
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
  if (isPrintableAscii(name)) return name.toLowerCase();
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
  // Kept for later versions of the text: copies, not slices of this one.
  const kept = own(folded);
  foldCache.set(own(name), kept);
  return kept;
}

const foldCache = new Map<string, string>();

/** True where every character is printable ASCII (space to tilde). */
function isPrintableAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}
