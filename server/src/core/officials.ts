/**
 * Officials: the people a file names, the roles it gives them, and every mention of each.
 *
 * Two passes. The first finds names from cues inside each release: an honorific or rank before a
 * name ("Mr Rutte", "Admiral Giuseppe Cavo Dragone"), a role before it ("Polish President Andrzej
 * Duda") or beside it in apposition ("the Prime Minister of Belgium, Bart De Wever"; "Recep Tayyip
 * Erdoğan, President of the Republic of Türkiye"), a known given name, or a first name in address.
 * Mentions are then linked into people across the file. The second pass finds the later bare
 * references to people already known ("Kallas told the press", "von der Leyen said").
 */
import type { Mention, MentionForm, Official, Release, Role, Span } from './model';
import { lexicon, type PhraseSet } from './lexicon';
import syntax from './lexicon/syntax.json';
import { foldName, internGeneration, TokenBuffer, tokenizeInto, TOKEN_BREAK_BEFORE, TOKEN_JOINED, TOKEN_SPACE_BEFORE, TOKEN_UPPER, TOKEN_WORD } from './tokens';
import { own } from './text';

const RUN_STOPPERS = new Set<string>(syntax.roleRunStoppers);
/** The most parts a written name has, particles and initials included. */
const MAX_NAME_PARTS = 12;
/** "Salman bin Abdulaziz …": a name whose second word says "son of" is a full name of its own. */
const PATRONYMIC = new Set(['bin', 'ibn', 'bint', 'ben', 'ould', 'ag']);
const JOINERS = new Set<string>(syntax.joinerMarks);
const PARTICLE_PREFIXED = new RegExp(
  `^(?:${lexicon.particlePrefixes.filter((p) => /[-'’]$/.test(p)).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})[\\p{Lu}]`,
  'u',
);

/** One piece of a written name. */
export interface NamePart {
  text: string;
  kind: 'name' | 'initial' | 'particle' | 'suffix';
}

/** A name found in the first pass, before linking. */
export interface Candidate {
  release: number;
  span: Span;
  text: string;
  parts: NamePart[];
  /** The name's written words that identify the person (names and particles, no initials). */
  key: string[];
  form: MentionForm;
  roles: Role[];
  /** True for a first name in address ("dear Donald"), which links only to a known person. */
  addressOnly: boolean;
}

/**
 * The tokens of one release (parallel arrays, see `TokenBuffer`) and the indices already claimed
 * by a name.
 */
interface Scan {
  text: string;
  /** The number of tokens. */
  n: number;
  start: Int32Array;
  end: Int32Array;
  flags: Uint8Array;
  /** Numbers of the token texts (see `TokenBuffer.ids`). */
  ids: Int32Array;
  texts: string[];
  claimed: Uint8Array;
  /** `titleLengthAt` and `multiWordNameLengthAt` of each token once asked, -1 before. */
  titleLength: Int8Array;
  multiLength: Int8Array;
  release: number;
}

function isWordAt(scan: Scan, k: number): boolean {
  return (scan.flags[k] & TOKEN_WORD) !== 0;
}
function isUpperAt(scan: Scan, k: number): boolean {
  return (scan.flags[k] & TOKEN_UPPER) !== 0;
}
function breaksBefore(scan: Scan, k: number): boolean {
  return (scan.flags[k] & TOKEN_BREAK_BEFORE) !== 0;
}
function spaceBefore(scan: Scan, k: number): boolean {
  return (scan.flags[k] & TOKEN_SPACE_BEFORE) !== 0;
}

/** True where a word ends in a possessive "'s" or "’s" (a string test: this is on the hot path). */
function isPossessive(word: string): boolean {
  const n = word.length;
  if (n < 3 || word.charCodeAt(n - 1) !== 0x73 /* s */) return false;
  const mark = word.charCodeAt(n - 2);
  return mark === 0x27 || mark === 0x2019;
}

/** "the", "The" or "THE", as a case-blind test would read it. */
function isThe(word: string): boolean {
  return word.length === 3 && (word.charCodeAt(0) | 32) === 0x74 && (word.charCodeAt(1) | 32) === 0x68 && (word.charCodeAt(2) | 32) === 0x65;
}

/** A particle-prefixed name ("al-Shaibani", "d'Estaing"): only words with an inner mark can be one. */
function isParticlePrefixed(word: string): boolean {
  return (word.includes('-') || word.includes("'") || word.includes('’') || word.includes('‐')) && PARTICLE_PREFIXED.test(word);
}

function stripPossessive(word: string): string {
  return isPossessive(word) ? word.slice(0, -2) : word;
}

function isRoleHeadToken(word: string): boolean {
  if (lexicon.roleHeadWords.has(word)) return true;
  if (word.includes('-') || word.includes('‐')) {
    const parts = word.split(/[-‐]/);
    // "Secretary General-elect", "Ambassador-Nominee".
    return parts.some((p) => lexicon.roleHeadWords.has(p)) || lexicon.roleSuffixes.has(parts[parts.length - 1]);
  }
  return false;
}

// What the first pass asks of a token's text depends on the text alone, and archives repeat their
// words: each answer is worked out once per distinct text and kept as bits.
const W_KNOWN = 1;
/** The token may be part of a person's name (see `isNameWord`). */
const W_NAME = 2;
/** A lower-case particle such as "van" or "al" (`lexicon.nameParticles`). */
const W_PARTICLE = 4;
/** A word token that may open or continue a name: capitalised, a particle, or particle-prefixed. */
const W_NAME_LIKE = 8;
/** The first word of a rank or honorific of several words. */
const W_TITLE_OPENER = 16;
/** The first word of a known name of several words. */
const W_MULTI_OPENER = 32;
/** `isRoleHeadToken` of the word without a possessive. */
const W_HEAD_STRIPPED = 64;
/** A role connector ("of", "for", "and"). */
const W_CONNECTOR = 128;
/** A word that stops a run of role words. */
const W_STOPPER = 256;
/** `isRoleHeadToken` of the word as written. */
const W_HEAD = 512;
// Some phrase of the set ends with the word (`PhraseSet.endsSome`); where not, matching there is 0.
const W_END_ROYAL = 1 << 10;
const W_END_HONORIFIC = 1 << 11;
const W_END_RANK_SUFFIX = 1 << 12;
const W_END_RANK = 1 << 13;
const W_END_HEAD = 1 << 14;
const W_END_MULTI = 1 << 15;

/** Where the bits keep the token's own text flags (word, upper, joined) they were worked out for. */
const W_FLAGS_SHIFT = 16;
const TEXT_FLAGS = TOKEN_WORD | TOKEN_UPPER | TOKEN_JOINED;

/** The bits of each interned token text, by its number; 0 where not yet worked out. */
let textBits = new Int32Array(4096);
let textBitsGeneration = -1;

function bitsOf(scan: Scan, k: number): number {
  const id = scan.ids[k];
  const flags = scan.flags[k] & TEXT_FLAGS;
  const known = textBits[id];
  // The flags follow from the text, except for a lone surrogate cut off at the end of a range.
  if (known !== 0 && known >>> W_FLAGS_SHIFT === flags) return known;
  const bits = computeBits(scan.texts[k], flags) | (flags << W_FLAGS_SHIFT);
  if (known === 0) textBits[id] = bits;
  return bits;
}

/** Readies `textBits` for the token text numbers `ids[0, n)`. */
function prepareTextBits(ids: Int32Array, n: number): void {
  if (internGeneration() !== textBitsGeneration) {
    textBits.fill(0);
    textBitsGeneration = internGeneration();
  }
  let max = -1;
  for (let k = 0; k < n; k++) if (ids[k] > max) max = ids[k];
  if (max >= textBits.length) {
    let size = textBits.length;
    while (size <= max) size *= 2;
    const grown = new Int32Array(size);
    grown.set(textBits);
    textBits = grown;
  }
}

