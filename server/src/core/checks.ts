/**
 * The checks a press officer wants before publishing: dates that cannot be right, releases with
 * a broken header, names spelled two ways, a person given two incompatible roles.
 */
import type { CalendarDate, DateMention, DocumentModel, Finding, FindingCode, Official, Release, Role, Severity, Span } from './model';
import { isValidDate, weekdayIndex, weekdayOf, WEEKDAY_NAMES } from './dates';
import { lexicon } from './lexicon';
import { foldName } from './tokens';
import { isBlank } from './text';
import calendar from './lexicon/calendar.json';
import syntax from './lexicon/syntax.json';

const ORGANIZATION_ALIASES: Record<string, string> = syntax.organizationAliases;

/** Every code Attaché reports, with its default severity. One table, read by the server's settings. */
export const FINDING_CODES: Record<FindingCode, { severity: Severity; summary: string }> = {
  'date.weekday-mismatch': { severity: 'warning', summary: 'A weekday named for a date that falls on another day' },
  'date.invalid': { severity: 'error', summary: 'A date that does not exist' },
  'date.range-reversed': { severity: 'error', summary: 'A date range whose end is before its start' },
  'release.missing-source': { severity: 'warning', summary: 'A release whose header has no Source: line' },
  'release.empty': { severity: 'warning', summary: 'A release with a title and source but no body' },
  'release.duplicate-title': { severity: 'warning', summary: 'A second release with the same title in one file' },
  'official.name-variant': { severity: 'warning', summary: 'One person spelled two ways in a file' },
  'official.role-conflict': { severity: 'warning', summary: 'One person given two incompatible roles in one release' },
  'official.outside-tenure': { severity: 'warning', summary: 'A role given to someone outside their tenure (by the officials register)' },
  'official.unknown-role': { severity: 'hint', summary: 'A role the officials register does not know for a person it knows' },
};

const MONTH_NAMES: string[] = calendar.months.map((m: { name: string }) => m.name);

export function finding(code: FindingCode, span: Span, release: number, message: string, extra: Partial<Finding> = {}): Finding {
  return { code, span, release, message, severity: FINDING_CODES[code].severity, fixes: [], ...extra };
}

function describe(date: CalendarDate): string {
  const parts: string[] = [];
  if (date.day !== null) parts.push(String(date.day));
  if (date.month !== null) parts.push(MONTH_NAMES[date.month - 1] ?? `month ${date.month}`);
  if (date.year !== null) parts.push(String(date.year));
  return parts.join(' ');
}

function complete(date: CalendarDate | undefined): date is { year: number; month: number; day: number } {
  return !!date && date.year !== null && date.month !== null && date.day !== null;
}

function daysInMonth(year: number, month: number): number {
  for (let day = 31; day >= 28; day--) if (isValidDate(year, month, day)) return day;
  return 0;
}

function checkWeekday(date: DateMention, day: CalendarDate | undefined, named: string | undefined, where: Span | undefined): Finding | null {
  if (!named || !complete(day) || !isValidDate(day.year, day.month, day.day)) return null;
  const expected = weekdayIndex(named);
  const actual = weekdayOf(day.year, day.month, day.day);
  if (expected < 0 || expected === actual) return null;
  const right = WEEKDAY_NAMES[actual];
  const span = where ?? date.span;
  return finding('date.weekday-mismatch', date.span, date.release, `${describe(day)} is a ${right}, not a ${WEEKDAY_NAMES[expected]}.`, {
    fixes: [{ title: `Change '${named}' to '${right}'`, span, newText: matchCase(right, named), preferred: true }],
  });
}

/** Writes `word` in the case pattern of `like` (all capitals, or as given). */
function matchCase(word: string, like: string): string {
  return like === like.toUpperCase() && like.length > 1 ? word.toUpperCase() : word;
}

function compareDates(a: CalendarDate, b: CalendarDate): number {
  const fields: (keyof CalendarDate)[] = ['year', 'month', 'day'];
  for (const field of fields) {
    const x = a[field];
    const y = b[field];
    if (x === null || y === null) return 0;
    if (x !== y) return x - y;
  }
  return 0;
}

