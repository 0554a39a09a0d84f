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
    // One pass, into plain arrays of small integers (which V8 stores unboxed), then typed arrays.
    const ts: number[] = [];
    const te: number[] = [];
    let start = from;
    const n = to;
    // A range that stops at a line start ends with that line's break: no empty line after it.
    const last = to < text.length ? n - 1 : n;
    for (let i = from; i <= last; i++) {
      const c = i < n ? text.charCodeAt(i) : 10;
      if (c !== 10 && c !== 13) continue;
      let a = start;
      let b = i;
      while (a < b && isSpaceCode(text.charCodeAt(a))) a++;
      while (b > a && isSpaceCode(text.charCodeAt(b - 1))) b--;
      ts.push(a);
      te.push(b);
      if (c === 13 && i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
    this.length = ts.length;
    this.ts = Int32Array.from(ts);
    this.te = Int32Array.from(te);
  }

  blank(i: number): boolean {
    return this.ts[i] === this.te[i];
  }

  span(i: number): Span {
    return { start: this.ts[i], end: this.te[i] };
  }
}

const FOOTER_FIRST_LETTERS = new Set(releaseWords.footerOpeners.map((o: string) => o[0].toLowerCase()));

function isFooterLine(text: string, lines: LineTable, i: number): boolean {
  if (lines.blank(i) || !FOOTER_FIRST_LETTERS.has(text[lines.ts[i]].toLowerCase())) return false;
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
  if (!/[\p{Lu}\p{N}]/u.test(text[start])) return false;
  // A sentence ends in a full stop, often inside a closing quotation mark; a title does not.
  let lastIndex = end - 1;
  while (lastIndex > start && CLOSING_MARKS.has(text[lastIndex])) lastIndex--;
  if (TITLE_END_PUNCTUATION.has(text[lastIndex])) return false;
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
  const titleOf = new Map<number, number | null>(); // title line → source line (or null)
  const sourceLines = new Set<number>();

  // 1. Every Source: line names its title: the nearest non-blank line above it.
  for (let i = 0; i < lines.length; i++) {
    if (sourceValue(text, lines, i) === null) continue;
    const title = prevNonBlank(lines, i);
    if (title < 0 || sourceLines.has(title) || titleOf.has(title)) continue;
    titleOf.set(title, i);
    sourceLines.add(i);
  }

  // 2. Releases without a Source: line: a lone title-like line followed by a dateline, or the
  //    first line of a file that does not otherwise start with a release.
  const headerLines = new Set<number>([...titleOf.keys(), ...sourceLines]);
  // Inside a part of the file (from a release's title to another's), its first line is no file's first.
  const firstLine = range && range.start > 0 ? -2 : nextNonBlank(lines, -1);
  for (let i = 0; i < lines.length; i++) {
    if (lines.blank(i) || headerLines.has(i)) continue;
    if (!standsAlone(lines, i) || !isTitleLike(text, lines, i)) continue;
    const after = nextNonBlank(lines, i);
    if (after < 0 || headerLines.has(after)) continue;
    const before = prevNonBlank(lines, i);
    // The first line of the body of a release is never its own release.
    if (before >= 0 && sourceLines.has(before)) continue;
    // A file whose first release lacks a Source: line still starts with that release.
    if (i === firstLine || isDateline(text, lines.ts[after], lines.te[after])) {
      titleOf.set(i, null);
      headerLines.add(i);
    }
  }

  const titles = [...titleOf.keys()].sort((a, b) => a - b);
  const releases: Release[] = [];
  for (let r = 0; r < titles.length; r++) {
    const titleLine = titles[r];
    const sourceIndex = titleOf.get(titles[r]) ?? null;
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
