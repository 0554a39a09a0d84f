/**
 * The word lists the people recogniser reads, loaded once from the JSON files beside this one and
 * turned into sets and token sequences for fast look-up.
 */
import people from './lexicon/people.json';
import places from './lexicon/places.json';
import organizations from './lexicon/organizations.json';
import common from './lexicon/common.json';
import syntax from './lexicon/syntax.json';
import { foldName, tokenTexts } from './tokens';

/** A set of phrases, each a sequence of token texts, matched longest first. */
export class PhraseSet {
  private readonly byLast = new Map<string, string[][]>();
  readonly maxLength: number;

  constructor(phrases: readonly string[], private readonly caseless = false) {
    let max = 0;
    for (const phrase of phrases) {
      const parts = tokenTexts(phrase).map((t) => this.key(t));
      if (parts.length === 0) continue;
      max = Math.max(max, parts.length);
      const last = parts[parts.length - 1];
      const list = this.byLast.get(last) ?? [];
      list.push(parts);
      this.byLast.set(last, list);
    }
    for (const list of this.byLast.values()) list.sort((a, b) => b.length - a.length);
    this.maxLength = max;
  }

  private key(text: string): string {
    return this.caseless ? text.toLowerCase() : text;
  }

  /**
   * The number of tokens of the longest phrase that ends at `texts[end - 1]`, or 0.
   * `texts` are token texts; `from` bounds how far back the phrase may reach.
   */
  matchEndingAt(texts: readonly string[], end: number, from = 0): number {
    if (end <= from) return 0;
    const candidates = this.byLast.get(this.key(texts[end - 1]));
    if (!candidates) return 0;
    for (const parts of candidates) {
      const start = end - parts.length;
      if (start < from) continue;
      let ok = true;
      for (let k = 0; k < parts.length - 1; k++) {
        if (this.key(texts[start + k]) !== parts[k]) {
          ok = false;
          break;
        }
      }
      if (ok) return parts.length;
    }
    return 0;
  }

  /** True where some phrase ends with the token text `text`: where not, `matchEndingAt` there is 0. */
  endsSome(text: string): boolean {
    return this.byLast.has(this.key(text));
  }

  /** True where `text` alone is one of the phrases. */
  has(text: string): boolean {
    const candidates = this.byLast.get(this.key(text));
    return !!candidates && candidates.some((p) => p.length === 1);
  }
}

function wordSet(words: Iterable<string>): Set<string> {
  return new Set(words);
}

const countryWords: string[] = [];
const demonymToCountry = new Map<string, string>();
for (const country of places.countries as { name: string; demonyms?: string[]; aliases?: string[] }[]) {
  countryWords.push(country.name, ...(country.aliases ?? []));
  for (const demonym of country.demonyms ?? []) {
    demonymToCountry.set(demonym, country.name);
  }
}

/** Single words that are never part of a person's name: places, organisations, common words. */
const nonNameWords = new Set<string>();
function addWords(phrases: Iterable<string>): void {
  // Only single words: "Costa Rica" must not make "Costa" a non-name.
  for (const phrase of phrases) {
    const words = tokenTexts(phrase);
    if (words.length === 1 && /^\p{Lu}/u.test(words[0])) nonNameWords.add(words[0]);
  }
}
addWords(countryWords);
addWords(demonymToCountry.keys());
addWords(places.cities);
addWords(places.regions);
addWords(organizations.acronyms);
addWords(organizations.nameWords);
addWords(common.capitalisedNonNames);
addWords(syntax.roleWords);
addWords(syntax.continentalAdjectives);

// Single-word heads only: multi-word ones ("Secretary General", "Attorney General") are matched as
// phrases, so that a rank such as "General" does not make a role on its own.
const roleHeadWords = new Set<string>();
for (const head of [...people.roleHeads, ...people.royalTitles]) {
  const words = tokenTexts(head);
  if (words.length === 1) roleHeadWords.add(words[0]);
}
const roleModifierWords = new Set<string>();
for (const modifier of people.roleModifiers) for (const w of tokenTexts(modifier)) roleModifierWords.add(w);

const givenNames = new Set<string>(people.givenNames.map((n: string) => foldName(n)));

const multiWordNames = [...countryWords, ...places.cities, ...places.regions, ...organizations.names, ...organizations.acronyms].filter((n) => tokenTexts(n).length > 1);

/** First words of the phrases of several words in `phrases`: a cheap test before matching. */
function openers(...lists: readonly string[][]): Set<string> {
  const out = new Set<string>();
  for (const list of lists) for (const phrase of list) {
    const words = tokenTexts(phrase);
    if (words.length > 1) out.add(words[0]);
  }
  return out;
}

/** The lexicon, ready for matching. */
export const lexicon = {
  /** As written, or in capitals as transcripts write them ("MR. KIRBY:"); never in lower case ("p.m."). */
  honorifics: new PhraseSet([...people.honorifics, ...people.honorifics.map((h: string) => h.toUpperCase())]),
  ranks: new PhraseSet(people.ranks),
  rankSuffixes: new PhraseSet(people.rankSuffixes),
  royalTitles: new PhraseSet(people.royalTitles),
  nameSuffixes: wordSet(people.nameSuffixes),
  postNominals: wordSet(people.postNominals),
  /** Multi-word role heads ("Prime Minister", "Secretary General"), matched as phrases. */
  roleHeads: new PhraseSet([...people.roleHeads, ...people.royalTitles]),
  roleHeadWords,
  roleModifierWords,
  roleConnectors: wordSet(people.roleConnectors),
  nameParticles: wordSet(people.nameParticles),
  particlePrefixes: people.particlePrefixes as string[],
  addressWords: wordSet(people.addressWords.map((w: string) => w.toLowerCase())),
  givenNames,
  nonNameWords,
  demonymToCountry,
  countries: wordSet(countryWords),
  /** Names of several words of countries, places and organisations ("United Nations", "Costa Rica"). */
  multiWordNames: new PhraseSet(multiWordNames),
  multiWordOpeners: openers(multiWordNames),
  /** First words of ranks and honorifics of several words ("Major" of "Major General", "H" of "H.E."). */
  titleOpeners: openers(people.ranks, people.honorifics),
  orgAcronyms: wordSet(organizations.acronyms),
  orgNameWords: wordSet(organizations.nameWords),
  nameInternalTitles: wordSet(syntax.nameInternalTitles),
  namedAfterNouns: wordSet(syntax.namedAfterNouns),
  addressOpeners: wordSet(syntax.addressOpeners),
  roleSuffixes: wordSet(syntax.roleSuffixes),
};

export type Lexicon = typeof lexicon;
