/**
 * The date recogniser: finds the dates, months, years and ranges a release names, resolves the
 * years it leaves out, and records the weekdays it names so that checks can compare them.
 *
 * Pure: text in, `DateMention`s out. The calendar words come from `lexicon/calendar.json`; every
 * regular expression is built once, at module load, from that data.
 *
 * How it runs: one global scan finds the places where a date can start (a digit, a month name or
 * a weekday name at a word boundary); at each, a few sticky expressions try the date forms from
 * the longest to the shortest. The forms are bounded sequences without nested quantifiers, so a
 * failed attempt costs a handful of steps and nothing backtracks catastrophically. A release with
 * a bare weekday ("on Sunday") after a dateline gets one more linear pass, which indexes its
 * sentence ends and tense cues so that the weekday can be placed before or after the dateline.
 */
import type { CalendarDate, DateMention, Span } from './model';
import calendar from './lexicon/calendar.json';

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
 * Plain integer arithmetic, so no time zone or `Date` range can get in the way.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  // Normalise the month first so that the function is total (month 13 is January next year).
  year += Math.floor((month - 1) / 12);
  month = (((month - 1) % 12) + 12) % 12 + 1;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March is 0, so the leap day falls at the end of the year
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The inverse of `daysFromCivil`. */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * Day of week (0 = Sunday … 6 = Saturday) of a proleptic Gregorian date; pure arithmetic, no
 * `Date` time-zone pitfalls. The function is total: a day past the end of its month rolls over
 * ("31 April" is weighed as 1 May), and so does a month outside 1–12.
 */
export function weekdayOf(year: number, month: number, day: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((daysFromCivil(year, month, day) + 4) % 7) + 7) % 7;
}

/** True where the integers year-month-day name a day that exists in the Gregorian calendar. */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// ---------------------------------------------------------------------------------------------
// Calendar words

/** The English weekday names, indexed as `weekdayOf` answers (0 = Sunday). */
export const WEEKDAY_NAMES: readonly string[] = calendar.weekdays.map((w) => w.name);

const MONTH_BY_WORD = new Map<string, number>();
calendar.months.forEach((m, i) => {
  MONTH_BY_WORD.set(m.name.toLowerCase(), i + 1);
  for (const a of m.abbreviations) MONTH_BY_WORD.set(a.toLowerCase(), i + 1);
});
const WEEKDAY_BY_WORD = new Map<string, number>();
calendar.weekdays.forEach((w, i) => {
  WEEKDAY_BY_WORD.set(w.name.toLowerCase(), i);
  for (const a of w.abbreviations) WEEKDAY_BY_WORD.set(a.toLowerCase(), i);
});

/**
 * The weekday (0 = Sunday … 6 = Saturday) a name or abbreviation stands for ("Thu.", "THURSDAY"),
 * or -1 where it is none.
 */
export function weekdayIndex(name: string): number {
  return WEEKDAY_BY_WORD.get(name.replace(/\.$/, '').toLowerCase()) ?? -1;
}

const MONTH_ALONE_CUES = new Set(calendar.monthAloneCues);
const BARE_WEEKDAY_CUES = new Set(calendar.bareWeekdayCues);
const LIST_CONNECTORS = new Set(calendar.listConnectors);
const YEAR_BLOCKERS_BEFORE = new Set(calendar.yearBlockersBefore);
const YEAR_BLOCKERS_AFTER = new Set(calendar.yearBlockersAfter);
const AND_WORDS = new Set(['and', 'or']);
const YEAR_RANGE_AND_CUES = new Set(calendar.yearRangeAndCues);
const FULL_MONTH_NAMES = new Set(calendar.months.map((m) => m.name));
const FULL_WEEKDAY_NAMES = new Set(calendar.weekdays.map((w) => w.name));

// ---------------------------------------------------------------------------------------------
// The expressions, built once from the calendar words

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** An alternation of words, longest first so that "September" wins over "Sept" and "Sep". */
function alternation(words: Iterable<string>): string {
  return [...new Set(words)].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
}

/** Title-case and upper-case forms of each name: "March", "MARCH". */
function caseForms(names: string[]): string[] {
  return names.flatMap((n) => [n, n.toUpperCase()]);
}

const MONTH_FULL_ALT = alternation(caseForms(calendar.months.map((m) => m.name)));
const MONTH_ABBR_ALT = alternation(caseForms(calendar.months.flatMap((m) => m.abbreviations)));
const WEEKDAY_FULL_ALT = alternation(caseForms(calendar.weekdays.map((w) => w.name)));
const WEEKDAY_ABBR_ALT = alternation(caseForms(calendar.weekdays.flatMap((w) => w.abbreviations)));

// Horizontal white space only (spaces, tabs, U+00A0 and the other Unicode spaces): a date never
// runs across a line break, and CR and LF both end lines.
const H = '[^\\S\\r\\n\\u2028\\u2029]';
const NOT_WORD_AFTER = '(?![A-Za-z0-9])';
const DASH = `[${calendar.rangeDashes.map(escapeRegExp).join('')}]`;
const ORDINAL = `(?:${alternation(calendar.ordinalSuffixes)})`;

/** A month name as a captured group; an abbreviation may carry a full stop, left out of the group. */
const month = (g: string): string =>
  `(?:(?<${g}>${MONTH_FULL_ALT})${NOT_WORD_AFTER}|(?<${g}a>${MONTH_ABBR_ALT})${NOT_WORD_AFTER}\\.?)`;
const weekday = (g: string): string =>
  `(?:(?<${g}>${WEEKDAY_FULL_ALT})${NOT_WORD_AFTER}|(?<${g}a>${WEEKDAY_ABBR_ALT})${NOT_WORD_AFTER}\\.?)`;
/** 1–31, with an optional ordinal suffix; not a time ("10:30") nor a decimal ("4.7"). */
const day = (g: string): string => `(?<${g}>3[01]|[12]\\d|0?[1-9])${ORDINAL}?(?![A-Za-z0-9]|[.:]\\d)`;
/** A year written beside a day or month: 1000–2999, not part of a longer number. */
const year = (g: string): string => `(?<${g}>[12]\\d{3})(?![A-Za-z0-9]|[.,]\\d)`;
/**
 * A year after a day-first date: "19 March 2025", an editor's "14 March [2025]", or with the comma
 * some house styles put there ("28th May, 2025": Nigeria, India).
 */
const yearDayFirst = (g: string): string => `(?:,?${H}+(?:${year(g)}|\\[${H}*${year(g + 'b')}${H}*\\]))`;
/** A year after a month-first date, with the US comma: "March 19, 2025". */
const yearMonthFirst = (g: string): string => `(?:,?${H}+(?:${year(g)}|\\[${H}*${year(g + 'b')}${H}*\\]))`;
/** Between a weekday and its date: "Wednesday, 19 March", "Wednesday 26th March". */
const WEEKDAY_SEP = `(?:${H}*,${H}*|${H}+)`;
const ARTICLE = `(?:(?:${alternation(calendar.articleBeforeDay)})${H}+)?`;
const DAY_MONTH_SEP = `(?:${H}+(?:${alternation(calendar.ofBeforeMonth)})${H}+|${H}+)`;
/** Between the two ends of a range: "20-21", "26 to 28", "13 and Friday 14". */
const dayConnector = (g: string): string =>
  `(?:${H}*(?<${g}>${DASH})${H}*|${H}+(?<${g}w>${alternation(calendar.rangeWords)})${H}+)`;
