/**
 * The officials register: a JSON file of people, the names they go by and the offices they held,
 * with dates. Attaché reads one or more of them (a starter register of its own, the workspace's,
 * the user's) to say who held an office on a release's date ("the Polish President" on
 * 26 March 2025 is Andrzej Duda) and to know the other spellings of a name.
 *
 * This module is pure: text in, register and problems out. It never throws on bad input. A file
 * that is not valid JSON, or whose entries are malformed, yields problems (with offsets into the
 * file and line/character positions, for diagnostics in the register file itself) and a register
 * of whatever entries were sound. The format is described in docs/register.md and by the JSON
 * Schema in schemas/officials-register.schema.json; keep the three in step (a unit test checks
 * the schema's required and known keys against {@link REGISTER_KEYS}).
 *
 * Registers and their entries are treated as immutable once read: the queries cache folded forms
 * per entry object. To change a register, build a new one (mergeRegisters returns new entries).
 */
import type { Severity, Span } from './model';

// ---------------------------------------------------------------------------------------------
// Types

/** A date as the register writes it: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` where only that is sure. */
export type RegisterDate = string;

/** One office held for one period. */
export interface RegisterRole {
  /** The office without its organisation or country: "Secretary General", "Prime Minister". */
  title: string;
  /** The organisation or country the office belongs to: "NATO", "Poland". */
  organization: string;
  /** Other wordings of the office as texts write them ("Polish President", "President of Poland"). */
  aliases: string[];
  /** When the tenure began; null where not known (then it is taken as open towards the past). */
  start: RegisterDate | null;
  /** When it ended (the last day, or the day of the handover); null while still held as of the register's `asOf`. */
  end: RegisterDate | null;
  /** A short description of the public source for the tenure. */
  source?: string;
  notes?: string;
  /** Where the role is written in its file. */
  span?: Span;
}

/** One person and the offices they held. */
export interface RegisterPerson {
  /** Stable identifier, unique within a file; later files override earlier ones by it ("mark-rutte"). */
  id: string;
  /** The canonical name ("Mark Rutte"). */
  name: string;
  /** Other written forms: surname alone, spellings with and without diacritics, transliterations. */
  aliases: string[];
  /** The Wikidata item ("Q57792"), where given. */
  wikidata?: string;
  roles: RegisterRole[];
  notes?: string;
  /** The file and the place in it where this entry was read (the last file, after a merge). */
  origin?: { source: string; span: Span };
}

/** A register: one file's entries, or several files merged. */
export interface Register {
  version: 1;
  /** The date up to which the data is kept current, where the file says. */
  asOf: RegisterDate | null;
  people: RegisterPerson[];
  /** The files (or other sources) the register was read from, in order. */
  sources: string[];
}

/** A zero-based line and UTF-16 character, as the Language Server Protocol counts them. */
export interface RegisterPosition {
  line: number;
  character: number;
}

/** What kind of problem a register file has. */
export type RegisterProblemCode =
  | 'register.syntax'
  | 'register.duplicate-key'
  | 'register.unknown-key'
  | 'register.missing'
  | 'register.type'
  | 'register.value'
  | 'register.date'
  | 'register.end-before-start'
  | 'register.duplicate-id'
  | 'register.version';

/** Something wrong in a register file, to be shown as a diagnostic in that file. */
export interface RegisterProblem {
  /** The file (as given to {@link parseRegister}). */
  source: string;
  code: RegisterProblemCode;
  /** Names the field and what is wrong with it. */
  message: string;
  severity: Severity;
  /** Where, as UTF-16 offsets into the file text. */
  span: Span;
  /** The same place as lines and characters. */
  range: { start: RegisterPosition; end: RegisterPosition };
  /** The JSON path of the field ("people[3].roles[0].start"); empty for syntax errors. */
  path: string;
  /** Another place the problem refers to (the first use of a duplicated id). */
  related?: { span: Span; range: { start: RegisterPosition; end: RegisterPosition }; message: string }[];
}

/**
 * The keys each level of a register may have, and those it must have. The JSON Schema states the
 * same; a unit test holds them together.
 */
export const REGISTER_KEYS = {
  register: {
    known: ['$schema', '$comment', 'version', 'asOf', 'people'],
    required: ['version', 'people'],
  },
  person: {
    known: ['$comment', 'id', 'name', 'aliases', 'wikidata', 'roles', 'notes'],
    required: ['id', 'name'],
  },
  role: {
    known: ['$comment', 'title', 'organization', 'aliases', 'start', 'end', 'source', 'notes'],
    required: ['title', 'organization'],
  },
} as const;

