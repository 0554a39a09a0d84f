/**
 * What the officials register adds to a document's model: people the file names in several
 * forms linked into one ("Stoltenberg", "Jens Stoltenberg"), offices named without a name
 * resolved to their holders on the release's date ("the Secretary General"), and checks of the
 * roles the text gives against the register's tenures.
 */
import type { DocumentModel, Finding, Official, Release, RoleReference } from './model';
import { findPerson, foldedRoleForms, foldOffice, heldOn, officeWordings, roleMatches, type Register, type RegisterPerson, type RegisterRole } from './register';
import { finding } from './checks';
import { firstEndingFrom } from './spans';

/** The register's person for an official: by the fullest name, else by any form the file writes. */
function registerPersonOf(register: Register, official: Official): RegisterPerson | undefined {
  const byName = findPerson(register, official.name);
  if (byName) return byName;
  for (const form of new Set(official.mentions.map((m) => m.text))) {
    const person = findPerson(register, form);
    if (person) return person;
  }
  return undefined;
}

/**
 * Joins officials that the register says are one person, keeping the first as the survivor (and
 * recording in `mergedInto`, where given, which survivor each joined official went into).
 */
export function linkByRegister(register: Register, officials: Official[], mergedInto?: Map<Official, Official>): Official[] {
  const byRegisterId = new Map<string, Official>();
  const out: Official[] = [];
  for (const official of officials) {
    const person = registerPersonOf(register, official);
    if (!person) {
      out.push(official);
      continue;
    }
    const first = byRegisterId.get(person.id);
    if (!first) {
      official.registerId = person.id;
      byRegisterId.set(person.id, official);
      out.push(official);
      continue;
    }
    mergedInto?.set(official, first);
    first.mentions = [...first.mentions, ...official.mentions].sort((a, b) => a.span.start - b.span.start);
    first.roles = [...first.roles, ...official.roles].sort((a, b) => a.span.start - b.span.start);
    for (const alias of [official.name, ...official.aliases]) {
      if (alias !== first.name && !first.aliases.includes(alias)) first.aliases.push(alias);
    }
    // The fullest written form names the person.
    if (official.name.length > first.name.length) {
      first.aliases = first.aliases.filter((a) => a !== official.name);
      if (!first.aliases.includes(first.name)) first.aliases.push(first.name);
      first.name = official.name;
    }
  }
  return out;
}

/**
 * The register's office wordings that open with one word, as a tree of their characters: every
 * wording written at a place is found in one walk along the text, where trying each in turn
 * compared "Prime Minister of " again for each of some ninety countries.
 */
interface WordingNode {
  next: Map<number, WordingNode>;
  /** The wording that ends here, if one does. */
  wording: string | null;
  /** Where only one character leads on (most places in a wording): that character, else -1. */
  onlyCode: number;
  /** And the node it leads to. */
  onlyNext: WordingNode | null;
}

/** Marks the places where only one character leads on, for a walk without map lookups there. */
function markOnlyWays(node: WordingNode): void {
  if (node.next.size === 1) {
    for (const [code, next] of node.next) {
      node.onlyCode = code;
      node.onlyNext = next;
    }
  }
  for (const next of node.next.values()) markOnlyWays(next);
}