function computeBits(text: string, flags: number): number {
  const word = (flags & TOKEN_WORD) !== 0;
  const upper = (flags & TOKEN_UPPER) !== 0;
  const joined = (flags & TOKEN_JOINED) !== 0;
  let bits = W_KNOWN;
  if (isNameWordText(text, word, upper, joined)) bits |= W_NAME;
  if (lexicon.nameParticles.has(text)) bits |= W_PARTICLE;
  if (word && (upper || lexicon.nameParticles.has(text) || (joined && PARTICLE_PREFIXED.test(text)))) bits |= W_NAME_LIKE;
  if (lexicon.titleOpeners.has(text)) bits |= W_TITLE_OPENER;
  if (lexicon.multiWordOpeners.has(text)) bits |= W_MULTI_OPENER;
  if (isRoleHeadToken(stripPossessive(text))) bits |= W_HEAD_STRIPPED;
  if (isRoleHeadToken(text)) bits |= W_HEAD;
  if (lexicon.roleConnectors.has(text)) bits |= W_CONNECTOR;
  if (RUN_STOPPERS.has(text)) bits |= W_STOPPER;
  if (lexicon.royalTitles.endsSome(text)) bits |= W_END_ROYAL;
  if (lexicon.honorifics.endsSome(text)) bits |= W_END_HONORIFIC;
  if (lexicon.rankSuffixes.endsSome(text)) bits |= W_END_RANK_SUFFIX;
  if (lexicon.ranks.endsSome(text)) bits |= W_END_RANK;
  if (lexicon.roleHeads.endsSome(text)) bits |= W_END_HEAD;
  if (lexicon.multiWordNames.endsSome(text)) bits |= W_END_MULTI;
  return bits;
}

/**
 * `set.matchEndingAt(texts, end, from)`, without the look-up where no phrase of the set ends with
 * the word before `end` (`bit` says which set that is).
 */
function matchEnding(scan: Scan, set: PhraseSet, bit: number, end: number, from = 0): number {
  if (end <= from || (bitsOf(scan, end - 1) & bit) === 0) return 0;
  return set.matchEndingAt(scan.texts, end, from);
}

/** A word that may be part of a person's name. */
function isNameWord(scan: Scan, k: number): boolean {
  return (bitsOf(scan, k) & W_NAME) !== 0;
}

function isNameWordText(text: string, word: boolean, upper: boolean, joined: boolean): boolean {
  if (!word) return false;
  if (!upper) return joined && isParticlePrefixed(stripPossessive(text));
  return isCapitalisedNameWord(stripPossessive(text));
}

/** A capitalised word that may be part of a person's name (not a place, office, title or common word). */
function isCapitalisedNameWord(word: string): boolean {
  if (lexicon.nonNameWords.has(word)) return false;
  if (isRoleHeadToken(word) || lexicon.roleModifierWords.has(word)) return false;
  if (lexicon.honorifics.has(word) || lexicon.ranks.has(word) || lexicon.royalTitles.has(word)) return false;
  if (RUN_STOPPERS.has(word)) return false;
  if (word.length > 1 && word === word.toUpperCase() && /\p{L}/u.test(word)) {
    // All capitals: an acronym ("NATO"), a shouted word ("VISITS"), or a surname written in
    // capitals as Japanese and French releases do ("IWAYA Takeshi").
    if (lexicon.orgAcronyms.has(word) || lexicon.postNominals.has(word)) return false;
    const asWord = word[0] + word.slice(1).toLowerCase();
    if (lexicon.nonNameWords.has(asWord) || isRoleHeadToken(asWord) || lexicon.roleModifierWords.has(asWord) || RUN_STOPPERS.has(asWord)) return false;
    if (lexicon.honorifics.has(asWord) || lexicon.ranks.has(asWord)) return false;
  }
  return true;
}

function isInitialAt(scan: Scan, i: number): boolean {
  const { texts } = scan;
  return (
    isWordAt(scan, i) && isUpperAt(scan, i) && texts[i].length === 1 && i + 1 < scan.n && texts[i + 1] === '.' && !spaceBefore(scan, i + 1)
  );
}

/** True where a rank or honorific of several words starts at token `i` ("Major General", "His Majesty"). */
function startsTitle(scan: Scan, i: number): boolean {
  return titleLengthAt(scan, i) > 0;
}

/** The number of tokens of the longest rank or honorific of several words starting at token `i` ("H.E." is four), or 0. */
function titleLengthAt(scan: Scan, i: number): number {
  let length = scan.titleLength[i];
  if (length < 0) {
    length = titleLengthFrom(scan, i);
    scan.titleLength[i] = length;
  }
  return length;
}

function titleLengthFrom(scan: Scan, i: number): number {
  if ((bitsOf(scan, i) & W_TITLE_OPENER) === 0) return 0;
  for (let length = 5; length >= 2; length--) {
    const end = i + length;
    if (end > scan.n) continue;
    if (matchEnding(scan, lexicon.ranks, W_END_RANK, end, i) === length || matchEnding(scan, lexicon.honorifics, W_END_HONORIFIC, end, i) === length) return length;
  }
  return 0;
}

interface ParsedName {
  parts: NamePart[];
  first: number;
  /** Token index after the name. */
  next: number;
  span: Span;
  possessive: boolean;
}

const ROMAN_NUMERALS = new Set(['II', 'III', 'IV', 'V', 'VI']);

/** Reads a name starting at token `i`: name words, initials, particles and a suffix. */
function parseName(scan: Scan, i: number): ParsedName | null {
  const { texts, n, claimed } = scan;
  // A name opens with a name word, an initial or a particle: anything else is settled at once.
  const opening = bitsOf(scan, i);
  if (claimed[i] || ((opening & W_NAME) === 0 && !isInitialAt(scan, i) && (isUpperAt(scan, i) || !isWordAt(scan, i) || (opening & W_PARTICLE) === 0))) return null;
  if (startsTitle(scan, i) || insideMultiWordName(scan, i)) return null;
  const parts: NamePart[] = [];
  let j = i;
  let lastNameIndex = -1;
  let lastNameEnd = scan.start[i];
  let possessive = false;
  // No name runs longer than this ("Khaled bin Mohamed bin Zayed Al Nahyan" is 7 parts): a line
  // of capitalised words is not one endless name, and the cap keeps the work per word bounded.
  while (j < n && !claimed[j] && parts.length < MAX_NAME_PARTS) {
    const text = texts[j];
    if (j > i && (breaksBefore(scan, j) || !spaceBefore(scan, j))) break;
    if (isInitialAt(scan, j)) {
      parts.push({ text: `${text}.`, kind: 'initial' });
      j += 2;
      continue;
    }
    const bits = bitsOf(scan, j);
    if (isWordAt(scan, j) && !isUpperAt(scan, j) && (bits & W_PARTICLE) !== 0) {
      if (j + 1 < n && !breaksBefore(scan, j + 1) && (bitsOf(scan, j + 1) & (W_NAME | W_PARTICLE)) !== 0) {
        parts.push({ text, kind: 'particle' });
        j++;
        continue;
      }
      break;
    }
    if (lastNameIndex >= 0 && ROMAN_NUMERALS.has(text)) {
      parts.push({ text, kind: 'suffix' });
      lastNameIndex = parts.length - 1;
      lastNameEnd = scan.end[j];
      j++;
      continue;
    }
    // "Joseph R. Biden Jr.": the suffix, with its full stop, ends the name.
    if (lastNameIndex >= 0 && (text === 'Jr' || text === 'Sr') && (lexicon.nameSuffixes.has(text) || lexicon.nameSuffixes.has(`${text}.`))) {
      const dotted = j + 1 < n && texts[j + 1] === '.' && !spaceBefore(scan, j + 1);
      parts.push({ text: dotted ? `${text}.` : text, kind: 'suffix' });
      lastNameIndex = parts.length - 1;
      lastNameEnd = dotted ? scan.end[j + 1] : scan.end[j];
      j += dotted ? 2 : 1;
      break;
    }
    // "Hassan Sheikh Mohamud": a title word between two name words is part of the name.
    if (lastNameIndex >= 0 && lexicon.nameInternalTitles.has(text) && j + 1 < n && isNameWord(scan, j + 1) && spaceBefore(scan, j + 1)) {
      parts.push({ text, kind: 'name' });
      lastNameIndex = parts.length - 1;
      lastNameEnd = scan.end[j];
      j++;
      continue;
    }
    if ((bits & W_NAME) !== 0) {
      if (isPossessive(text)) {
        parts.push({ text: text.slice(0, -2), kind: 'name' });
        lastNameIndex = parts.length - 1;
        lastNameEnd = scan.end[j] - 2;
        possessive = true;
        j++;
        break;
      }
      parts.push({ text, kind: 'name' });
      lastNameIndex = parts.length - 1;
      lastNameEnd = scan.end[j];
      j++;
      continue;
    }
    break;
  }
  if (lastNameIndex < 0) return null;
  // A name ends on a name word: trailing initials or particles belong to what follows.
  const kept = parts.slice(0, lastNameIndex + 1);
  let next = i;
  for (const part of kept) next += part.kind === 'initial' ? 2 : 1;
  return { parts: kept, first: i, next, span: { start: scan.start[i], end: lastNameEnd }, possessive: possessive && next === j };
}