const MONTH_CONNECTOR = `(?:${H}*${DASH}${H}*|${H}+(?:${alternation(calendar.monthRangeWords)})${H}+)`;

/**
 * A sticky expression. Without the `d` flag: match indices cost an array per group on every
 * match, and only a range's second weekday needs them (see `indexedTwin`).
 */
const sticky = (source: string): RegExp => new RegExp(source, 'y');

const twins = new Map<RegExp, RegExp>();
/** The same expression with match indices, for the rare match whose group positions are needed. */
function indexedTwin(re: RegExp): RegExp {
  let twin = twins.get(re);
  if (twin === undefined) {
    twin = new RegExp(re.source, 'yd');
    twins.set(re, twin);
  }
  return twin;
}

/** "[Thursday] 13 [March [2024]] and [Friday] 14 March [2025]" */
const RE_DMY_RANGE = sticky(
  `(?:${weekday('wd')}${WEEKDAY_SEP}${ARTICLE})?${day('d1')}` +
    `(?:${DAY_MONTH_SEP}${month('m1')}(?:${H}+${year('y1')})?)?` +
    `${dayConnector('c')}(?:${weekday('we')}${WEEKDAY_SEP}${ARTICLE})?${day('d2')}` +
    `${DAY_MONTH_SEP}${month('m2')}${yearDayFirst('y2')}?`,
);
/** "[Wednesday,] 19 March [2025]", "26th of March" */
const RE_DMY = sticky(
  `(?:${weekday('wd')}${WEEKDAY_SEP}${ARTICLE})?${day('d1')}${DAY_MONTH_SEP}${month('m1')}${yearDayFirst('y1')}?`,
);
/** "Thursday (27 March 2025)": the weekday outside, the date in brackets. */
const RE_PAREN_DMY = sticky(
  `${weekday('wd')}${H}*\\(${H}*${day('d1')}${DAY_MONTH_SEP}${month('m1')}${yearDayFirst('y1')}?${H}*\\)`,
);
const RE_PAREN_MDY = sticky(
  `${weekday('wd')}${H}*\\(${H}*${month('m1')}${H}+${day('d1')}${yearMonthFirst('y1')}?${H}*\\)`,
);
/** "March 20-21, 2025", "March 30 to April 2" */
const RE_MDY_RANGE = sticky(
  `(?:${weekday('wd')}${WEEKDAY_SEP})?${month('m1')}${H}+${day('d1')}${dayConnector('c')}` +
    `(?:${weekday('we')}${WEEKDAY_SEP})?(?:${month('m2')}${H}+)?${day('d2')}${yearMonthFirst('y2')}?`,
);
/** "[Friday,] April 26[, 2024]" */
const RE_MDY = sticky(`(?:${weekday('wd')}${WEEKDAY_SEP})?${month('m1')}${H}+${day('d1')}${yearMonthFirst('y1')}?`);
/** "January to March 2025", "March–April 2025" */
const RE_MONTH_RANGE = sticky(`${month('m1')}${MONTH_CONNECTOR}${month('m2')}${H}+${year('y2')}`);
/** "May 2025", "March [2025]" */
const RE_MONTH_YEAR = sticky(`${month('m1')}${H}+(?:${year('y1')}|\\[${H}*${year('y1b')}${H}*\\])`);
/** "19/03/2025", "19.03.2025": day first, as the house style reads them. */
const RE_NUMERIC = sticky(
  `(?:${weekday('wd')}${WEEKDAY_SEP})?(?<a>\\d{1,2})(?<sep>[/.])(?<b>\\d{1,2})\\k<sep>(?<y>[12]\\d{3})(?![A-Za-z0-9]|[/.\\-]\\d)`,
);
/** "2025-03-19" (a trailing "T10:00" time is allowed and left out). */
const RE_ISO = sticky(
  `(?:${weekday('wd')}${WEEKDAY_SEP})?(?<y>[12]\\d{3})-(?<m>[01]\\d)-(?<d>[0-3]\\d)(?![A-SU-Za-z0-9]|[-/.]\\d)`,
);
/** A standalone year, or two: "1992", "2016/2017", "2024-25". */
const RE_YEAR = sticky(
  `(?<y>(?:19|20)\\d\\d)(?:${H}*(?:/|${DASH})${H}*(?<y2>(?:19|20)\\d\\d|\\d\\d)(?![0-9]))?(?![A-Za-z0-9]|[.,:/]\\d|${DASH}\\d|${H}*%)`,
);
/**
 * Two years joined by a word: "2005 to 2015", "between 2005 and 2015" (the caller checks that an
 * "and" follows "between"). Both four digits: "2024 to 25" is too loose to be a span.
 */
const RE_YEAR_WORDS = sticky(
  `(?<y>(?:19|20)\\d\\d)${H}+(?<w>${alternation(calendar.yearRangeWords)})${H}+(?<y2>(?:19|20)\\d\\d)` +
    `(?![A-Za-z0-9]|[.,:/]\\d|${DASH}\\d|${H}*%)`,
);
/** "(Thursday)" after a date that names no weekday of its own. */
const RE_TRAILING_WEEKDAY = sticky(`${H}*\\(${H}*${weekday('wd')}${H}*\\)`);
/** A time after a dateline's date: "Updated: 2025-02-10 19:30", "24 February 2025, 10.00 CET". */
const RE_TIME_AFTER = sticky(
  `,?${H}+(?:at${H}+)?(?:[01]?\\d|2[0-3])[:.h][0-5]\\d(?![0-9])(?:${H}*(?:[AaPp]\\.?[Mm]\\.?|[A-Z]{2,5}(?![A-Za-z])))?`,
);
/** What may follow a dateline's date: an optional agency tag, then a dash ("19 March (UN) —"). */
const RE_DATELINE_AFTER = sticky(`${H}*(?:\\([^)\\r\\n]{1,24}\\)${H}*)?[\\u2013\\u2014-]`);

/**
 * Where a date may start: a digit, or a month or weekday name, at a word boundary. Global, so
 * that one pass over a release visits only these places.
 */
const RE_SCAN = new RegExp(
  `\\b(?:${MONTH_FULL_ALT}|${MONTH_ABBR_ALT}|${WEEKDAY_FULL_ALT}|${WEEKDAY_ABBR_ALT})(?![A-Za-z])|\\b\\d`,
  'g',
);

// ---------------------------------------------------------------------------------------------
// Recognition

/** A date part as parsed, before the year is resolved. */
interface Parts {
  y: number | null;
  m: number | null;
  d: number | null;
}

