/**
 * Release boundaries: where each release in a file starts and ends, its title, source, body and
 * footer.
 *
 * A release is normally a title line, a blank line, a `Source:` line, a blank line and the body.
 * Archives are not always that tidy: a release may lack its `Source:` line, in which case a
 * title-like line standing alone before a paragraph that opens with a date still starts one.
 */
import type { Release, Span } from './model';
import { isSpaceCode } from './text';
import releaseWords from './lexicon/releases.json';

/** Decides whether a line opens with a dateline ("On Monday, 12 May 2025, …", "Brussels, 17 March 2025 –"). */
export type DatelineTest = (text: string, start: number, end: number) => boolean;

const SOURCE_LINE = new RegExp(`^(?:${releaseWords.sourceLabels.join('|')})\\s*:\\s*(.*)$`, 'iu');
const FOOTER_LINE = new RegExp(`^(?:${releaseWords.footerOpeners.join('|')})`, 'iu');
const TITLE_END_PUNCTUATION = new Set(releaseWords.titleNeverEndsWith);
const CLOSING_MARKS = new Set(releaseWords.closingMarks);

/**
 * The lines of a text as typed arrays (trimmed bounds and blankness): an archive has hundreds of
 * thousands of lines, and one object each would cost more than the scan itself.
 */
class LineTable {
  readonly length: number;
  /** Trimmed start and end of each line (equal where the line is blank). */
  readonly ts: Int32Array;
  readonly te: Int32Array;

