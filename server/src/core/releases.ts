/**
 * Release boundaries: where each release in a file starts and ends, its title, source, body and
 * footer.
 *
 * A release is normally a title line, a blank line, a `Source:` line, a blank line and the body.
 * Archives are not always that tidy: a release may lack its `Source:` line, in which case a
 * title-like line standing alone before a paragraph that opens with a date still starts one.
 */
import type { Release, Span } from './model';
import { isBlank, splitLines, trimSpan, type Line } from './text';
import releaseWords from './lexicon/releases.json';

/** Decides whether a line opens with a dateline ("On Monday, 12 May 2025, …", "Brussels, 17 March 2025 –"). */
export type DatelineTest = (text: string, start: number, end: number) => boolean;

const SOURCE_LINE = new RegExp(`^(?:${releaseWords.sourceLabels.join('|')})\\s*:\\s*(.*)$`, 'iu');
const FOOTER_LINE = new RegExp(`^(?:${releaseWords.footerOpeners.join('|')})`, 'iu');
const TITLE_END_PUNCTUATION = new Set(releaseWords.titleNeverEndsWith);
const CLOSING_MARKS = new Set(releaseWords.closingMarks);

interface LineInfo extends Line {
  /** Trimmed text bounds. */
  t: Span;
  blank: boolean;
}

function lineInfos(text: string): LineInfo[] {
  const lines = splitLines(text) as LineInfo[];
  for (const line of lines) {
    line.t = trimSpan(text, line.start, line.end);
    line.blank = line.t.start === line.t.end;
  }
  return lines;
}

function sourceValue(text: string, line: LineInfo): string | null {
  if (line.blank) return null;
  // Cheap first-letter test keeps this off the hot path for ordinary body lines.
  const first = text.charCodeAt(line.t.start) | 0x20;
  if (first !== 0x73 /* s */) return null;
  const m = SOURCE_LINE.exec(text.slice(line.t.start, line.t.end));
  if (!m) return null;
  return m[1].trim();
}

/**
 * A line that could be a title: short, starting with a capital or digit, not ending as a
 * sentence or a label does.
 */
function isTitleLike(text: string, line: LineInfo): boolean {
  const length = line.t.end - line.t.start;
  if (length < 3 || length > 300) return false;
  const firstChar = text[line.t.start];
  if (!/[\p{Lu}\p{N}]/u.test(firstChar)) return false;
  // A sentence ends in a full stop, often inside a closing quotation mark; a title does not.
  let lastIndex = line.t.end - 1;
  while (lastIndex > line.t.start && CLOSING_MARKS.has(text[lastIndex])) lastIndex--;
  if (TITLE_END_PUNCTUATION.has(text[lastIndex])) return false;
  const content = text.slice(line.t.start, line.t.end);
  if (FOOTER_LINE.test(content)) return false;
  return true;
}

function prevNonBlank(lines: LineInfo[], i: number): number {
  for (let j = i - 1; j >= 0; j--) if (!lines[j].blank) return j;
  return -1;
}

function nextNonBlank(lines: LineInfo[], i: number): number {
  for (let j = i + 1; j < lines.length; j++) if (!lines[j].blank) return j;
  return -1;
}

/** A line that stands alone as a paragraph: blank (or the file's edge) on both sides. */
function standsAlone(lines: LineInfo[], i: number): boolean {
  return (i === 0 || lines[i - 1].blank) && (i + 1 >= lines.length || lines[i + 1].blank);
}

/**
 * Finds the releases of a file.
 *
 * @param isDateline tells whether a body line opens with a date; used to find releases that lack
 *   a `Source:` line.
 */
export function findReleases(text: string, isDateline: DatelineTest): Release[] {
  const lines = lineInfos(text);
  const titleOf = new Map<number, number | null>(); // title line → source line (or null)
  const sourceLines = new Set<number>();

  // 1. Every Source: line names its title: the nearest non-blank line above it.
  for (let i = 0; i < lines.length; i++) {
    if (sourceValue(text, lines[i]) === null) continue;
    const title = prevNonBlank(lines, i);
    if (title < 0 || sourceLines.has(title) || titleOf.has(title)) continue;
    titleOf.set(title, i);
    sourceLines.add(i);
  }

  // 2. Releases without a Source: line: a lone title-like line followed by a dateline, or the
  //    first line of a file that does not otherwise start with a release.
  const headerLines = new Set<number>([...titleOf.keys(), ...sourceLines]);
  const firstLine = nextNonBlank(lines, -1);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.blank || headerLines.has(i)) continue;
    if (!standsAlone(lines, i) || !isTitleLike(text, line)) continue;
    const after = nextNonBlank(lines, i);
    if (after < 0 || headerLines.has(after)) continue;
    const before = prevNonBlank(lines, i);
    // The first line of the body of a release is never its own release.
    if (before >= 0 && sourceLines.has(before)) continue;
    // A file whose first release lacks a Source: line still starts with that release.
    if (i === firstLine || isDateline(text, lines[after].t.start, lines[after].t.end)) {
      titleOf.set(i, null);
      headerLines.add(i);
    }
  }

  const titles = [...titleOf.keys()].sort((a, b) => a - b);
  const releases: Release[] = [];
  for (let r = 0; r < titles.length; r++) {
    const titleLine = lines[titles[r]];
    const sourceIndex = titleOf.get(titles[r]) ?? null;
    const limit = r + 1 < titles.length ? titles[r + 1] : lines.length;
    const headerEnd = sourceIndex ?? titles[r];

    let lastContent = headerEnd;
    let bodyFirst = -1;
    let footerFirst = -1;
    for (let j = headerEnd + 1; j < limit; j++) {
      const line = lines[j];
      if (line.blank) continue;
      if (bodyFirst < 0) bodyFirst = j;
      if (footerFirst < 0 && FOOTER_LINE.test(text.slice(line.t.start, line.t.end))) footerFirst = j;
      lastContent = j;
    }
    const end = lines[lastContent].t.end;
    const source = sourceIndex === null ? null : sourceValue(text, lines[sourceIndex]);
    releases.push({
      index: r,
      title: text.slice(titleLine.t.start, titleLine.t.end),
      titleSpan: { ...titleLine.t },
      source: source === '' ? null : source,
      sourceSpan: sourceIndex === null ? null : { ...lines[sourceIndex].t },
      span: { start: titleLine.t.start, end },
      bodySpan: bodyFirst < 0 ? null : { start: lines[bodyFirst].t.start, end },
      footerSpan: footerFirst < 0 ? null : { start: lines[footerFirst].t.start, end },
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
  const lines = lineInfos(head);
  let found = 0;
  for (let i = 0; i < lines.length; i++) {
    if (sourceValue(head, lines[i]) === null) continue;
    const title = prevNonBlank(lines, i);
    if (title < 0 || isBlank(head, lines[title].start, lines[title].end)) continue;
    if (title !== i - 2 && title !== i - 1) continue;
    found++;
    if (found >= 2 || title === nextNonBlank(lines, -1)) return true;
  }
  return false;
}