/** The pattern of an `id`: lower-case letters and digits, joined by single `-`, `_` or `.`. */
export const REGISTER_ID_PATTERN = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;
/** The pattern of a Wikidata item identifier. */
export const WIKIDATA_PATTERN = /^Q[1-9][0-9]*$/;
/** The shape of a register date; {@link isRegisterDate} also checks the calendar. */
export const REGISTER_DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** An empty register (no people). */
export function emptyRegister(source?: string): Register {
  return { version: 1, asOf: null, people: [], sources: source === undefined ? [] : [source] };
}

// ---------------------------------------------------------------------------------------------
// Dates

/** Days since 1970-01-01 of a calendar day. */
function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first and last day a register date can mean ("2024" is 2024-01-01 to 2024-12-31); null if it is not one. */
function dateBounds(value: string): { first: number; last: number; precision: 'year' | 'month' | 'day' } | null {
  const m = REGISTER_DATE_PATTERN.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2] === undefined) return { first: dayNumber(year, 1, 1), last: dayNumber(year, 12, 31), precision: 'year' };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  if (m[3] === undefined) return { first: dayNumber(year, month, 1), last: dayNumber(year, month, daysInMonth(year, month)), precision: 'month' };
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month)) return null;
  const n = dayNumber(year, month, day);
  return { first: n, last: n, precision: 'day' };
}

/** True where `value` is a real calendar date written `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
export function isRegisterDate(value: string): boolean {
  return dateBounds(value) !== null;
}

/**
 * The days a role covers: from the first day its start can mean to the last day its end can mean
 * (partial dates are read generously). An unknown start is open towards the past; no end is open
 * towards the future.
 */
function tenureBounds(role: RegisterRole): { first: number; last: number } {
  const start = role.start === null ? null : dateBounds(role.start);
  const end = role.end === null ? null : dateBounds(role.end);
  return { first: start ? start.first : -Infinity, last: end ? end.last : Infinity };
}

// ---------------------------------------------------------------------------------------------
// Folding names and roles