  /** The lines of `text` from `from` (a line start) to `to` (a line start, or the end of the text). */
  constructor(text: string, from = 0, to = text.length) {
    // One pass from line break to line break (found with indexOf, not character by character),
    // into typed arrays that grow as needed.
    let ts = new Int32Array(Math.max(16, ((to - from) >> 6) + 1));
    let te = new Int32Array(ts.length);
    let count = 0;
    const n = to;
    // A range that stops at a line start ends with that line's break: no empty line after it.
    const last = to < text.length ? n - 1 : n;
    // The next line feed and carriage return at or after the place read up to (-1: none in range).
    let lf = from - 1;
    let cr = from - 1;
    let start = from;
    while (start <= last) {
      if (lf < start) {
        lf = text.indexOf('\n', start);
        if (lf < 0 || lf > last) lf = Infinity;
      }
      if (cr < start) {
        cr = text.indexOf('\r', start);
        if (cr < 0 || cr > last) cr = Infinity;
      }
      // The end of the text (where the range reaches it) ends the last line as a break would.
      let i = Math.min(lf, cr, last === n ? n : Infinity);
      if (i === Infinity) break;
      let a = start;
      let b = i;
      while (a < b && isSpaceCode(text.charCodeAt(a))) a++;
      while (b > a && isSpaceCode(text.charCodeAt(b - 1))) b--;
      if (count === ts.length) {
        const grownStarts = new Int32Array(count * 2);
        grownStarts.set(ts);
        ts = grownStarts;
        const grownEnds = new Int32Array(count * 2);
        grownEnds.set(te);
        te = grownEnds;
      }
      ts[count] = a;
      te[count++] = b;
      if (i === cr && i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
    this.length = count;
    this.ts = ts.subarray(0, count);
    this.te = te.subarray(0, count);
  }

  blank(i: number): boolean {
    return this.ts[i] === this.te[i];
  }

  span(i: number): Span {
    return { start: this.ts[i], end: this.te[i] };
  }
}

const FOOTER_FIRST_LETTERS = new Set(releaseWords.footerOpeners.map((o: string) => o[0].toLowerCase()));

/**
 * What `test` says of each UTF-16 code unit as a string of its own, worked out once per unit:
 * the tests below are asked of the first character of each of an archive's lines. 0: not asked
 * yet, 1: yes, 2: no.
 */
function codeUnitTest(test: (unit: string) => boolean): (c: number) => boolean {
  const known = new Uint8Array(0x10000);
  return (c) => {
    let v = known[c];
    if (v === 0) {
      v = test(String.fromCharCode(c)) ? 1 : 2;
      known[c] = v;
    }
    return v === 1;
  };
}

/** A character a footer's opening word may start with, in either case. */
const opensFooter = codeUnitTest((c) => FOOTER_FIRST_LETTERS.has(c.toLowerCase()));
const isClosingMark = codeUnitTest((c) => CLOSING_MARKS.has(c));
const endsSentence = codeUnitTest((c) => TITLE_END_PUNCTUATION.has(c));
const CAPITAL_OR_DIGIT = /[\p{Lu}\p{N}]/u;
const isCapitalOrDigit = codeUnitTest((c) => CAPITAL_OR_DIGIT.test(c));

function isFooterLine(text: string, lines: LineTable, i: number): boolean {
  if (lines.blank(i) || !opensFooter(text.charCodeAt(lines.ts[i]))) return false;
  return FOOTER_LINE.test(text.slice(lines.ts[i], lines.te[i]));
}

function sourceValue(text: string, lines: LineTable, i: number): string | null {
  if (lines.blank(i)) return null;
  // Cheap first-letter test keeps this off the hot path for ordinary body lines.
  const first = text.charCodeAt(lines.ts[i]) | 0x20;
  if (first !== 0x73 /* s */) return null;
  const m = SOURCE_LINE.exec(text.slice(lines.ts[i], lines.te[i]));
  if (!m) return null;
  return m[1].trim();
}

/**
 * A line that could be a title: short, starting with a capital or digit, not ending as a
 * sentence or a label does.
 */
function isTitleLike(text: string, lines: LineTable, i: number): boolean {
  const start = lines.ts[i];
  const end = lines.te[i];
  const length = end - start;
  if (length < 3 || length > 300) return false;
  if (!isCapitalOrDigit(text.charCodeAt(start))) return false;
  // A sentence ends in a full stop, often inside a closing quotation mark; a title does not.
  let lastIndex = end - 1;
  while (lastIndex > start && isClosingMark(text.charCodeAt(lastIndex))) lastIndex--;
  if (endsSentence(text.charCodeAt(lastIndex))) return false;
  if (isFooterLine(text, lines, i)) return false;
  return true;
}

function prevNonBlank(lines: LineTable, i: number): number {
  for (let j = i - 1; j >= 0; j--) if (!lines.blank(j)) return j;
  return -1;
}

function nextNonBlank(lines: LineTable, i: number): number {
  for (let j = i + 1; j < lines.length; j++) if (!lines.blank(j)) return j;
  return -1;
}

/** A line that stands alone as a paragraph: blank (or the file's edge) on both sides. */
function standsAlone(lines: LineTable, i: number): boolean {
  return (i === 0 || lines.blank(i - 1)) && (i + 1 >= lines.length || lines.blank(i + 1));
}

/**
 * Finds the releases of a file.
 *
 * @param isDateline tells whether a body line opens with a date; used to find releases that lack
 *   a `Source:` line.
 */
export function findReleases(text: string, isDateline: DatelineTest, range?: Span): Release[] {
  const lines = range ? new LineTable(text, range.start, range.end) : new LineTable(text);
  // Per line: the source line of a title (NO_SOURCE for a title without one), else NOT_TITLE;
  // and which lines are Source: lines and which are headers (titles and Source: lines).
  const NOT_TITLE = -2;
  const NO_SOURCE = -1;
  const sourceOf = new Int32Array(lines.length).fill(NOT_TITLE);
  const isSource = new Uint8Array(lines.length);
  const isHeader = new Uint8Array(lines.length);

  // 1. Every Source: line names its title: the nearest non-blank line above it.
  for (let i = 0; i < lines.length; i++) {
    if (sourceValue(text, lines, i) === null) continue;
    const title = prevNonBlank(lines, i);
    if (title < 0 || isSource[title] || sourceOf[title] !== NOT_TITLE) continue;
    sourceOf[title] = i;
    isSource[i] = 1;
  }

  // 2. Releases without a Source: line: a lone title-like line followed by a dateline, or the
  //    first line of a file that does not otherwise start with a release.
  for (let i = 0; i < lines.length; i++) if (isSource[i] || sourceOf[i] !== NOT_TITLE) isHeader[i] = 1;
  // Inside a part of the file (from a release's title to another's), its first line is no file's first.
  const firstLine = range && range.start > 0 ? -2 : nextNonBlank(lines, -1);
  for (let i = 0; i < lines.length; i++) {
    if (lines.blank(i) || isHeader[i]) continue;
    if (!standsAlone(lines, i) || !isTitleLike(text, lines, i)) continue;
    const after = nextNonBlank(lines, i);
    if (after < 0 || isHeader[after]) continue;
    const before = prevNonBlank(lines, i);
    // The first line of the body of a release is never its own release.
    if (before >= 0 && isSource[before]) continue;
    // A file whose first release lacks a Source: line still starts with that release.
    if (i === firstLine || isDateline(text, lines.ts[after], lines.te[after])) {
      sourceOf[i] = NO_SOURCE;
      isHeader[i] = 1;
    }
  }

  // The title lines, in order.
  const titles: number[] = [];
  for (let i = 0; i < lines.length; i++) if (sourceOf[i] !== NOT_TITLE) titles.push(i);
  const releases: Release[] = [];
  for (let r = 0; r < titles.length; r++) {
    const titleLine = titles[r];
    const sourceIndex = sourceOf[titleLine] === NO_SOURCE ? null : sourceOf[titleLine];
    const limit = r + 1 < titles.length ? titles[r + 1] : lines.length;
    const headerEnd = sourceIndex ?? titles[r];

    let lastContent = headerEnd;
    let bodyFirst = -1;
    let footerFirst = -1;
    for (let j = headerEnd + 1; j < limit; j++) {
      if (lines.blank(j)) continue;
      if (bodyFirst < 0) bodyFirst = j;
      if (footerFirst < 0 && isFooterLine(text, lines, j)) footerFirst = j;
      lastContent = j;
    }
    const end = lines.te[lastContent];
    const source = sourceIndex === null ? null : sourceValue(text, lines, sourceIndex);
    releases.push({
      index: r,
      title: text.slice(lines.ts[titleLine], lines.te[titleLine]),
      titleSpan: lines.span(titleLine),
      source: source === '' ? null : source,
      sourceSpan: sourceIndex === null ? null : lines.span(sourceIndex),
      span: { start: lines.ts[titleLine], end },
      bodySpan: bodyFirst < 0 ? null : { start: lines.ts[bodyFirst], end },
      footerSpan: footerFirst < 0 ? null : { start: lines.ts[footerFirst], end },
      date: null,
    });
  }
  return releases;
}

/**
 * True where a plain-text file looks like a file of releases: a title, a blank line and a
 * `Source:` line, more than once (or once, at the very top). Reads only the start of the file.
 */
export function looksLikeReleases(text: string): boolean {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  const lines = new LineTable(head);
  let found = 0;
  for (let i = 0; i < lines.length; i++) {
    if (sourceValue(head, lines, i) === null) continue;
    const title = prevNonBlank(lines, i);
    if (title < 0) continue;
    if (title !== i - 2 && title !== i - 1) continue;
    found++;
    if (found >= 2 || title === nextNonBlank(lines, -1)) return true;
  }
  return false;
}
