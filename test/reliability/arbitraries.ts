/**
 * Generators of release texts for the property tests and the fuzz campaign: the corpus as
 * written and mutated, releases built from names, roles and dates, and the characters that break
 * naive code (emoji, combining marks, non-breaking and zero-width spaces inside names, lone CR,
 * CRLF and mixed line ends, lone surrogates).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import people from '../../server/src/core/lexicon/people.json';
import { repoRoot, sharedDir } from '../support/paths';

/** The corpus texts: the shared corpus, the held-out set and the bundled sample. */
export function corpusTexts(): { name: string; text: string }[] {
  const texts: { name: string; text: string }[] = [];
  const add = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith('.txt')).sort();
    } catch {
      return;
    }
    for (const name of names) texts.push({ name, text: readFileSync(join(dir, name), 'utf8') });
  };
  add(join(sharedDir(), 'corpus'));
  add(join(repoRoot(), 'test', 'corpus', 'heldout'));
  texts.push({ name: 'releases.txt', text: readFileSync(join(repoRoot(), 'sample', 'releases.txt'), 'utf8') });
  return texts;
}

// ---------------------------------------------------------------------------------------------
// Characters that trip up offset arithmetic

export const NBSP = '\u00a0';
export const NNBSP = '\u202f';
export const ZWSP = '\u200b';
export const ZWNJ = '\u200c';
export const ZWJ = '\u200d';
export const WORD_JOINER = '\u2060';
export const BOM = '\ufeff';
export const COMBINING_ACUTE = '\u0301';
export const SOFT_HYPHEN = '\u00ad';

/** Short strings that have broken text code somewhere: each is inserted whole. */
export const TRICKY = [
  '🇺🇦', '👩‍👩‍👧', '🙂', '😀️', '𝔐', '𠜎', // astral characters, ZWJ sequences, a flag
  'e\u0301', 'a\u0308\u0301', COMBINING_ACUTE, '\u0338', // combining marks, alone too
  NBSP, NNBSP, ZWSP, ZWNJ, ZWJ, WORD_JOINER, BOM, '\u00ad', '\u2028', '\u2029', '\u0085',
  '\r', '\n', '\r\n', '\n\r', '\r\r\n', '\t', '\v', '\f',
  '\ud83d', '\udc00', // lone surrogates: text that an earlier edit split
  '-𝔐', '‐𝐀', '’𝒜', "'😀", '-\u0301', // a word joiner (hyphen, apostrophe) before an astral letter or a mark
  '\u202e', '\u200f', '\u061c', // bidi controls
  '\ufffd', '\u0000', '\u001b[0m',
  'İ', 'ß', 'ǅ', 'ﬃ', 'Ⅻ', '１９', // case mappings that change length, full-width digits
  'Ÿ', 'ŉ', 'ΐ',
  '“', '”', '’', '–', '—', '‐', '…',
];

/** Words the engine keys on: honorifics, ranks, role heads, weekdays, months, line labels. */
const CUES = [
  'Mr', 'Ms', 'Dr', 'Mr.', 'Admiral', 'General', 'Lieutenant General (ret.)', 'President', 'Prime Minister',
  'Secretary General', 'Minister of Foreign Affairs', 'NATO Secretary General', 'High Representative/Vice-President',
  'the Prime Minister of Belgium,', 'Chair of the NATO Military Committee', 'His Majesty King', 'von der', 'al-', 'Source:', 'Source: NATO',
  'For more information:', 'Monday', 'Tuesday,', 'Thursday (', 'March', 'May', 'Sept.', '2025', '1999', '31', '29 February',
  'from', 'to', 'and', '-', '–', '/', '(', ')', ',', '.', 'said', 'met', 'On', 'Brussels,', 'NEW YORK, ',
];