/** A recognised date before year resolution. */
interface Raw {
  start: number;
  end: number;
  s: Parts;
  e: Parts | null;
  /** Where the text writes a year for this date (or for the end of its range). */
  written: boolean;
  /** Weekday named for the start (-1 where none), and where. */
  wd: number;
  wdStart: number;
  wdEnd: number;
  /** Weekday named for the end of a range. */
  ewd: number;
  ewdStart: number;
  ewdEnd: number;
  /** A weekday standing alone ("On Monday"), resolved from the release's anchor date. */
  bare: boolean;
  /** A dateline's date ("Brussels, 24 February 2025 –", "Published 18 October 2024"). */
  dateline: boolean;
}

function newRaw(start: number, end: number, s: Parts, e: Parts | null): Raw {
  return {
    start, end, s, e,
    written: s.y !== null || (e !== null && e.y !== null),
    wd: -1, wdStart: -1, wdEnd: -1, ewd: -1, ewdStart: -1, ewdEnd: -1,
    bare: false, dateline: false,
  };
}

type Groups = Record<string, string | undefined>;
type Indices = Record<string, [number, number] | undefined>;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isHorizontalSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;
}

function monthOf(g: Groups, name: string): number | null {
  const w = g[name] ?? g[name + 'a'];
  return w === undefined ? null : (MONTH_BY_WORD.get(w.toLowerCase()) ?? null);
}
function yearOf(g: Groups, name: string): number | null {
  const w = g[name] ?? g[name + 'b'];
  return w === undefined ? null : Number(w);
}
function numberOf(g: Groups, name: string): number | null {
  const w = g[name];
  return w === undefined ? null : Number(w);
}

/**
 * Copies the named weekday (group `g`, or its abbreviation `ga`) into the raw date; `at` is where
 * its word starts in the text, or null to read it from the match indices `ix`.
 */
function takeWeekday(raw: Raw, g: Groups, at: number | null, ix: Indices | null, name: string, end: boolean): void {
  const word = g[name] ?? g[name + 'a'];
  if (word === undefined) return;
  let span: [number, number] | undefined;
  if (at !== null) span = [at, at + word.length];
  else if (ix !== null) span = ix[name] ?? ix[name + 'a'];
  if (span === undefined) return;
  const wd = WEEKDAY_BY_WORD.get(word.toLowerCase());
  if (wd === undefined) return;
  if (end) {
    raw.ewd = wd;
    raw.ewdStart = span[0];
    raw.ewdEnd = span[1];
  } else {
    raw.wd = wd;
    raw.wdStart = span[0];
    raw.wdEnd = span[1];
  }
}