/** Index of the first token of a role phrase that ends just before token `end`, or -1. */
function roleRunBefore(scan: Scan, end: number): number {
  const { texts, claimed } = scan;
  let start = -1;
  // A name that opens a line has nothing before it on that line ("…of Japan⏎Justin Trudeau, …").
  if (end < scan.n && breaksBefore(scan, end)) return -1;
  for (let k = end - 1; k >= 0 && end - k <= 25; k--) {
    if (claimed[k]) break;
    const text = texts[k];
    const joinedToNext = k + 1 < end && !spaceBefore(scan, k + 1);
    if (isWordAt(scan, k) && isUpperAt(scan, k)) {
      if ((bitsOf(scan, k) & W_STOPPER) !== 0 && text !== 'The') break;
      start = k;
      if (isPossessive(text)) break;
    } else if (isWordAt(scan, k) && (bitsOf(scan, k) & W_CONNECTOR) !== 0) {
      start = k;
    } else if (!isWordAt(scan, k) && JOINERS.has(text) && !spaceBefore(scan, k) && joinedToNext) {
      start = k;
    } else {
      break;
    }
    if (breaksBefore(scan, k)) break;
  }
  return start;
}

function trimConnectors(scan: Scan, start: number, end: number): [number, number] {
  while (start < end && ((bitsOf(scan, start) & W_CONNECTOR) !== 0 || scan.texts[start] === 'The')) start++;
  while (end > start && (bitsOf(scan, end - 1) & W_CONNECTOR) !== 0) end--;
  return [start, end];
}

function hasRoleHead(scan: Scan, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    if ((bitsOf(scan, k) & W_HEAD_STRIPPED) !== 0) return true;
    if (matchEnding(scan, lexicon.roleHeads, W_END_HEAD, k + 1, start) > 1) return true;
  }
  return false;
}

/** A word that can open an office's name: a head, a modifier, a country or organisation, a possessive. */
function isRoleWord(text: string): boolean {
  const word = stripPossessive(text);
  // An unknown acronym before an office is its organisation ("IPU Secretary General").
  if (/^\p{Lu}{2,6}$/u.test(word)) return true;
  return (
    word !== text || isRoleHeadToken(word) || lexicon.roleModifierWords.has(word) || lexicon.demonymToCountry.has(word) ||
    lexicon.orgAcronyms.has(word) || lexicon.countries.has(word) || lexicon.orgNameWords.has(word) || lexicon.roleHeads.has(word)
  );
}

/** True where a known name of several words starts at token `i` ("United Nations …"). */
function startsMultiWordName(scan: Scan, i: number): boolean {
  return multiWordNameLengthAt(scan, i) > 0;
}

/** The number of tokens of the known name of several words starting at token `i`, or 0. */
function multiWordNameLengthAt(scan: Scan, i: number): number {
  let length = scan.multiLength[i];
  if (length < 0) {
    length = multiWordNameLengthFrom(scan, i);
    scan.multiLength[i] = length;
  }
  return length;
}

function multiWordNameLengthFrom(scan: Scan, i: number): number {
  if ((bitsOf(scan, i) & W_MULTI_OPENER) === 0) return 0;
  for (let length = 5; length >= 2; length--) {
    if (i + length <= scan.n && matchEnding(scan, lexicon.multiWordNames, W_END_MULTI, i + length, i) === length) return length;
  }
  return 0;
}

/** True where token `i` opens or lies inside a known place or organisation of several words ("North Macedonia"). */
function insideMultiWordName(scan: Scan, i: number): boolean {
  if (multiWordNameLengthAt(scan, i) > 0) return true;
  for (let back = 1; back <= 3 && i - back >= 0; back++) {
    if (multiWordNameLengthAt(scan, i - back) > back) return true;
  }
  return false;
}

/** True where an office's head opens at token `i` ("Crown Prince and …", "Prime Minister of …"). */
function startsRoleHead(scan: Scan, i: number): boolean {
  for (let length = 1; length <= 4 && i + length <= scan.n; length++) {
    if (matchEnding(scan, lexicon.roleHeads, W_END_HEAD, i + length, i) === length) return true;
  }
  return false;
}

/** True where a role phrase ends at token `end` with its head ("… Minister", "… Secretary General"). */
function endsWithHead(scan: Scan, end: number, start: number): boolean {
  return (bitsOf(scan, end - 1) & W_HEAD_STRIPPED) !== 0 || matchEnding(scan, lexicon.roleHeads, W_END_HEAD, end, start) > 0;
}

/** ", General Christopher G. Cavoli": the word before such a comma qualifies a role ("… Commander Transformation"). */
function followedByTitledName(scan: Scan, next: number): boolean {
  const { texts } = scan;
  if (next >= scan.n || texts[next] !== ',') return false;
  for (let length = 1; length <= 3 && next + 1 + length <= scan.n; length++) {
    const end = next + 1 + length;
    if (matchEnding(scan, lexicon.honorifics, W_END_HONORIFIC, end, next + 1) === length || matchEnding(scan, lexicon.ranks, W_END_RANK, end, next + 1) === length) return true;
  }
  return false;
}

const parsedRoles = new Map<string, { title: string; organization: string | null }>();

/** Parses a role's text into the office and the organisation or country it belongs to. */
export function parseRole(text: string): { title: string; organization: string | null } {
  // Archives repeat their offices thousands of times ("NATO Secretary General").
  let parsed = parsedRoles.get(text);
  if (parsed === undefined) {
    const found = parseRoleText(text);
    // Kept for later versions of the text: copies, not slices of this one.
    parsed = { title: own(found.title), organization: found.organization === null ? null : own(found.organization) };
    if (parsedRoles.size > 20000) parsedRoles.clear();
    parsedRoles.set(own(text), parsed);
  }
  return { ...parsed };
}