const GIVEN = ['Mark', 'Kaja', 'António', 'Kęstutis', 'Kestutis', 'Radosław', 'Jonas', 'Ursula', 'Gheorghiță', 'Abiy', 'Recep Tayyip', 'Volker', 'Ilie', 'Giuseppe', 'Zoë', 'Nguyễn', 'Şükrü', 'Björn', 'Ólafur', 'Æbelø', 'Anne-Marie', 'Jean‑Noël', 'José Manuel', 'Mohammed bin'];
const SURNAMES = ['Rutte', 'Kallas', 'Costa', 'Budrys', 'Sikorski', 'Gahr Støre', 'von der Leyen', 'Vlad', 'Ahmed', 'Erdoğan', 'Türk', 'Bolojan', 'Cavo Dragone', 'O’Brien', "O'Neill", 'al-Shaibani', 'De Wever', 'Ng', 'Đặng', 'Łukaszewicz', 'Øvergaard', 'Müller-Lüdenscheidt', 'MacKenzie', 'Guterres', 'Tedros Adhanom Ghebreyesus'];
const ORGS = ['NATO', 'the EU', 'Belgium', 'Norway', 'the United Nations', 'Romania', 'Ukraine', 'the African Union', 'Türkiye', 'Poland'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Jan.', 'Feb', 'Sept.', 'MARCH', 'Dec'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'Mon.', 'Thu', 'THURSDAY'];

const honorifics: string[] = (people as { honorifics: string[] }).honorifics;
const ranks: string[] = (people as { ranks: string[] }).ranks;
const roleHeads: string[] = (people as { roleHeads: string[] }).roleHeads;

// ---------------------------------------------------------------------------------------------
// Names, roles and dates

/** A separator inside a name: mostly a space, sometimes the characters editors paste there. */
const nameSpace = fc.oneof(
  { weight: 8, arbitrary: fc.constant(' ') },
  { weight: 1, arbitrary: fc.constantFrom(NBSP, NNBSP, '  ', ` ${ZWSP}`, `${ZWJ}`, `${NBSP}${ZWJ}`, '\t') },
);

/** A word of a name, sometimes decomposed (NFD), with a zero-width character or an emoji inside. */
const nameWord = (pool: string[]): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...pool), fc.nat({ max: 19 }), fc.nat({ max: 100 })).map(([word, how, at]) => {
    const cut = 1 + (at % Math.max(1, word.length - 1));
    switch (how) {
      case 0: return word.normalize('NFD');
      case 1: return word.slice(0, cut) + ZWJ + word.slice(cut);
      case 2: return word.slice(0, cut) + ZWSP + word.slice(cut);
      case 3: return word.slice(0, cut) + ZWNJ + word.slice(cut);
      case 4: return word.slice(0, cut) + WORD_JOINER + word.slice(cut);
      case 5: return word.slice(0, cut) + COMBINING_ACUTE + word.slice(cut);
      case 6: return word + ' 🇺🇦';
      case 7: return word.toUpperCase();
      case 8: return word.slice(0, cut) + SOFT_HYPHEN + word.slice(cut);
      default: return word;
    }
  });
/** A person's name as a release writes it. */
export const personName = fc
  .tuple(nameWord(GIVEN), nameSpace, nameWord(SURNAMES), fc.boolean())
  .map(([given, space, surname, initial]) => (initial ? `${given}${space}J.${space}${surname}` : `${given}${space}${surname}`));

/** A name with whatever introduces it: an honorific, a rank, a role before, after or in apposition. */
export const introducedName = fc
  .tuple(personName, fc.constantFrom(...honorifics.slice(0, 30), ...ranks.slice(0, 30)), fc.constantFrom(...roleHeads.slice(0, 60)), fc.constantFrom(...ORGS), nameSpace, fc.nat({ max: 5 }))
  .map(([name, title, role, org, space, how]) => {
    switch (how) {
      case 0: return `${title}${space}${name}`;
      case 1: return `${org} ${role}${space}${name}`;
      case 2: return `the ${role} of ${org}, ${name},`;
      case 3: return `${name}, ${role} of ${org}`;
      case 4: return `${role} ${name}`;
      default: return name;
    }
  });

/** A day number, mostly valid, sometimes not (0, 31 April, 29 February, 99). */
const dayNumber = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 31 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 29, 30, 31, 32, 99, 100) });
/** A year: mostly near now, sometimes at the edges of what a date may hold. */
const yearNumber = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1990, max: 2030 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 999, 1000, 1899, 1900, 1999, 2000, 2999, 3000, 9999, 10000, 275760) });

/** A date in one of the forms releases use, with separators that vary (NBSP, en dash). */
export const dateText = fc
  .tuple(dayNumber, dayNumber, fc.constantFrom(...MONTHS), fc.constantFrom(...MONTHS), yearNumber, fc.constantFrom(...WEEKDAYS), fc.constantFrom(' ', NBSP, ' ', ' '), fc.nat({ max: 19 }))
  .map(([d1, d2, m1, m2, y, wd, sp, form]) => {
    switch (form) {
      case 0: return `${wd},${sp}${d1}${sp}${m1}${sp}${y}`;
      case 1: return `${d1}${sp}${m1}`;
      case 2: return `${m1}${sp}${d1}, ${y}`;
      case 3: return `from ${d1} to ${d2}${sp}${m1}${sp}${y}`;
      case 4: return `${d1}–${d2}${sp}${m1}`;
      case 5: return `${d1}-${d2} ${m1} ${y}`;
      case 6: return `${String(d1).padStart(2, '0')}/${String(d2 % 13).padStart(2, '0')}/${y}`;
      case 7: return `${y}-${String(d2 % 14).padStart(2, '0')}-${String(d1).padStart(2, '0')}`;
      case 8: return `${m1}${sp}${y}`;
      case 9: return `${m1} to ${m2} ${y}`;
      case 10: return `On ${wd}`;
      case 11: return `${wd} ${d1} and ${wd} ${d2} ${m1}`;
      case 12: return `${wd} (${d1} ${m1} ${y})`;
      case 13: return `${d1}th of ${m1}, ${y}`;
      case 14: return `${y}/${y + 1}`;
      case 15: return `${y}-${String(d1).padStart(2, '0')}`;
      case 16: return `between ${y} and ${y + 3}`;
      case 17: return `${m1} ${d1} to ${m2} ${d2}`;
      case 18: return `${d1} ${m1} [${y}]`;
      default: return `${wd}, ${d1} ${m1}`;
    }
  });