function exec(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/**
 * The lower-cased word that ends just before `pos`, past spaces; `joiner` is a character that may
 * sit between word and `pos` instead of spaces: "-" for "mid-March", "." for "No. 2025".
 */
function wordBefore(text: string, pos: number, joiner = 0): { word: string; start: number } | null {
  let i = pos;
  while (i > 0 && isHorizontalSpace(text.charCodeAt(i - 1))) i--;
  if (joiner !== 0 && i > 0 && text.charCodeAt(i - 1) === joiner) i--;
  const end = i;
  while (i > 0 && isAsciiLetter(text.charCodeAt(i - 1)) && end - i < 20) i--;
  if (i === end) return null;
  return { word: text.slice(i, end).toLowerCase(), start: i };
}

/** The lower-cased word (or "%") that starts after `pos`, past horizontal spaces. */
function wordAfter(text: string, pos: number, limit: number): string {
  let i = pos;
  while (i < limit && isHorizontalSpace(text.charCodeAt(i))) i++;
  if (i < limit && text.charCodeAt(i) === 37) return '%';
  const start = i;
  while (i < limit && isAsciiLetter(text.charCodeAt(i)) && i - start < 20) i++;
  return text.slice(start, i).toLowerCase();
}

/**
 * True where `pos` follows the previous mention through a list connector only: "January and
 * March", "Monday, Tuesday or Wednesday". Lets a month or weekday without its own cue ride on the
 * cue of the one before it.
 */
function continuesList(text: string, pos: number, previous: Raw | undefined): boolean {
  if (previous === undefined) return false;
  let i = pos;
  while (i > previous.end && isHorizontalSpace(text.charCodeAt(i - 1))) i--;
  const before = wordBefore(text, i);
  if (before !== null && LIST_CONNECTORS.has(before.word)) i = before.start;
  while (i > previous.end && isHorizontalSpace(text.charCodeAt(i - 1))) i--;
  if (i > previous.end && text.charCodeAt(i - 1) === 44) i--;
  while (i > previous.end && isHorizontalSpace(text.charCodeAt(i - 1))) i--;
  return i === previous.end && i < pos;
}

// The forms to try at each kind of start, longest first: a range before a single date, a
// bracketed date before a bare weekday.
const WEEKDAY_FIRST_FORMS = [RE_PAREN_DMY, RE_PAREN_MDY, RE_DMY_RANGE, RE_DMY, RE_MDY_RANGE, RE_MDY, RE_NUMERIC, RE_ISO];
const MONTH_FIRST_FORMS = [RE_MDY_RANGE, RE_MDY];
const DAY_FIRST_FORMS = [RE_DMY_RANGE, RE_DMY];
const PAREN_FORMS = [RE_PAREN_DMY, RE_PAREN_MDY];
const WEEKDAY_SEP_FORMS = WEEKDAY_FIRST_FORMS.filter((re) => !PAREN_FORMS.includes(re));
const NO_FORMS: RegExp[] = [];

/** A character of `H`: white space other than a line break, as `\s` reads white space. */
function isH(c: number): boolean {
  return (
    c === 32 || c === 9 || c === 11 || c === 12 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

function isAsciiLetterOrDigit(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c);
}

/**
 * The weekday-first forms that can match where the weekday's word ends at `q`, in their order:
 * the bracketed ones need "(" after the word, the others a separator and then a digit or a word
 * (a month, or "the" before a day). The rest cannot match, and are not tried.
 */
function weekdayFormsAt(text: string, q: number): RegExp[] {
  let paren = false;
  let separated = false;
  // After the word, or after an abbreviation's full stop.
  for (let at = q; at <= q + 1; at++) {
    if (at > q && text.charCodeAt(q) !== 46) break;
    let k = at;
    while (isH(text.charCodeAt(k))) k++;
    const c = text.charCodeAt(k);
    if (c === 40) paren = true;
    else if (c === 44) {
      k++;
      while (isH(text.charCodeAt(k))) k++;
      if (isAsciiLetterOrDigit(text.charCodeAt(k))) separated = true;
    } else if (k > at && isAsciiLetterOrDigit(c)) separated = true;
  }
  return paren && separated ? WEEKDAY_FIRST_FORMS : paren ? PAREN_FORMS : separated ? WEEKDAY_SEP_FORMS : NO_FORMS;
}

/** Day-first and month-first dates, with or without a weekday in front. */
function tryCalendarDate(text: string, p: number, monthFirst: boolean, weekdayFirst: boolean, word = ''): Raw | null {
  const forms = weekdayFirst ? weekdayFormsAt(text, p + word.length) : monthFirst ? MONTH_FIRST_FORMS : DAY_FIRST_FORMS;
  for (const re of forms) {
    const m = exec(re, text, p);
    if (m === null) continue;
    const g = m.groups as Groups;
    const end = p + m[0].length;
    let raw: Raw | null;
    if (re === RE_NUMERIC) raw = numericDate(g, p, end);
    else if (re === RE_ISO) raw = isoDate(g, p, end);
    else if (re === RE_DMY_RANGE || re === RE_MDY_RANGE) raw = rangeDate(g, p, end);
    else raw = newRaw(p, end, { y: yearOf(g, 'y1'), m: monthOf(g, 'm1'), d: numberOf(g, 'd1') }, null);
    if (raw === null) continue;
    // A leading weekday opens the match; a range's second one sits inside it, where only the
    // match indices tell.
    takeWeekday(raw, g, p, null, 'wd', false);
    if (g.we !== undefined || g.wea !== undefined) takeWeekday(raw, g, null, exec(indexedTwin(re), text, p)!.indices!.groups as Indices, 'we', true);
    return raw;
  }
  return null;
}

function rangeDate(g: Groups, start: number, end: number): Raw | null {
  const m1 = monthOf(g, 'm1');
  const m2 = monthOf(g, 'm2');
  const connector = g.cw;
  const e: Parts = { y: yearOf(g, 'y2'), m: m2 ?? m1, d: numberOf(g, 'd2') };
  const s: Parts = { y: yearOf(g, 'y1'), m: m1 ?? m2, d: numberOf(g, 'd1') };
  // A year written once serves both ends: "30 June to 3 July 2025", "30 June 2025 to 3 July".
  if (s.y === null && e.y !== null) s.y = wrapsYear(s, e) ? e.y - 1 : e.y;
  else if (e.y === null && s.y !== null) e.y = wrapsYear(s, e) ? s.y + 1 : s.y;
  // "3 February and 4 March" lists two dates; "24 and 25 June" is one span of days, and so is
  // "31 July and 1 August", where "and" joins a month's last day to the next month's first.
  if (connector !== undefined && AND_WORDS.has(connector) && m1 !== null && m2 !== null && !nextDay(s, e)) return null;
  return newRaw(start, end, s, e);
}

/**
 * True where `e` is the day after `s` across a month's end ("31 July" → "1 August", "31 December"
 * → "1 January"). Without a year, February may end on the 28th or the 29th.
 */
function nextDay(s: Parts, e: Parts): boolean {
  if (s.m === null || s.d === null || e.m === null || e.d !== 1 || e.m !== (s.m % 12) + 1) return false;
  if (s.m !== 2) return s.d === daysInMonth(2001, s.m);
  return s.y !== null ? s.d === daysInMonth(s.y, 2) : s.d === 28 || s.d === 29;
}

/** "28 December to 3 January 2026": the start is in the year before the written one. */
function wrapsYear(s: Parts, e: Parts): boolean {
  return s.m === 12 && e.m === 1;
}

function numericDate(g: Groups, start: number, end: number): Raw | null {
  let d = Number(g.a);
  let m = Number(g.b);
  // Day first by house style; only where that cannot be (03/19/2025) is it read month first.
  if (m > 12 && d <= 12) [d, m] = [m, d];
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return newRaw(start, end, { y: Number(g.y), m, d }, null);
}

function isoDate(g: Groups, start: number, end: number): Raw | null {
  const m = Number(g.m);
  const d = Number(g.d);
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return newRaw(start, end, { y: Number(g.y), m, d }, null);
}

/** A standalone year ("1992", "2016/2017"), unless the number around it says it is something else. */
function tryYear(text: string, p: number, limit: number): Raw | null {
  const before = wordBefore(text, p, 46);
  if (before !== null && YEAR_BLOCKERS_BEFORE.has(before.word)) return null;
  // "20 000 people", a phone number "707 2000": a number just before means digit groups, not a
  // year; a code that ends in a digit ("Q1 2025", "COP29 2024") does not.
  if (p >= 2 && isHorizontalSpace(text.charCodeAt(p - 1)) && isDigit(text.charCodeAt(p - 2))) {
    let i = p - 2;
    while (i > 0 && isDigit(text.charCodeAt(i - 1))) i--;
    if (i === 0 || !isAsciiLetter(text.charCodeAt(i - 1))) return null;
  }
  // "from 2005 to 2015", "between 2005 and 2015"; "in 2005 and 2015" lists two years.
  const w = exec(RE_YEAR_WORDS, text, p);
  if (w !== null && (w.groups!.w !== 'and' || (before !== null && YEAR_RANGE_AND_CUES.has(before.word)))) {
    const end = p + w[0].length;
    if (!YEAR_BLOCKERS_AFTER.has(wordAfter(text, end, limit)) && !digitGroupAfter(text, end, limit)) {
      return newRaw(p, end, { y: Number(w.groups!.y), m: null, d: null }, { y: Number(w.groups!.y2), m: null, d: null });
    }
  }
  const m = exec(RE_YEAR, text, p);
  if (m === null) return null;
  const y = Number(m.groups!.y);
  const end = p + m[0].length;
  let y2: number | null = null;
  if (m.groups!.y2 !== undefined) {
    const written = m.groups!.y2;
    y2 = written.length === 2 ? y - (y % 100) + Number(written) : Number(written);
    if (written.length === 2 && y2 <= y) y2 += 100;
    // "2024-25" is a season; "2025-13" is some code or reference number, not a year at all.
    if (written.length === 2 && y2 - y > 10) return null;
  }
  if (YEAR_BLOCKERS_AFTER.has(wordAfter(text, end, limit)) || digitGroupAfter(text, end, limit)) return null;
  return newRaw(p, end, { y, m: null, d: null }, y2 === null ? null : { y: y2, m: null, d: null });
}

/** "2,000 more" and "2025 000" are numbers: a space then a digit means the year is a digit group. */
function digitGroupAfter(text: string, end: number, limit: number): boolean {
  return end + 1 < limit && isHorizontalSpace(text.charCodeAt(end)) && isDigit(text.charCodeAt(end + 1));
}

/** A month-first start: "April 26, 2024", "May 2025", or a month alone after a cue ("in January"). */
function tryMonth(text: string, p: number, word: string, previous: Raw | undefined, limit: number): Raw | null {
  const date = tryCalendarDate(text, p, true, false);
  if (date !== null) return date;
  let m = exec(RE_MONTH_RANGE, text, p);
  if (m !== null) {
    const g = m.groups as Groups;
    const y = yearOf(g, 'y2');
    const s: Parts = { y, m: monthOf(g, 'm1'), d: null };
    const e: Parts = { y, m: monthOf(g, 'm2'), d: null };
    if (y !== null && wrapsYear(s, e)) s.y = y - 1;
    return newRaw(p, p + m[0].length, s, e);
  }
  m = exec(RE_MONTH_YEAR, text, p);
  if (m !== null) {
    const g = m.groups as Groups;
    return newRaw(p, p + m[0].length, { y: yearOf(g, 'y1'), m: monthOf(g, 'm1'), d: null }, null);
  }
  // A month alone is a date only where a preposition says so: "in January", "since March",
  // "mid-May". This keeps out "May" the modal verb and "March" the noun.
  if (!FULL_MONTH_NAMES.has(word)) return null;
  const end = p + word.length;
  if (end < limit) {
    const c = text.charCodeAt(end);
    // "May's government", "March-past"
    if ((c === 39 || c === 0x2019) && (text.charCodeAt(end + 1) | 32) === 115) return null;
    if (c === 45) return null;
  }
  const before = wordBefore(text, p, 45);
  const cued = (before !== null && MONTH_ALONE_CUES.has(before.word)) ||
    (previous !== undefined && previous.s.d === null && previous.s.m !== null && continuesList(text, p, previous));
  if (!cued) return null;
  return newRaw(p, end, { y: null, m: MONTH_BY_WORD.get(word.toLowerCase())!, d: null }, null);
}

/** A weekday-led date ("Wednesday, 19 March 2025", "Thursday (27 March 2025)"), else a bare weekday. */
function tryWeekday(text: string, p: number, word: string, previous: Raw | undefined): Raw | null {
  const date = tryCalendarDate(text, p, false, true, word);
  if (date !== null) return date;
  // A bare weekday is a date only after "on", "by", "until"… ("On Monday"), or in a list of them;
  // "Monday's meeting" or "Black Friday" are left alone.
  if (!FULL_WEEKDAY_NAMES.has(word)) return null;
  const before = wordBefore(text, p);
  const cued = (before !== null && BARE_WEEKDAY_CUES.has(before.word)) ||
    (previous !== undefined && previous.bare && continuesList(text, p, previous));
  if (!cued) return null;
  const end = p + word.length;
  const raw = newRaw(p, end, { y: null, m: null, d: null }, null);
  raw.bare = true;
  raw.wd = WEEKDAY_BY_WORD.get(word.toLowerCase())!;
  raw.wdStart = p;
  raw.wdEnd = end;
  return raw;
}

/** "19…" or "20…": the first two digits of a year a standalone year can be. */
function isCenturyOfYears(text: string, p: number): boolean {
  const a = text.charCodeAt(p);
  const b = text.charCodeAt(p + 1);
  return (a === 49 && b === 57) || (a === 50 && b === 48);
}

/** A digit: a numeric or ISO date, a day-first date or range, or a standalone year. */
function tryDigits(text: string, p: number, limit: number): Raw | null {
  const prev = p > 0 ? text.charCodeAt(p - 1) : 0;
  // "€2025", "#2025", "+32 2 …"
  if (prev === 0x20ac || prev === 36 || prev === 0xa3 || prev === 0xa5 || prev === 35 || prev === 43) return null;
  // The tail of another number: "4.7", "2,025", "10:30", "1949-2024" seen from its second half.
  if ((prev === 46 || prev === 44 || prev === 58 || prev === 47 || prev === 45) && p >= 2 && isDigit(text.charCodeAt(p - 2))) {
    return null;
  }
  // The run of digits here says which forms can match: an ISO date opens with four and a "-", a
  // numeric date with one or two and a "/" or ".", a day with one or two, a year is four.
  let digits = 1;
  while (isDigit(text.charCodeAt(p + digits))) digits++;
  const after = text.charCodeAt(p + digits);
  if (digits === 4 && after === 45) {
    const m = exec(RE_ISO, text, p);
    if (m !== null) return isoDate(m.groups as Groups, p, p + m[0].length);
  }
  if (digits > 2) return digits === 4 && isCenturyOfYears(text, p) ? tryYear(text, p, limit) : null;
  if (after === 47 || after === 46) {
    const m = exec(RE_NUMERIC, text, p);
    if (m !== null) {
      const raw = numericDate(m.groups as Groups, p, p + m[0].length);
      if (raw !== null) return raw;
    }
  }
  return tryCalendarDate(text, p, false, false);
}

/** Scans one release for dates, in document order, without overlaps; years not yet resolved. */
function scan(text: string, from: number, to: number): Raw[] {
  const found: Raw[] = [];
  RE_SCAN.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = RE_SCAN.exec(text)) !== null && m.index < to) {
    const p = m.index;
    const word = m[0];
    const previous = found.length > 0 ? found[found.length - 1] : undefined;
    let raw: Raw | null;
    if (isDigit(word.charCodeAt(0))) raw = tryDigits(text, p, to);
    else if (WEEKDAY_BY_WORD.has(word.toLowerCase())) raw = tryWeekday(text, p, word, previous);
    else raw = tryMonth(text, p, word, previous, to);
    if (raw === null || raw.end > to) continue;
    if (raw.wd < 0 && raw.e === null && raw.s.d !== null) {
      // "27 March 2025 (Thursday)": the weekday in brackets after the date belongs to it.
      const t = exec(RE_TRAILING_WEEKDAY, text, raw.end);
      if (t !== null && raw.end + t[0].length <= to) {
        takeWeekday(raw, t.groups as Groups, raw.end + weekdayOffset(t[0]), null, 'wd', false);
        raw.end += t[0].length;
      }
    }
    if (raw.s.d !== null) raw.dateline = isDateline(text, raw, from, to);
    found.push(raw);
    RE_SCAN.lastIndex = raw.end;
  }
  return found;
}