function parseRoleText(text: string): { title: string; organization: string | null } {
  const clean = text.replace(/\s+/gu, ' ').trim();
  const possessive = /^(.+?)['’]s\s+(.+)$/u.exec(clean);
  if (possessive) return { title: possessive[2], organization: possessive[1] };
  const words = clean.split(' ');
  const first = words[0];
  if (words.length > 1 && (lexicon.orgAcronyms.has(first) || lexicon.demonymToCountry.has(first) || /^\p{Lu}{2,6}$/u.test(first))) {
    const rest = words.slice(1).join(' ');
    return { title: rest, organization: lexicon.demonymToCountry.get(first) ?? first };
  }
  const of = / of (?:the )?(.+)$/u.exec(clean);
  if (of) {
    const org = of[1];
    const title = clean.slice(0, of.index);
    return { title, organization: org };
  }
  return { title: clean, organization: null };
}

/** A role's text with its white space made single spaces, and its parts, by the text as written. */
const rolesAsWritten = new Map<string, { text: string; title: string; organization: string | null }>();

function makeRole(scan: Scan, start: number, end: number): Role {
  const from = scan.start[start];
  const to = scan.end[end - 1];
  const written = scan.text.slice(from, to);
  let known = rolesAsWritten.get(written);
  if (known === undefined) {
    const text = own(written.replace(/[\s\u00a0]+/gu, ' '));
    known = { text, ...parseRole(text) };
    if (rolesAsWritten.size > 20000) rolesAsWritten.clear();
    rolesAsWritten.set(own(written), known);
  }
  return { text: known.text, title: known.title, organization: known.organization, span: { start: from, end: to }, release: scan.release };
}

/**
 * Splits a role phrase at "and" where both sides name an office: "Deputy Prime Minister and
 * Defence Minister" is two posts, "Chairman and CEO of the Thales Group" one.
 */
function splitRoles(scan: Scan, start: number, end: number, determiner: boolean): Role[] {
  const { texts } = scan;
  const pieces: [number, number][] = [];
  let pieceStart = start;
  for (let k = start; k < end; k++) {
    if (texts[k] !== 'and') continue;
    const leftWords = k - pieceStart;
    if ((leftWords > 1 || determiner) && hasRoleHead(scan, pieceStart, k) && hasRoleHead(scan, k + 1, end) && isUpperAt(scan, k + 1)) {
      // "… Foreign and Expatriates Affairs": a split only where the right side opens a new office.
      const right = texts[k + 1];
      const opensOffice = (bitsOf(scan, k + 1) & W_HEAD) !== 0 || lexicon.roleModifierWords.has(right) ||
        lexicon.demonymToCountry.has(right) || lexicon.orgAcronyms.has(right);
      if (opensOffice) {
        pieces.push([pieceStart, k]);
        pieceStart = k + 1;
      }
    }
  }
  pieces.push([pieceStart, end]);
  // "the Secretary and President Erdoğan": the first office is someone else's.
  const chosen = determiner && pieces.length > 1 ? pieces.slice(-1) : pieces;
  return chosen.map(([s, e]) => makeRole(scan, s, e));
}

/** A role phrase read backwards from token `end` (exclusive), as roles; empty where none. */
function rolesEndingAt(scan: Scan, end: number, requireHeadLast: boolean, apposition = false): Role[] {
  const runStart = roleRunBefore(scan, end);
  if (runStart < 0) return [];
  const { texts } = scan;
  // "The Secretary and President Erdoğan": before a name, a determiner makes the first office
  // someone else's; in apposition ("the Chairman and CEO of …, Patrice Caine") both are the person's.
  const determiner = !apposition && (isThe(texts[runStart]) || (runStart > 0 && isThe(texts[runStart - 1])));
  const trimmed = trimConnectors(scan, runStart, end);
  let s = trimmed[0];
  const e = trimmed[1];
  if (s >= e || !hasRoleHead(scan, s, e)) return [];
  // "Listen to President Trump": words before the office that are not part of any office.
  while (s < e && !isRoleWord(texts[s]) && !startsMultiWordName(scan, s) && hasRoleHead(scan, s + 1, e)) {
    s++;
    while (s < e && (bitsOf(scan, s) & W_CONNECTOR) !== 0) s++;
  }
  if (requireHeadLast && !endsWithHead(scan, e, s)) return [];
  return splitRoles(scan, s, e, determiner);
}

/**
 * A role in apposition before a comma that stands just before token `comma + 1`: the
 * capitalised run ("Hungary's Prime Minister, Viktor Orbán"), or else the phrase from the
 * nearest "the" ("the EU Special Representative for … regional issues, Mr Peter Sørensen").
 */
function rolesBeforeComma(scan: Scan, comma: number): Role[] {
  const direct = rolesEndingAt(scan, comma, false, true);
  if (direct.length) return direct;
  const { texts } = scan;
  let clauseStart = comma;
  for (let k = comma - 1; k >= 0 && comma - k <= 30; k--) {
    if (scan.claimed[k] || (!isWordAt(scan, k) && !JOINERS.has(texts[k]))) break;
    clauseStart = k;
    if (breaksBefore(scan, k)) break;
  }
  for (let k = clauseStart; k < comma - 1; k++) {
    if (isThe(texts[k]) && isUpperAt(scan, k + 1)) {
      if (hasRoleHead(scan, k + 1, comma) && onlyQualifyingWords(scan, k + 1, comma)) return splitRoles(scan, k + 1, comma, false);
      break;
    }
  }
  return [];
}

/**
 * Lower-case words inside a role only qualify what an "of" or "for" introduced ("… for the
 * Belgrade-Pristina Dialogue and other Western Balkan regional issues"); a verb means a clause.
 */
function onlyQualifyingWords(scan: Scan, start: number, end: number): boolean {
  const { texts } = scan;
  let opened = false;
  let headSeen = false;
  for (let k = start; k < end; k++) {
    if (!isWordAt(scan, k)) continue;
    const text = texts[k];
    if ((bitsOf(scan, k) & W_HEAD) !== 0 || matchEnding(scan, lexicon.roleHeads, W_END_HEAD, k + 1, start) > 0) headSeen = true;
    if (text === 'of' || text === 'for') opened = headSeen;
    else if (!isUpperAt(scan, k) && (bitsOf(scan, k) & W_CONNECTOR) === 0 && !opened) return false;
  }
  return true;
}

/** Closing marks of an apposition. */
const APPOSITION_CLOSERS = new Set([',', '.', ';', ':', ')', ']', '–', '—']);

/** A role in apposition after a name: ", Chair of the NATO Military Committee". */
function rolesAfter(scan: Scan, next: number, depth = 0): Role[] {
  const { texts, n } = scan;
  if (next >= n || texts[next] !== ',') return [];
  let k = next + 1;
  if (k < n && isThe(texts[k])) k++;
  const start = k;
  let end = k;
  for (; k < n && k - start < 25; k++) {
    if (k > start && breaksBefore(scan, k)) break;
    const word = isWordAt(scan, k);
    if (word && isUpperAt(scan, k)) {
      if ((bitsOf(scan, k) & W_STOPPER) !== 0) break;
      end = k + 1;
    } else if (word && (bitsOf(scan, k) & W_CONNECTOR) !== 0) {
      continue;
    } else if (!word && JOINERS.has(texts[k]) && !spaceBefore(scan, k)) {
      continue;
    } else {
      break;
    }
  }
  if (end <= start || !isUpperAt(scan, start)) return [];
  // ", Prime Minister Donald Tusk, Foreign Minister …": a list of people, not an apposition.
  for (let m = start + 1; m < end; m++) {
    const w = texts[m];
    if (isUpperAt(scan, m) && (lexicon.givenNames.has(foldName(w)) || startsTitle(scan, m) || lexicon.honorifics.has(w) || lexicon.ranks.has(w))) return [];
  }
  // "…, Defence Minister Władysław Kosiniak-Kamysz": two unknown capitalised words after the
  // office are a name, so this is a list.
  let unknownRun = 0;
  let knownUntil = start;
  for (let m = start; m < end; m++) {
    const w = texts[m];
    // "… of Abu Dhabi": the words of a known place are not a name.
    if (m >= knownUntil) knownUntil = m + multiWordNameLengthAt(scan, m);
    const known = m < knownUntil || !isUpperAt(scan, m) || (bitsOf(scan, m) & W_HEAD) !== 0 || lexicon.roleModifierWords.has(w) ||
      lexicon.nonNameWords.has(stripPossessive(w));
    unknownRun = known ? 0 : unknownRun + 1;
    if (unknownRun >= 2 && hasRoleHead(scan, start, m)) return [];
  }
  // An apposition is closed by punctuation: "X, the Secretary General, said", not "In Pristina, the Secretary General led".
  const closing = end < n ? end : -1;
  if (closing >= 0 && !breaksBefore(scan, closing) && (isWordAt(scan, closing) || !APPOSITION_CLOSERS.has(texts[closing]))) return [];
  // "X, the President of Kenya, William Ruto": the office introduces the next person.
  if (closing >= 0 && texts[closing] === ',' && end + 1 < n) {
    const after = texts[end + 1];
    if (isUpperAt(scan, end + 1) && (isNameWord(scan, end + 1) || startsTitle(scan, end + 1) || lexicon.honorifics.has(after) || lexicon.ranks.has(after))) return [];
  }
  const first = texts[start];
  if ((bitsOf(scan, start) & W_HEAD) === 0 && !lexicon.roleModifierWords.has(first) && !lexicon.orgAcronyms.has(first) && !lexicon.demonymToCountry.has(first) &&
    !startsRoleHead(scan, start)) {
    return [];
  }
  // ", Prime Minister Donald Tusk": a list of people, not an apposition.
  if (end < n && isNameWord(scan, end) && !breaksBefore(scan, end) && spaceBefore(scan, end)) {
    const maybeName = parseName(scan, end);
    if (maybeName) return [];
  }
  if (!hasRoleHead(scan, start, end)) return [];
  const roles = splitRoles(scan, start, end, false);
  // "…, Deputy Prime Minister, Minister for Defence": more offices in apposition.
  if (depth < 3 && closing >= 0 && texts[closing] === ',') roles.push(...rolesAfter(scan, end, depth + 1));
  return roles;
}

interface Cue {
  strong: boolean;
  roles: Role[];
  address: boolean;
}

/** The index of the token that starts at `offset`, or -1 (token starts ascend). */
function tokenStartingAt(scan: Scan, offset: number): number {
  let lo = 0;
  let hi = scan.n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (scan.start[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < scan.n && scan.start[lo] === offset ? lo : -1;
}

/** What stands before and after a name that makes it a person's. */
function cueFor(scan: Scan, name: ParsedName): Cue | null {
  const { texts, n } = scan;
  let p = name.first;
  let titled = false;
  const roles: Role[] = [];
  let royalSeen = false;
  for (let guard = 0; guard < 5; guard++) {
    // A royal or religious title is the person's office too: "King", "Pope", "Crown Prince",
    // even where an honorific such as "His Majesty King" takes it in.
    const royal = matchEnding(scan, lexicon.royalTitles, W_END_ROYAL, p);
    if (royal && !royalSeen) {
      roles.push(royalRole(scan, p - royal, p, name));
      royalSeen = true;
    }
    const honorific = matchEnding(scan, lexicon.honorifics, W_END_HONORIFIC, p);
    if (honorific) {
      p -= honorific;
      titled = true;
      // "the Hon Kevin Rudd", "the Rt Hon David Lammy": the article belongs to the honorific.
      if (p > 0 && texts[p - 1] === 'the' && /^(?:Hon|Rt|Right|Honourable|Honorable)/.test(texts[p])) p--;
      continue;
    }
    const suffix = matchEnding(scan, lexicon.rankSuffixes, W_END_RANK_SUFFIX, p);
    if (suffix) {
      p -= suffix;
      continue;
    }
    const rank = Math.max(matchEnding(scan, lexicon.ranks, W_END_RANK, p), royal);
    const head = matchEnding(scan, lexicon.roleHeads, W_END_HEAD, p);
    if (rank && rank >= head) {
      p -= rank;
      titled = true;
      continue;
    }
    break;
  }
  let nameWords = 0;
  for (const part of name.parts) if (part.kind === 'name') nameWords++;
  const single = nameWords < 2 && !titled;
  const after = afterPostNominals(scan, name.next);
  // One capitalised word glued to more ("…, African Integration and …") is not a name on its own.
  const continues = after < n && isWordAt(scan, after) && isUpperAt(scan, after) && spaceBefore(scan, after) && !breaksBefore(scan, after);
  let roleCue = false;
  // "the President of Montenegro": a capitalised word after "of" is what the office is of.
  const afterConnector = p > 0 && isWordAt(scan, p - 1) && !isUpperAt(scan, p - 1) && (bitsOf(scan, p - 1) & W_CONNECTOR) !== 0;
  if (afterConnector && !titled) return null;
  if (nameWords < 2 && !titled && followedByTitledName(scan, name.next)) return null;
  // "the Chief Guest": a single word after "the" and an office is more of the office.
  const before = afterConnector ? [] : rolesEndingAt(scan, p, single);
  if (single && before.length) {
    const k = tokenStartingAt(scan, before[0].span.start);
    if (k > 0 && texts[k - 1] === 'the') before.length = 0;
  }
  if (before.length) {
    roles.push(...before);
    roleCue = true;
  } else if (p > 0 && texts[p - 1] === ',' && !(single && continues)) {
    const apposed = rolesBeforeComma(scan, p - 1);
    if (apposed.length) {
      roles.push(...apposed);
      roleCue = true;
    }
  }
  if (!name.possessive) {
    const apposed = rolesAfter(scan, after);
    if (apposed.length) {
      roles.push(...apposed);
      roleCue = true;
    }
  }
  // The roles are kept with the candidate: a copy is no larger than it needs to be.
  if (titled || roleCue) return { strong: true, roles: roles.slice(), address: false };
  const firstPart = name.parts[0];
  // "James S. Brady Press Briefing Room", "Kim Il Sung Square": a place named after a person.
  if (continues && (lexicon.namedAfterNouns.has(texts[after]) || lexicon.orgNameWords.has(texts[after]) || laterNamedAfter(scan, after))) return null;
  if (nameWords >= 2 && firstPart.kind === 'name' && lexicon.givenNames.has(foldName(firstPart.text))) {
    return { strong: false, roles: roles.slice(), address: false };
  }
  if (nameWords === 1 && name.first > 0 && isAddress(scan, name)) {
    return { strong: false, roles: roles.slice(), address: true };
  }
  return null;
}

/** True where a run of capitalised words from token `k` ends in a noun that names a place or thing ("Press Briefing Room"). */
function laterNamedAfter(scan: Scan, k: number): boolean {
  for (let m = k; m < scan.n && m < k + 4; m++) {
    if (!isWordAt(scan, m) || !isUpperAt(scan, m) || (m > k && (!spaceBefore(scan, m) || breaksBefore(scan, m)))) return false;
    if (lexicon.namedAfterNouns.has(scan.texts[m])) return true;
  }
  return false;
}

/** Skips post-nominal letters after a name: "Richard Marles MP, …", "Bola Ahmed Tinubu, GCFR, …". */
function afterPostNominals(scan: Scan, next: number): number {
  const { texts, n } = scan;
  let k = next;
  for (;;) {
    if (k < n && lexicon.postNominals.has(texts[k]) && spaceBefore(scan, k)) {
      k++;
    } else if (k + 1 < n && texts[k] === ',' && lexicon.postNominals.has(texts[k + 1])) {
      k += 2;
    } else {
      return k;
    }
  }
}

/** The role of a royal or religious title, with the country that follows the name ("King … of Jordan"). */
function royalRole(scan: Scan, start: number, end: number, name: ParsedName): Role {
  const role = makeRole(scan, start, end);
  const { texts, n } = scan;
  const of = name.next;
  if (of + 1 < n && texts[of] === 'of' && isUpperAt(scan, of + 1) && !breaksBefore(scan, of + 1)) {
    let k = of + 1;
    while (k + 1 < n && isUpperAt(scan, k + 1) && spaceBefore(scan, k + 1) && !breaksBefore(scan, k + 1)) k++;
    const place = scan.text.slice(scan.start[of + 1], scan.end[k]);
    if (lexicon.countries.has(place) || lexicon.multiWordNames.has(place) || lexicon.nonNameWords.has(place)) {
      role.text = `${role.text} of ${place}`;
      role.organization = place;
    }
  }
  return role;
}

/** A first name in address: "dear Donald", "Thank you, Mélanie, for …". */
function isAddress(scan: Scan, name: ParsedName): boolean {
  const { texts, n } = scan;
  const before = texts[name.first - 1].toLowerCase();
  if (lexicon.addressWords.has(before)) return true;
  if (name.next >= n) return false;
  const after = texts[name.next];
  // "Thank you, Mélanie, for …", "Thanks, Karine.": links only to someone the file names in full.
  if (before === ',' && name.first >= 2 && lexicon.addressOpeners.has(texts[name.first - 2].toLowerCase()) && (after === ',' || after === '!' || after === '.')) return true;
  if (!lexicon.givenNames.has(foldName(name.parts[0].text))) return false;
  // "Question: Stéphane, will the Secretary-General …": a first name opening a question.
  const opensClause = before === ':' || before === '“' || before === '"';
  return opensClause && after === ',' && name.next + 1 < n && isWordAt(scan, name.next + 1) && !isUpperAt(scan, name.next + 1);
}

function keyOf(parts: NamePart[]): string[] {
  return parts.filter((p) => p.kind === 'name' || p.kind === 'particle' || p.kind === 'suffix').map((p) => foldName(p.text));
}

/** What the first pass leaves for the second: the candidates, and where name-like words stand. */
export interface ReleaseScan {
  candidates: Candidate[];
  /** Start and end offsets, flattened, of the capitalised or particle words no candidate took. */
  nameish: number[];
  /** The words themselves, one per pair in `nameish`, without a possessive "'s". */
  nameishWords: string[];
}

/**
 * First pass over one release: names found from cues. It reads only the release's own text and
 * its dates (`dates`, sorted, not overlapping), so its result can be kept while the release is
 * unchanged.
 */
export function scanRelease(text: string, release: Release, dates: readonly Span[]): ReleaseScan {
  return findCandidates(text, release, dates);
}

// The token arrays of the release being scanned, reused from one release to the next (a scan
// keeps nothing of them once it returns).
const buffer = new TokenBuffer();
let claimedBuffer = new Uint8Array(1024);
const nameishBuffer: number[] = [];
const nameishWordsBuffer: string[] = [];
let titleLengthBuffer = new Int8Array(1024);
let multiLengthBuffer = new Int8Array(1024);

function findCandidates(text: string, release: Release, dates: readonly Span[]): ReleaseScan {
  tokenizeInto(buffer, text, release.span.start, release.span.end);
  const n = buffer.length;
  if (claimedBuffer.length < n) {
    claimedBuffer = new Uint8Array(buffer.start.length);
    titleLengthBuffer = new Int8Array(buffer.start.length);
    multiLengthBuffer = new Int8Array(buffer.start.length);
  }
  const claimed = claimedBuffer;
  claimed.fill(0, 0, n);
  titleLengthBuffer.fill(-1, 0, n);
  multiLengthBuffer.fill(-1, 0, n);
  prepareTextBits(buffer.ids, n);
  const scan: Scan = {
    text, n, start: buffer.start, end: buffer.end, flags: buffer.flags, ids: buffer.ids, texts: buffer.texts, claimed,
    titleLength: titleLengthBuffer, multiLength: multiLengthBuffer, release: release.index,
  };
  // Words of a date ("On Thursday", "May 2025") are never names.
  if (dates.length > 0) {
    for (let k = 0; k < n; k++) if (isUpperAt(scan, k) && overlaps(dates, scan.start[k], scan.end[k])) claimed[k] = 1;
  }
  const candidates: Candidate[] = [];
  // Name-like words no candidate takes are recorded as the loop passes them (their state is
  // final by then), for the second pass.
  // Gathered in arrays reused from release to release, then copied at their own size.
  const nameish = nameishBuffer;
  const nameishWords = nameishWordsBuffer;
  let recorded = 0;
  const record = (k: number): void => {
    nameish[2 * recorded] = scan.start[k];
    nameish[2 * recorded + 1] = scan.end[k];
    nameishWords[recorded] = stripPossessive(scan.texts[k]);
    recorded++;
  };
  const nameLike = (k: number): boolean => !claimed[k] && (bitsOf(scan, k) & W_NAME_LIKE) !== 0;
  for (let i = 0; i < n; i++) {
    if (!nameLike(i)) continue;
    // "H.E. Musalia Mudavadi": the initials of a title are not the initials of a name.
    const title = titleLengthAt(scan, i);
    if (title > 0) {
      for (let k = i; k < i + title; k++) if (nameLike(k)) record(k);
      i += title - 1;
      continue;
    }
    const name = parseName(scan, i);
    const cue = name && cueFor(scan, name);
    if (!name || !cue) {
      record(i);
      continue;
    }
    for (let k = name.first; k < name.next; k++) claimed[k] = 1;
    let nameWords = 0;
    let particle = false;
    for (const part of name.parts) {
      if (part.kind === 'name') nameWords++;
      else if (part.kind === 'particle') particle = true;
    }
    candidates.push({
      release: release.index,
      span: name.span,
      text: text.slice(name.span.start, name.span.end),
      parts: name.parts,
      key: keyOf(name.parts),
      form: cue.address ? 'given' : nameWords >= 2 || particle ? 'full' : 'surname',
      roles: cue.roles,
      addressOnly: cue.address,
    });
    i = name.next - 1;
  }
  return { candidates, nameish: nameish.slice(0, 2 * recorded), nameishWords: nameishWords.slice(0, recorded) };
}

/** An official under construction. */
export interface Person {
  key: string[];
  mentions: Candidate[];
  roles: Role[];
  /** Releases where the person is mentioned, for choosing between people of one surname. */
  releases: Set<number>;
  /** The same, sorted (cached until the set grows). */
  releaseList(): readonly number[];
}

function newPerson(key: string[]): Person {
  let cache: number[] | null = null;
  let cachedSize = -1;
  const person: Person = {
    key,
    mentions: [],
    roles: [],
    releases: new Set(),
    releaseList() {
      if (cache === null || cachedSize !== person.releases.size) {
        cache = [...person.releases].sort((a, b) => a - b);
        cachedSize = person.releases.size;
      }
      return cache;
    },
  };
  return person;
}

function isSuffix(short: string[], long: string[]): boolean {
  if (short.length > long.length) return false;
  const offset = long.length - short.length;
  for (let k = 0; k < short.length; k++) if (short[k] !== long[offset + k]) return false;
  return true;
}

function isPrefix(short: string[], long: string[]): boolean {
  if (short.length > long.length) return false;
  for (let k = 0; k < short.length; k++) if (short[k] !== long[k]) return false;
  return true;
}

/** Folded without spaces, hyphens or apostrophes: spellings that differ only in those are one name. */
const compactCache = new WeakMap<string[], string>();

function compact(key: string[]): string {
  // A one-word key without a hyphen, apostrophe or space is its own compact form.
  if (key.length === 1 && !hasCompactedChar(key[0])) return key[0];
  // Keys are kept with the release facts, so one key is compacted once, not once per analysis.
  const known = compactCache.get(key);
  if (known !== undefined) return known;
  const value = compactText(key);
  compactCache.set(key, value);
  return value;
}

/** True where `word` holds a character `compactText` drops: a hyphen, an apostrophe or white space. */
function hasCompactedChar(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === 0x2d || c === 0x2010 || c === 0x27 || c === 0x2019) return true;
    if (c < 128 ? c === 32 || (c >= 9 && c <= 13) : isWhiteSpaceUnit(c)) return true;
  }
  return false;
}

const WHITE_SPACE = /\s/;

/** `\s` for one UTF-16 code unit beyond ASCII (rare in names: asked of the pattern itself). */
function isWhiteSpaceUnit(c: number): boolean {
  return WHITE_SPACE.test(String.fromCharCode(c));
}

function compactText(key: string[]): string {
  return key.join('').replace(/[-‐'’\s]/g, '');
}

/** Chooses among people a short form could refer to: the one in the same release, else the nearest before, else the first after. */
function nearest(people: Person[], release: number): Person | undefined {
  if (people.length <= 1) return people[0];
  let best: Person | undefined;
  let bestDistance = Infinity;
  for (const p of people) {
    const distance = distanceTo(p.releaseList(), release);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = p;
    }
  }
  return best;
}

/** 0 in the same release, n releases before, 1000 + n after: a reader knows who was named before. */
function distanceTo(sorted: readonly number[], release: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= release) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0) return release - sorted[lo - 1];
  return lo < sorted.length ? 1000 + (sorted[lo] - release) : Infinity;
}

