/**
 * The engine's entry point: text in, DocumentModel out.
 *
 * Most of the work is done release by release and depends only on the release's own text (and
 * the year of the release before it, for dates that leave out their year). An `Analyzer` keeps
 * the model and that work for each release. After an edit it finds the releases around the edit
 * again and analyses only those; where their names, roles and dates come out as before, the rest
 * of the model is moved rather than worked out again. Otherwise the file-wide steps (linking
 * people, bare surnames, checks) run again over the kept per-release results. Either way the
 * model equals a fresh analysis of the new text.
 */
import type { DateMention, DocumentModel, Finding, Official, Release, Role, Span } from './model';
import { findReleases } from './releases';
import { findDates, releaseDate } from './dates';
import { bareMentionsIn, dedupeRoles, linkOfficialsKeepingIndex, scanRelease, type BareIndex, type BareMention, type Candidate, type Linked, type ReleaseScan } from './officials';
import { checkDates, checkReleases, checkRoleConflicts, lineBreakOf, runChecks } from './checks';
import { isBlank, own, ownStrings } from './text';
import { firstEndingFrom } from './spans';
import { findEdit, positionMap, type PositionMap, type TextEdit } from './edits';
import type { Register } from './register';
import { checkTenures, findRoleReferences, linkByRegister } from './registerLinks';

/** What an analysis may take besides the text. */
export interface AnalyzeOptions {
  /** The officials register: links a person's forms, resolves offices named alone, checks tenures. */
  register?: Register;
  /**
   * Where the text changed since the last analysis, where the caller knows it (an editor's
   * incremental changes). Checked for fit at its edges; without it the texts are compared.
   */
  edit?: TextEdit;
}

/** How much text either side of a hinted edit is compared: a hint that does not fit is ignored. */
const EDGE_CHECK = 64;