export function checkDates(dates: DateMention[]): Finding[] {
  const out: Finding[] = [];
  for (const date of dates) {
    let invalid = false;
    for (const day of [date.start, date.end]) {
      if (!complete(day)) continue;
      if (!isValidDate(day.year, day.month, day.day)) {
        invalid = true;
        const days = day.month >= 1 && day.month <= 12 ? daysInMonth(day.year, day.month) : 0;
        const why = days ? `${MONTH_NAMES[day.month - 1]} ${day.year} has ${days} days` : 'there is no such month';
        out.push(finding('date.invalid', date.span, date.release, `${describe(day)} does not exist: ${why}.`));
      }
    }
    if (invalid) continue;
    const mismatch = checkWeekday(date, date.start, date.weekday, date.weekdaySpan) ?? checkWeekday(date, date.end, date.endWeekday, date.endWeekdaySpan);
    if (mismatch) out.push(mismatch);
    if (date.end && compareDates(date.end, date.start) < 0) {
      out.push(
        finding('date.range-reversed', date.span, date.release, `This range ends (${describe(date.end)}) before it starts (${describe(date.start)}).`),
      );
    }
  }
  return out;
}

/** The line break the text uses, so that inserted lines match it. */
export function lineBreakOf(text: string): string {
  const n = text.indexOf('\n');
  if (n > 0 && text[n - 1] === '\r') return '\r\n';
  if (n < 0 && text.includes('\r')) return '\r';
  return '\n';
}

function normaliseTitle(title: string): string {
  // Most titles have single spaces between words and none at either end: only lower-cased.
  return plainlySpaced(title) ? title.toLowerCase() : title.replace(/[\s\u00a0]+/gu, ' ').trim().toLowerCase();
}

const WHITE_SPACE = /\s/;
/** White space as `\s` and `trim` know it, per UTF-16 code unit (0: not asked yet, 1: yes, 2: no). */
const whiteSpaceKnown = new Uint8Array(0x10000);

function isWhiteSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  let v = whiteSpaceKnown[c];
  if (v === 0) {
    v = WHITE_SPACE.test(String.fromCharCode(c)) ? 1 : 2;
    whiteSpaceKnown[c] = v;
  }
  return v === 1;
}

/** True where the only white space in `text` is single spaces between other characters. */
function plainlySpaced(text: string): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (!isWhiteSpace(c)) continue;
    if (c !== 32 || i === 0 || i === n - 1 || isWhiteSpace(text.charCodeAt(i + 1))) return false;
  }
  return true;
}

export function checkReleases(text: string, releases: readonly Release[]): Finding[] {
  const out: Finding[] = [];
  // How many releases name each source: one lookup per release, and none again where a
  // release names the same source as the one before it.
  const sources = new Map<string, { count: number }>();
  let lastSource: string | null = null;
  let lastCount: { count: number } | undefined;
  for (const release of releases) {
    const source = release.source;
    if (!source) continue;
    if (source !== lastSource || lastCount === undefined) {
      lastCount = sources.get(source);
      if (lastCount === undefined) {
        lastCount = { count: 0 };
        sources.set(source, lastCount);
      }
      lastSource = source;
    }
    lastCount.count++;
  }
  const usualSource = [...sources.entries()].sort((a, b) => b[1].count - a[1].count)[0]?.[0];
  const eol = lineBreakOf(text);
  const firstWithTitle = new Map<string, number>();
  for (const release of releases) {
    if (release.source === null && release.sourceSpan === null) {
      const fixes = usualSource
        ? [{ title: `Add 'Source: ${usualSource}'`, span: { start: release.titleSpan.end, end: release.titleSpan.end }, newText: `${eol}${eol}Source: ${usualSource}`, preferred: true }]
        : [];
      out.push(finding('release.missing-source', release.titleSpan, release.index, `The release "${release.title}" has no Source: line in its header.`, { fixes }));
    } else if (release.bodySpan === null || isBlank(text, release.bodySpan.start, release.bodySpan.end)) {
      out.push(finding('release.empty', release.titleSpan, release.index, `The release "${release.title}" has a title and source but no body.`));
    }
    const key = normaliseTitle(release.title);
    const first = firstWithTitle.get(key);
    if (first === undefined) {
      firstWithTitle.set(key, release.index);
    } else {
      const earlier = releases[first];
      out.push(
        finding('release.duplicate-title', release.titleSpan, release.index, `Another release in this file already has the title "${release.title}".`, {
          related: [{ span: earlier.titleSpan, message: 'First release with this title' }],
        }),
      );
    }
  }
  return out;
}

const WORD_SPLIT = /[\s\u00a0]+/u;

function nameWords(text: string): string[] {
  return text.split(WORD_SPLIT).filter((w) => w && !/^\p{Lu}\.$/u.test(w));
}

