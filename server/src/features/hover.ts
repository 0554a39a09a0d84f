/**
 * Hover (`textDocument/hover`): who a person is (in any form of their name), and beside what the
 * text says, what the officials register says (their offices and tenures); who holds an office
 * named without a name ("the Secretary General") on the release's date; what a date is on the
 * calendar; and what a release title stands for.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toRange } from '../annotations';
import { isValidDate, weekdayIndex, weekdayOf, WEEKDAY_NAMES } from '../core/dates';
import calendar from '../core/lexicon/calendar.json';
import type { CalendarDate, DateMention, DocumentModel, Official, Release, RoleReference } from '../core/model';
import { foldRegisterText, heldOn, roleMatches, rolesOn, type RegisterPerson, type RegisterRole } from '../core/register';
import { entityAt, introductionOf, releaseAt } from './entityAt';
import { firstEndingFrom } from '../core/spans';
import { releaseDetail } from './outline';
import { openRegisterEntryLink, type RegisterView } from './registerEntry';

const MONTH_NAMES: readonly string[] = calendar.months.map((m: { name: string }) => m.name);

/** A range listing every day covers at most this many; longer ones show first – last. */
const MAX_DAYS_LISTED = 7;

/** Escapes text for Markdown, so that a name or title with `*`, `_` or brackets shows as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function lineOf(doc: TextDocument, offset: number): number {
  return doc.positionAt(offset).line + 1;
}

// ---------------------------------------------------------------------------------------------
// People

/** The hover text for a person: full name, roles, releases that mention them, where introduced. */
export function describeOfficial(doc: TextDocument, model: DocumentModel, official: Official): string {
  const lines: string[] = [`**${escapeMarkdown(official.name)}**`];
  const others = official.aliases.filter((a) => a !== official.name);
  if (others.length > 0) lines.push('', `Also written: ${others.map(escapeMarkdown).join(', ')}`);

  // One line per office: "NATO Secretary General" and "NATO’s Secretary General" are one role, and
  // a bare "Secretary General" adds nothing where the organisation is known from another mention.
  const roles = new Map<string, { text: string; title: string; organization: string | null }>();
  for (const role of official.roles) {
    const key = `${role.title.toLowerCase()}|${role.organization?.toLowerCase() ?? ''}`;
    if (!roles.has(key)) roles.set(key, role);
  }
  for (const [key, role] of roles) {
    if (role.organization === null && [...roles.values()].some((r) => r.organization !== null && r.title.toLowerCase() === role.title.toLowerCase())) roles.delete(key);
  }
  if (roles.size > 0) {
    lines.push('', roles.size === 1 ? 'Role in this file:' : 'Roles in this file:', '');
    for (const role of roles.values()) {
      const office = role.organization ? `${role.title}, ${role.organization}` : role.title;
      const parsed = office && office !== role.text ? ` — ${escapeMarkdown(office)}` : '';
      lines.push(`- ${escapeMarkdown(role.text)}${parsed}`);
    }
  } else {
    lines.push('', 'No role given in this file.');
  }

  const releases = new Set(official.mentions.map((m) => m.release));
  lines.push('', `Mentioned in ${releases.size} of ${plural(model.releases.length, 'release')} (${plural(official.mentions.length, 'mention')}).`);

  const first = introductionOf(official);
  if (first) {
    const release = model.releases[first.release];
    const where = release ? `, in “${escapeMarkdown(release.title)}”` : '';
    lines.push('', `First introduced on line ${lineOf(doc, first.span.start)}${where}.`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The officials register

/** What hover and inlay hints read from the register: its entries by id. */
export type RegisterLookup = Pick<RegisterView, 'personById'>;

/** "2024-10-01 – present", "… – 2001-10-19": a tenure as the register gives it. */
export function describeTenure(role: RegisterRole): string {
  return `${role.start ?? '…'} – ${role.end ?? 'present'}`;
}

/** "Secretary General, NATO: 2024-10-01 – present". */
export function describeRegisterRole(role: RegisterRole): string {
  return `${role.title}, ${role.organization}: ${describeTenure(role)}`;
}

/**
 * The register's section of a person's hover: each office with its tenure, the one held on the
 * release's date marked, the other names the register knows, and a link to the entry.
 */
export function describeRegisterEntry(person: RegisterPerson, date: string | null): string {
  const lines: string[] = ['---', '', '**Officials register**', ''];
  const held = new Set(date ? rolesOn(person, date) : []);
  if (person.roles.length === 0) {
    lines.push('No offices listed.');
  } else {
    for (const role of person.roles) {
      const line = escapeMarkdown(describeRegisterRole(role));
      lines.push(held.has(role) ? `- **${line}** — held on ${date}, the date of this release` : `- ${line}`);
    }
    if (date && held.size === 0) lines.push('', `None of these offices was held on ${date}, the date of this release.`);
  }
  const aliases = person.aliases.filter((a) => foldRegisterText(a) !== foldRegisterText(person.name));
  if (aliases.length > 0) lines.push('', `Also known as: ${aliases.map(escapeMarkdown).join(', ')}`);
  lines.push('', `[Open register entry](${openRegisterEntryLink({ id: person.id })} "Open ${escapeTitle(person.name)}'s entry in the officials register")`);
  return lines.join('\n');
}

/** Text for a Markdown link title (in double quotes). */
function escapeTitle(text: string): string {
  return text.replace(/["\\]/g, (c) => `\\${c}`);
}

/** The offices of `person` that an office named alone ("Secretary General") names, held on `date`. */
export function officesNamed(person: RegisterPerson, office: string, date: string | null): RegisterRole[] {
  const named = person.roles.filter((role) => roleMatches(role, office) || foldRegisterText(role.title) === foldRegisterText(office));
  const held = date ? named.filter((role) => heldOn(role, date)) : named;
  return held.length > 0 ? held : named;
}

/** The hover text for an office named without a name: its holder on the release's date, by the register. */
export function describeRoleReference(model: DocumentModel, reference: RoleReference, person: RegisterPerson | undefined): string {
  const date = model.releases[reference.release]?.date ?? null;
  const lines: string[] = [`**the ${escapeMarkdown(reference.text)}**: ${escapeMarkdown(reference.name)}`];
  lines.push('', `The holder of the office${date ? ` on ${date}, the date of this release,` : ''} by the officials register.`);
  if (person) {
    const offices = officesNamed(person, reference.text, date);
    if (offices.length > 0) lines.push('', ...offices.map((role) => `- ${escapeMarkdown(describeRegisterRole(role))}`));
  }
  const official = reference.officialId ? model.officials.find((o) => o.id === reference.officialId) : undefined;
  if (official) {
    const releases = new Set(official.mentions.map((m) => m.release)).size;
    lines.push('', `Named in this file as ${escapeMarkdown(official.name)}: ${plural(official.mentions.length, 'mention')} in ${plural(releases, 'release')}.`);
  } else {
    lines.push('', 'Not named in this file.');
  }
  lines.push('', `[Open register entry](${openRegisterEntryLink({ id: reference.registerId })} "Open the officials register's entry for ${escapeTitle(reference.name)}")`);
  return lines.join('\n');
}

/** The office named alone at an offset, where there is one. */
export function roleReferenceAt(model: DocumentModel, offset: number): RoleReference | undefined {
  if (!releaseAt(model, offset)) return undefined;
  // The references are in document order and do not overlap: the first that ends at or after the
  // offset is the only candidate.
  const reference = model.roleReferences[firstEndingFrom(model.roleReferences, offset)];
  return reference && reference.span.start <= offset ? reference : undefined;
}

// ---------------------------------------------------------------------------------------------
// Dates

type Day = { year: number; month: number; day: number };

function daysInMonth(year: number, month: number): number {
  for (let day = 31; day >= 28; day--) if (isValidDate(year, month, day)) return day;
  return 0;
}

/** Days since 1970-01-01 (UTC, proleptic Gregorian); `setUTCFullYear` keeps years below 100 as written. */
function dayNumber(d: Day): number {
  const date = new Date(0);
  date.setUTCFullYear(d.year, d.month - 1, d.day);
  return Math.round(date.getTime() / 86_400_000);
}

function fromDayNumber(n: number): Day {
  const date = new Date(n * 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function weekdayName(d: Day): string {
  return WEEKDAY_NAMES[weekdayOf(d.year, d.month, d.day)] ?? '';
}

/** "Wednesday, 19 March 2025". */
function longDay(d: Day): string {
  return `${weekdayName(d)}, ${d.day} ${MONTH_NAMES[d.month - 1]} ${d.year}`;
}

/** "19 March 2025", "March 2025", "2025", with "(year unknown)" where the text gives none. */
function writtenDate(d: CalendarDate): string {
  const parts: string[] = [];
  if (d.day !== null) parts.push(String(d.day));
  if (d.month !== null) parts.push(MONTH_NAMES[d.month - 1] ?? `month ${d.month}`);
  parts.push(d.year !== null ? String(d.year) : '(year unknown)');
  return parts.join(' ');
}

/** The first and last day a calendar date covers ("March 2025" covers 1–31 March), or null where it cannot be told. */
function coverage(d: CalendarDate): { first: Day; last: Day } | null {
  if (d.year === null) return null;
  if (d.month === null) return { first: { year: d.year, month: 1, day: 1 }, last: { year: d.year, month: 12, day: 31 } };
  if (d.month < 1 || d.month > 12) return null;
  if (d.day === null) return { first: { year: d.year, month: d.month, day: 1 }, last: { year: d.year, month: d.month, day: daysInMonth(d.year, d.month) } };
  if (!isValidDate(d.year, d.month, d.day)) return null;
  const day = { year: d.year, month: d.month, day: d.day };
  return { first: day, last: day };
}

/** Why a calendar date cannot be, or null where it can. */
function impossibility(d: CalendarDate): string | null {
  if (d.year === null || d.month === null) return null;
  if (d.month < 1 || d.month > 12) return `there is no month ${d.month}`;
  if (d.day !== null && !isValidDate(d.year, d.month, d.day)) return `${MONTH_NAMES[d.month - 1]} ${d.year} has ${daysInMonth(d.year, d.month)} days`;
  return null;
}

function describeDays(first: Day, last: Day): string {
  const count = dayNumber(last) - dayNumber(first) + 1;
  if (count <= MAX_DAYS_LISTED) {
    const days: string[] = [];
    for (let n = dayNumber(first); n <= dayNumber(last); n++) days.push(`- ${longDay(fromDayNumber(n))}`);
    return [`${plural(count, 'day')}:`, '', ...days].join('\n');
  }
  return `${plural(count, 'day')}: ${longDay(first)} – ${longDay(last)}`;
}

/** The hover text for a date: its calendar value, its computed weekday, and for a range the days it covers. */
export function describeDate(date: DateMention): string {
  const lines: string[] = [];
  const start = date.start;
  const end = date.end;
  const value = date.value ? ` \`${date.value}\`` : '';
  const problem = impossibility(start) ?? (end ? impossibility(end) : null);
  const startCover = coverage(start);
  const endCover = end ? coverage(end) : startCover;

  if (!end) {
    const single = startCover && start.day !== null ? longDay(startCover.first) : writtenDate(start);
    lines.push(`**${escapeMarkdown(single)}**${value}`);
  } else {
    lines.push(`**${escapeMarkdown(writtenDate(start))} – ${escapeMarkdown(writtenDate(end))}**${value}`);
  }

  if (problem) {
    lines.push('', `This date does not exist: ${problem}.`);
  } else if (start.year === null) {
    lines.push('', 'No year can be told from the text or its release.');
  } else if (startCover && endCover) {
    const span = dayNumber(endCover.last) - dayNumber(startCover.first);
    if (end && dayNumber(endCover.first) < dayNumber(startCover.first)) {
      lines.push('', 'This range ends before it starts.');
    } else if (span > 0) {
      lines.push('', describeDays(startCover.first, endCover.last));
    }
    const named = [
      { said: date.weekday, day: startCover },
      { said: date.endWeekday, day: endCover },
    ];
    for (const { said, day } of named) {
      if (!said || dayNumber(day.first) !== dayNumber(day.last)) continue;
      const actual = weekdayOf(day.first.year, day.first.month, day.first.day);
      const claimed = weekdayIndex(said);
      if (claimed >= 0 && claimed !== actual) {
        lines.push('', `The text says ${escapeMarkdown(said)}, but ${day.first.day} ${MONTH_NAMES[day.first.month - 1]} ${day.first.year} is a ${WEEKDAY_NAMES[actual]}.`);
      }
    }
  }
  if (date.yearInferred && start.year !== null) lines.push('', 'The year is taken from the release, not written here.');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Releases

/** The hover text for a release title: source, date, and how many people, dates and problems it holds. */
export function describeRelease(model: DocumentModel, release: Release): string {
  const people = model.officials.filter((o) => o.mentions.some((m) => m.release === release.index)).length;
  const mentions = model.officials.reduce((n, o) => n + o.mentions.filter((m) => m.release === release.index).length, 0);
  const dates = model.dates.filter((d) => d.release === release.index).length;
  const problems = model.findings.filter((f) => f.release === release.index).length;
  return [
    `**${escapeMarkdown(release.title)}**`,
    '',
    `Release ${release.index + 1} of ${model.releases.length} · ${escapeMarkdown(releaseDetail(release))}`,
    '',
    `- Source: ${release.source ? escapeMarkdown(release.source) : '*none*'}`,
    `- Date: ${release.date ? `\`${release.date}\`` : '*cannot be told*'}`,
    `- ${plural(people, 'person', 'people')} (${plural(mentions, 'mention')}), ${plural(dates, 'date')}, ${plural(problems, 'problem')}`,
  ].join('\n');
}

/**
 * The hover at a position, or null where there is nothing Attaché knows about. With the register
 * the model was analysed with, a person it knows shows its offices and tenures too, and an office
 * named alone shows its holder's.
 */
export function hover(doc: TextDocument, model: DocumentModel, position: Position, register?: RegisterLookup): Hover | null {
  const offset = doc.offsetAt(position);
  const entity = entityAt(model, offset);
  // An office named alone is never inside a name or role; it may be inside a title.
  if (!entity || entity.kind === 'title') {
    const reference = roleReferenceAt(model, offset);
    if (reference) {
      const value = describeRoleReference(model, reference, register?.personById(reference.registerId));
      return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(doc, reference.span) };
    }
  }
  if (!entity) return null;
  let value: string;
  switch (entity.kind) {
    case 'person':
    case 'role': {
      value = describeOfficial(doc, model, entity.official);
      const person = entity.official.registerId ? register?.personById(entity.official.registerId) : undefined;
      if (person) {
        const release = entity.kind === 'person' ? entity.mention.release : entity.role.release;
        value += `\n\n${describeRegisterEntry(person, model.releases[release]?.date ?? null)}`;
      }
      break;
    }
    case 'date':
      value = describeDate(entity.date);
      break;
    case 'title':
      value = describeRelease(model, entity.release);
      break;
  }
  return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(doc, entity.span) };
}
