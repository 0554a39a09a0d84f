/**
 * The engine's entry point: text in, DocumentModel out.
 */
import type { DateMention, DocumentModel, Release } from './model';
import { findReleases } from './releases';
import { findDates, releaseDate } from './dates';
import { findOfficials } from './officials';
import { runChecks } from './checks';

/** How far into a line a dateline's date may start ("NEW YORK, 19 March (UN) —", "On Monday, …"). */
const DATELINE_REACH = 40;

/**
 * What may stand before a dateline's date: nothing, a word such as "On" or "Published", or a
 * place and a comma ("Brussels, ", "NEW YORK, ", "Addis Ababa, Ethiopia, ").
 */
const DATELINE_PREFIX = /^(?:(?:On|From|Published|Updated|Dated|Issued|As of|Released)\s+|(?:[\p{Lu}][\p{L}\p{M}.'’-]*(?:[ \u00a0][\p{L}\p{M}.'’-]+){0,3},[ \u00a0]*){1,3})?$/u;

/** True where the line at [start, end) opens with a date: the cue for a release without a Source: line. */
function opensWithDate(text: string, start: number, end: number): boolean {
  const probeEnd = Math.min(end, start + DATELINE_REACH + 40);
  const found = findDates(text, { index: -1, span: { start, end: probeEnd } });
  if (found.length === 0 || found[0].start.day === null || found[0].span.start - start > DATELINE_REACH) return false;
  return DATELINE_PREFIX.test(text.slice(start, found[0].span.start));
}

/** The dates of one release, with the year of the previous release as the last resort for a missing year. */
function datesOfRelease(text: string, release: Release, fallbackYear: number | null): DateMention[] {
  return findDates(text, { index: release.index, span: release.span }, { fallbackYear });
}

function yearOf(value: string | null): number | null {
  if (!value) return null;
  const year = Number(value.slice(0, 4));
  return Number.isFinite(year) ? year : null;
}

/** Analyses a whole text. Pure and deterministic: the same text always gives the same model. */
export function analyzeDocument(text: string): DocumentModel {
  const releases = findReleases(text, opensWithDate);
  const dates: DateMention[] = [];
  let fallbackYear: number | null = null;
  for (const release of releases) {
    const own = datesOfRelease(text, release, fallbackYear);
    release.date = releaseDate(own);
    fallbackYear = yearOf(release.date) ?? fallbackYear;
    for (const date of own) dates.push(date);
  }
  const officials = findOfficials(text, releases, dates.map((d) => d.span));
  const model: DocumentModel = { length: text.length, releases, officials, dates, findings: [] };
  model.findings = runChecks(text, model);
  return model;
}
