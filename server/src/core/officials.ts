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
import { lexicon } from './lexicon';
import syntax from './lexicon/syntax.json';
import { foldName, tokenize, type Token } from './tokens';
import { own } from './text';

const RUN_STOPPERS = new Set<string>(syntax.roleRunStoppers);
/** The most parts a written name has, particles and initials included. */
const MAX_NAME_PARTS = 12;
/** "Salman bin Abdulaziz …": a name whose second word says "son of" is a full name of its own. */
const PATRONYMIC = new Set(['bin', 'ibn', 'bint', 'ben', 'ould', 'ag']);
const JOINERS = new Set<string>(syntax.joinerMarks);
const ROMAN = /^(?:II|III|IV|V|VI)$/;
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

/** The tokens of one release and the indices already claimed by a name. */
interface Scan {
  text: string;
  tokens: Token[];
  texts: string[];
  claimed: Uint8Array;
  release: number;
}

/** True where a word ends in a possessive "'s" or "’s" (a string test: this is on the hot path). */
function isPossessive(word: string): boolean {
  const n = word.length;
  if (n < 3 || word.charCodeAt(n - 1) !== 0x73 /* s */) return false;
  const mark = word.charCodeAt(n - 2);
  return mark === 0x27 || mark === 0x2019;
}

/** A particle-prefixed name ("al-Shaibani", "d'Estaing"): only words with an inner mark can be one. */
function isParticlePrefixed(word: string): boolean {
  return (word.includes('-') || word.includes("'") || word.includes('’') || word.includes('‐')) && PARTICLE_PREFIXED.test(word);
}