/** A sentence of a release body. */
const sentence = fc
  .tuple(introducedName, introducedName, dateText, fc.constantFrom('met', 'said that', 'thanked', 'will meet', 'spoke with', 'welcomed'), fc.nat({ max: 5 }), fc.constantFrom(...SURNAMES))
  .map(([a, b, date, verb, how, surname]) => {
    switch (how) {
      case 0: return `${date}, ${a} ${verb} ${b}.`;
      case 1: return `${a} ${verb} ${b} on ${date}.`;
      case 2: return `Mr ${surname} ${verb} the press.`;
      case 3: return `“We stand together,” ${surname} said on ${date}.`;
      case 4: return `${a} and ${b} ${verb} in Brussels.`;
      default: return `${surname} said ${date}.`;
    }
  });

/** A release: title, blank, Source: line (usually), blank, body paragraphs, sometimes a footer. */
export const releaseText = fc
  .tuple(
    fc.oneof(introducedName.map((n) => `${n} visits ${'Romania'}`), fc.constantFrom('Foreign ministers meet in Warsaw', 'Statement on Ukraine', 'Press release 🇺🇦', 'Readout', 'Untitled'), dateText.map((d) => `Council meeting, ${d}`)),
    fc.option(fc.constantFrom(...ORGS, 'U.S. Department of State', ''), { nil: null, freq: 5 }),
    fc.array(fc.array(sentence, { minLength: 1, maxLength: 4 }).map((s) => s.join(' ')), { minLength: 0, maxLength: 4 }),
    fc.boolean(),
    dateText,
  )
  .map(([title, source, paragraphs, footer, dateline]) => {
    const lines = [title, ''];
    if (source !== null) lines.push(`Source: ${source}`, '');
    if (paragraphs.length > 0) paragraphs[0] = `Brussels, ${dateline} – ${paragraphs[0]}`;
    paragraphs.forEach((p, i) => lines.push(...(i === 0 ? [p] : ['', p])));
    if (footer) lines.push('', 'For more information:', '', 'Contact the Press Office');
    return lines.join('\n');
  });

/** How a generated document ends its lines. */
export const lineEnds = fc.constantFrom<'lf' | 'crlf' | 'cr' | 'mixed'>('lf', 'crlf', 'cr', 'mixed');

/** Rewrites the `\n` line ends of a text: all CRLF, all CR, or a mix chosen by `seed`. */
export function withLineEnds(text: string, style: 'lf' | 'crlf' | 'cr' | 'mixed', seed = 0): string {
  if (style === 'lf') return text;
  if (style === 'crlf') return text.replace(/\n/g, '\r\n');
  if (style === 'cr') return text.replace(/\n/g, '\r');
  let i = seed;
  let out = '';
  for (const c of text) {
    if (c !== '\n') {
      out += c;
      continue;
    }
    let eol = ['\n', '\r\n', '\r'][(i = (i * 1103515245 + 12345) & 0x7fffffff) % 3];
    // A lone CR followed by an LF would read as one CRLF: one line break where there were two.
    if (eol === '\n' && out.endsWith('\r')) eol = '\r\n';
    out += eol;
  }
  return out;
}

/** A document of several generated releases, with blank lines between and a line-end style. */
export const documentText = fc
  .tuple(fc.array(releaseText, { minLength: 0, maxLength: 5 }), fc.constantFrom('\n\n', '\n\n\n', `\n${NBSP}\n`, '\n \n'), lineEnds, fc.nat(), fc.boolean())
  .map(([releases, gap, style, seed, bom]) => (bom ? BOM : '') + withLineEnds(releases.join(gap), style, seed));

// ---------------------------------------------------------------------------------------------
// Mutations of a text