/** True where `edit` can turn `before` into `after`: lengths agree and the text either side is the same. */
function fits(before: string, after: string, edit: TextEdit): boolean {
  const { start, oldEnd, newEnd } = edit;
  if (!(start >= 0 && start <= oldEnd && oldEnd <= before.length && start <= newEnd && newEnd <= after.length)) return false;
  if (before.length - oldEnd !== after.length - newEnd) return false;
  const from = Math.max(0, start - EDGE_CHECK);
  if (before.substring(from, start) !== after.substring(from, start)) return false;
  return before.substring(oldEnd, oldEnd + EDGE_CHECK) === after.substring(newEnd, newEnd + EDGE_CHECK);
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

/** Facts found before, with the text and place they were found at. */
interface KnownRelease {
  source: string;
  span: Span;
  facts: ReleaseFacts;
}

/** Enough of a release's text to tell most releases apart: its length, start and end. */
function fingerprint(text: string, span: Span): string {
  const length = span.end - span.start;
  if (length <= 96) return text.slice(span.start, span.end);
  return `${length}:${text.slice(span.start, span.start + 48)}${text.slice(span.end - 48, span.end)}`;
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

/** Moves a span from the old text to the new through an edit (see `PositionMap`). */
function mapSpan(span: Span, map: PositionMap): Span {
  const start = map(span.start, false);
  return { start, end: Math.max(start, map(span.end, true)) };
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

/** A release's dates, its own strings (see `own`). */
function datesOf(text: string, release: Release, fallbackYear: number | null): DateMention[] {
  const dates = findDates(text, { index: release.index, span: release.span }, { fallbackYear });
  // Kept across versions of the text: nothing in them may keep this version alive. (Weekday
  // names and values are made, not cut from the text.)
  for (const d of dates) d.text = own(d.text);
  return dates;
}

/** What one release yields on its own; `known` are its dates where they were found already. */
function analyzeRelease(text: string, release: Release, fallbackYear: number | null, known?: DateMention[]): ReleaseFacts {
  const dates = known ?? datesOf(text, release, fallbackYear);
  const scan = scanRelease(text, release, dates.map((d) => d.span));
  // The words of names and roles come from the tokenizer's and the role parser's own copies;
  // a name as written is cut from the text.
  for (const c of scan.candidates) c.text = own(c.text);
  ownRelease(release);
  return { dates, scan, date: releaseDate(dates), start: release.span.start, index: release.index };
}

function ownRelease(release: Release): void {
  release.title = own(release.title);
  if (release.source) release.source = own(release.source);
}

/** Statistics of the last analysis, for the benchmark and the output channel. */
export interface AnalysisStats {
  releases: number;
  /** Releases whose per-release work was reused from the analysis before. */
  reused: number;
  /**
   * `edit`: only the releases around an edit were analysed again and the rest of the model moved;
   * `relink`: the same, then people linked and the checks run again over the whole file (a name
   * or a release's date changed); `full`: releases found and every file-wide step run again
   * (per-release work still reused where the text was unchanged).
   */
  path: 'edit' | 'relink' | 'full' | 'same';
  /** Why an edit needed the full path. */
  reason?: string;
}

/** What one analysis leaves for the next. */
interface State {
  text: string;
  register: Register | undefined;
  model: DocumentModel;
  /** Per release, aligned with `model.releases`; where `facts.start` is not the release's start, not yet moved there (see `settle`). */
  facts: ReleaseFacts[];
  /** The year a release's dates fall back on, from the releases before it. */
  yearIn: (number | null)[];
  /** Where bare surnames were looked up: the same while the names found with a cue are. */
  bare: BareIndex;
  /** How the officials were made from the candidates: the same while the names found with a cue are. */
  links: Links;
}

/** Which person each candidate went to, and which official holds each person. */
interface Links {
  /** Per release, the person each of its candidates was linked to (-1: none). */
  personOf: Int32Array[];
  /** Per person, its candidates as (release, index) pairs, in the order linking took them. */
  refs: number[][];
  /** Per official (index in the model), its people, in the order their roles were joined. */
  people: number[][];
  /** Per person, the index of the official that holds them. */
  officialOf: Int32Array;
}

function linksOf(linked: Linked, scans: readonly ReleaseScan[], officials: readonly Official[], mergedInto: Map<Official, Official>): Links {
  const personOf = scans.map((scan) => new Int32Array(scan.candidates.length).fill(-1));
  const officialIndex = new Map<Official, number>(officials.map((o, i) => [o, i]));
  const madeAt = new Map<Official, number>(linked.officials.map((o, i) => [o, i]));
  const officialOf = new Int32Array(linked.people.length);
  const people: number[][] = officials.map(() => []);
  const refs = linked.people.map((person, p) => {
    const out: number[] = [];
    for (const m of person.mentions) {
      // A release has a handful of candidates: found among them, without a map of all of them.
      // (A bare mention is none of them.)
      const r = m.release;
      const i = scans[r] ? scans[r].candidates.indexOf(m) : -1;
      if (i < 0) continue;
      out.push(r, i);
      personOf[r][i] = p;
    }
    const built = linked.built[p];
    officialOf[p] = officialIndex.get(mergedInto.get(built) ?? built) ?? -1;
    return out;
  });
  // Joined in the order the register met them: the order of first mention.
  const order = linked.people.map((_, p) => p).sort((a, b) => (madeAt.get(linked.built[a]) ?? 0) - (madeAt.get(linked.built[b]) ?? 0));
  for (const p of order) if (officialOf[p] >= 0) people[officialOf[p]].push(p);
  return { personOf, refs, people, officialOf };
}


/** The start of the line holding `offset`. */
function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) break;
    i--;
  }
  return i;
}

/** The release whose stretch of the file (its start to the next one's) holds `offset`; 0 before the first. */
function releaseAt(releases: readonly Release[], offset: number): number {
  let lo = 0;
  let hi = releases.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (releases[mid].span.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo - 1);
}