/** Where the weekday starts in a match of `RE_TRAILING_WEEKDAY` ("(Thursday)"): its first letter. */
function weekdayOffset(match: string): number {
  let k = 0;
  while (k < match.length && !isAsciiLetter(match.charCodeAt(k))) k++;
  return k;
}

/** How far into its line a dateline's date may start ("Press office – … of the Council | 03/02/2025"). */
const DATELINE_REACH = 64;

/**
 * A dateline's date: near the start of its line, and followed (past a time, if any) by a dash
 * ("Brussels, 24 February 2025 –", "NEW YORK, 19 March (UN) —") or by the end of the line ("Office
 * of the Spokesperson – January 6, 2024", "Published 18 October 2024", "Updated: 2025-02-10 19:30").
 */
function isDateline(text: string, raw: Raw, from: number, to: number): boolean {
  let lineStart = raw.start;
  for (;;) {
    if (lineStart === from) break;
    const c = text.charCodeAt(lineStart - 1);
    if (c === 10 || c === 13) break;
    if (raw.start - lineStart >= DATELINE_REACH) return false;
    lineStart--;
  }
  let i = raw.end;
  const time = exec(RE_TIME_AFTER, text, i);
  if (time !== null) i += time[0].length;
  if (exec(RE_DATELINE_AFTER, text, i) !== null) return true;
  while (i < to && isHorizontalSpace(text.charCodeAt(i))) i++;
  return i === to || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13;
}

// ---------------------------------------------------------------------------------------------
// Year resolution

/**
 * The year of the nearest date before (or after) each date that writes its year, at one
 * precision; -1 where there is none. Linear, so a release with thousands of dates stays cheap.
 */