/** Spellings differing in letters, diacritics or hyphens; not in initials, order or capitals. */
function checkNameVariants(official: Official): Finding[] {
  const out: Finding[] = [];
  const spellingOf = new Map<string, { raw: string; span: Span }>(); // folded compact word → first spelling
  const fullFirst = official.mentions.find((m) => m.form === 'full') ?? official.mentions[0];
  const fullWords = nameWords(fullFirst.text);
  const usualCache = new Map<string, string>();
  // The answer for a written form is fixed by its first sighting: remember it per form.
  const verdict = new Map<string, string | null>();
  for (const mention of official.mentions) {
    let variant = verdict.get(mention.text);
    if (variant === undefined) {
      variant = spellingVariant(mention, fullFirst, fullWords, spellingOf);
      verdict.set(mention.text, variant);
    }
    if (variant !== null) {
      let usual = usualCache.get(mention.text);
      if (usual === undefined) {
        usual = usualSpelling(official, mention.text);
        usualCache.set(mention.text, usual);
      }
      out.push(
        finding('official.name-variant', mention.span, mention.release, `"${mention.text}" is spelled differently elsewhere in this file ("${usual}").`, {
          fixes: usual !== mention.text ? [{ title: `Spell it '${usual}'`, span: mention.span, newText: usual, preferred: true }] : [],
          related: [{ span: fullFirst.span, message: `First written as "${fullFirst.text}"` }],
        }),
      );
    }
  }
  return out;
}

/**
 * Whether a mention spells a word of the name otherwise than the file did first: the first
 * spelling it saw, or null. Records the mention's spellings when they are new.
 */