/** The register's office wordings by their first word: looked up after each "the". */
const indexes = new WeakMap<Register, Map<string, WordingNode>>();
function officeIndex(register: Register): Map<string, WordingNode> {
  let index = indexes.get(register);
  if (index) return index;
  index = new Map();
  for (const wording of officeWordings(register)) {
    // White space folded to single spaces (a non-breaking space among them: \s holds it).
    const trimmed = wording.trim().replace(/\s+/g, ' ');
    if (!trimmed) continue;
    const first = trimmed.split(' ')[0];
    let node: WordingNode | undefined = index.get(first);
    if (!node) {
      node = { next: new Map(), wording: null, onlyCode: -1, onlyNext: null };
      index.set(first, node);
    }
    for (let k = 0; k < trimmed.length; k++) {
      const c = trimmed.charCodeAt(k);
      let child: WordingNode | undefined = node.next.get(c);
      if (!child) {
        child = { next: new Map(), wording: null, onlyCode: -1, onlyNext: null };
        node.next.set(c, child);
      }
      node = child;
    }
    node.wording = trimmed;
  }
  for (const node of index.values()) markOnlyWays(node);
  indexes.set(register, index);
  return index;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const WORD_CHAR = /[\p{L}\p{M}'’\-/.]/u;

/**
 * What `test` says of each UTF-16 code unit on its own, worked out once per unit: the scan below
 * asks it of tens of thousands of characters. 0: not asked yet, 1: yes, 2: no.
 */
function codeUnitTest(test: RegExp): (c: number) => boolean {
  const known = new Uint8Array(0x10000);
  return (c) => {
    let v = known[c];
    if (v === 0) {
      v = test.test(String.fromCharCode(c)) ? 1 : 2;
      known[c] = v;
    }
    return v === 1;
  };
}

const isLetterOrDigit = codeUnitTest(LETTER_OR_DIGIT);
/** A character an office's first word may hold: letters, marks, apostrophes, hyphens, slashes, full stops. */
const isWordChar = codeUnitTest(WORD_CHAR);

/**
 * The longest wording of `tree` written at `at` (a non-breaking space may stand for a space)
 * where a word ends; null where none is.
 */
function longestWrittenAt(text: string, at: number, tree: WordingNode): string | null {
  let found: string | null = null;
  let node: WordingNode | undefined = tree;
  for (let i = at; ; i++) {
    if (node.wording !== null && (i >= text.length || !isLetterOrDigit(text.charCodeAt(i)))) found = node.wording;
    if (i >= text.length) break;
    let c = text.charCodeAt(i);
    if (c === 0xa0) c = 32;
    node = node.onlyCode === c ? (node.onlyNext as WordingNode) : node.onlyCode === -1 ? node.next.get(c) : undefined;
    if (node === undefined) break;
  }
  return found;
}

/** Spans sorted by start (those of equal start in the order given), as two arrays of offsets. */
interface SortedSpans {
  starts: Int32Array;
  ends: Int32Array;
}

/**
 * The names and roles of the officials that reach into [from, to), sorted by start, those of
 * equal start in the order of the officials, roles before mentions (as a stable sort leaves
 * them). Each official's roles and mentions are mostly in order already: the runs already in
 * order are merged, on arrays of offsets rather than span objects.
 */
function takenSpans(officials: readonly Official[], from: number, to: number): SortedSpans {
  // Each official's mentions are in order and never overlap: only those in [from, to) are
  // visited, found by binary search, so that a few releases after an edit cost little in a large
  // file (the first is the first ending after `from`). Roles (fewer, and one may hold another)
  // are all looked at.
  let total = 0;
  for (const official of officials) {
    total += official.roles.length;
    const mentions = official.mentions;
    for (let k = firstEndingFrom(mentions, from + 1); k < mentions.length && mentions[k].span.start < to; k++) total++;
  }
  let starts = new Int32Array(total);
  let ends = new Int32Array(total);
  let n = 0;
  for (const official of officials) {
    for (const role of official.roles) {
      const span = role.span;
      if (span.end > from && span.start < to) {
        starts[n] = span.start;
        ends[n++] = span.end;
      }
    }
    const mentions = official.mentions;
    for (let k = firstEndingFrom(mentions, from + 1); k < mentions.length && mentions[k].span.start < to; k++) {
      const span = mentions[k].span;
      starts[n] = span.start;
      ends[n++] = span.end;
    }
  }
  // Where each run in order starts, then the end.
  const bounds: number[] = [0];
  for (let i = 1; i < n; i++) if (starts[i] < starts[i - 1]) bounds.push(i);
  bounds.push(n);
  let otherStarts = new Int32Array(n);
  let otherEnds = new Int32Array(n);
  let runs = bounds;
  while (runs.length > 2) {
    // Each pair of neighbouring runs merged into one, the left one first among equal starts.
    const merged: number[] = [0];
    let k = 0;
    for (; k + 2 < runs.length; k += 2) {
      let i = runs[k];
      const middle = runs[k + 1];
      let j = middle;
      const stop = runs[k + 2];
      let o = i;
      while (i < middle && j < stop) {
        if (starts[j] < starts[i]) {
          otherStarts[o] = starts[j];
          otherEnds[o++] = ends[j++];
        } else {
          otherStarts[o] = starts[i];
          otherEnds[o++] = ends[i++];
        }
      }
      for (; i < middle; i++, o++) {
        otherStarts[o] = starts[i];
        otherEnds[o] = ends[i];
      }
      for (; j < stop; j++, o++) {
        otherStarts[o] = starts[j];
        otherEnds[o] = ends[j];
      }
      merged.push(stop);
    }
    // An odd run out is copied as it is.
    if (k + 1 < runs.length) {
      for (let i = runs[k]; i < runs[k + 1]; i++) {
        otherStarts[i] = starts[i];
        otherEnds[i] = ends[i];
      }
      merged.push(runs[k + 1]);
    }
    [starts, otherStarts] = [otherStarts, starts];
    [ends, otherEnds] = [otherEnds, ends];
    runs = merged;
  }
  return { starts: starts.subarray(0, n), ends: ends.subarray(0, n) };
}

/** True where [start, end) overlaps one of `sorted`. */
function overlapsAny(sorted: SortedSpans, start: number, end: number): boolean {
  const { starts, ends } = sorted;
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] < end) lo = mid + 1;
    else hi = mid;
  }
  // Every span from here on starts at or after `end`; look back over those that start before it.
  for (let k = lo - 1; k >= 0 && k >= lo - 64; k--) if (ends[k] > start) return true;
  return false;
}