function nearestWritten(raws: Raw[], precision: 'day' | 'month' | 'year', forward: boolean): number[] {
  const out = new Array<number>(raws.length).fill(-1);
  let last = -1;
  const n = raws.length;
  for (let k = 0; k < n; k++) {
    const i = forward ? k : n - 1 - k;
    out[i] = last;
    const r = raws[i];
    if (!r.written || r.bare) continue;
    const p = r.s.d !== null ? 'day' : r.s.m !== null ? 'month' : 'year';
    if (p === precision) last = r.s.y ?? r.e?.y ?? -1;
  }
  return out;
}

/**
 * The year a weekday pins near `base`: of base-1, base and base+1 at most one can put the date on
 * that weekday (the weekday of a date moves one or two days a year), so the answer is unique.
 */
function yearForWeekday(base: number, month: number, day: number, weekday: number): number | null {
  for (const y of [base, base - 1, base + 1]) {
    if (isValidDate(y, month, day) && weekdayOf(y, month, day) === weekday) return y;
  }
  return null;
}

/** The year a weekday of this date pins near `base`, or null. */
function pinnedYear(r: Raw, base: number): number | null {
  if (r.wd >= 0 && r.s.m !== null && r.s.d !== null) return yearForWeekday(base, r.s.m, r.s.d, r.wd);
  if (r.ewd >= 0 && r.e !== null && r.e.m !== null && r.e.d !== null) {
    const y = yearForWeekday(base, r.e.m, r.e.d, r.ewd);
    // The year found is the end's; the caller wants the start's.
    return y === null ? null : wrapsYear(r.s, r.e) ? y - 1 : y;
  }
  return null;
}

/**
 * Fills in the years the text leaves out, from the release: the nearest full date before, a
 * weekday that only one year fits, a full date after, a month with its year, the caller's
 * fallback year, then a year named alone. A date's own weekday wins over all of these, as the
 * corpus rules have it; a weekday elsewhere in the release wins over dates that follow or are
 * less precise ("26 to 28 March … Wednesday 26th March" beside "in March 2024" is 2025).
 */
function resolveYears(raws: Raw[], fallbackYear: number | null): void {
  const dayBefore = nearestWritten(raws, 'day', true);
  const dayAfter = nearestWritten(raws, 'day', false);
  const monthBefore = nearestWritten(raws, 'month', true);
  const monthAfter = nearestWritten(raws, 'month', false);
  const yearBefore = nearestWritten(raws, 'year', true);
  const yearAfter = nearestWritten(raws, 'year', false);
  const n = raws.length;
  const baseOf = (i: number, pin: number): number | null => {
    for (const y of [dayBefore[i], pin, dayAfter[i], monthBefore[i], monthAfter[i], fallbackYear ?? -1, yearBefore[i], yearAfter[i]]) {
      if (y >= 0) return y;
    }
    return null;
  };

  // First the dates that name a weekday: their own weekday fixes their year.
  const pins = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const r = raws[i];
    if (r.written || r.bare || (r.wd < 0 && r.ewd < 0)) continue;
    const base = baseOf(i, -1);
    if (base === null) continue;
    const y = pinnedYear(r, base);
    if (y !== null) pins[i] = y;
  }
  // The nearest weekday-pinned year before each date, else after.
  const pinNear = new Array<number>(n).fill(-1);
  let last = -1;
  for (let i = 0; i < n; i++) {
    pinNear[i] = last;
    if (pins[i] >= 0) last = pins[i];
  }
  last = -1;
  for (let i = n - 1; i >= 0; i--) {
    if (pinNear[i] < 0) pinNear[i] = last;
    if (pins[i] >= 0) last = pins[i];
  }

  for (let i = 0; i < n; i++) {
    const r = raws[i];
    if (r.written || r.bare) continue;
    const y = pins[i] >= 0 ? pins[i] : baseOf(i, pinNear[i]);
    if (y === null) continue;
    r.s.y = y;
    if (r.e !== null) r.e.y = wrapsYear(r.s, r.e) ? y + 1 : y;
  }
}

/** The release's anchor: its dateline, else its first full date; null where it has none. */
function anchorOf(raws: Raw[]): Raw | null {
  let first: Raw | null = null;
  for (const r of raws) {
    if (r.bare || r.s.d === null || r.s.y === null) continue;
    if (r.dateline) return r;
    if (first === null) first = r;
  }
  return first;
}

/**
 * A bare weekday ("On Monday") is the day with that name nearest the release's anchor, in the
 * direction its sentence speaks of:
 *
 * - Where the anchor is a dateline, it is the day the release was written. A sentence about the
 *   past ("met … on Monday", "On Sunday, Trump said") takes the latest such day on or before it
 *   (a release dated on a Tuesday that "opened the conference on Tuesday" means that day); one
 *   about the future ("will travel … on Saturday") the first after it, since a release would say
 *   "today" of its own day; one with no cue the first on or after it.
 * - Where the anchor is only the first date the release names, the release's own day is unknown
 *   and the anchor is an event it reports or announces, so tense says nothing about the order of
 *   the two: the weekday is the one within three days of the anchor ("will brief journalists on
 *   Wednesday" before a visit on Friday 14 June is 12 June).
 */
function resolveBareWeekdays(text: string, raws: Raw[]): Raw[] {
  if (!raws.some((r) => r.bare)) return raws;
  const anchor = anchorOf(raws);
  if (anchor === null) return raws.filter((r) => !r.bare);
  const a = anchor.s;
  const days = daysFromCivil(a.y!, a.m!, a.d!);
  const anchorWeekday = weekdayOf(a.y!, a.m!, a.d!);
  let index: TenseIndex | null = null;
  for (const r of raws) {
    if (!r.bare) continue;
    // Days from the anchor to the first such weekday on or after it, 0–6.
    const ahead = (r.wd - anchorWeekday + 7) % 7;
    let shift: number;
    if (!anchor.dateline) shift = ahead <= 3 ? ahead : ahead - 7;
    else {
      index ??= indexTense(text);
      const tense = tenseAround(text, index, r.start, r.end);
      shift = tense < 0 ? (ahead === 0 ? 0 : ahead - 7) : tense > 0 && ahead === 0 ? 7 : ahead;
    }
    const c = civilFromDays(days + shift);
    r.s = { y: c.year, m: c.month, d: c.day };
  }
  return raws;
}

// ---------------------------------------------------------------------------------------------
// Tense of the sentence around a bare weekday

const TENSE = calendar.tense;
const FUTURE_WORDS = new Set(TENSE.futureWords);
const FUTURE_BEFORE_TO = new Set(TENSE.futureBeforeTo);
const PRESENT_BE = new Set(TENSE.presentBe);
const PAST_AUXILIARIES = new Set(TENSE.pastAuxiliaries);
const PERFECT_AUXILIARIES = new Set(TENSE.perfectAuxiliaries);
const PAST_VERBS = new Set(TENSE.pastVerbs);
const PARTICIPLE_BLOCKERS = new Set(TENSE.participleBlockers);
const NOT_PAST_ED = new Set(TENSE.notPastEd);
const PAST_CUES = new Set(TENSE.pastCues);
const SENTENCE_ABBREVIATIONS = new Set(calendar.sentenceAbbreviations);