/** One change to a text, with positions as fractions of its length so that it applies to any text. */
export type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number; to: number }
  | { kind: 'lineEnds'; at: number; length: number; style: 'crlf' | 'cr' | 'mixed' | 'lf' }
  | { kind: 'case'; at: number; length: number; upper: boolean }
  | { kind: 'spaces'; at: number; length: number; space: string };

const fraction = fc.double({ min: 0, max: 1, noNaN: true });

/** Something to insert: a tricky character, a cue word, a name, a date, a header, or random text. */
export const insertion: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 3, arbitrary: fc.constantFrom(...CUES).map((c) => ` ${c} `) },
  { weight: 2, arbitrary: introducedName },
  { weight: 2, arbitrary: dateText },
  { weight: 1, arbitrary: fc.constantFrom('Title line\n\nSource: EEAS\n\n', '\n\nSource: NATO\n\n', '\r\n\r\nSource:\r\n', 'Source: ', '\n\n', 'For more information:\n') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
);

/** One random mutation. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fraction, text: insertion }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fraction, length: fc.nat({ max: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fraction, length: fc.nat({ max: 400 }), to: fraction }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('lineEnds' as const), at: fraction, length: fc.nat({ max: 2000 }), style: fc.constantFrom('crlf' as const, 'cr' as const, 'mixed' as const, 'lf' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('case' as const), at: fraction, length: fc.nat({ max: 200 }), upper: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('spaces' as const), at: fraction, length: fc.nat({ max: 300 }), space: fc.constantFrom(NBSP, NNBSP, `${ZWSP} `, '\t', `${ZWJ}`) }) },
);

/** Applies a mutation. Positions are UTF-16 offsets, so a cut may split a surrogate pair or a CRLF: on purpose. */
export function applyMutation(text: string, m: Mutation): string {
  const at = Math.floor(m.at * text.length);
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(Math.min(text.length, at + m.length));
    case 'duplicate': {
      const piece = text.slice(at, at + m.length);
      const to = Math.floor(m.to * text.length);
      return text.slice(0, to) + piece + text.slice(to);
    }
    case 'lineEnds': {
      const end = Math.min(text.length, at + m.length);
      const region = text.slice(at, end).replace(/\r\n?/g, '\n');
      return text.slice(0, at) + withLineEnds(region, m.style, at) + text.slice(end);
    }
    case 'case': {
      const end = Math.min(text.length, at + m.length);
      const region = text.slice(at, end);
      return text.slice(0, at) + (m.upper ? region.toUpperCase() : region.toLowerCase()) + text.slice(end);
    }
    case 'spaces': {
      const end = Math.min(text.length, at + m.length);
      return text.slice(0, at) + text.slice(at, end).replace(/ /g, m.space) + text.slice(end);
    }
  }
}

/** A text to analyse: a corpus file mutated a few times, a generated document, or noise. */
export function engineInput(corpus: { name: string; text: string }[]): fc.Arbitrary<string> {
  const mutated = fc
    .tuple(fc.constantFrom(...corpus.map((c) => c.text)), fc.array(mutation, { minLength: 1, maxLength: 8 }), lineEnds, fc.nat())
    .map(([text, mutations, style, seed]) => mutations.reduce(applyMutation, withLineEnds(text, style, seed)));
  const generated = fc.tuple(documentText, fc.array(mutation, { maxLength: 3 })).map(([text, mutations]) => mutations.reduce(applyMutation, text));
  const noise = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.array(fc.oneof(fc.constantFrom(...TRICKY), fc.constantFrom(...CUES), insertion), { maxLength: 80 }).map((parts) => parts.join('')),
  );
  return fc.oneof({ weight: 4, arbitrary: mutated }, { weight: 4, arbitrary: generated }, { weight: 1, arbitrary: noise });
}

/** An edit as an editor sends it: replace [at, at + length) by `text`. */
export interface Edit {
  at: number;
  length: number;
  text: string;
}

/** A random edit, as fractions of the text so that it applies to any text. */
export const edit: fc.Arbitrary<Edit> = fc.record({
  at: fraction,
  length: fc.oneof({ weight: 4, arbitrary: fc.nat({ max: 12 }) }, { weight: 1, arbitrary: fc.nat({ max: 800 }) }),
  text: fc.oneof({ weight: 3, arbitrary: insertion }, { weight: 1, arbitrary: fc.constant('') }, { weight: 1, arbitrary: releaseText.map((r) => `\n\n${r}\n\n`) }),
});

/** Applies an edit given in fractions. */
export function applyEdit(text: string, e: Edit): string {
  const start = Math.floor(e.at * text.length);
  return text.slice(0, start) + e.text + text.slice(Math.min(text.length, start + e.length));
}