/** A candidate without its roles, moved: what linking reads of it. */
function nameOf(c: Candidate, map: PositionMap | null): string {
  return JSON.stringify({ ...c, span: map ? mapSpan(c.span, map) : c.span, roles: null });
}

function rolesOf(c: Candidate, map: PositionMap | null): string {
  return JSON.stringify(map ? c.roles.map((r) => ({ ...r, span: mapSpan(r.span, map) })) : c.roles);
}

/**
 * Why a release's results before an edit (`before`, at its place in the old text) and after it
 * (`after`, in the new text) differ for linking once moved through the edit; null where they do
 * not, and linking people gives what it gave before. Candidates whose roles alone changed are
 * added to `rolesChanged` (their index).
 */
function differsForLinking(oldText: string, old: Release, before: ReleaseFacts, text: string, release: Release, after: ReleaseFacts, index: BareIndex, map: PositionMap, rolesChanged: number[]): string | null {
  const a = before.scan.candidates;
  const b = after.scan.candidates;
  if (a.length !== b.length) return 'names found with a cue changed';
  for (let i = 0; i < a.length; i++) {
    if (nameOf(a[i], map) !== nameOf(b[i], null)) return 'names found with a cue changed';
    if (rolesOf(a[i], map) !== rolesOf(b[i], null)) rolesChanged.push(i);
  }
  const bareBefore = bareMentionsIn(oldText, old, before.scan, index);
  const bareAfter = bareMentionsIn(text, release, after.scan, index);
  if (!sameBare(bareBefore, bareAfter, map)) return 'bare surnames changed';
  return null;
}

function sameBare(before: BareMention[], after: BareMention[], map: PositionMap): boolean {
  if (before.length !== after.length) return false;
  return before.every((x, k) => {
    const y = after[k];
    const span = mapSpan(x.mention.span, map);
    return x.person === y.person && span.start === y.mention.span.start && span.end === y.mention.span.end && x.mention.text === y.mention.text && x.mention.form === y.mention.form;
  });
}

/** True where what the release checks read of a release is the same before and after an edit. */
function sameHeader(oldText: string, before: Release, text: string, after: Release): boolean {
  return (
    before.title === after.title &&
    before.source === after.source &&
    (before.sourceSpan === null) === (after.sourceSpan === null) &&
    (before.bodySpan === null) === (after.bodySpan === null) &&
    (before.bodySpan === null || after.bodySpan === null || isBlank(oldText, before.bodySpan.start, before.bodySpan.end) === isBlank(text, after.bodySpan.start, after.bodySpan.end))
  );
}

/** A span moved through an edit, in place. */
function mapSpanInPlace(span: Span, map: PositionMap): void {
  const start = map(span.start, false);
  span.end = Math.max(start, map(span.end, true));
  span.start = start;
}

function shiftSpanInPlace(span: Span, delta: number): void {
  span.start += delta;
  span.end += delta;
}

function mapFindingInPlace(f: Finding, map: PositionMap): Finding {
  mapSpanInPlace(f.span, map);
  for (const fix of f.fixes) mapSpanInPlace(fix.span, map);
  if (f.related) for (const r of f.related) mapSpanInPlace(r.span, map);
  return f;
}

function moveReleaseInPlace(r: Release, delta: number): void {
  shiftSpanInPlace(r.titleSpan, delta);
  shiftSpanInPlace(r.span, delta);
  if (r.sourceSpan) shiftSpanInPlace(r.sourceSpan, delta);
  if (r.bodySpan) shiftSpanInPlace(r.bodySpan, delta);
  if (r.footerSpan) shiftSpanInPlace(r.footerSpan, delta);
}

function moveDateInPlace(d: DateMention, delta: number): void {
  shiftSpanInPlace(d.span, delta);
  if (d.weekdaySpan) shiftSpanInPlace(d.weekdaySpan, delta);
  if (d.endWeekdaySpan) shiftSpanInPlace(d.endWeekdaySpan, delta);
}