function spellingVariant(
  mention: Official['mentions'][number],
  fullFirst: Official['mentions'][number],
  fullWords: string[],
  spellingOf: Map<string, { raw: string; span: Span }>,
): string | null {
  const words = nameWords(mention.text);
  let variant: string | null = null;
  for (const word of words) {
    // The same letters precomposed or decomposed (NFC, NFD) are one spelling.
    const raw = word.normalize('NFC').toLowerCase();
    const folded = foldName(word).replace(/[-‐'’]/g, '');
    const seen = spellingOf.get(folded);
    if (seen === undefined) spellingOf.set(folded, { raw, span: mention.span });
    else if (seen.raw !== raw) variant = seen.raw;
  }
  // A surname linked only by its likeness to a known one ("Zelensky" beside "Zelenskyy").
  if (!variant && words.length === 1 && mention !== fullFirst) {
    const surname = fullWords[fullWords.length - 1];
    if (surname && foldName(surname).replace(/[-‐'’]/g, '') !== foldName(words[0]).replace(/[-‐'’]/g, '') &&
      !fullWords.some((w) => foldName(w) === foldName(words[0]))) {
      variant = surname.toLowerCase();
    }
  }
  return variant;
}

/** The spelling the file uses most for a name of the same shape as `text`. */
function usualSpelling(official: Official, text: string): string {
  const shape = nameWords(text).length;
  const counts = new Map<string, number>();
  for (const m of official.mentions) {
    const clean = m.text.replace(WORD_SPLIT, ' ');
    if (nameWords(clean).length === shape && clean !== text) counts.set(clean, (counts.get(clean) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return best ? best[0] : official.name;
}

const ROLE_STOP = new Set(['the', 'of', 'and', 'for', 'a', 'an', 'to', 'in', 'on', 'at', 's']);

/**
 * Writes out an acronym that the other role spells in full: "OSCE PA President" beside "OSCE
 * Parliamentary Assembly President" becomes "OSCE Parliamentary Assembly President".
 */
function expandAcronyms(text: string, other: string): string {
  const otherWords = other.split(/[\s\u00a0]+/u).filter((w) => /^\p{Lu}/u.test(w));
  return text.replace(/\b\p{Lu}{2,5}\b/gu, (acronym) => {
    for (let i = 0; i + acronym.length <= otherWords.length; i++) {
      const run = otherWords.slice(i, i + acronym.length);
      if (run.map((w) => w[0]).join('') === acronym) return run.join(' ');
    }
    return acronym;
  });
}

/** A role as its office (head words) and what qualifies it (the other words, countries folded). */
function roleShape(text: string): { head: string; qualifiers: Set<string> } {
  // "UN Deputy Secretary-General" and "Deputy Secretary-General of the United Nations" are one office.
  const expanded = text.replace(/['’]s\b/gu, '').split(/[\s\u00a0/]+/u).map((w) => ORGANIZATION_ALIASES[w] ?? w).join(' ');
  const words = expanded.split(/[\s\u00a0/]+/u).filter(Boolean);
  const heads: string[] = [];
  const qualifiers = new Set<string>();
  for (const word of words) {
    if (lexicon.roleHeadWords.has(word)) heads.push(word.toLowerCase());
    else if (!ROLE_STOP.has(word.toLowerCase())) qualifiers.add(foldName(lexicon.demonymToCountry.get(word) ?? word));
  }
  return { head: heads.join(' '), qualifiers };
}

function isSubset(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

const EXCLUSIVE_OFFICES = new Set<string>(syntax.exclusiveOffices.map((o: string) => o.toLowerCase()));
const CANONICAL_OFFICE = new Map<string, string>();
for (const group of syntax.equivalentOffices as string[][]) for (const office of group) CANONICAL_OFFICE.set(office.toLowerCase(), group[0].toLowerCase());

function canonicalOffice(title: string): string {
  const t = title.replace(/[\s\u00a0]+/gu, ' ').trim().toLowerCase();
  return CANONICAL_OFFICE.get(t) ?? t;
}

function canonicalOrganization(org: string | null): string | null {
  if (!org) return null;
  const words = org.replace(/^the\s+/iu, '').split(/[\s\u00a0]+/u).map((w) => ORGANIZATION_ALIASES[w] ?? w);
  return foldName(words.join(' '));
}

/**
 * Two offices one person cannot hold in one release: of one kind but told apart by their
 * qualifiers ("Supreme Allied Commander Europe" and "… Transformation"), or two different top
 * offices of the same organisation ("IPU Secretary General" and "IPU President").
 */
function incompatible(a: Role, b: Role): boolean {
  // An archive gives the same pairs of roles again and again: each pair of wordings is judged once.
  const key = JSON.stringify([a.text, b.text, a.title, b.title, a.organization, b.organization]);
  let known = incompatibleCache.get(key);
  if (known === undefined) {
    known = judgeIncompatible(a, b);
    if (incompatibleCache.size >= 10000) incompatibleCache.clear();
    incompatibleCache.set(key, known);
  }
  return known;
}

const incompatibleCache = new Map<string, boolean>();

function judgeIncompatible(a: Role, b: Role): boolean {
  const x = roleShape(expandAcronyms(a.text, b.text));
  const y = roleShape(expandAcronyms(b.text, a.text));
  if (x.head && x.head === y.head) {
    if (x.qualifiers.size === 0 || y.qualifiers.size === 0) return false;
    return !isSubset(x.qualifiers, y.qualifiers) && !isSubset(y.qualifiers, x.qualifiers);
  }
  const orgA = canonicalOrganization(a.organization);
  const orgB = canonicalOrganization(b.organization);
  if (!orgA || orgA !== orgB) return false;
  const officeA = canonicalOffice(a.title);
  const officeB = canonicalOffice(b.title);
  return officeA !== officeB && EXCLUSIVE_OFFICES.has(officeA) && EXCLUSIVE_OFFICES.has(officeB);
}

export function checkRoleConflicts(official: Official): Finding[] {
  const out: Finding[] = [];
  const byRelease = new Map<number, Role[]>();
  for (const role of official.roles) {
    const list = byRelease.get(role.release) ?? [];
    list.push(role);
    byRelease.set(role.release, list);
  }
  for (const roles of byRelease.values()) {
    for (let j = 1; j < roles.length; j++) {
      for (let i = 0; i < j; i++) {
        // Roles of one phrase ("Deputy Prime Minister and Defence Minister") are posts held at once.
        if (roles[j].span.start - roles[i].span.end < 12) continue;
        if (!incompatible(roles[i], roles[j])) continue;
        out.push(
          finding('official.role-conflict', roles[j].span, roles[j].release, `${official.name} is called "${roles[j].text}" here but "${roles[i].text}" earlier in this release.`, {
            related: [{ span: roles[i].span, message: `Earlier role: ${roles[i].text}` }],
          }),
        );
        break;
      }
    }
  }
  return out;
}

/** Runs every check over a model. Findings come out in document order. */
export function runChecks(text: string, model: DocumentModel): Finding[] {
  const out = [...checkDates(model.dates), ...checkReleases(text, model.releases)];
  for (const official of model.officials) {
    out.push(...checkNameVariants(official), ...checkRoleConflicts(official));
  }
  return out.sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
}