/** How far from a bare weekday a cue may sit and still speak for it, each way. */
const CUE_REACH = 400;

/**
 * The words of the sentence being read, as parallel arrays reused from one sentence to the next:
 * each word lower-cased ("" for a capitalised word inside the sentence, a name or a place, which
 * is never a cue and is not worth copying), where it sits, and whether it was capitalised.
 */
interface Words {
  w: string[];
  start: number[];
  end: number[];
  capital: boolean[];
  n: number;
}

/** Tense cues of one strength, in document order: where each sits and which way it points. */
interface Cues {
  starts: number[];
  ends: number[];
  signs: number[];
}

/**
 * A release's sentence ends, and the tense cues of the sentences asked about (see `indexTense`
 * and `cuesOf`). A cue depends only on the words of its sentence, and only the cues of a bare
 * weekday's own sentence can speak for it, so the other sentences are never read for cues.
 */
interface TenseIndex {
  /** Offsets of the characters that end sentences, ascending. */
  breaks: number[];
  /** The cues of sentence `b` (the one after break `b - 1`), once worked out. */
  sentences: Map<number, { strong: Cues; weak: Cues }>;
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** True where the "." at `i` ends a sentence: not an initial ("U.S.", "H.E.") nor "Mr." and the like. */
function fullStopEnds(text: string, i: number): boolean {
  let k = i;
  while (k > 0 && isAsciiLetter(text.charCodeAt(k - 1)) && i - k < 8) k--;
  const len = i - k;
  if (len === 1) return false;
  if (len > 1 && len <= 4 && SENTENCE_ABBREVIATIONS.has(text.slice(k, i).toLowerCase())) return false;
  return true;
}

/**
 * True where the character at `i` ends a sentence: "?", "!" or ";" (a clause has its own tense),
 * a full stop that is not an abbreviation's, or a blank line. A single line break is not one, so
 * that hard-wrapped text keeps its sentences whole.
 */
function endsSentence(text: string, i: number, limit: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 63 || c === 33 || c === 59) return true;
  if (c === 46) return fullStopEnds(text, i);
  if (!isLineBreak(c)) return false;
  let k = i + 1;
  if (c === 13 && k < limit && text.charCodeAt(k) === 10) k++;
  while (k < limit && isHorizontalSpace(text.charCodeAt(k))) k++;
  return k >= limit || isLineBreak(text.charCodeAt(k));
}

/** A past participle: a listed past form ("held", "met", "been") or a regular one in -ed. */
function isParticiple(w: string, capital: boolean): boolean {
  return PAST_VERBS.has(w) || isRegularPast(w, capital);
}

/** A word that reads as a regular past verb: lower case, in -ed, not an adjective of the lexicon. */
function isRegularPast(w: string, capital: boolean): boolean {
  return !capital && w.length >= 5 && w.endsWith('ed') && !w.endsWith('eed') && !NOT_PAST_ED.has(w);
}

/**
 * What word `k` of a sentence says of its tense: 2 or -2 for a strong cue to the future or the
 * past (an auxiliary, "is to", "to be", a listed past verb), 1 or -1 for a weak one (another
 * verb-like word in -ed), 0 for none. A participle after "be", "is" or "to" carries no tense of
 * its own ("will be held", "is scheduled"), nor one after an article or possessive ("the agreed
 * text", "their shared commitment").
 */
function cueOf(ws: Words, k: number): number {
  const w = ws.w[k];
  if (w === '') return 0;
  const prev = k > 0 ? ws.w[k - 1] : '';
  const next = k + 1 < ws.n ? ws.w[k + 1] : '';
  // "May" the month at the start of a sentence.
  if (ws.capital[k] && MONTH_BY_WORD.has(w)) return 0;
  if (FUTURE_WORDS.has(w) || w.endsWith("'ll") || w.endsWith('\u2019ll')) return 2;
  if (w === 'to' && next === 'be') return 2;
  if (PRESENT_BE.has(w) && (next === 'to' || FUTURE_BEFORE_TO.has(next))) return 2;
  if (FUTURE_BEFORE_TO.has(w) && next === 'to') return 2;
  if (PAST_AUXILIARIES.has(w)) return -2;
  if (PERFECT_AUXILIARIES.has(w)) return next !== '' && isParticiple(next, ws.capital[k + 1]) ? -2 : 0;
  if (PARTICIPLE_BLOCKERS.has(prev)) return 0;
  if (PAST_VERBS.has(w)) return -2;
  if (isRegularPast(w, ws.capital[k])) return -1;
  return 0;
}

/** Finds a release's sentence ends in one pass over its text; cues are read later, per sentence. */
function indexTense(text: string): TenseIndex {
  const breaks: number[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    // Letters are never a sentence's end; apostrophes inside words are none either.
    if (!isAsciiLetter(text.charCodeAt(i)) && endsSentence(text, i, n)) breaks.push(i);
  }
  return { breaks, sentences: new Map() };
}

/**
 * The tense cues of sentence `b` of the index (see `TenseIndex`), whose text lies between offsets
 * `from` (a break, or -1) and `to`. Words are runs of ASCII letters with inner apostrophes
 * ("won't", "he’ll"); the sentence's words are weighed together, since a cue depends on the words
 * beside it.
 */
function cuesOf(text: string, index: TenseIndex, b: number, from: number, to: number): { strong: Cues; weak: Cues } {
  let cues = index.sentences.get(b);
  if (cues !== undefined) return cues;
  cues = { strong: { starts: [], ends: [], signs: [] }, weak: { starts: [], ends: [], signs: [] } };
  const ws: Words = { w: [], start: [], end: [], capital: [], n: 0 };
  let i = from + 1;
  while (i < to) {
    const first = text.charCodeAt(i);
    if (!isAsciiLetter(first)) {
      i++;
      continue;
    }
    const start = i;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (isAsciiLetter(c)) i++;
      else if ((c === 39 || c === 0x2019) && i + 1 < to && isAsciiLetter(text.charCodeAt(i + 1))) i += 2;
      else break;
    }
    // A word after a hyphen is the tail of a compound ("so-called", "long-awaited"), no verb.
    if (start > 0 && text.charCodeAt(start - 1) === 45) continue;
    const capital = first <= 90;
    const k = ws.n++;
    // Only a sentence's first word is capitalised for grammar's sake ("Will", "The"); the others
    // are names, and no cue.
    ws.w[k] = capital && k > 0 ? '' : capital ? text.slice(start, i).toLowerCase() : text.slice(start, i);
    ws.start[k] = start;
    ws.end[k] = i;
    ws.capital[k] = capital;
  }
  for (let k = 0; k < ws.n; k++) {
    const c = cueOf(ws, k);
    if (c === 0) continue;
    const list = c === 2 || c === -2 ? cues.strong : cues.weak;
    list.starts.push(ws.start[k]);
    list.ends.push(ws.end[k]);
    list.signs.push(Math.sign(c));
  }
  index.sentences.set(b, cues);
  return cues;
}