function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}

/** Links the releases' candidates into people. Fuller names first, so that short forms find their person. */
function linkPeople(scans: readonly ReleaseScan[]): Person[] {
  const people: Person[] = [];
  const byCompact = new Map<string, Person>();
  // Every person whose name holds a word: the only people a short form can refer to.
  const byWord = new Map<string, Person[]>();
  const withWord = (word: string): Person[] => byWord.get(word) ?? [];
  // Longest names first, in document order within a length: buckets, not a sort.
  const buckets: Candidate[][] = [];
  for (const scan of scans) for (const c of scan.candidates) (buckets[c.key.length] ??= []).push(c);
  const pending: Candidate[] = [];
  for (let length = buckets.length - 1; length >= 0; length--) for (const c of buckets[length] ?? []) {
    if (c.addressOnly) {
      pending.push(c);
      continue;
    }
    const exact = byCompact.get(compact(c.key));
    if (exact) {
      attach(exact, c);
      continue;
    }
    // "Cavo Dragone" is Giuseppe Cavo Dragone; but "Mohamed bin Zayed Al Nahyan", which opens
    // with a given name, is a person of his own beside "Khaled bin Mohamed bin Zayed Al Nahyan".
    const ownFullName = c.key.length >= 2 && (lexicon.givenNames.has(c.key[0]) || PATRONYMIC.has(c.key[1]));
    const longer: Person[] = [];
    for (const p of withWord(c.key[0])) {
      if (p.key.length > c.key.length && ((!ownFullName && isSuffix(c.key, p.key)) || isPrefix(c.key, p.key))) longer.push(p);
    }
    const chosen = nearest(longer, c.release);
    if (chosen) {
      attach(chosen, c);
      continue;
    }
    // "President Lula" for Luiz Inácio Lula da Silva, "Sheinbaum" for Claudia Sheinbaum Pardo:
    // a surname inside a longer name, where only one person has it.
    if (c.key.length === 1) {
      const inner = withWord(c.key[0]).filter((p) => p.key.length > 2 && p.key.indexOf(c.key[0]) > 0);
      if (inner.length === 1) {
        attach(inner[0], c);
        continue;
      }
    }
    // A one-word spelling variant of a known surname ("Zelensky" beside "Zelenskyy").
    if (c.key.length === 1 && c.key[0].length >= 7) {
      const variant = people.find((p) => {
        const surname = p.key[p.key.length - 1];
        return surname.length >= 7 && editDistance(surname, c.key[0], 2) <= 2 && surname[0] === c.key[0][0];
      });
      if (variant) {
        attach(variant, c);
        continue;
      }
    }
    const person = newPerson(c.key);
    attach(person, c);
    people.push(person);
    byCompact.set(compact(c.key), person);
    for (const word of new Set(c.key)) {
      const list = byWord.get(word);
      if (list) list.push(person);
      else byWord.set(word, [person]);
    }
  }
  for (const c of pending) {
    const matching = withWord(c.key[0]).filter((p) => p.key.length > 1 && p.key[0] === c.key[0]);
    const chosen = nearest(matching, c.release);
    if (chosen) attach(chosen, c);
  }
  return people;

  function attach(person: Person, c: Candidate): void {
    person.mentions.push(c);
    for (const role of c.roles) person.roles.push(role);
    person.releases.add(c.release);
  }
}