const LETTER_FOLDS: Record<string, string> = { ø: 'o', ł: 'l', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i', þ: 'th', ð: 'd', ħ: 'h' };

/**
 * A name or office as compared: without case, diacritics, full stops or apostrophes, with
 * hyphens, dashes, commas and slashes as spaces and a possessive `'s` dropped ("NATO's" → "nato").
 */
export function foldRegisterText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[øłđßæœıþðħ]/g, (c) => LETTER_FOLDS[c] ?? c)
    .replace(/['’‘`ʼ]s(?=\s|$|[,;:)])/g, '')
    .replace(/[.'’‘`ʼ]/g, '')
    .replace(/[-‐‑‒–—―,/;:()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every folded wording that names a role: its aliases, and its title and organisation put together. */
const roleFormsCache = new WeakMap<RegisterRole, Set<string>>();
function roleForms(role: RegisterRole): Set<string> {
  let forms = roleFormsCache.get(role);
  if (forms) return forms;
  const t = role.title;
  const o = role.organization;
  forms = new Set([`${o} ${t}`, `${t} of ${o}`, `${t} of the ${o}`, `${t} ${o}`, ...role.aliases].map(foldOfficeText));
  roleFormsCache.set(role, forms);
  return forms;
}

function foldRoleQuery(text: string): string {
  return foldOfficeText(text);
}

/**
 * An office folded for comparison, without any "the": "Chair of NATO's Military Committee" and
 * "Chair of the NATO Military Committee" are one office.
 */
function foldOfficeText(text: string): string {
  return foldRegisterText(text).replace(/\bthe\b/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The folded wordings of a role, and its folded bare title: what an office's folded text is compared with. */
export function foldedRoleForms(role: RegisterRole): { forms: Set<string>; title: string } {
  let title = foldedTitles.get(role);
  if (title === undefined) {
    title = foldOfficeText(role.title);
    foldedTitles.set(role, title);
  }
  return { forms: roleForms(role), title };
}
const foldedTitles = new WeakMap<RegisterRole, string>();

/** An office's text folded for comparison, without a leading article. */
export function foldOffice(text: string): string {
  return foldRoleQuery(text);
}

/** True where `roleText` names `role` ("NATO Secretary General", "the Polish President"). */
export function roleMatches(role: RegisterRole, roleText: string): boolean {
  return roleForms(role).has(foldRoleQuery(roleText));
}

/** True where `role`'s tenure overlaps `date` (a full or partial date). */
export function heldOn(role: RegisterRole, date: string): boolean {
  const when = dateBounds(date);
  if (!when) return false;
  const tenure = tenureBounds(role);
  return when.first <= tenure.last && when.last >= tenure.first;
}

/** Every wording of every office in the register, as written (for finding them in text). */
export function officeWordings(register: Register): string[] {
  const out = new Set<string>();
  for (const person of register.people) {
    for (const role of person.roles) {
      out.add(role.title);
      out.add(`${role.organization} ${role.title}`);
      out.add(`${role.title} of ${role.organization}`);
      out.add(`${role.title} of the ${role.organization}`);
      for (const alias of role.aliases) out.add(alias);
    }
  }
  return [...out];
}

// ---------------------------------------------------------------------------------------------
// Queries

/** The roles `person` held on `date` (a `YYYY-MM-DD`, `YYYY-MM` or `YYYY` date; partial dates match any overlap). */
export function rolesOn(person: RegisterPerson, date: string): RegisterRole[] {
  const when = dateBounds(date);
  if (!when) return [];
  return person.roles.filter((role) => {
    const tenure = tenureBounds(role);
    return when.first <= tenure.last && when.last >= tenure.first;
  });
}

/**
 * The people who held the office `roleText` names on `date`. The office matches a role by its
 * title and organisation ("Secretary General of NATO", "NATO Secretary General") or by one of the
 * role's aliases ("Polish President"), ignoring case, diacritics and a leading "the". A partial
 * date matches every tenure that overlaps it ("2024" finds both NATO Secretaries General of 2024).
 * On a day when one holder hands over to the next (the one's `end` is the other's `start`), only
 * the incoming holder is returned. Returns people in register order; none for an invalid date.
 */
export function holdersOf(register: Register, roleText: string, date: string): RegisterPerson[] {
  const when = dateBounds(date);
  const query = foldRoleQuery(roleText);
  if (!when || query === '') return [];
  const found: { person: RegisterPerson; role: RegisterRole }[] = [];
  for (const person of register.people) {
    for (const role of person.roles) {
      if (!roleForms(role).has(query)) continue;
      const tenure = tenureBounds(role);
      if (when.first <= tenure.last && when.last >= tenure.first) {
        found.push({ person, role });
        break;
      }
    }
  }
  let kept = found;
  if (when.precision === 'day' && found.length > 1) {
    const incoming = found.some((f) => f.role.start !== null && dateBounds(f.role.start)?.first === when.first);
    if (incoming) kept = found.filter((f) => f.role.end === null || dateBounds(f.role.end)?.precision !== 'day' || dateBounds(f.role.end)?.first !== when.first);
  }
  return kept.map((f) => f.person);
}

/**
 * Every person whose name or alias is `nameOrAlias` (folded: no case or diacritics). Where no name
 * or alias matches, a single word is also looked for as the last word of the canonical names
 * (the surname).
 */
export function findPeople(register: Register, nameOrAlias: string): RegisterPerson[] {
  const query = foldRegisterText(nameOrAlias);
  if (query === '') return [];
  const byName = register.people.filter((p) => personForms(p).name === query);
  if (byName.length > 0) return byName;
  const byAlias = register.people.filter((p) => personForms(p).aliases.has(query));
  if (byAlias.length > 0) return byAlias;
  if (query.includes(' ')) return [];
  return register.people.filter((p) => personForms(p).surname === query);
}

/** A person's folded name, aliases and surname (the last word of the name), computed once per entry. */
const personFormsCache = new WeakMap<RegisterPerson, { name: string; aliases: Set<string>; surname: string }>();
function personForms(person: RegisterPerson): { name: string; aliases: Set<string>; surname: string } {
  let forms = personFormsCache.get(person);
  if (!forms) {
    const name = foldRegisterText(person.name);
    forms = { name, aliases: new Set(person.aliases.map(foldRegisterText)), surname: name.split(' ').pop() ?? name };
    personFormsCache.set(person, forms);
  }
  return forms;
}

/**
 * The person `nameOrAlias` names: by canonical name, else by alias (surname-only aliases
 * included), else by surname. Undefined where none matches, or where the match is ambiguous (two
 * people share the alias); {@link findPeople} lists them all.
 */
export function findPerson(register: Register, nameOrAlias: string): RegisterPerson | undefined {
  const people = findPeople(register, nameOrAlias);
  return people.length === 1 ? people[0] : undefined;
}

/**
 * Several registers as one, in order of precedence from lowest to highest (the starter register
 * first, the user's, then the workspace's files). A person whose `id` appears again is replaced by
 * the later entry, except that aliases are unioned (an earlier canonical name becomes an alias),
 * and the earlier roles, Wikidata item and notes are kept where the later entry gives none.
 * `asOf` is the latest of the registers' dates.
 */
export function mergeRegisters(list: Register[]): Register {
  const byId = new Map<string, RegisterPerson>();
  let asOf: string | null = null;
  const sources: string[] = [];
  for (const register of list) {
    sources.push(...register.sources);
    if (register.asOf !== null && (asOf === null || (dateBounds(register.asOf)?.last ?? 0) > (dateBounds(asOf)?.last ?? 0))) asOf = register.asOf;
    for (const person of register.people) {
      const before = byId.get(person.id);
      if (!before) {
        byId.set(person.id, { ...person, aliases: [...person.aliases], roles: [...person.roles] });
        continue;
      }
      const aliases = unionFolded([...person.aliases, ...(foldRegisterText(before.name) === foldRegisterText(person.name) ? [] : [before.name]), ...before.aliases], person.name);
      byId.set(person.id, {
        ...person,
        aliases,
        roles: person.roles.length > 0 ? [...person.roles] : [...before.roles],
        wikidata: person.wikidata ?? before.wikidata,
        notes: person.notes ?? before.notes,
        origin: person.origin ?? before.origin,
      });
    }
  }
  return { version: 1, asOf, people: [...byId.values()], sources };
}

/** `names` without repeats (by folded form), and without `except`. */
export function unionFolded(names: string[], except?: string): string[] {
  const seen = new Set<string>(except === undefined ? [] : [foldRegisterText(except)]);
  const out: string[] = [];
  for (const name of names) {
    const key = foldRegisterText(name);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// A tolerant JSON parser that keeps offsets

type JsonNode =
  | { kind: 'object'; span: Span; properties: JsonProperty[] }
  | { kind: 'array'; span: Span; items: JsonNode[] }
  | { kind: 'string'; span: Span; value: string }
  | { kind: 'number'; span: Span; value: number }
  | { kind: 'boolean'; span: Span; value: boolean }
  | { kind: 'null'; span: Span };

interface JsonProperty {
  key: string;
  keySpan: Span;
  /** Missing where the text breaks off or has no value after the colon. */
  value: JsonNode | undefined;
}

interface JsonSyntaxError {
  message: string;
  span: Span;
}

type TokenKind = '{' | '}' | '[' | ']' | ':' | ',' | 'string' | 'number' | 'literal' | 'invalid' | 'eof';
interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** For strings: the decoded value; for literals: the word. */
  text?: string;
}

/** Reads JSON text into nodes with offsets, recovering from errors the way an editor would. */
class JsonReader {
  private pos = 0;
  private token: Token = { kind: 'eof', start: 0, end: 0 };
  readonly errors: JsonSyntaxError[] = [];

  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.next();
  }

  /** The document's value, or undefined where there is none. */
  read(): JsonNode | undefined {
    if (this.tok().kind === 'eof') {
      this.error('The file is empty: expected a JSON object.', this.tok().start, this.tok().end);
      return undefined;
    }
    const value = this.value();
    if (this.tok().kind !== 'eof') {
      this.error('Expected the end of the file after the top-level value.', this.tok().start, this.tok().end);
    }
    return value;
  }

  /** The current token (a method, so that type narrowing does not outlive {@link next}). */
  private tok(): Token {
    return this.token;
  }

  private error(message: string, start: number, end: number): void {
    // One error per place is enough: recovery can report the same spot twice.
    const last = this.errors[this.errors.length - 1];
    if (last && last.span.start === start) return;
    // Never past the end of the text: an unfinished escape at the very end still gets a place.
    const length = this.text.length;
    const from = Math.min(Math.max(start, 0), length);
    this.errors.push({ message, span: { start: from, end: Math.min(Math.max(end, from), length) } });
  }

  private value(): JsonNode | undefined {
    const t = this.tok();
    switch (t.kind) {
      case '{':
        return this.object();
      case '[':
        return this.array();
      case 'string':
        this.next();
        return { kind: 'string', span: { start: t.start, end: t.end }, value: t.text ?? '' };
      case 'number': {
        this.next();
        return { kind: 'number', span: { start: t.start, end: t.end }, value: Number(this.text.slice(t.start, t.end)) };
      }
      case 'literal': {
        this.next();
        const span = { start: t.start, end: t.end };
        if (t.text === 'true' || t.text === 'false') return { kind: 'boolean', span, value: t.text === 'true' };
        return { kind: 'null', span };
      }
      case 'invalid':
        this.error(`Unexpected "${this.text.slice(t.start, Math.min(t.end, t.start + 20))}": expected a value (a string in double quotes, a number, true, false, null, an object or an array).`, t.start, t.end);
        this.next();
        return undefined;
      default:
        this.error('Expected a value.', t.start, t.end);
        return undefined;
    }
  }

  private object(): JsonNode {
    const open = this.tok();
    this.next();
    const properties: JsonProperty[] = [];
    for (;;) {
      const t = this.tok();
      if (t.kind === '}') {
        this.next();
        return { kind: 'object', span: { start: open.start, end: t.end }, properties };
      }
      if (t.kind === 'eof' || t.kind === ']') {
        this.error('Expected "}" to close the object opened here.', open.start, open.end);
        return { kind: 'object', span: { start: open.start, end: t.start }, properties };
      }
      if (t.kind === ',') {
        this.error('Unexpected comma: expected a property name in double quotes.', t.start, t.end);
        this.next();
        continue;
      }
      if (t.kind !== 'string') {
        this.error('Expected a property name in double quotes.', t.start, t.end);
        this.next();
        continue;
      }
      const property: JsonProperty = { key: t.text ?? '', keySpan: { start: t.start, end: t.end }, value: undefined };
      properties.push(property);
      this.next();
      if (this.tok().kind === ':') this.next();
      else this.error('Expected ":" after the property name.', this.tok().start, this.tok().end);
      if (this.tok().kind !== ',' && this.tok().kind !== '}') property.value = this.value();
      else this.error('Expected a value after the property name.', this.tok().start, this.tok().end);
      const after = this.tok();
      if (after.kind === ',') {
        this.next();
        if (this.tok().kind === '}') this.error('Trailing comma: JSON allows no comma before "}".', after.start, after.end);
      } else if (after.kind === 'string') {
        this.error('Expected "," between properties.', after.start, after.start);
      } else if (after.kind !== '}' && after.kind !== 'eof' && after.kind !== ']') {
        this.error('Expected "," or "}" after the property value.', after.start, after.end);
        this.next();
      }
    }
  }

  private array(): JsonNode {
    const open = this.tok();
    this.next();
    const items: JsonNode[] = [];
    for (;;) {
      const t = this.tok();
      if (t.kind === ']') {
        this.next();
        return { kind: 'array', span: { start: open.start, end: t.end }, items };
      }
      if (t.kind === 'eof' || t.kind === '}') {
        this.error('Expected "]" to close the array opened here.', open.start, open.end);
        return { kind: 'array', span: { start: open.start, end: t.start }, items };
      }
      if (t.kind === ',') {
        this.error('Unexpected comma: expected a value.', t.start, t.end);
        this.next();
        continue;
      }
      const before = this.pos;
      const item = this.value();
      if (item) items.push(item);
      else if (this.pos === before && this.tok().kind !== ']' && this.tok().kind !== ',') this.next();
      const after = this.tok();
      if (after.kind === ',') {
        this.next();
        if (this.tok().kind === ']') this.error('Trailing comma: JSON allows no comma before "]".', after.start, after.end);
      } else if (after.kind === '{' || after.kind === '[' || after.kind === 'string' || after.kind === 'number' || after.kind === 'literal') {
        this.error('Expected "," between array items.', after.start, after.start);
      } else if (after.kind !== ']' && after.kind !== 'eof' && after.kind !== '}') {
        this.error('Expected "," or "]" after the array item.', after.start, after.end);
        this.next();
      }
    }
  }

  /** Moves to the next token, skipping white space (and reporting, then skipping, comments). */
  private next(): void {
    const text = this.text;
    for (;;) {
      while (this.pos < text.length && /\s/.test(text[this.pos])) this.pos++;
      if (text.startsWith('//', this.pos)) {
        const start = this.pos;
        while (this.pos < text.length && text[this.pos] !== '\n' && text[this.pos] !== '\r') this.pos++;
        this.error('Comments are not allowed in JSON.', start, this.pos);
        continue;
      }
      if (text.startsWith('/*', this.pos)) {
        const start = this.pos;
        const close = text.indexOf('*/', this.pos + 2);
        this.pos = close < 0 ? text.length : close + 2;
        this.error('Comments are not allowed in JSON.', start, this.pos);
        continue;
      }
      break;
    }
    const start = this.pos;
    if (start >= text.length) {
      this.token = { kind: 'eof', start: text.length, end: text.length };
      return;
    }
    const c = text[start];
    if ('{}[]:,'.includes(c)) {
      this.pos++;
      this.token = { kind: c as TokenKind, start, end: this.pos };
      return;
    }
    if (c === '"') {
      this.token = this.string();
      return;
    }
    const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    number.lastIndex = start;
    const word = /[^\s{}[\]:,"]+/y;
    word.lastIndex = start;
    const w = word.exec(text);
    const wordText = w ? w[0] : c;
    const n = number.exec(text);
    if (n && n[0].length === wordText.length) {
      this.pos = start + n[0].length;
      this.token = { kind: 'number', start, end: this.pos };
      return;
    }
    this.pos = start + wordText.length;
    if (wordText === 'true' || wordText === 'false' || wordText === 'null') {
      this.token = { kind: 'literal', start, end: this.pos, text: wordText };
      return;
    }
    this.token = { kind: 'invalid', start, end: this.pos };
  }

  private string(): Token {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    let value = '';
    for (;;) {
      if (i >= text.length || text[i] === '\n' || text[i] === '\r') {
        this.error('Unterminated string: expected a closing double quote.', start, i);
        this.pos = i;
        return { kind: 'string', start, end: i, text: value };
      }
      const c = text[i];
      if (c === '"') {
        this.pos = i + 1;
        return { kind: 'string', start, end: i + 1, text: value };
      }
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          value += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          this.error('Invalid escape in string.', i, i + 2);
          i += e === undefined ? 1 : 2;
        }
        continue;
      }
      if (c.charCodeAt(0) < 0x20) this.error('Control characters must be escaped in JSON strings.', i, i + 1);
      value += c;
      i++;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Validation

/** Offsets to lines and characters (line breaks: `\n`, `\r\n`, lone `\r`). */
class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
      if (c === 10 || c === 13) this.starts.push(i + 1);
    }
  }
  position(offset: number): RegisterPosition {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }
  range(span: Span): { start: RegisterPosition; end: RegisterPosition } {
    return { start: this.position(span.start), end: this.position(span.end) };
  }
}

type ObjectNode = Extract<JsonNode, { kind: 'object' }>;

const KIND_NAMES: Record<JsonNode['kind'], string> = { object: 'an object', array: 'an array', string: 'a string', number: 'a number', boolean: 'true or false', null: 'null' };
const DATE_FORMS = 'YYYY-MM-DD, YYYY-MM or YYYY';

/** Collects problems for one file. */
class Checker {
  readonly problems: RegisterProblem[] = [];
  private readonly lines: LineIndex;

  constructor(text: string, private readonly source: string) {
    this.lines = new LineIndex(text);
  }

  report(code: RegisterProblemCode, severity: Severity, span: Span, path: string, message: string, related?: { span: Span; message: string }[]): void {
    this.problems.push({
      source: this.source,
      code,
      message,
      severity,
      span,
      range: this.lines.range(span),
      path,
      ...(related ? { related: related.map((r) => ({ ...r, range: this.lines.range(r.span) })) } : {}),
    });
  }

  /** The object's properties by key, reporting duplicated and unknown keys. */
  fields(node: ObjectNode, path: string, known: readonly string[], what: string): Map<string, JsonProperty> {
    const map = new Map<string, JsonProperty>();
    for (const property of node.properties) {
      const at = path === '' ? property.key : `${path}.${property.key}`;
      if (map.has(property.key)) {
        this.report('register.duplicate-key', 'warning', property.keySpan, at, `"${property.key}" is given twice in ${what}; the last one is used.`);
      }
      if (!known.includes(property.key)) {
        const near = property.key.length < 4 ? undefined : known.find((k) => editDistance(k.toLowerCase(), property.key.toLowerCase()) <= 2);
        const hint = near ? ` Did you mean "${near}"?` : ` Known keys: ${known.filter((k) => !k.startsWith('$')).join(', ')}.`;
        this.report('register.unknown-key', 'warning', property.keySpan, at, `Unknown key "${property.key}" in ${what} (it is ignored).${hint}`);
        continue;
      }
      map.set(property.key, property);
    }
    return map;
  }

  /** A required, non-empty string field; reports and returns undefined where it is missing or wrong. */
  requiredString(node: ObjectNode, fields: Map<string, JsonProperty>, key: string, path: string, what: string): string | undefined {
    const property = fields.get(key);
    if (!property) {
      this.report('register.missing', 'error', { start: node.span.start, end: node.span.start + 1 }, `${path}.${key}`, `Missing "${key}" in ${what}: it is required (the ${what.startsWith('role') ? 'role' : 'entry'} is skipped).`);
      return undefined;
    }
    return this.string(property, `${path}.${key}`, what, 'error', true);
  }

  /** An optional string field's value; reports (with `severity`) and returns undefined where it is not a string. */
  string(property: JsonProperty, path: string, what: string, severity: Severity, nonEmpty = false): string | undefined {
    const value = property.value;
    if (!value) return undefined;
    if (value.kind !== 'string') {
      this.report('register.type', severity, value.span, path, `"${property.key}" in ${what} must be a string, not ${KIND_NAMES[value.kind]}.`);
      return undefined;
    }
    if (nonEmpty && value.value.trim() === '') {
      this.report('register.value', severity, value.span, path, `"${property.key}" in ${what} must not be empty.`);
      return undefined;
    }
    return value.value;
  }

  /** A list of names; bad items are reported and dropped. */
  names(property: JsonProperty | undefined, path: string, what: string): string[] {
    if (!property || !property.value) return [];
    const value = property.value;
    if (value.kind !== 'array') {
      this.report('register.type', 'error', value.span, path, `"${property.key}" in ${what} must be an array of strings, not ${KIND_NAMES[value.kind]}.`);
      return [];
    }
    const out: string[] = [];
    value.items.forEach((item, i) => {
      if (item.kind !== 'string' || item.value.trim() === '') {
        this.report('register.type', 'error', item.span, `${path}[${i}]`, `Each of "${property.key}" in ${what} must be a non-empty string${item.kind === 'string' ? '' : `, not ${KIND_NAMES[item.kind]}`} (it is ignored).`);
      } else {
        out.push(item.value.trim());
      }
    });
    return unionFolded(out);
  }

  /** A date field: undefined where absent, null where null (if allowed), false where invalid (reported). */
  date(property: JsonProperty | undefined, path: string, what: string, nullable: boolean): string | null | undefined | false {
    if (!property || !property.value) return undefined;
    const value = property.value;
    if (value.kind === 'null' && nullable) return null;
    if (value.kind !== 'string') {
      this.report('register.type', 'error', value.span, path, `"${property.key}" in ${what} must be a date string (${DATE_FORMS})${nullable ? ' or null' : ''}, not ${KIND_NAMES[value.kind]}.`);
      return false;
    }
    if (!isRegisterDate(value.value)) {
      const shape = REGISTER_DATE_PATTERN.test(value.value);
      this.report('register.date', 'error', value.span, path, shape
        ? `"${property.key}" in ${what} is not a calendar date: "${value.value}" does not exist.`
        : `"${property.key}" in ${what} must be written ${DATE_FORMS}, not "${value.value}".`);
      return false;
    }
    return value.value;
  }
}

/** The Levenshtein distance between two short strings (for "did you mean" hints). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** A short description of a person entry for messages: its name, else its id, else its index. */
function describePerson(node: ObjectNode, index: number): string {
  const name = node.properties.find((p) => p.key === 'name')?.value;
  if (name?.kind === 'string' && name.value.trim() !== '') return `the entry for ${name.value.trim()}`;
  const id = node.properties.find((p) => p.key === 'id')?.value;
  if (id?.kind === 'string' && id.value.trim() !== '') return `the entry "${id.value.trim()}"`;
  return `person ${index + 1}`;
}

function readRole(checker: Checker, node: JsonNode, path: string, whose: string, index: number): RegisterRole | undefined {
  const what = `role ${index + 1} of ${whose}`;
  if (node.kind !== 'object') {
    checker.report('register.type', 'error', node.span, path, `Each role of ${whose} must be an object, not ${KIND_NAMES[node.kind]} (it is skipped).`);
    return undefined;
  }
  const fields = checker.fields(node, path, REGISTER_KEYS.role.known, what);
  const title = checker.requiredString(node, fields, 'title', path, what);
  const organization = checker.requiredString(node, fields, 'organization', path, what);
  const aliases = checker.names(fields.get('aliases'), `${path}.aliases`, what);
  const start = checker.date(fields.get('start'), `${path}.start`, what, false);
  const end = checker.date(fields.get('end'), `${path}.end`, what, true);
  const sourceProperty = fields.get('source');
  const source = sourceProperty ? checker.string(sourceProperty, `${path}.source`, what, 'warning') : undefined;
  const notesProperty = fields.get('notes');
  const notes = notesProperty ? checker.string(notesProperty, `${path}.notes`, what, 'warning') : undefined;
  if (title === undefined || organization === undefined || start === false || end === false) return undefined;
  if (typeof start === 'string' && typeof end === 'string') {
    const s = dateBounds(start);
    const e = dateBounds(end);
    if (s && e && e.last < s.first) {
      const endValue = fields.get('end')?.value;
      checker.report('register.end-before-start', 'error', endValue ? endValue.span : node.span, `${path}.end`, `"end" (${end}) is before "start" (${start}) in ${what} (the role is skipped).`);
      return undefined;
    }
  }
  const role: RegisterRole = { title: title.trim(), organization: organization.trim(), aliases, start: start ?? null, end: end ?? null, span: node.span };
  if (source !== undefined) role.source = source;
  if (notes !== undefined) role.notes = notes;
  return role;
}

function readPerson(checker: Checker, node: JsonNode, path: string, index: number): RegisterPerson | undefined {
  if (node.kind !== 'object') {
    checker.report('register.type', 'error', node.span, path, `Each of "people" must be an object, not ${KIND_NAMES[node.kind]} (it is skipped).`);
    return undefined;
  }
  const what = describePerson(node, index);
  const fields = checker.fields(node, path, REGISTER_KEYS.person.known, what);
  let id = checker.requiredString(node, fields, 'id', path, what);
  if (id !== undefined && !REGISTER_ID_PATTERN.test(id)) {
    const value = fields.get('id')?.value;
    checker.report('register.value', 'error', value ? value.span : node.span, `${path}.id`, `"id" of ${what} must be lower-case letters and digits joined by "-", "_" or "." (like "mark-rutte"), not "${id}" (the entry is skipped).`);
    id = undefined;
  }
  const name = checker.requiredString(node, fields, 'name', path, what);
  const aliases = checker.names(fields.get('aliases'), `${path}.aliases`, what);
  let wikidata: string | undefined;
  const wikidataProperty = fields.get('wikidata');
  if (wikidataProperty) {
    wikidata = checker.string(wikidataProperty, `${path}.wikidata`, what, 'warning');
    if (wikidata !== undefined && !WIKIDATA_PATTERN.test(wikidata)) {
      checker.report('register.value', 'warning', wikidataProperty.value?.span ?? wikidataProperty.keySpan, `${path}.wikidata`, `"wikidata" of ${what} must be a Wikidata item like "Q57792", not "${wikidata}" (it is ignored).`);
      wikidata = undefined;
    }
  }
  const notesProperty = fields.get('notes');
  const notes = notesProperty ? checker.string(notesProperty, `${path}.notes`, what, 'warning') : undefined;
  const roles: RegisterRole[] = [];
  const rolesProperty = fields.get('roles');
  if (rolesProperty?.value) {
    const value = rolesProperty.value;
    if (value.kind !== 'array') {
      checker.report('register.type', 'error', value.span, `${path}.roles`, `"roles" of ${what} must be an array of roles, not ${KIND_NAMES[value.kind]}.`);
    } else {
      value.items.forEach((item, i) => {
        const role = readRole(checker, item, `${path}.roles[${i}]`, name?.trim() ?? what, i);
        if (role) roles.push(role);
      });
    }
  }
  if (id === undefined || name === undefined) return undefined;
  const person: RegisterPerson = { id, name: name.trim(), aliases: unionFolded(aliases, name), roles, origin: { source: '', span: node.span } };
  if (wikidata !== undefined) person.wikidata = wikidata;
  if (notes !== undefined) person.notes = notes;
  return person;
}

/**
 * Reads a register file. Never throws: JSON syntax errors and entries that break the format come
 * back as problems (each naming the field, with its place in `jsonText`), and the register holds
 * every sound entry. An invalid person (no id or name, a repeated id) or role (no title or
 * organisation, a bad date, an end before its start) is skipped; an unknown key, a bad alias or
 * Wikidata item is reported and ignored. `source` names the file in problems and in the entries'
 * `origin`.
 */
export function parseRegister(jsonText: string, source: string): { register: Register; problems: RegisterProblem[] } {
  const checker = new Checker(jsonText, source);
  const register = emptyRegister(source);
  const reader = new JsonReader(jsonText);
  const root = reader.read();
  for (const e of reader.errors) checker.report('register.syntax', 'error', e.span, '', e.message);
  if (!root) return { register, problems: checker.problems };
  if (root.kind !== 'object') {
    checker.report('register.type', 'error', root.span, '', `A register must be a JSON object with "version" and "people", not ${KIND_NAMES[root.kind]}.`);
    return { register, problems: checker.problems };
  }
  const what = 'the register';
  const fields = checker.fields(root, '', REGISTER_KEYS.register.known, what);

  const version = fields.get('version');
  if (!version) {
    checker.report('register.missing', 'warning', { start: root.span.start, end: root.span.start + 1 }, 'version', 'Missing "version": add "version": 1 (read as version 1).');
  } else if (version.value && !(version.value.kind === 'number' && version.value.value === 1)) {
    checker.report('register.version', 'warning', version.value.span, 'version', `"version" must be 1; this version of Attaché reads version 1 and tries the file as that.`);
  }
  const asOf = checker.date(fields.get('asOf'), 'asOf', what, false);
  if (typeof asOf === 'string') register.asOf = asOf;
  const schemaProperty = fields.get('$schema');
  if (schemaProperty) checker.string(schemaProperty, '$schema', what, 'warning');

  const people = fields.get('people');
  if (!people) {
    checker.report('register.missing', 'error', { start: root.span.start, end: root.span.start + 1 }, 'people', 'Missing "people": the register needs an array of people.');
    return { register, problems: checker.problems };
  }
  if (!people.value) return { register, problems: checker.problems };
  if (people.value.kind !== 'array') {
    checker.report('register.type', 'error', people.value.span, 'people', `"people" must be an array of people, not ${KIND_NAMES[people.value.kind]}.`);
    return { register, problems: checker.problems };
  }
  const firstById = new Map<string, { span: Span; name: string }>();
  people.value.items.forEach((item, i) => {
    const person = readPerson(checker, item, `people[${i}]`, i);
    if (!person) return;
    const idSpan = item.kind === 'object' ? item.properties.find((p) => p.key === 'id')?.value?.span ?? item.span : item.span;
    const first = firstById.get(person.id);
    if (first) {
      checker.report('register.duplicate-id', 'error', idSpan, `people[${i}].id`, `Duplicate id "${person.id}" (${person.name}): ids must be unique in a file; this entry is skipped.`, [{ span: first.span, message: `"${person.id}" is first used here (${first.name}).` }]);
      return;
    }
    firstById.set(person.id, { span: idSpan, name: person.name });
    person.origin = { source, span: item.span };
    register.people.push(person);
  });
  return { register, problems: checker.problems };
}