/** The same for a token, whose tokenizer already knows whether it has an inner mark. */
function isParticlePrefixedToken(t: Token): boolean {
  return t.joined && PARTICLE_PREFIXED.test(t.text);
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

/** A word that may be part of a person's name. */
function isNameWord(token: Token): boolean {
  if (!token.word) return false;
  if (!token.upper) return token.joined && isParticlePrefixed(stripPossessive(token.text));
  // The answer depends on the word alone, and archives repeat their words: remember it.
  let known = nameWordCache.get(token.text);
  if (known === undefined) {
    known = isCapitalisedNameWord(stripPossessive(token.text));
    if (nameWordCache.size > 100000) nameWordCache.clear();
    nameWordCache.set(token.text, known);
  }
  return known;
}

const nameWordCache = new Map<string, boolean>();

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

function isInitialAt(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  return (
    t.word && t.upper && t.text.length === 1 && i + 1 < tokens.length && tokens[i + 1].text === '.' && !tokens[i + 1].spaceBefore
  );
}

/** True where a rank or honorific of several words starts at token `i` ("Major General", "His Majesty"). */
function startsTitle(scan: Scan, i: number): boolean {
  return titleLengthAt(scan, i) > 0;
}

/** The number of tokens of the longest rank or honorific of several words starting at token `i` ("H.E." is four), or 0. */
function titleLengthAt(scan: Scan, i: number): number {
  if (!lexicon.titleOpeners.has(scan.texts[i])) return 0;
  for (let length = 5; length >= 2; length--) {
    const end = i + length;
    if (end > scan.tokens.length) continue;
    if (lexicon.ranks.matchEndingAt(scan.texts, end, i) === length || lexicon.honorifics.matchEndingAt(scan.texts, end, i) === length) return length;
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

/** Reads a name starting at token `i`: name words, initials, particles and a suffix. */
function parseName(scan: Scan, i: number): ParsedName | null {
  const { tokens } = scan;
  const parts: NamePart[] = [];
  let j = i;
  let spanEnd = tokens[i].start;
  let lastNameIndex = -1;
  let lastNameEnd = spanEnd;
  let possessive = false;
  if (startsTitle(scan, i) || insideMultiWordName(scan, i)) return null;
  // No name runs longer than this ("Khaled bin Mohamed bin Zayed Al Nahyan" is 7 parts): a line
  // of capitalised words is not one endless name, and the cap keeps the work per word bounded.
  while (j < tokens.length && !scan.claimed[j] && parts.length < MAX_NAME_PARTS) {
    const t = tokens[j];
    if (j > i && (t.breakBefore || !t.spaceBefore)) break;
    if (isInitialAt(tokens, j)) {
      parts.push({ text: `${t.text}.`, kind: 'initial' });
      spanEnd = tokens[j + 1].end;
      j += 2;
      continue;
    }
    if (t.word && !t.upper && lexicon.nameParticles.has(t.text)) {
      const after = tokens[j + 1];
      if (after && !after.breakBefore && (isNameWord(after) || lexicon.nameParticles.has(after.text))) {
        parts.push({ text: t.text, kind: 'particle' });
        spanEnd = t.end;
        j++;
        continue;
      }
      break;
    }
    if (lastNameIndex >= 0 && ROMAN.test(t.text)) {
      parts.push({ text: t.text, kind: 'suffix' });
      spanEnd = t.end;
      lastNameIndex = parts.length - 1;
      lastNameEnd = t.end;
      j++;
      continue;
    }
    // "Joseph R. Biden Jr.": the suffix, with its full stop, ends the name.
    if (lastNameIndex >= 0 && (lexicon.nameSuffixes.has(t.text) || lexicon.nameSuffixes.has(`${t.text}.`)) && /^[JS]r$/.test(t.text)) {
      const dotted = j + 1 < tokens.length && tokens[j + 1].text === '.' && !tokens[j + 1].spaceBefore;
      parts.push({ text: dotted ? `${t.text}.` : t.text, kind: 'suffix' });
      lastNameIndex = parts.length - 1;
      lastNameEnd = dotted ? tokens[j + 1].end : t.end;
      spanEnd = lastNameEnd;
      j += dotted ? 2 : 1;
      break;
    }
    // "Hassan Sheikh Mohamud": a title word between two name words is part of the name.
    if (lastNameIndex >= 0 && lexicon.nameInternalTitles.has(t.text) && j + 1 < tokens.length && isNameWord(tokens[j + 1]) && tokens[j + 1].spaceBefore) {
      parts.push({ text: t.text, kind: 'name' });
      lastNameIndex = parts.length - 1;
      lastNameEnd = t.end;
      j++;
      continue;
    }
    if (isNameWord(t)) {
      if (isPossessive(t.text)) {
        parts.push({ text: t.text.slice(0, -2), kind: 'name' });
        lastNameIndex = parts.length - 1;
        lastNameEnd = t.end - 2;
        possessive = true;
        j++;
        break;
      }
      parts.push({ text: t.text, kind: 'name' });
      lastNameIndex = parts.length - 1;
      lastNameEnd = t.end;
      j++;
      continue;
    }
    break;
  }
  if (lastNameIndex < 0) return null;
  // A name ends on a name word: trailing initials or particles belong to what follows.
  const kept = parts.slice(0, lastNameIndex + 1);
  let next = i;
  let consumed = 0;
  while (consumed < kept.length) {
    next += kept[consumed].kind === 'initial' ? 2 : 1;
    consumed++;
  }
  return { parts: kept, first: i, next, span: { start: tokens[i].start, end: lastNameEnd }, possessive: possessive && next === j };
}

/** Index of the first token of a role phrase that ends just before token `end`, or -1. */
function roleRunBefore(scan: Scan, end: number): number {
  const { tokens } = scan;
  let start = -1;
  // A name that opens a line has nothing before it on that line ("…of Japan⏎Justin Trudeau, …").
  if (end < tokens.length && tokens[end].breakBefore) return -1;
  for (let k = end - 1; k >= 0 && end - k <= 25; k--) {
    const t = tokens[k];
    if (scan.claimed[k]) break;
    const joinedToNext = k + 1 < end && !tokens[k + 1].spaceBefore;
    if (t.word && t.upper) {
      if (RUN_STOPPERS.has(t.text) && t.text !== 'The') break;
      start = k;
      if (isPossessive(t.text)) break;
    } else if (t.word && lexicon.roleConnectors.has(t.text)) {
      start = k;
    } else if (!t.word && JOINERS.has(t.text) && !t.spaceBefore && joinedToNext) {
      start = k;
    } else {
      break;
    }
    if (t.breakBefore) break;
  }
  return start;
}

function trimConnectors(scan: Scan, start: number, end: number): [number, number] {
  while (start < end && (lexicon.roleConnectors.has(scan.tokens[start].text) || scan.tokens[start].text === 'The')) start++;
  while (end > start && lexicon.roleConnectors.has(scan.tokens[end - 1].text)) end--;
  return [start, end];
}

function hasRoleHead(scan: Scan, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    if (isRoleHeadToken(stripPossessive(scan.tokens[k].text))) return true;
    if (lexicon.roleHeads.matchEndingAt(scan.texts, k + 1, start) > 1) return true;
  }
  return false;
}

/** A word that can open an office's name: a head, a modifier, a country or organisation, a possessive. */
function isRoleWord(token: Token): boolean {
  const word = stripPossessive(token.text);
  // An unknown acronym before an office is its organisation ("IPU Secretary General").
  if (/^\p{Lu}{2,6}$/u.test(word)) return true;
  return (
    word !== token.text || isRoleHeadToken(word) || lexicon.roleModifierWords.has(word) || lexicon.demonymToCountry.has(word) ||
    lexicon.orgAcronyms.has(word) || lexicon.countries.has(word) || lexicon.orgNameWords.has(word) || lexicon.roleHeads.has(word)
  );
}

/** True where a known name of several words starts at token `i` ("United Nations …"). */
function startsMultiWordName(scan: Scan, i: number): boolean {
  return multiWordNameLengthAt(scan, i) > 0;
}

/** The number of tokens of the known name of several words starting at token `i`, or 0. */
function multiWordNameLengthAt(scan: Scan, i: number): number {
  if (!lexicon.multiWordOpeners.has(scan.texts[i])) return 0;
  for (let length = 5; length >= 2; length--) {
    if (i + length <= scan.tokens.length && lexicon.multiWordNames.matchEndingAt(scan.texts, i + length, i) === length) return length;
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
  for (let length = 1; length <= 4 && i + length <= scan.tokens.length; length++) {
    if (lexicon.roleHeads.matchEndingAt(scan.texts, i + length, i) === length) return true;
  }
  return false;
}

/** True where a role phrase ends at token `end` with its head ("… Minister", "… Secretary General"). */
function endsWithHead(scan: Scan, end: number, start: number): boolean {
  return isRoleHeadToken(stripPossessive(scan.tokens[end - 1].text)) || lexicon.roleHeads.matchEndingAt(scan.texts, end, start) > 0;
}

/** ", General Christopher G. Cavoli": the word before such a comma qualifies a role ("… Commander Transformation"). */
function followedByTitledName(scan: Scan, next: number): boolean {
  const { tokens, texts } = scan;
  if (next >= tokens.length || tokens[next].text !== ',') return false;
  for (let length = 1; length <= 3 && next + 1 + length <= tokens.length; length++) {
    const end = next + 1 + length;
    if (lexicon.honorifics.matchEndingAt(texts, end, next + 1) === length || lexicon.ranks.matchEndingAt(texts, end, next + 1) === length) return true;
  }
  return false;
}

const parsedRoles = new Map<string, { title: string; organization: string | null }>();

/** Parses a role's text into the office and the organisation or country it belongs to. */
export function parseRole(text: string): { title: string; organization: string | null } {
  // Archives repeat their offices thousands of times ("NATO Secretary General").
  let parsed = parsedRoles.get(text);
  if (parsed === undefined) {
    parsed = parseRoleText(text);
    if (parsedRoles.size > 20000) parsedRoles.clear();
    parsedRoles.set(text, parsed);
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

function makeRole(scan: Scan, start: number, end: number): Role {
  const from = scan.tokens[start].start;
  const to = scan.tokens[end - 1].end;
  const text = scan.text.slice(from, to).replace(/[\s\u00a0]+/gu, ' ');
  const { title, organization } = parseRole(text);
  return { text, title, organization, span: { start: from, end: to }, release: scan.release };
}

/**
 * Splits a role phrase at "and" where both sides name an office: "Deputy Prime Minister and
 * Defence Minister" is two posts, "Chairman and CEO of the Thales Group" one.
 */
function splitRoles(scan: Scan, start: number, end: number, determiner: boolean): Role[] {
  const pieces: [number, number][] = [];
  let pieceStart = start;
  for (let k = start; k < end; k++) {
    if (scan.tokens[k].text !== 'and') continue;
    const left: [number, number] = [pieceStart, k];
    const right: [number, number] = [k + 1, end];
    const leftWords = left[1] - left[0];
    if ((leftWords > 1 || determiner) && hasRoleHead(scan, ...left) && hasRoleHead(scan, ...right) && scan.tokens[k + 1].upper) {
      // "… Foreign and Expatriates Affairs": a split only where the right side opens a new office.
      const opensOffice = isRoleHeadToken(scan.tokens[k + 1].text) || lexicon.roleModifierWords.has(scan.tokens[k + 1].text) ||
        lexicon.demonymToCountry.has(scan.tokens[k + 1].text) || lexicon.orgAcronyms.has(scan.tokens[k + 1].text);
      if (opensOffice) {
        pieces.push(left);
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
  // "The Secretary and President Erdoğan": before a name, a determiner makes the first office
  // someone else's; in apposition ("the Chairman and CEO of …, Patrice Caine") both are the person's.
  const determiner = !apposition && (/^the$/i.test(scan.tokens[runStart].text) || (runStart > 0 && /^the$/i.test(scan.tokens[runStart - 1].text)));
  const trimmed = trimConnectors(scan, runStart, end);
  let s = trimmed[0];
  const e = trimmed[1];
  if (s >= e || !hasRoleHead(scan, s, e)) return [];
  // "Listen to President Trump": words before the office that are not part of any office.
  while (s < e && !isRoleWord(scan.tokens[s]) && !startsMultiWordName(scan, s) && hasRoleHead(scan, s + 1, e)) {
    s++;
    while (s < e && lexicon.roleConnectors.has(scan.tokens[s].text)) s++;
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
  const { tokens } = scan;
  let clauseStart = comma;
  for (let k = comma - 1; k >= 0 && comma - k <= 30; k--) {
    const t = tokens[k];
    if (scan.claimed[k] || (!t.word && !JOINERS.has(t.text))) break;
    clauseStart = k;
    if (t.breakBefore) break;
  }
  for (let k = clauseStart; k < comma - 1; k++) {
    if (/^the$/i.test(tokens[k].text) && tokens[k + 1].upper) {
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
  let opened = false;
  let headSeen = false;
  for (let k = start; k < end; k++) {
    const t = scan.tokens[k];
    if (!t.word) continue;
    if (isRoleHeadToken(t.text) || lexicon.roleHeads.matchEndingAt(scan.texts, k + 1, start) > 0) headSeen = true;
    if (t.text === 'of' || t.text === 'for') opened = headSeen;
    else if (!t.upper && !lexicon.roleConnectors.has(t.text) && !opened) return false;
  }
  return true;
}

/** A role in apposition after a name: ", Chair of the NATO Military Committee". */
function rolesAfter(scan: Scan, next: number, depth = 0): Role[] {
  const { tokens } = scan;
  if (next >= tokens.length || tokens[next].text !== ',') return [];
  let k = next + 1;
  if (k < tokens.length && /^the$/i.test(tokens[k].text)) k++;
  const start = k;
  let end = k;
  for (; k < tokens.length && k - start < 25; k++) {
    const t = tokens[k];
    if (k > start && t.breakBefore) break;
    if (t.word && t.upper) {
      if (RUN_STOPPERS.has(t.text)) break;
      end = k + 1;
    } else if (t.word && lexicon.roleConnectors.has(t.text)) {
      continue;
    } else if (!t.word && JOINERS.has(t.text) && !t.spaceBefore) {
      continue;
    } else {
      break;
    }
  }
  if (end <= start || !tokens[start].upper) return [];
  // ", Prime Minister Donald Tusk, Foreign Minister …": a list of people, not an apposition.
  for (let m = start + 1; m < end; m++) {
    const w = tokens[m];
    if (w.upper && (lexicon.givenNames.has(foldName(w.text)) || startsTitle(scan, m) || lexicon.honorifics.has(w.text) || lexicon.ranks.has(w.text))) return [];
  }
  // "…, Defence Minister Władysław Kosiniak-Kamysz": two unknown capitalised words after the
  // office are a name, so this is a list.
  let unknownRun = 0;
  let knownUntil = start;
  for (let m = start; m < end; m++) {
    const w = tokens[m];
    // "… of Abu Dhabi": the words of a known place are not a name.
    if (m >= knownUntil) knownUntil = m + multiWordNameLengthAt(scan, m);
    const known = m < knownUntil || !w.upper || isRoleHeadToken(w.text) || lexicon.roleModifierWords.has(w.text) || lexicon.nonNameWords.has(stripPossessive(w.text));
    unknownRun = known ? 0 : unknownRun + 1;
    if (unknownRun >= 2 && hasRoleHead(scan, start, m)) return [];
  }
  // An apposition is closed by punctuation: "X, the Secretary General, said", not "In Pristina, the Secretary General led".
  const closing = tokens[end];
  if (closing && !closing.breakBefore && (closing.word || !/^[,.;:)\]–—]$/u.test(closing.text))) return [];
  // "X, the President of Kenya, William Ruto": the office introduces the next person.
  if (closing && closing.text === ',' && end + 1 < tokens.length) {
    const after = tokens[end + 1];
    if (after.upper && (isNameWord(after) || startsTitle(scan, end + 1) || lexicon.honorifics.has(after.text) || lexicon.ranks.has(after.text))) return [];
  }
  const first = tokens[start].text;
  if (!isRoleHeadToken(first) && !lexicon.roleModifierWords.has(first) && !lexicon.orgAcronyms.has(first) && !lexicon.demonymToCountry.has(first) &&
    !startsRoleHead(scan, start)) {
    return [];
  }
  // ", Prime Minister Donald Tusk": a list of people, not an apposition.
  if (end < tokens.length && isNameWord(tokens[end]) && !tokens[end].breakBefore && tokens[end].spaceBefore) {
    const maybeName = parseName(scan, end);
    if (maybeName) return [];
  }
  if (!hasRoleHead(scan, start, end)) return [];
  const roles = splitRoles(scan, start, end, false);
  // "…, Deputy Prime Minister, Minister for Defence": more offices in apposition.
  if (depth < 3 && closing && closing.text === ',') roles.push(...rolesAfter(scan, end, depth + 1));
  return roles;
}

interface Cue {
  strong: boolean;
  roles: Role[];
  address: boolean;
}

/** What stands before and after a name that makes it a person's. */
function cueFor(scan: Scan, name: ParsedName): Cue | null {
  const { tokens, texts } = scan;
  let p = name.first;
  let titled = false;
  const roles: Role[] = [];
  let royalSeen = false;
  for (let guard = 0; guard < 5; guard++) {
    // A royal or religious title is the person's office too: "King", "Pope", "Crown Prince",
    // even where an honorific such as "His Majesty King" takes it in.
    const royal = lexicon.royalTitles.matchEndingAt(texts, p);
    if (royal && !royalSeen) {
      roles.push(royalRole(scan, p - royal, p, name));
      royalSeen = true;
    }
    const honorific = lexicon.honorifics.matchEndingAt(texts, p);
    if (honorific) {
      p -= honorific;
      titled = true;
      // "the Hon Kevin Rudd", "the Rt Hon David Lammy": the article belongs to the honorific.
      if (p > 0 && texts[p - 1] === 'the' && /^(?:Hon|Rt|Right|Honourable|Honorable)/.test(texts[p])) p--;
      continue;
    }
    const suffix = lexicon.rankSuffixes.matchEndingAt(texts, p);
    if (suffix) {
      p -= suffix;
      continue;
    }
    const rank = Math.max(lexicon.ranks.matchEndingAt(texts, p), royal);
    const head = lexicon.roleHeads.matchEndingAt(texts, p);
    if (rank && rank >= head) {
      p -= rank;
      titled = true;
      continue;
    }
    break;
  }
  const nameWords = name.parts.filter((x) => x.kind === 'name').length;
  const single = nameWords < 2 && !titled;
  const after = afterPostNominals(scan, name.next);
  // One capitalised word glued to more ("…, African Integration and …") is not a name on its own.
  const nextToken = tokens[after];
  const continues = !!nextToken && nextToken.word && nextToken.upper && nextToken.spaceBefore && !nextToken.breakBefore;
  let roleCue = false;
  // "the President of Montenegro": a capitalised word after "of" is what the office is of.
  const afterConnector = p > 0 && tokens[p - 1].word && !tokens[p - 1].upper && lexicon.roleConnectors.has(tokens[p - 1].text);
  if (afterConnector && !titled) return null;
  if (nameWords < 2 && !titled && followedByTitledName(scan, name.next)) return null;
  // "the Chief Guest": a single word after "the" and an office is more of the office.
  const before = afterConnector ? [] : rolesEndingAt(scan, p, single);
  if (single && before.length) {
    const runStart = before[0].span.start;
    const k = tokens.findIndex((t) => t.start === runStart);
    if (k > 0 && tokens[k - 1].text === 'the') before.length = 0;
  }
  if (before.length) {
    roles.push(...before);
    roleCue = true;
  } else if (p > 0 && tokens[p - 1].text === ',' && !(single && continues)) {
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
  if (titled || roleCue) return { strong: true, roles, address: false };
  const firstPart = name.parts[0];
  // "James S. Brady Press Briefing Room", "Kim Il Sung Square": a place named after a person.
  if (continues && (lexicon.namedAfterNouns.has(nextToken.text) || lexicon.orgNameWords.has(nextToken.text) || laterNamedAfter(scan, after))) return null;
  if (nameWords >= 2 && firstPart.kind === 'name' && lexicon.givenNames.has(foldName(firstPart.text))) {
    return { strong: false, roles, address: false };
  }
  if (nameWords === 1 && name.first > 0 && isAddress(scan, name)) {
    return { strong: false, roles, address: true };
  }
  return null;
}

/** True where a run of capitalised words from token `k` ends in a noun that names a place or thing ("Press Briefing Room"). */
function laterNamedAfter(scan: Scan, k: number): boolean {
  const { tokens } = scan;
  for (let m = k; m < tokens.length && m < k + 4; m++) {
    const t = tokens[m];
    if (!t.word || !t.upper || (m > k && (!t.spaceBefore || t.breakBefore))) return false;
    if (lexicon.namedAfterNouns.has(t.text)) return true;
  }
  return false;
}

/** Skips post-nominal letters after a name: "Richard Marles MP, …", "Bola Ahmed Tinubu, GCFR, …". */
function afterPostNominals(scan: Scan, next: number): number {
  const { tokens } = scan;
  let k = next;
  for (;;) {
    if (k < tokens.length && lexicon.postNominals.has(tokens[k].text) && tokens[k].spaceBefore) {
      k++;
    } else if (k + 1 < tokens.length && tokens[k].text === ',' && lexicon.postNominals.has(tokens[k + 1].text)) {
      k += 2;
    } else {
      return k;
    }
  }
}

/** The role of a royal or religious title, with the country that follows the name ("King … of Jordan"). */
function royalRole(scan: Scan, start: number, end: number, name: ParsedName): Role {
  const role = makeRole(scan, start, end);
  const { tokens } = scan;
  const of = name.next;
  if (of + 1 < tokens.length && tokens[of].text === 'of' && tokens[of + 1].upper && !tokens[of + 1].breakBefore) {
    let k = of + 1;
    while (k + 1 < tokens.length && tokens[k + 1].upper && tokens[k + 1].spaceBefore && !tokens[k + 1].breakBefore) k++;
    const place = scan.text.slice(tokens[of + 1].start, tokens[k].end);
    if (lexicon.countries.has(place) || lexicon.multiWordNames.has(place) || lexicon.nonNameWords.has(place)) {
      role.text = `${role.text} of ${place}`;
      role.organization = place;
    }
  }
  return role;
}

/** A first name in address: "dear Donald", "Thank you, Mélanie, for …". */
function isAddress(scan: Scan, name: ParsedName): boolean {
  const { tokens, texts } = scan;
  const before = texts[name.first - 1].toLowerCase();
  if (lexicon.addressWords.has(before)) return true;
  const after = tokens[name.next];
  if (!after) return false;
  // "Thank you, Mélanie, for …", "Thanks, Karine.": links only to someone the file names in full.
  if (before === ',' && name.first >= 2 && lexicon.addressOpeners.has(texts[name.first - 2].toLowerCase()) && /^[,!.]$/.test(after.text)) return true;
  if (!lexicon.givenNames.has(foldName(name.parts[0].text))) return false;
  // "Question: Stéphane, will the Secretary-General …": a first name opening a question.
  const opensClause = before === ':' || before === '“' || before === '"';
  return opensClause && after.text === ',' && name.next + 1 < tokens.length && tokens[name.next + 1].word && !tokens[name.next + 1].upper;
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
  return findCandidates(text, release, (start, end) => overlaps(dates, start, end));
}

function findCandidates(text: string, release: Release, inDate: (start: number, end: number) => boolean): ReleaseScan {
  const tokens = tokenize(text, release.span.start, release.span.end);
  const scan: Scan = { text, tokens, texts: tokens.map((t) => t.text), claimed: new Uint8Array(tokens.length), release: release.index };
  // Words of a date ("On Thursday", "May 2025") are never names.
  for (let k = 0; k < tokens.length; k++) if (tokens[k].upper && inDate(tokens[k].start, tokens[k].end)) scan.claimed[k] = 1;
  const candidates: Candidate[] = [];
  // Name-like words no candidate takes are recorded as the loop passes them (their state is
  // final by then), for the second pass.
  const nameish: number[] = [];
  const nameishWords: string[] = [];
  const record = (k: number): void => {
    nameish.push(tokens[k].start, tokens[k].end);
    nameishWords.push(stripPossessive(tokens[k].text));
  };
  const nameLike = (k: number): boolean => {
    const t = tokens[k];
    return t.word && !scan.claimed[k] && (t.upper || lexicon.nameParticles.has(t.text) || isParticlePrefixedToken(t));
  };
  for (let i = 0; i < tokens.length; i++) {
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
    for (let k = name.first; k < name.next; k++) scan.claimed[k] = 1;
    const nameWords = name.parts.filter((x) => x.kind === 'name').length;
    candidates.push({
      release: release.index,
      span: name.span,
      text: text.slice(name.span.start, name.span.end),
      parts: name.parts,
      key: keyOf(name.parts),
      form: cue.address ? 'given' : nameWords >= 2 || name.parts.some((x) => x.kind === 'particle') ? 'full' : 'surname',
      roles: cue.roles,
      addressOnly: cue.address,
    });
    i = name.next - 1;
  }
  return { candidates, nameish, nameishWords };
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
  return short.every((w, k) => w === long[offset + k]);
}

function isPrefix(short: string[], long: string[]): boolean {
  return short.length <= long.length && short.every((w, k) => w === long[k]);
}

/** Folded without spaces, hyphens or apostrophes: spellings that differ only in those are one name. */
const compactCache = new WeakMap<string[], string>();

function compact(key: string[]): string {
  // Keys are kept with the release facts, so one key is compacted once, not once per analysis.
  const known = compactCache.get(key);
  if (known !== undefined) return known;
  const value = compactText(key);
  compactCache.set(key, value);
  return value;
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

/** Links candidates into people. Fuller names first, so that short forms find their person. */
function linkPeople(candidates: Candidate[]): Person[] {
  const people: Person[] = [];
  const byCompact = new Map<string, Person>();
  // Every person whose name holds a word: the only people a short form can refer to.
  const byWord = new Map<string, Person[]>();
  const withWord = (word: string): Person[] => byWord.get(word) ?? [];
  // Longest names first, in document order within a length: buckets, not a sort.
  const buckets: Candidate[][] = [];
  for (const c of candidates) (buckets[c.key.length] ??= []).push(c);
  const order: Candidate[] = [];
  for (let length = buckets.length - 1; length >= 0; length--) if (buckets[length]) for (const c of buckets[length]) order.push(c);
  const pending: Candidate[] = [];
  for (const c of order) {
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
    const longer = withWord(c.key[0]).filter(
      (p) => p.key.length > c.key.length && ((!ownFullName && isSuffix(c.key, p.key)) || isPrefix(c.key, p.key)),
    );
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
    person.roles.push(...c.roles);
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
    const full = person.mentions.find((m) => m.parts.filter((p) => p.kind === 'name').length === words.length);
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

/**
 * Second pass: bare references to people already known, in one release ("Kallas told the press",
 * "Trump 45", "von der Leyen said"). It reads only the name-like words the first pass left, so the
 * text is not tokenised twice, and depends on nothing else found bare, so that a release can be
 * read again alone after an edit.
 */
export function bareMentionsIn(text: string, release: Release, scan: ReleaseScan, index: BareIndex): BareMention[] {
  const { owners, byFirstWord, shapes } = index;
  const out: BareMention[] = [];
  if (owners.size === 0) return out;
  {
    const words = scan.nameish;
    const texts = scan.nameishWords;
    for (let w = 0; w < words.length; w += 2) {
      const most = byFirstWord.get(texts[w >> 1]);
      if (most === undefined) continue;
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
          text: text.slice(words[w], end),
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
  return text.includes('\u00a0') || text.includes('  ') || /[\t\n\r]/.test(text) ? text.replace(/[\s\u00a0]+/gu, ' ') : text;
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
  const out: Role[] = [];
  for (const role of roles) {
    const key = foldName(role.text);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(role);
  }
  return out;
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
  const candidates: Candidate[] = [];
  for (const scan of scans) for (const candidate of scan.candidates) candidates.push(candidate);
  const people = linkPeople(candidates);
  const index = bareIndex(people);
  const bare = releases.map((release, r) => bareMentionsIn(text, release, scans[r], index));
  // Added after every release is read: a bare reference is resolved against cued mentions only.
  for (const found of bare) for (const { person, mention } of found) person.mentions.push(mention);

  const taken = new Set<string>();
  const built: Official[] = people.map((person) => {
    const mentions = [...person.mentions].sort((a, b) => a.span.start - b.span.start);
    const fullest = mentions.reduce((best, m) => (m.parts.length > best.parts.length || (m.parts.length === best.parts.length && m.text.length > best.text.length) ? m : best), mentions[0]);
    const name = singleSpaced(fullest.text);
    const aliases = [...new Set(mentions.map((m) => singleSpaced(m.text)))].filter((t) => t !== name);
    return {
      id: idFor(name, taken),
      name,
      aliases,
      roles: dedupeRoles(person.roles.sort((a, b) => a.span.start - b.span.start)),
      mentions: mentions.map((m): Mention => ({ span: m.span, text: m.text, release: m.release, form: m.form })),
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
