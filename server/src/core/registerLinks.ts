/**
 * What the officials register adds to a document's model: people the file names in several
 * forms linked into one ("Stoltenberg", "Jens Stoltenberg"), offices named without a name
 * resolved to their holders on the release's date ("the Secretary General"), and checks of the
 * roles the text gives against the register's tenures.
 */
import type { DocumentModel, Finding, Official, Release, RoleReference, Span } from './model';
import { findPerson, foldedRoleForms, foldOffice, heldOn, officeWordings, roleMatches, type Register, type RegisterPerson, type RegisterRole } from './register';
import { finding } from './checks';

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

/** The register's office wordings by their first word, longest first: looked up after each "the". */
const indexes = new WeakMap<Register, Map<string, string[]>>();
function officeIndex(register: Register): Map<string, string[]> {
  let index = indexes.get(register);
  if (index) return index;
  index = new Map();
  for (const wording of officeWordings(register)) {
    const trimmed = wording.trim().replace(/\s+/g, ' ');
    if (!trimmed) continue;
    const first = trimmed.split(' ')[0];
    const list = index.get(first) ?? [];
    if (!list.includes(trimmed)) list.push(trimmed);
    index.set(first, list);
  }
  for (const list of index.values()) list.sort((a, b) => b.length - a.length);
  indexes.set(register, index);
  return index;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** True where `wording` is written at `at` (a non-breaking space may stand for a space) and a word ends there. */
function writtenAt(text: string, at: number, wording: string): boolean {
  if (at + wording.length > text.length) return false;
  for (let k = 0; k < wording.length; k++) {
    const c = text.charCodeAt(at + k);
    const w = wording.charCodeAt(k);
    if (c !== w && !(w === 32 && c === 0xa0)) return false;
  }
  const after = text[at + wording.length];
  return after === undefined || !LETTER_OR_DIGIT.test(after);
}

/** True where [start, end) overlaps one of `sorted` (sorted by start). */
function overlapsAny(sorted: Span[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].start < end) lo = mid + 1;
    else hi = mid;
  }
  // Every span from here on starts at or after `end`; look back over those that start before it.
  for (let k = lo - 1; k >= 0 && k >= lo - 64; k--) if (sorted[k].end > start) return true;
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
  const taken: Span[] = [];
  const inRange = (span: Span): boolean => span.end > from && span.start < to;
  for (const official of model.officials) {
    for (const role of official.roles) if (inRange(role.span)) taken.push(role.span);
    for (const mention of official.mentions) if (inRange(mention.span)) taken.push(mention.span);
  }
  taken.sort((a, b) => a.start - b.start);
  const holders = new HolderCache(register);
  const out: RoleReference[] = [];
  // One pass over the text for "the" before a capital; releases are walked alongside.
  const the = /\b[Tt]he[ \u00a0]+(?=\p{Lu})/gu;
  // A word boundary needs the character before: start one back where there is one.
  the.lastIndex = Math.max(0, from - 1);
  let r = firstRelease;
  let m: RegExpExecArray | null;
  while ((m = the.exec(text)) !== null) {
    const start = m.index + m[0].length;
    while (r <= lastRelease && model.releases[r].span.end < start) r++;
    if (r > lastRelease) break;
    const release = model.releases[r];
    if (start < release.span.start || !release.date) continue;
    let firstEnd = start;
    while (firstEnd < text.length && /[\p{L}\p{M}'’\-/.]/u.test(text[firstEnd])) firstEnd++;
    const wordings = index.get(text.slice(start, firstEnd).replace(/[.,]$/, ''));
    if (!wordings) continue;
    const wording = wordings.find((w) => writtenAt(text, start, w));
    if (!wording) continue;
    const end = start + wording.length;
    // An office beside a name ("the Secretary General, Mr Mark Rutte") is that person's role.
    if (overlapsAny(taken, start, end) || /^[ \u00a0]*,?[ \u00a0]*(?:Mr|Ms|Mrs|Dr|\p{Lu}\p{Ll}+ \p{Lu})/u.test(text.slice(end, end + 12))) continue;
    const holder = holders.holderOf(wording, release);
    if (!holder) continue;
    const official = model.officials.find((o) => o.registerId === holder.id);
    out.push({ span: { start, end }, text: wording, release: release.index, registerId: holder.id, name: holder.name, officialId: official?.id ?? null });
  }
  return out;
}

/**
 * Holders of offices on dates, worked out once per office and date: an archive names "the
 * Secretary General" thousands of times.
 */
class HolderCache {
  private readonly byOfficeAndDate = new Map<string, { person: RegisterPerson; organizations: string[] }[]>();
  private readonly folded = new Map<string, string>();

  constructor(private readonly register: Register) {}

  holderOf(office: string, release: Release): RegisterPerson | undefined {
    const date = release.date;
    if (!date) return undefined;
    let key = this.folded.get(office);
    if (key === undefined) {
      key = foldOffice(office);
      this.folded.set(office, key);
    }
    const cacheKey = `${key}\u0000${date}`;
    let found = this.byOfficeAndDate.get(cacheKey);
    if (!found) {
      found = [];
      for (const person of this.register.people) {
        const organizations = person.roles
          .filter((role) => {
            const forms = foldedRoleForms(role);
            return (forms.forms.has(key as string) || forms.title === key) && heldOn(role, date);
          })
          .map((role) => role.organization.toLowerCase());
        if (organizations.length) found.push({ person, organizations });
      }
      this.byOfficeAndDate.set(cacheKey, found);
    }
    if (found.length <= 1) return found[0]?.person;
    // "the Secretary General" in a NATO release is NATO's.
    const context = `${release.source ?? ''} ${release.title}`.toLowerCase();
    const fitting = found.filter((f) => f.organizations.some((org) => context.includes(org)));
    return fitting.length === 1 ? fitting[0].person : undefined;
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