/** What the second pass looks name-like words up in: every written ending of each person's name. */
export interface BareIndex {
  /** Each form ("Dragone", "Cavo Dragone", "DRAGONE") and the people whose name ends so. */
  owners: Map<string, Person[]>;
  /** The most words in a form, by its first word. */
  byFirstWord: Map<string, number>;
  /** Parts and key of each form, made once and shared by its mentions. */
  shapes: Map<string, { parts: NamePart[]; key: string[] }>;
  /** `byFirstWord` by word number (see `wordIdsOf`; 0: opens no form), for `mostGeneration`'s numbers. */
  mostById?: Int32Array;
  mostGeneration?: number;
}

/**
 * Numbers for name-like words, so that a release's words are looked up as numbers: the words
 * of a release stay the same array while the release is unchanged, moved or not, and linking
 * runs again over hundreds of thousands of them. Numbered afresh (a new generation) when full.
 */
let wordIds = new Map<string, number>();
let wordIdGeneration = 0;
const WORD_ID_LIMIT = 1 << 18;
const releaseWordIds = new WeakMap<readonly string[], { generation: number; ids: Int32Array }>();

function wordIdOf(word: string): number {
  let id = wordIds.get(word);
  if (id === undefined) {
    id = wordIds.size;
    wordIds.set(own(word), id);
  }
  return id;
}