/** Kept facts moved, in place, to where their release now stands and to its number. */
function settle(f: ReleaseFacts, start: number, index: number): ReleaseFacts {
  if (f.start !== start || f.index !== index) moveFactsInPlace(f, start - f.start, index - f.index);
  return f;
}

/** Facts moved by `delta` and their release numbered `added` further on, in place. */
function moveFactsInPlace(f: ReleaseFacts, delta: number, added: number): void {
  f.start += delta;
  f.index += added;
  for (const d of f.dates) {
    moveDateInPlace(d, delta);
    d.release += added;
  }
  for (const c of f.scan.candidates) {
    shiftSpanInPlace(c.span, delta);
    c.release += added;
    for (const r of c.roles) {
      shiftSpanInPlace(r.span, delta);
      r.release += added;
    }
  }
  const nameish = f.scan.nameish;
  for (let k = 0; k < nameish.length; k++) nameish[k] += delta;
}

/** A date of the facts, as the model holds it: its own object and spans, so that moving one moves nothing else. */
function copyDate(d: DateMention): DateMention {
  return shiftDate(d, 0, d.release);
}

/**
 * Gives each span of freshly made findings its own object: a check points a finding at the span
 * of what it found (a date, a role, a title), and the model moves every span once.
 */
function ownSpans(findings: Finding[]): Finding[] {
  ownStrings(findings);
  for (const f of findings) {
    f.span = { start: f.span.start, end: f.span.end };
    f.fixes = f.fixes.map((x) => ({ ...x, span: { start: x.span.start, end: x.span.end } }));
    if (f.related) f.related = f.related.map((x) => ({ ...x, span: { start: x.span.start, end: x.span.end } }));
  }
  return findings;
}

/**
 * Gives the model its own objects: none shared with the kept per-release facts, and no span
 * object in two places, so that after an edit each can be moved in place exactly once.
 */
function ownObjects(model: DocumentModel): void {
  // (Their strings are linking's own: one kept string per written form.)
  for (const official of model.officials) {
    for (const m of official.mentions) m.span = { start: m.span.start, end: m.span.end };
    official.roles = official.roles.map((r) => shiftRole(r, 0, r.release));
  }
  ownSpans(model.findings);
}

/** The first index of items (sorted by release) whose release is at least `release`. */
function firstOfRelease(items: readonly { release: number }[], release: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].release < release) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The findings about one official's roles. */
const ROLE_FINDINGS = new Set<string>(['official.role-conflict', 'official.outside-tenure', 'official.unknown-role']);

function byPlace(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || a.code.localeCompare(b.code);
}

/** How many times each model was updated in place: caches of what a model holds check it. */
const revisions = new WeakMap<DocumentModel, number>();

/** The number of edits a model has been updated for since it was made (0 for a new model). */
export function modelRevision(model: DocumentModel): number {
  return revisions.get(model) ?? 0;
}

/**
 * Analyses successive versions of one document, reusing the work for releases that did not
 * change. Not shared between documents. After an edit the model it returned before is updated in
 * place and returned again (its `modelRevision` goes up): a model stays valid for the text it was
 * last returned for, and whatever keeps facts drawn from it checks the revision.
 */
export class Analyzer {
  private state: State | null = null;
  /** Releases and dates `releasesOf` found for a text not analysed yet, for the analysis that follows. */
  private structure: { text: string; releases: Release[]; dates: DateMention[][] } | null = null;

  /** True once a text was analysed: an edit then costs little, and `releasesOf` is not needed. */
  hasModel(): boolean {
    return this.state !== null;
  }

  /**
   * What can be told of a text from its releases and dates alone (`releasesOf` having found
   * them): the date and release checks, in document order. The rest (people's names and roles,
   * tenures) needs the whole analysis. Null where `releasesOf` was not asked for this text.
   */
  earlyFindings(text: string): Finding[] | null {
    const structure = this.structure?.text === text ? this.structure : null;
    if (!structure) return null;
    const dates: DateMention[] = [];
    for (const list of structure.dates) for (const date of list) dates.push(date);
    return [...checkDates(dates), ...checkReleases(text, structure.releases)].sort(byPlace);
  }