/**
 * Offices named without a name in each release ("the Secretary General", "the Polish
 * President"), where exactly one holder fits the release's date; an office held by several
 * people (two "Secretary General"s) is settled by the release's source or title naming the
 * organisation.
 */
export function findRoleReferences(text: string, model: DocumentModel, register: Register, only?: { first: number; last: number }): RoleReference[] {
  const index = officeIndex(register);
  if (index.size === 0 || model.releases.length === 0) return [];
  // The whole file, or only the releases from `first` to `last` (after an edit inside them).
  const firstRelease = only ? only.first : 0;
  const lastRelease = only ? only.last : model.releases.length - 1;
  const from = model.releases[firstRelease].span.start;
  const to = model.releases[lastRelease].span.end;
  const taken = takenSpans(model.officials, from, to);
  const holders = new HolderCache(register);
  // The first official of each register person: the one a reference to them points at.
  const officialOf = new Map<string, Official>();
  for (const o of model.officials) if (o.registerId !== undefined && !officialOf.has(o.registerId)) officialOf.set(o.registerId, o);
  const out: RoleReference[] = [];
  // One pass over the text for "the" before a capital; releases are walked alongside.
  // A word boundary needs the character before: start one back where there is one.
  let at = Math.max(0, from - 1);
  let r = firstRelease;
  for (;;) {
    const start = theBefore(text, at);
    if (start < 0) break;
    at = start;
    while (r <= lastRelease && model.releases[r].span.end < start) r++;
    if (r > lastRelease) break;
    const release = model.releases[r];
    if (start < release.span.start || !release.date) continue;
    let firstEnd = start;
    while (firstEnd < text.length && isWordChar(text.charCodeAt(firstEnd))) firstEnd++;
    // The word without a closing full stop ("the President.").
    const wordings = index.get(text.slice(start, text.charCodeAt(firstEnd - 1) === 0x2e ? firstEnd - 1 : firstEnd));
    if (!wordings) continue;
    // The longest wording written here, as the first of them by length would be.
    const wording = longestWrittenAt(text, start, wordings);
    if (wording === null) continue;
    const end = start + wording.length;
    // An office beside a name ("the Secretary General, Mr Mark Rutte") is that person's role.
    if (overlapsAny(taken, start, end) || nameFollows(text, end)) continue;
    const holder = holders.holderOf(wording, release);
    if (!holder) continue;
    const official = officialOf.get(holder.id);
    out.push({ span: { start, end }, text: wording, release: release.index, registerId: holder.id, name: holder.name, officialId: official?.id ?? null });
  }
  return out;
}