/** The number of each of a release's name-like words. */
function wordIdsOf(words: readonly string[]): Int32Array {
  const known = releaseWordIds.get(words);
  if (known && known.generation === wordIdGeneration && known.ids.length === words.length) return known.ids;
  if (wordIds.size + words.length > WORD_ID_LIMIT) {
    wordIds = new Map();
    wordIdGeneration++;
  }
  const ids = new Int32Array(words.length);
  for (let i = 0; i < words.length; i++) ids[i] = wordIdOf(words[i]);
  releaseWordIds.set(words, { generation: wordIdGeneration, ids });
  return ids;
}

/** `index.byFirstWord` by word number, for the numbers of the present generation. */
function mostByIdOf(index: BareIndex): Int32Array {
  if (index.mostById && index.mostGeneration === wordIdGeneration) return index.mostById;
  // Every first word numbered now: a word met later with the same text has the same number,
  // and words numbered later open no form.
  const numbered: [number, number][] = [];
  for (const [word, most] of index.byFirstWord) numbered.push([wordIdOf(word), most]);
  const mostById = new Int32Array(wordIds.size);
  for (const [id, most] of numbered) mostById[id] = most;
  index.mostById = mostById;
  index.mostGeneration = wordIdGeneration;
  return mostById;
}

/** A bare reference and the person it names. */
export interface BareMention {
  person: Person;
  mention: Candidate;
}

/**
 * Second pass, first half: the forms a bare reference may take, from the people the first pass
 * linked. Built once per linking; each release is then read with `bareMentionsIn`.
 */
function bareIndex(people: Person[]): BareIndex {
  // Every ending of each person's name as written ("Dragone", "Cavo Dragone"), by its first word.
  const owners = new Map<string, Person[]>();
  const byFirstWord = new Map<string, number>(); // first word → most words in a form
  for (const person of people) {
    // A person is mentioned thousands of times in an archive, in a handful of written forms.
    const seenForms = new Set<string>();
    for (const mention of person.mentions) {
      if (seenForms.has(mention.text)) continue;
      seenForms.add(mention.text);
      const words = mention.parts.filter((p) => p.kind !== 'initial');
      for (let k = words.length - 1; k >= 0; k--) {
        const ending = words.slice(k);
        if (lexicon.nameParticles.has(ending[ending.length - 1].text)) continue;
        if (ending.every((w) => w.kind === 'particle' || w.kind === 'suffix')) continue;
        const surface = ending.map((w) => w.text).join(' ');
        if (ending.length === 1 && lexicon.nonNameWords.has(surface)) continue;
        // Transcripts and headlines write names in capitals ("MR. KIRBY:", "ZELENSKYY MEETS").
        for (const form of [surface, surface.toUpperCase()]) {
          const list = owners.get(form) ?? [];
          if (!list.includes(person)) list.push(person);
          owners.set(form, list);
          const first = form.split(' ')[0];
          byFirstWord.set(first, Math.max(byFirstWord.get(first) ?? 0, ending.length));
        }
      }
    }
  }
  // "said Moctezuma" for Esteban Moctezuma Barragán: a middle surname alone, where one person has it.
  const middleOwners = new Map<string, Set<Person>>();
  for (const person of people) {
    const words = person.key;
    if (words.length < 3) continue;
    const full = person.mentions.find((m) => namePartCount(m.parts) === words.length);
    if (!full) continue;
    const names = full.parts.filter((p) => p.kind === 'name');
    for (let k = 1; k < names.length - 1; k++) {
      const set = middleOwners.get(names[k].text) ?? new Set();
      set.add(person);
      middleOwners.set(names[k].text, set);
    }
  }
  for (const [word, set] of middleOwners) {
    if (set.size !== 1 || owners.has(word) || lexicon.nonNameWords.has(word) || lexicon.givenNames.has(foldName(word))) continue;
    if (lexicon.nameInternalTitles.has(word) || lexicon.honorifics.has(word) || lexicon.nameParticles.has(word)) continue;
    owners.set(word, [...set]);
    byFirstWord.set(word, Math.max(byFirstWord.get(word) ?? 0, 1));
  }
  return { owners, byFirstWord, shapes: new Map() };
}

/** The parts of a written name that are names (not initials, particles or suffixes). */
function namePartCount(parts: readonly NamePart[]): number {
  let count = 0;
  for (const part of parts) if (part.kind === 'name') count++;
  return count;
}

/**
 * Second pass: bare references to people already known, in one release ("Kallas told the press",
 * "Trump 45", "von der Leyen said"). It reads only the name-like words the first pass left, so the
 * text is not tokenised twice, and depends on nothing else found bare, so that a release can be
 * read again alone after an edit.
 */