  /**
   * The releases of a text, with their dates, and nothing else: what the outline and folding of a
   * large archive show, in a fraction of the time the whole analysis takes. Kept, so that the
   * next `analyze` of the same text goes on from there rather than finding them again.
   */
  releasesOf(text: string): Release[] {
    if (this.state?.text === text) return this.state.model.releases;
    if (this.structure?.text === text) return this.structure.releases;
    const releases = findReleases(text, opensWithDate);
    const dates: DateMention[][] = [];
    let year: number | null = null;
    for (const release of releases) {
      const found = datesOf(text, release, year);
      dates.push(found);
      ownRelease(release);
      release.date = releaseDate(found);
      year = yearOf(release.date) ?? year;
    }
    this.structure = { text, releases, dates };
    return releases;
  }
  /** Statistics of the last call to `analyze`. */
  lastStats: AnalysisStats = { releases: 0, reused: 0, path: 'full' };

  /** Analyses `text`. Deterministic: the result equals `analyzeDocument(text)`. */
  analyze(text: string, options: AnalyzeOptions = {}): DocumentModel {
    const register = options.register && options.register.people.length > 0 ? options.register : undefined;
    if (this.structure && this.structure.text !== text) this.structure = null;
    const state = this.state;
    if (state && state.register === register) {
      const edit = options.edit && fits(state.text, text, options.edit) ? options.edit : findEdit(state.text, text);
      if (!edit) {
        this.lastStats = { releases: state.model.releases.length, reused: state.model.releases.length, path: 'same' };
        return state.model;
      }
      this.refusal = undefined;
      const model = this.afterEdit(state, text, edit, register);
      if (model) return model;
    }
    const model = this.full(text, register);
    if (state && this.refusal) this.lastStats.reason = this.refusal;
    return model;
  }

  /**
   * The model after one edit, from the model before it: the releases around the edit are found
   * and analysed again, the rest is moved. Null where the edit reaches further than that (a
   * release added or removed, a person's name or role changed, a release's date changed): the
   * caller then runs every file-wide step.
   */
  private refusal: string | undefined;

  private refuse(reason: string): null {
    this.refusal = reason;
    return null;
  }

