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

/** True where the line at [start, end) opens with a date: the cue for a release without a Source: line. */
function opensWithDate(text: string, start: number, end: number): boolean {
  const probeEnd = Math.min(end, start + DATELINE_REACH + 40);
  const found = findDates(text, { index: -1, span: { start, end: probeEnd } });
  return found.length > 0 && found[0].span.start - start <= DATELINE_REACH && found[0].start.day !== null;
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