const UPPER = /\p{Lu}/uy;

/** An ASCII letter, digit or underscore: what a word boundary (`\b`) tells from other characters. */
function isAsciiWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * Where the capital after the first "the" or "The" from `from` on stands: a word that starts
 * there, then spaces (non-breaking ones too), then a capital letter. -1 where there is none.
 * What `/\b[Tt]he[ \u00a0]+(?=\p{Lu})/gu` matches from `from`, without a match object per match.
 */
function theBefore(text: string, from: number): number {
  let h = from;
  for (;;) {
    // The "he" of a "the" starting at `from` or after it.
    h = text.indexOf('he', h + 1);
    if (h < 0) return -1;
    const t = text.charCodeAt(h - 1);
    if (t !== 84 && t !== 116) continue;
    if (h >= 2 && isAsciiWord(text.charCodeAt(h - 2))) continue;
    let q = h + 2;
    for (let c = text.charCodeAt(q); c === 32 || c === 0xa0; c = text.charCodeAt(q)) q++;
    if (q === h + 2 || q >= text.length) continue;
    const c = text.charCodeAt(q);
    if (c < 128) {
      if (c >= 65 && c <= 90) return q;
      continue;
    }
    UPPER.lastIndex = q;
    if (UPPER.test(text)) return q;
  }
}

/** A name or a courtesy title within twelve characters after an office ("…, Mr", "… Mark R"). */
const NAME_AFTER = /[ \u00a0]*,?[ \u00a0]*(?:Mr|Ms|Mrs|Dr|\p{Lu}\p{Ll}+ \p{Lu})/uy;

function nameFollows(text: string, at: number): boolean {
  // Read in place rather than on a copy of the next twelve characters: the match is the same
  // wherever it exists (each part of it can end in one place only), so it must end within them.
  NAME_AFTER.lastIndex = at;
  return NAME_AFTER.test(text) && NAME_AFTER.lastIndex <= at + 12;
}

type Holders = { person: RegisterPerson; organizations: string[] }[];

/**
 * Holders of offices on dates, worked out once per office and date and kept with the register
 * (which does not change once read): an archive names "the Secretary General" thousands of
 * times, on hundreds of dates, and is analysed again after each edit.
 */
class RegisterHolders {
  /** By folded office, then by date. */
  private readonly byOfficeAndDate = new Map<string, Map<string, Holders>>();
  /** The same tables, by the wording as written (what the text is searched for). */
  private readonly byWording = new Map<string, { key: string; byDate: Map<string, Holders> }>();
  /** Per folded office, the people with a role of that office and those roles, in the register's order. */
  private readonly rolesByOffice = new Map<string, { person: RegisterPerson; roles: RegisterRole[] }[]>();

  constructor(private readonly register: Register) {}

  /** The people holding `office` (as written) on `date`, with the organisations of their roles of it, in lower case. */
  on(office: string, date: string): Holders {
    let known = this.byWording.get(office);
    if (known === undefined) {
      const key = foldOffice(office);
      let byDate = this.byOfficeAndDate.get(key);
      if (byDate === undefined) {
        byDate = new Map();
        this.byOfficeAndDate.set(key, byDate);
      }
      known = { key, byDate };
      this.byWording.set(office, known);
    }
    let found = known.byDate.get(date);
    if (!found) {
      found = this.holdersOn(known.key, date);
      known.byDate.set(date, found);
    }
    return found;
  }