  private afterEdit(state: State, text: string, edit: TextEdit, register: Register | undefined): DocumentModel | null {
    const old = state.model;
    const oldText = state.text;
    const n = old.releases.length;
    if (n === 0) return this.refuse('no releases');
    // The releases the edit touches, and one more on each side: where a release starts depends
    // on the lines next to its title, so the neighbours must come out as they were. Where they do
    // not, the window grows.
    const touchedFirst = releaseAt(old.releases, edit.start);
    const touchedLast = releaseAt(old.releases, Math.max(edit.start, edit.oldEnd - 1));
    const delta = edit.newEnd - edit.oldEnd;
    const map = positionMap(edit);
    const same = (a: Span | null, b: Span | null): boolean => {
      if (a === null || b === null) return a === b;
      const moved = mapSpan(a, map);
      return moved.start === b.start && moved.end === b.end;
    };
    const sameRelease = (was: Release, now: Release): boolean => same(was.span, now.span) && same(was.titleSpan, now.titleSpan) && same(was.sourceSpan, now.sourceSpan);
    let first = 0;
    let last = 0;
    let found: Release[] = [];
    for (let pad = 1; ; pad *= 2) {
      if (pad > 8) return this.refuse('the releases around the edit changed too far');
      first = Math.max(0, touchedFirst - pad);
      last = Math.min(n - 1, touchedLast + pad);
      const from = first === 0 ? 0 : lineStart(oldText, old.releases[first].span.start);
      const oldTo = last === n - 1 ? oldText.length : lineStart(oldText, old.releases[last + 1].span.start);
      if (from > edit.start || oldTo < edit.oldEnd) return this.refuse('edit outside the releases');
      found = findReleases(text, opensWithDate, { start: from, end: oldTo + delta });
      if (found.length === 0) continue;
      const leftKept = first === touchedFirst || sameRelease(old.releases[first], found[0]);
      const rightKept = last === touchedLast || sameRelease(old.releases[last], found[found.length - 1]);
      if (leftKept && rightKept) break;
      if (first === 0 && last === n - 1) return this.refuse('every release changed');
    }
    // Releases added or removed by the edit: those after the window are numbered again.
    const added = found.length - (last - first + 1);

    // Analyse the window's releases again, in order, each with the year of those before it.
    const facts: ReleaseFacts[] = [];
    // Officials (their index) some of whose roles the edit changed.
    const rolesChanged = new Set<number>();
    // Why people must be linked again over the whole file, if they must.
    let relink: string | null = added > 0 ? 'a release was added' : added < 0 ? 'a release was removed' : null;
    const yearIn: (number | null)[] = [];
    let year = state.yearIn[first];
    for (let k = 0; k < found.length; k++) {
      const release = found[k];
      release.index = first + k;
      yearIn.push(year);
      const after = analyzeRelease(text, release, year);
      release.date = after.date;
      year = yearOf(release.date) ?? year;
      facts.push(after);
      if (relink) continue;
      // A release's date is what its offices and tenures are read against.
      if (release.date !== old.releases[first + k].date) {
        relink = 'a release date changed';
        continue;
      }
      const changed: number[] = [];
      const before = settle(state.facts[first + k], old.releases[first + k].span.start, first + k);
      relink = differsForLinking(oldText, old.releases[first + k], before, text, release, after, state.bare, map, changed);
      for (const i of changed) {
        const person = state.links.personOf[first + k][i];
        if (person >= 0) rolesChanged.add(state.links.officialOf[person]);
      }
    }
    // Dates without a year after the window read it from the window's last dated release.
    if (last + 1 < n && year !== state.yearIn[last + 1]) return this.refuse('the year later releases fall back on changed');

    // Everything is known: from here on the model and the kept facts are updated in place,
    // which cannot fail midway without the state being dropped first.
    this.state = null;
    const model = old;
    revisions.set(model, modelRevision(model) + 1);
    const windowDates: DateMention[] = [];
    for (const f of facts) for (const date of f.dates) windowDates.push(copyDate(date));
    const headersKept = !relink && lineBreakOf(oldText) === lineBreakOf(text) && found.every((r, k) => sameHeader(oldText, old.releases[first + k], text, r));
    // The role findings of officials whose roles change are worked out again below.
    const oldRoleSpans = new Set<string>();
    for (const i of rolesChanged) for (const role of old.officials[i].roles) oldRoleSpans.add(`${role.span.start}:${role.span.end}`);

    // Releases: as they were before the window, found again in it, moved (and numbered again)
    // after it.
    const d0 = firstOfRelease(model.dates, first);
    const d1 = firstOfRelease(model.dates, last + 1);
    model.releases.splice(first, last - first + 1, ...found);
    const after = first + found.length;
    for (let i = after; i < model.releases.length; i++) {
      moveReleaseInPlace(model.releases[i], delta);
      model.releases[i].index += added;
    }
    model.length = text.length;

    // Dates: the window's from its releases' new facts.
    model.dates.splice(d0, d1 - d0, ...windowDates);
    for (let i = d0 + windowDates.length; i < model.dates.length; i++) {
      moveDateInPlace(model.dates[i], delta);
      model.dates[i].release += added;
    }

    // The kept facts: the window's new; the rest are moved to where their release stands only
    // when read (`settle`), as most edits never read them.
    state.facts.splice(first, last - first + 1, ...facts);
    state.yearIn.splice(first, last - first + 1, ...yearIn);

    if (relink) {
      this.relink(state, text, register);
      this.lastStats = { releases: model.releases.length, reused: model.releases.length - found.length, path: 'relink', reason: relink };
      return model;
    }

    // People: the same as before (the window's names are), moved; where the edit changed a
    // role, that official's roles are gathered again from their candidates.
    model.officials.forEach((o, i) => {
      for (let k = firstEndingFrom(o.mentions, edit.start); k < o.mentions.length; k++) mapSpanInPlace(o.mentions[k].span, map);
      if (rolesChanged.has(i)) o.roles = this.rolesOfOfficial(state.links, i, model.releases, state.facts);
      else for (const role of o.roles) if (role.span.end >= edit.start) mapSpanInPlace(role.span, map);
    });

    // Findings: the window's date checks again, and the release checks where a header changed;
    // the rest moved. The order is runChecks' (dates, releases, people), then sorted by place,
    // as a full analysis does.
    const dateFindings: Finding[] = [];
    const releaseFindings: Finding[] = [];
    const otherFindings: Finding[] = [];
    for (const f of model.findings) {
      if (f.code.startsWith('release.')) {
        if (headersKept) releaseFindings.push(mapFindingInPlace(f, map));
      } else if (f.code.startsWith('date.')) {
        if (f.release < first || f.release > last) dateFindings.push(mapFindingInPlace(f, map));
      } else if (!(ROLE_FINDINGS.has(f.code) && oldRoleSpans.has(`${f.span.start}:${f.span.end}`))) {
        otherFindings.push(mapFindingInPlace(f, map));
      }
    }
    // Date findings are in document order: the window's go between those before and after it.
    dateFindings.splice(firstOfRelease(dateFindings, first), 0, ...ownSpans(checkDates(windowDates)));
    if (!headersKept) for (const f of ownSpans(checkReleases(text, model.releases))) releaseFindings.push(f);
    const changedOfficials = [...rolesChanged].map((i) => model.officials[i]);
    for (const official of changedOfficials) for (const f of ownSpans(checkRoleConflicts(official))) otherFindings.push(f);
    if (register && changedOfficials.length) for (const f of ownSpans(checkTenures({ ...model, officials: changedOfficials }, register))) otherFindings.push(f);
    model.findings = [...dateFindings, ...releaseFindings, ...otherFindings].sort(byPlace);

    if (register) {
      const r0 = firstOfRelease(model.roleReferences, first);
      const r1 = firstOfRelease(model.roleReferences, last + 1);
      const window = findRoleReferences(text, model, register, { first, last });
      model.roleReferences.splice(r0, r1 - r0, ...window);
      for (let i = r0 + window.length; i < model.roleReferences.length; i++) shiftSpanInPlace(model.roleReferences[i].span, delta);
    }

    this.state = { text, register, model, facts: state.facts, yearIn: state.yearIn, bare: state.bare, links: state.links };
    this.lastStats = { releases: n, reused: n - found.length, path: 'edit' };
    return model;
  }