/** The number of values in the ascending `values` that are below `x`. */
function countBelow(values: number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The sign of the cue nearest text[start, end) within the sentence (from, to) and `CUE_REACH`,
 * and its distance; 0 and Infinity where there is none.
 */
function nearestCue(cues: Cues, start: number, end: number, from: number, to: number): [number, number] {
  // The last cue that ends by `start`, and the first that starts at or after `end`.
  const before = countBelow(cues.ends, start + 1) - 1;
  const after = countBelow(cues.starts, end);
  let sign = 0;
  let distance = Infinity;
  if (before >= 0 && cues.starts[before] > from && start - cues.ends[before] <= CUE_REACH) {
    sign = cues.signs[before];
    distance = start - cues.ends[before];
  }
  if (after < cues.starts.length && cues.ends[after] <= to && cues.starts[after] - end < distance && cues.starts[after] - end <= CUE_REACH) {
    sign = cues.signs[after];
    distance = cues.starts[after] - end;
  }
  return [sign, distance];
}

/**
 * Whether the sentence holding text[start, end) (a bare weekday) speaks of the past (-1), of the
 * future (1), or says nothing (0). The strong cue nearest the weekday decides, else the nearest
 * weak one: in "On Sunday, Trump said that he would announce tariffs" the weekday goes with
 * "said", in "The Minister said the talks will resume on Monday" with "will". A cue word just
 * before the weekday decides first ("since Monday" is past).
 */
function tenseAround(text: string, index: TenseIndex, start: number, end: number): number {
  const cue = wordBefore(text, start);
  if (cue !== null && PAST_CUES.has(cue.word)) return -1;
  // The sentence is (from, to): the nearest sentence ends on either side, else the text's ends.
  const b = countBelow(index.breaks, start);
  const from = b > 0 ? index.breaks[b - 1] : -1;
  const e = countBelow(index.breaks, end);
  const to = e < index.breaks.length ? index.breaks[e] : text.length;
  // A weekday's name holds no sentence end, so (from, to) is sentence `b`.
  const cues = cuesOf(text, index, b, from, to);
  const [strong] = nearestCue(cues.strong, start, end, from, to);
  return strong !== 0 ? strong : nearestCue(cues.weak, start, end, from, to)[0];
}

// ---------------------------------------------------------------------------------------------
// Output

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function formatParts(p: Parts): string | null {
  if (p.y === null) return null;
  let s = pad(p.y, 4);
  if (p.m !== null) s += '-' + pad(p.m, 2);
  if (p.m !== null && p.d !== null) s += '-' + pad(p.d, 2);
  return s;
}

function toCalendar(p: Parts): CalendarDate {
  return { year: p.y, month: p.m, day: p.d };
}

/** Datelines, remembered beside the mentions so that `releaseDate` can prefer them. */
const DATELINES = new WeakSet<DateMention>();

/** The output form of a raw date; `offset` turns offsets in the release into offsets in the document. */
function toMention(text: string, r: Raw, release: number, offset: number): DateMention {
  const start = formatParts(r.s);
  const end = r.e === null ? null : formatParts(r.e);
  const mention: DateMention = {
    span: { start: offset + r.start, end: offset + r.end },
    text: text.slice(r.start, r.end),
    value: start === null || (r.e !== null && end === null) ? null : end === null ? start : `${start}/${end}`,
    start: toCalendar(r.s),
    yearInferred: !r.written && r.s.y !== null,
    release,
  };
  if (r.e !== null) mention.end = toCalendar(r.e);
  if (r.wd >= 0) {
    mention.weekday = WEEKDAY_NAMES[r.wd];
    mention.weekdaySpan = { start: offset + r.wdStart, end: offset + r.wdEnd };
  }
  if (r.ewd >= 0) {
    mention.endWeekday = WEEKDAY_NAMES[r.ewd];
    mention.endWeekdaySpan = { start: offset + r.ewdStart, end: offset + r.ewdEnd };
  }
  if (r.dateline) DATELINES.add(mention);
  return mention;
}

/**
 * Finds the dates inside one release, in document order and never overlapping.
 *
 * Recognised: day-first and month-first dates with or without year and weekday ("Wednesday, 19
 * March 2025", "Friday, April 26", "Thursday (27 March 2025)", "26th March", "28th May, 2025");
 * ranges ("20-21 March 2025", "30 June to 3 July 2025", "31 July and 1 August 2025", "Thursday 13
 * and Friday 14 March [2025]"); months with a year ("May 2025") or after a cue ("in January",
 * "for February"); standalone years and spans of years ("1992", "2016/2017", "2005 to 2015");
 * numeric dates, day first ("03/02/2025") and ISO ("2025-03-19"); and bare weekdays after "on"
 * and the like ("On Monday"), resolved from the release's anchor date and the tense of their
 * sentence (see `resolveBareWeekdays`). Relative phrases ("today", "last week") are not dates.
 *
 * A year the text leaves out is taken from the release (see `resolveYears`), else from
 * `context.fallbackYear`; where none can be told the value is null. An impossible date keeps the
 * value written ("2025-04-31") and a reversed range its order.
 *
 * @param text the whole document text; offsets in the result are absolute in it.
 * @param release the release's index (copied into each mention) and its span (what is scanned).
 * @param context `fallbackYear`: the year to assume where the release itself tells none (for
 *   example the year of the file's previous release).
 */
export function findDates(
  text: string,
  release: { index: number; span: Span },
  context?: { fallbackYear?: number | null },
): DateMention[] {
  const from = Math.max(0, release.span.start);
  const to = Math.min(release.span.end, text.length);
  if (to <= from) return [];
  // Scan the release alone: a global search on the whole text would run on past the release's
  // end to the next candidate, which turns many small calls on a long text quadratic. (V8 slices
  // strings without copying them.)
  const own = from === 0 && to === text.length ? text : text.slice(from, to);
  const raws = scan(own, 0, own.length);
  resolveYears(raws, context?.fallbackYear ?? null);
  return resolveBareWeekdays(own, raws).map((r) => toMention(own, r, release.index, from));
}

/**
 * The release's own date as a value string (`YYYY-MM-DD`): its dateline's date where it has one
 * ("Brussels, 24 February 2025 –"), else its first full date (the start of a range); null where
 * it names no day with a known year. Takes the mentions `findDates` returned for the release.
 */
export function releaseDate(dates: DateMention[]): string | null {
  let first: string | null = null;
  for (const d of dates) {
    // A bare weekday is itself worked out from this date, so it cannot be the evidence for it.
    if (d.start.day === null || d.start.year === null || d.start.month === null) continue;
    if (d.weekdaySpan !== undefined && d.weekdaySpan.start === d.span.start && d.weekdaySpan.end === d.span.end) continue;
    const value = formatParts({ y: d.start.year, m: d.start.month, d: d.start.day });
    if (DATELINES.has(d)) return value;
    if (first === null) first = value;
  }
  return first;
}