export function bareMentionsIn(text: string, release: Release, scan: ReleaseScan, index: BareIndex): BareMention[] {
  const { owners, shapes } = index;
  const out: BareMention[] = [];
  if (owners.size === 0) return out;
  {
    const words = scan.nameish;
    const texts = scan.nameishWords;
    const ids = wordIdsOf(texts);
    const mostById = mostByIdOf(index);
    for (let w = 0; w < words.length; w += 2) {
      const id = ids[w >> 1];
      const most = id < mostById.length ? mostById[id] : 0;
      if (most === 0) continue;
      // Longest form first: "Cavo Dragone" before "Dragone".
      for (let n = Math.min(most, (words.length - w) / 2); n >= 1; n--) {
        const lastEnd = words[w + 2 * (n - 1) + 1];
        if (!adjacentWords(text, words, w, n)) continue;
        const raw = text.slice(words[w], lastEnd);
        const possessive = isPossessive(raw);
        const surface = (possessive ? raw.slice(0, -2) : raw).replace(/[\s\u00a0]+/gu, ' ');
        const candidates = owners.get(surface);
        if (!candidates) continue;
        // "Rutte Foundation": followed by another name-like word, this is part of something else.
        const next = w + 2 * n;
        if (!possessive && next < words.length && adjacentWords(text, words, w + 2 * (n - 1), 2)) {
          const following = text.slice(words[next], words[next + 1]);
          if (!lexicon.nonNameWords.has(following) && !RUN_STOPPERS.has(following) && following !== following.toUpperCase()) break;
        }
        const person = nearest(candidates, release.index);
        if (!person) break;
        const end = possessive ? lastEnd - 2 : lastEnd;
        // Parts and key depend only on the form: made once per form, shared by its mentions.
        let shape = shapes.get(surface);
        if (!shape) {
          const split = surface.split(' ');
          shape = {
            parts: split.map((p): NamePart => ({ text: p, kind: lexicon.nameParticles.has(p) ? 'particle' : 'name' })),
            key: split.map((p) => foldName(p)),
          };
          shapes.set(own(surface), shape);
        }
        out.push({
          person,
          mention: {
          release: release.index,
          span: { start: words[w], end },
          text: sharedText(text.slice(words[w], end)),
          parts: shape.parts,
          key: shape.key,
          form: shape.parts.length === person.key.length ? 'full' : 'surname',
          roles: [],
          addressOnly: false,
          },
        });
        w += 2 * (n - 1);
        break;
      }
    }
  }
  return out;
}

/** True where the `n` recorded words from index `w` follow one another, one space apart, on one line. */
function adjacentWords(text: string, words: number[], w: number, n: number): boolean {
  for (let k = 1; k < n; k++) {
    const gapStart = words[w + 2 * (k - 1) + 1];
    const gapEnd = words[w + 2 * k];
    if (gapEnd === undefined || gapEnd - gapStart !== 1) return false;
    const c = text.charCodeAt(gapStart);
    if (c !== 32 && c !== 0xa0) return false;
  }
  return true;
}

/** Runs of white space (non-breaking ones too) as one space; most names have none to fold. */
function singleSpaced(text: string): string {
  return needsSpacing(text) ? text.replace(/[\s\u00a0]+/gu, ' ') : text;
}

/** True where `text` holds a non-breaking space, two spaces running, a tab or a line break. */
function needsSpacing(text: string): boolean {
  let previous = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xa0 || c === 9 || c === 10 || c === 13 || (c === 32 && previous === 32)) return true;
    previous = c;
  }
  return false;
}

/**
 * The items sorted by the start of their span, those of equal start in the order given (as a
 * stable sort leaves them). A person's mentions come in a few runs already in order (one per
 * length of name, then the bare ones): the runs are merged rather than the whole sorted again.
 */
function byStart<T extends { span: Span }>(items: readonly T[]): readonly T[] {
  const n = items.length;
  // Where each run in order starts, then the end.
  let runs: number[] = [0];
  for (let i = 1; i < n; i++) if (items[i].span.start < items[i - 1].span.start) runs.push(i);
  runs.push(n);
  // Already in order: the items themselves.
  if (runs.length <= 2) return items;
  let from = items.slice();
  let to: T[] = new Array<T>(n);
  while (runs.length > 2) {
    const merged: number[] = [0];
    let k = 0;
    for (; k + 2 < runs.length; k += 2) {
      let i = runs[k];
      const middle = runs[k + 1];
      let j = middle;
      const stop = runs[k + 2];
      let o = i;
      while (i < middle && j < stop) to[o++] = from[j].span.start < from[i].span.start ? from[j++] : from[i++];
      while (i < middle) to[o++] = from[i++];
      while (j < stop) to[o++] = from[j++];
      merged.push(stop);
    }
    // An odd run out is copied as it is.
    if (k + 1 < runs.length) {
      for (let i = runs[k]; i < runs[k + 1]; i++) to[i] = from[i];
      merged.push(runs[k + 1]);
    }
    [from, to] = [to, from];
    runs = merged;
  }
  return from;
}

/** True where [start, end) overlaps one of `sorted` (sorted by start, not overlapping each other). */
function overlaps(sorted: readonly Span[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo].start < end;
}

function idFor(name: string, taken: Set<string>): string {
  const base = foldName(name).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'person';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** The roles in order, each written form once (its first). */
export function dedupeRoles(roles: Role[]): Role[] {
  const seen = new Set<string>();
  // A text met before has its folded form seen: most of a person's roles repeat one wording.
  const seenText = new Set<string>();
  const out: Role[] = [];
  for (const role of roles) {
    if (seenText.has(role.text)) continue;
    seenText.add(role.text);
    const key = foldName(role.text);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(role);
  }
  return out;
}

/** Each written form of a name met, as one string of its own (see `own`). */
const sharedTexts = new Map<string, string>();

/** The one string kept for the text of `s` (equal to it). */
function sharedText(s: string): string {
  const known = sharedTexts.get(s);
  if (known !== undefined) return known;
  // Bounded: an archive writes a few thousand forms of names, not millions.
  if (sharedTexts.size >= 50000) sharedTexts.clear();
  const kept = own(s);
  sharedTexts.set(kept, kept);
  return kept;
}

/** Second half of the work: links the releases' candidates into people and finds bare references. */
export function linkOfficials(text: string, releases: Release[], scans: readonly ReleaseScan[]): Official[] {
  return linkOfficialsKeepingIndex(text, releases, scans).officials;
}

/**
 * `linkOfficials`, also giving the index bare references were looked up in: while the names
 * found with a cue stay the same, it serves to read one release again after an edit.
 */
export function linkOfficialsKeepingIndex(text: string, releases: Release[], scans: readonly ReleaseScan[]): Linked {
  // One string for each written form: the forms are compared again and again below (and by
  // the checks), and equal strings that are one object compare without reading their text.
  for (const scan of scans) {
    for (const c of scan.candidates) {
      c.text = sharedText(c.text);
      for (const role of c.roles) role.text = sharedText(role.text);
    }
  }
  const people = linkPeople(scans);
  const index = bareIndex(people);
  const bare = releases.map((release, r) => bareMentionsIn(text, release, scans[r], index));
  // Added after every release is read: a bare reference is resolved against cued mentions only.
  for (const found of bare) for (const { person, mention } of found) person.mentions.push(mention);

  const taken = new Set<string>();
  const built: Official[] = people.map((person) => {
    const mentions = byStart(person.mentions);
    // One pass: the fullest written form (the first of the most parts, then the longest), each
    // written form once in order of first mention spaced singly (forms that differ only in
    // spacing are one), and the mentions as the model keeps them.
    let fullest = mentions[0];
    const forms = new Set<string>();
    const spaced = new Set<string>();
    const written: string[] = [];
    const kept: Mention[] = new Array<Mention>(mentions.length);
    for (let k = 0; k < mentions.length; k++) {
      const m = mentions[k];
      if (m.parts.length > fullest.parts.length || (m.parts.length === fullest.parts.length && m.text.length > fullest.text.length)) fullest = m;
      kept[k] = { span: m.span, text: m.text, release: m.release, form: m.form };
      if (forms.has(m.text)) continue;
      forms.add(m.text);
      const alias = singleSpaced(m.text);
      if (spaced.has(alias)) continue;
      spaced.add(alias);
      written.push(alias);
    }
    const name = singleSpaced(fullest.text);
    const aliases = written.filter((alias) => alias !== name);
    // Sorted in place, as the person keeps them.
    const roles = byStart(person.roles);
    if (roles !== person.roles) for (let k = 0; k < roles.length; k++) person.roles[k] = roles[k];
    return {
      id: idFor(name, taken),
      name,
      aliases,
      roles: dedupeRoles(person.roles),
      mentions: kept,
    };
  });
  const officials = [...built].sort((a, b) => a.mentions[0].span.start - b.mentions[0].span.start);
  return { officials, index, people, built };
}

/** What linking gives: the officials, and how they were made, for redoing part of it after an edit. */
export interface Linked {
  /** In order of first mention. */
  officials: Official[];
  index: BareIndex;
  /** The people linking made, in the order it made them. */
  people: Person[];
  /** The official made from each person, aligned with `people`. */
  built: Official[];
}
