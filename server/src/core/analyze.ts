/**
 * The engine's entry point: text in, DocumentModel out.
 *
 * Most of the work is done release by release and depends only on the release's own text (and
 * the year of the release before it, for dates that leave out their year). An `Analyzer` keeps
 * that work for each release and, after an edit, redoes it only for the releases whose text
 * changed; the file-wide steps (linking people, bare surnames, checks) then run over the kept
 * results. The model is the same as a fresh analysis of the new text.
 */
import type { DateMention, DocumentModel, Release, Role, Span } from './model';
import { findReleases } from './releases';
import { findDates, releaseDate } from './dates';
import { linkOfficials, scanRelease, type Candidate, type ReleaseScan } from './officials';
import { runChecks } from './checks';
import type { Register } from './register';
import { checkTenures, findRoleReferences, linkByRegister } from './registerLinks';

/** What an analysis may take besides the text. */
export interface AnalyzeOptions {
  /** The officials register: links a person's forms, resolves offices named alone, checks tenures. */
  register?: Register;
}

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

function yearOf(value: string | null): number | null {
  if (!value) return null;
  const year = Number(value.slice(0, 4));
  return Number.isFinite(year) ? year : null;
}

/** What one release yields on its own, at the place (start offset and index) it was last seen. */
interface ReleaseFacts {
  dates: DateMention[];
  scan: ReleaseScan;
  date: string | null;
  start: number;
  index: number;
}

function shiftSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

function shiftDate(d: DateMention, delta: number, release: number): DateMention {
  const moved: DateMention = { ...d, span: shiftSpan(d.span, delta), release };
  // Only the keys the original has: a fresh analysis leaves absent ones out.
  if (d.weekdaySpan) moved.weekdaySpan = shiftSpan(d.weekdaySpan, delta);
  if (d.endWeekdaySpan) moved.endWeekdaySpan = shiftSpan(d.endWeekdaySpan, delta);
  return moved;
}

function shiftRole(r: Role, delta: number, release: number): Role {
  return { ...r, span: shiftSpan(r.span, delta), release };
}

function shiftCandidate(c: Candidate, delta: number, release: number): Candidate {
  return { ...c, span: shiftSpan(c.span, delta), release, roles: c.roles.map((r) => shiftRole(r, delta, release)) };
}

/** The facts of a release seen again at another place: offsets moved, release index renumbered. */
function moveFacts(facts: ReleaseFacts, start: number, index: number): ReleaseFacts {
  if (facts.start === start && facts.index === index) return facts;
  const delta = start - facts.start;
  return {
    date: facts.date,
    start,
    index,
    dates: facts.dates.map((d) => shiftDate(d, delta, index)),
    scan: {
      candidates: facts.scan.candidates.map((c) => shiftCandidate(c, delta, index)),
      nameish: delta === 0 ? facts.scan.nameish : facts.scan.nameish.map((x) => x + delta),
      nameishWords: facts.scan.nameishWords,
    },
  };
}

function analyzeRelease(text: string, release: Release, fallbackYear: number | null): ReleaseFacts {
  const dates = findDates(text, { index: release.index, span: release.span }, { fallbackYear });
  const scan = scanRelease(text, release, dates.map((d) => d.span));
  return { dates, scan, date: releaseDate(dates), start: release.span.start, index: release.index };
}

/** Statistics of the last analysis, for the benchmark and the output channel. */
export interface AnalysisStats {
  releases: number;
  /** Releases whose per-release work was reused from the analysis before. */
  reused: number;
}

/**
 * Analyses successive versions of one document, reusing the work for releases that did not
 * change. Not shared between documents.
 */
export class Analyzer {
  /** Facts by fallback year, then release text, relative to the release's start. */
  private cache = new Map<number | null, Map<string, ReleaseFacts>>();
  /** Statistics of the last call to `analyze`. */
  lastStats: AnalysisStats = { releases: 0, reused: 0 };

  /** Analyses `text`. Deterministic: the result equals `analyzeDocument(text)`. */
  analyze(text: string, options: AnalyzeOptions = {}): DocumentModel {
    const releases = findReleases(text, opensWithDate);
    // Keyed by year first so that the release text itself is the key: no copy of it is made.
    const next = new Map<number | null, Map<string, ReleaseFacts>>();
    const dates: DateMention[] = [];
    const scans: ReleaseScan[] = [];
    let fallbackYear: number | null = null;
    let reused = 0;
    for (const release of releases) {
      const key = text.slice(release.span.start, release.span.end);
      const previous = this.cache.get(fallbackYear);
      let kept = next.get(fallbackYear);
      if (!kept) {
        kept = new Map();
        next.set(fallbackYear, kept);
      }
      const known = previous?.get(key) ?? kept.get(key);
      let facts: ReleaseFacts;
      if (known) {
        reused++;
        facts = moveFacts(known, release.span.start, release.index);
      } else {
        facts = analyzeRelease(text, release, fallbackYear);
      }
      // Kept where it now stands, so that the next analysis moves it only if it moves again.
      if (!kept.has(key)) kept.set(key, facts);
      release.date = facts.date;
      fallbackYear = yearOf(release.date) ?? fallbackYear;
      for (const date of facts.dates) dates.push(date);
      scans.push(facts.scan);
    }
    this.cache = next;
    this.lastStats = { releases: releases.length, reused };
    const register = options.register && options.register.people.length > 0 ? options.register : undefined;
    let officials = linkOfficials(text, releases, scans);
    if (register) officials = linkByRegister(register, officials);
    const model: DocumentModel = { length: text.length, releases, officials, dates, findings: [], roleReferences: [] };
    model.findings = runChecks(text, model);
    if (register) {
      model.roleReferences = findRoleReferences(text, model, register);
      const tenures = checkTenures(model, register);
      if (tenures.length) model.findings = [...model.findings, ...tenures].sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
    }
    return model;
  }
}

/** Analyses a whole text. Pure and deterministic: the same text always gives the same model. */
export function analyzeDocument(text: string, options: AnalyzeOptions = {}): DocumentModel {
  return new Analyzer().analyze(text, options);
}