  /**
   * The file-wide steps over a model whose releases and dates are current and whose kept facts
   * stand where their releases do: linking people, the checks, offices named alone. What a full
   * analysis does after its per-release work.
   */
  private relink(state: Pick<State, 'model' | 'facts' | 'yearIn'>, text: string, register: Register | undefined): void {
    const model = state.model;
    const scans = state.facts.map((f, i) => settle(f, model.releases[i].span.start, i).scan);
    const linked = linkOfficialsKeepingIndex(text, model.releases, scans);
    const mergedInto = new Map<Official, Official>();
    model.officials = register ? linkByRegister(register, linked.officials, mergedInto) : linked.officials;
    model.findings = runChecks(text, model);
    model.roleReferences = [];
    if (register) {
      model.roleReferences = findRoleReferences(text, model, register);
      const tenures = checkTenures(model, register);
      if (tenures.length) model.findings = [...model.findings, ...tenures].sort(byPlace);
    }
    const links = linksOf(linked, scans, model.officials, mergedInto);
    ownObjects(model);
    this.state = { text, register, model, facts: state.facts, yearIn: state.yearIn, bare: linked.index, links };
  }

  /** An official's roles, gathered again from the candidates of their people, as linking does. */
  private rolesOfOfficial(links: Links, official: number, releases: readonly Release[], facts: readonly ReleaseFacts[]): Role[] {
    const all: Role[] = [];
    for (const p of links.people[official]) {
      const roles: Role[] = [];
      const refs = links.refs[p];
      for (let k = 0; k < refs.length; k += 2) {
        const r = refs[k];
        const f = facts[r];
        const delta = releases[r].span.start - f.start;
        for (const role of f.scan.candidates[refs[k + 1]].roles) roles.push(shiftRole(role, delta, r));
      }
      for (const role of dedupeRoles(roles.sort((a, b) => a.span.start - b.span.start))) all.push(role);
    }
    return links.people[official].length > 1 ? all.sort((a, b) => a.span.start - b.span.start) : all;
  }