  private holdersOn(key: string, date: string): Holders {
    let holders = this.rolesByOffice.get(key);
    if (holders === undefined) {
      holders = [];
      for (const person of this.register.people) {
        const roles = person.roles.filter((role) => {
          const forms = foldedRoleForms(role);
          return forms.forms.has(key) || forms.title === key;
        });
        if (roles.length) holders.push({ person, roles });
      }
      this.rolesByOffice.set(key, holders);
    }
    const found: Holders = [];
    for (const { person, roles } of holders) {
      const organizations: string[] = [];
      for (const role of roles) if (heldOn(role, date)) organizations.push(role.organization.toLowerCase());
      if (organizations.length) found.push({ person, organizations });
    }
    return found;
  }
}

const registerHolders = new WeakMap<Register, RegisterHolders>();

/** The holder of an office in a release: the one holder on its date, or the one its source or title names. */
class HolderCache {
  private readonly holders: RegisterHolders;
  /** The release whose source and title were last read, and that text in lower case. */
  private contextOf: Release | null = null;
  private context = '';

  constructor(register: Register) {
    let holders = registerHolders.get(register);
    if (!holders) {
      holders = new RegisterHolders(register);
      registerHolders.set(register, holders);
    }
    this.holders = holders;
  }

  holderOf(office: string, release: Release): RegisterPerson | undefined {
    const date = release.date;
    if (!date) return undefined;
    const found = this.holders.on(office, date);
    if (found.length <= 1) return found[0]?.person;
    // "the Secretary General" in a NATO release is NATO's.
    if (this.contextOf !== release) {
      this.context = `${release.source ?? ''} ${release.title}`.toLowerCase();
      this.contextOf = release;
    }
    const context = this.context;
    let fitting: RegisterPerson | undefined;
    for (const f of found) {
      if (!f.organizations.some((org) => context.includes(org))) continue;
      if (fitting) return undefined;
      fitting = f.person;
    }
    return fitting;
  }
}

/** True where a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` value names a day, month or year that exists. */
function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), m[2] ? Number(m[2]) : 1, m[3] ? Number(m[3]) : 1];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function describeTenure(role: RegisterRole): string {
  if (role.start && role.end) return `from ${role.start} to ${role.end}`;
  if (role.start) return `from ${role.start}`;
  if (role.end) return `until ${role.end}`;
  return 'at some time';
}

/** Checks each role the text gives a person the register knows against the register's tenures. */
export function checkTenures(model: DocumentModel, register: Register): Finding[] {
  const byId = new Map(register.people.map((p) => [p.id, p]));
  const out: Finding[] = [];
  for (const official of model.officials) {
    const person = official.registerId ? byId.get(official.registerId) : undefined;
    if (!person) continue;
    for (const role of official.roles) {
      const date = model.releases[role.release]?.date;
      const asWritten = foldOffice(role.text);
      const matching = person.roles.filter(
        (r) => roleMatches(r, role.text) || foldedRoleForms(r).title === asWritten || (role.organization !== null && roleMatches(r, `${role.title} of ${role.organization}`)),
      );
      if (matching.length === 0) {
        // Only an office tied to an organisation is worth a hint: "President" alone says too little.
        if (role.organization) {
          out.push(finding('official.unknown-role', role.span, role.release, `The officials register does not list "${role.text}" among ${person.name}'s roles.`));
        }
        continue;
      }
      // A release dated "31 April" has no day to check a tenure against.
      if (!date || !isCalendarDate(date) || matching.some((r) => heldOn(r, date))) continue;
      const tenure = matching.map(describeTenure).join('; ');
      out.push(
        finding('official.outside-tenure', role.span, role.release, `${person.name} held the office "${role.text}" ${tenure}, not on ${date}, the date of this release.`),
      );
    }
  }
  return out;
}