  /** Every step over the whole text, reusing the per-release work of releases whose text is unchanged. */
  private full(text: string, register: Register | undefined): DocumentModel {
    // Releases and dates `releasesOf` found for this text are the ones to go on from.
    const structure = this.structure?.text === text ? this.structure : null;
    this.structure = null;
    const releases = structure ? structure.releases : findReleases(text, opensWithDate);
    // What the last analysis found, by the year a release falls back on, then its text: looked
    // up by a short fingerprint and confirmed by comparing the texts, so that no release text is
    // hashed whole.
    const previous = new Map<number | null, Map<string, KnownRelease[]>>();
    const remember = (year: number | null, source: string, span: Span, f: ReleaseFacts): void => {
      let byPrint = previous.get(year);
      if (!byPrint) {
        byPrint = new Map();
        previous.set(year, byPrint);
      }
      const print = fingerprint(source, span);
      const list = byPrint.get(print);
      if (list) list.push({ source, span, facts: f });
      else byPrint.set(print, [{ source, span, facts: f }]);
    };
    const state = this.state;
    if (state) state.model.releases.forEach((release, i) => remember(state.yearIn[i], state.text, release.span, state.facts[i]));
    const dates: DateMention[] = [];
    const scans: ReleaseScan[] = [];
    const facts: ReleaseFacts[] = [];
    const yearIn: (number | null)[] = [];
    let fallbackYear: number | null = null;
    let reused = 0;
    for (const release of releases) {
      const { start, end } = release.span;
      const candidates = previous.get(fallbackYear)?.get(fingerprint(text, release.span));
      const known = candidates?.find((k) => k.span.end - k.span.start === end - start && k.source.substring(k.span.start, k.span.end) === text.substring(start, end));
      let f: ReleaseFacts;
      if (known) {
        reused++;
        f = moveFacts(known.facts, start, release.index);
      } else {
        f = analyzeRelease(text, release, fallbackYear, structure?.dates[release.index]);
        // A release written twice in the file is analysed once.
        remember(fallbackYear, text, release.span, f);
      }
      facts.push(f);
      yearIn.push(fallbackYear);
      ownRelease(release);
      release.date = f.date;
      fallbackYear = yearOf(release.date) ?? fallbackYear;
      for (const date of f.dates) dates.push(copyDate(date));
      scans.push(f.scan);
    }
    const model: DocumentModel = { length: text.length, releases, officials: [], dates, findings: [], roleReferences: [] };
    this.relink({ model, facts, yearIn }, text, register);
    this.lastStats = { releases: releases.length, reused, path: 'full' };
    return model;
  }
}

/** Analyses a whole text. Pure and deterministic: the same text always gives the same model. */
export function analyzeDocument(text: string, options: AnalyzeOptions = {}): DocumentModel {
  return new Analyzer().analyze(text, options);
}
