/**
 * Edits to an officials register file, as workspace edits the editor applies and the user can see
 * and undo: a new person ("Add to the officials register"), a new alias ("Add alias"). The server
 * never writes a file itself.
 *
 * Each edit is computed on the file's text and keeps it valid JSON in the file's own style (its
 * indentation, line ends, and inline or one-per-line arrays). A file with JSON errors is not
 * touched: an insertion into text that does not parse could land anywhere.
 */
import type { TextDocumentEdit, TextEdit, WorkspaceEdit, CreateFile } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Official, Span } from '../core/model';
import { foldRegisterText, parseRegister, REGISTER_ID_PATTERN, roleMatches, unionFolded } from '../core/register';
import type { RegisterEditTarget } from './registerEntry';

/** A role as a new register entry gives it: the office, without dates (the user adds them). */
export interface RegisterRoleDraft {
  title: string;
  organization: string;
  /** The wording the text used, where the register would not otherwise recognise it. */
  aliases?: string[];
}

/** A person as a new register entry gives them. */
export interface RegisterEntryDraft {
  id: string;
  name: string;
  aliases?: string[];
  roles?: RegisterRoleDraft[];
}

/** Choices for the edits. */
export interface RegisterEditOptions {
  /** The `$schema` a new register file names; left out where not given (Attaché links `.attache/officials.json` to its schema itself). */
  schema?: string;
  /**
   * Whether the client can create files in a workspace edit (`workspace.workspaceEdit.resourceOperations`
   * includes "create"); where it cannot, no edit is offered for a register file that does not exist yet.
   */
  createFiles?: boolean;
}

/** One text change in a register file, in UTF-16 offsets of its text. */
export interface RegisterTextChange {
  span: Span;
  newText: string;
}

// ---------------------------------------------------------------------------------------------
// Entries

/** Folded forms without repeats, keeping the first spelling of each (trimmed); none folding like `except`. */
function distinct(names: string[], except?: string): string[] {
  return unionFolded(names.map((name) => name.trim()), except);
}

/** An id in the register's form for a name ("Kęstutis Budrys" → "kestutis-budrys"). */
export function registerIdFor(name: string): string {
  return foldRegisterText(name).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'person';
}

/**
 * The entry to propose for an official the register does not know: the file's id for them (made
 * unique against `taken`), the fullest name, the other written forms as aliases, and each office
 * the text ties to an organisation (a bare "President" cannot be written: the register needs the
 * organisation). No dates: the file does not say when a tenure began or ended.
 */
export function entryForOfficial(official: Official, taken: (id: string) => boolean = () => false): RegisterEntryDraft {
  const base = REGISTER_ID_PATTERN.test(official.id) ? official.id : registerIdFor(official.name);
  let id = base;
  for (let n = 2; taken(id); n++) id = `${base}-${n}`;
  const entry: RegisterEntryDraft = { id, name: official.name.trim() };
  const aliases = distinct(official.aliases, official.name);
  if (aliases.length > 0) entry.aliases = aliases;
  const roles: RegisterRoleDraft[] = [];
  for (const role of official.roles) {
    if (!role.organization || role.title.trim() === '') continue;
    const key = `${foldRegisterText(role.title)}|${foldRegisterText(role.organization)}`;
    const draft: RegisterRoleDraft = { title: role.title.trim(), organization: role.organization.trim() };
    const recognised = roleMatches({ ...draft, aliases: [], start: null, end: null }, role.text);
    const existing = roles.find((r) => `${foldRegisterText(r.title)}|${foldRegisterText(r.organization)}` === key);
    if (existing) {
      // Another wording of an office already listed ("Lithuanian Foreign Minister" beside "Foreign Minister of Lithuania").
      if (!recognised) existing.aliases = distinct([...(existing.aliases ?? []), role.text]);
      continue;
    }
    if (!recognised) draft.aliases = [role.text.trim()];
    roles.push(draft);
  }
  if (roles.length > 0) entry.roles = roles;
  return entry;
}

// ---------------------------------------------------------------------------------------------
// The file's JSON, with offsets

type JsonNode =
  | { kind: 'object'; span: Span; properties: JsonProperty[] }
  | { kind: 'array'; span: Span; items: JsonNode[] }
  | { kind: 'string'; span: Span; value: string }
  | { kind: 'other'; span: Span };

interface JsonProperty {
  key: string;
  keySpan: Span;
  value: JsonNode;
}

/**
 * Reads JSON that is known to be valid (parseRegister found no syntax error in it) into nodes with
 * offsets. Returns undefined on anything unexpected rather than guessing.
 */
function readJson(text: string): JsonNode | undefined {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const skip = (): void => {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
  };
  const string = (): { value: string; span: Span } | undefined => {
    const start = pos;
    // The text has passed the register's own JSON reader: escapes and control characters are sound.
    const m = /"(?:[^"\\]|\\.)*"/y;
    m.lastIndex = pos;
    const found = m.exec(text);
    if (!found) return undefined;
    let decoded: unknown;
    try {
      decoded = JSON.parse(found[0]);
    } catch {
      return undefined;
    }
    pos += found[0].length;
    return typeof decoded === 'string' ? { value: decoded, span: { start, end: pos } } : undefined;
  };
  const value = (depth: number): JsonNode | undefined => {
    if (depth > 64) return undefined;
    skip();
    const start = pos;
    const c = text[pos];
    if (c === '{') {
      pos++;
      const properties: JsonProperty[] = [];
      skip();
      if (text[pos] === '}') {
        pos++;
        return { kind: 'object', span: { start, end: pos }, properties };
      }
      for (;;) {
        skip();
        const key = string();
        if (!key) return undefined;
        skip();
        if (text[pos] !== ':') return undefined;
        pos++;
        const v = value(depth + 1);
        if (!v) return undefined;
        properties.push({ key: key.value, keySpan: key.span, value: v });
        skip();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] !== '}') return undefined;
        pos++;
        return { kind: 'object', span: { start, end: pos }, properties };
      }
    }
    if (c === '[') {
      pos++;
      const items: JsonNode[] = [];
      skip();
      if (text[pos] === ']') {
        pos++;
        return { kind: 'array', span: { start, end: pos }, items };
      }
      for (;;) {
        const v = value(depth + 1);
        if (!v) return undefined;
        items.push(v);
        skip();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] !== ']') return undefined;
        pos++;
        return { kind: 'array', span: { start, end: pos }, items };
      }
    }
    if (c === '"') {
      const s = string();
      return s ? { kind: 'string', span: s.span, value: s.value } : undefined;
    }
    const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
    literal.lastIndex = pos;
    const found = literal.exec(text);
    if (!found) return undefined;
    pos += found[0].length;
    return { kind: 'other', span: { start, end: pos } };
  };
  const root = value(0);
  skip();
  return root && pos === text.length ? root : undefined;
}

/** The file's top-level object, where the text is a register that can be edited safely. */
function editableRoot(text: string): Extract<JsonNode, { kind: 'object' }> | undefined {
  const { problems } = parseRegister(text, 'register');
  if (problems.some((p) => p.code === 'register.syntax')) return undefined;
  const root = readJson(text);
  return root?.kind === 'object' ? root : undefined;
}

function property(node: Extract<JsonNode, { kind: 'object' }>, key: string): JsonProperty | undefined {
  // The register reads the last of a repeated key.
  for (let i = node.properties.length - 1; i >= 0; i--) if (node.properties[i].key === key) return node.properties[i];
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The file's style

interface Style {
  eol: string;
  /** One level of indentation: a tab, or some spaces. */
  unit: string;
  /** Whether the file is written on one line. */
  compact: boolean;
}

function styleOf(text: string): Style {
  const eol = text.includes('\r\n') ? '\r\n' : text.includes('\n') ? '\n' : text.includes('\r') ? '\r' : '\n';
  const indents = text
    .split(/\r\n|\r|\n/)
    .map((line) => /^[ \t]+(?=\S)/.exec(line)?.[0])
    .filter((w): w is string => w !== undefined);
  let unit = '  ';
  if (indents.some((w) => w.startsWith('\t'))) unit = '\t';
  else if (indents.length > 0) unit = ' '.repeat(Math.min(...indents.map((w) => w.length)));
  return { eol, unit, compact: !/[\r\n]/.test(text.trim()) };
}

/** The white space before `offset` on its line, where nothing else precedes it there; else null. */
function ownLineIndent(text: string, offset: number): string | null {
  let i = offset;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i === 0 || text[i - 1] === '\n' || text[i - 1] === '\r' ? text.slice(i, offset) : null;
}

/** The white space at the start of the line that holds `offset`. */
function lineIndent(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? '';
}

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };

/** An array of strings, numbers and the like this short fits on one line, as the starter register writes aliases. */
const INLINE_ARRAY_WIDTH = 100;

/**
 * A value as JSON in the file's style: objects one property per line, arrays of plain values on
 * one line where short, `indent` being the indentation of the line the value starts on.
 */
function formatValue(value: JsonValue, indent: string, style: Style): string {
  if (style.compact) return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const plain = value.every((v) => v === null || typeof v !== 'object');
    const inline = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    if (plain && inline.length <= INLINE_ARRAY_WIDTH) return inline;
    const inner = indent + style.unit;
    return `[${style.eol}${value.map((v) => inner + formatValue(v, inner, style)).join(`,${style.eol}`)}${style.eol}${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter((e): e is [string, JsonValue] => e[1] !== undefined);
    if (entries.length === 0) return '{}';
    const inner = indent + style.unit;
    return `{${style.eol}${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatValue(v, inner, style)}`).join(`,${style.eol}`)}${style.eol}${indent}}`;
  }
  return JSON.stringify(value);
}

function entryValue(entry: RegisterEntryDraft): JsonValue {
  return {
    id: entry.id,
    name: entry.name,
    aliases: entry.aliases && entry.aliases.length > 0 ? entry.aliases : undefined,
    roles:
      entry.roles && entry.roles.length > 0
        ? entry.roles.map((r) => ({ title: r.title, organization: r.organization, aliases: r.aliases && r.aliases.length > 0 ? r.aliases : undefined }))
        : undefined,
  };
}

/** A whole register file holding `entries`. */
export function newRegisterText(entries: RegisterEntryDraft[], options: RegisterEditOptions = {}, style: Style = { eol: '\n', unit: '  ', compact: false }): string {
  const document: JsonValue = { $schema: options.schema, version: 1, people: entries.map(entryValue) };
  return `${formatValue(document, '', style)}${style.eol}`;
}

/**
 * Appends `value` to the array `array`, in the array's style: one item per line where its last
 * item stands on its own line, else inline.
 */
function appendToArray(text: string, array: Extract<JsonNode, { kind: 'array' }>, value: JsonValue, style: Style, ownerIndent: string): RegisterTextChange {
  const last = array.items[array.items.length - 1];
  if (last) {
    const indent = ownLineIndent(text, last.span.start);
    if (indent !== null && !style.compact) {
      return { span: { start: last.span.end, end: last.span.end }, newText: `,${style.eol}${indent}${formatValue(value, indent, style)}` };
    }
    // Inline arrays stay inline; an object spread over lines follows the owner's indentation.
    return { span: { start: last.span.end, end: last.span.end }, newText: `, ${formatValue(value, lineIndent(text, last.span.start), style)}` };
  }
  const inner = { start: array.span.start + 1, end: array.span.end - 1 };
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  if (!isObject || style.compact) return { span: inner, newText: style.compact ? JSON.stringify(value) : formatValue(value, ownerIndent, style) };
  const indent = ownerIndent + style.unit;
  return { span: inner, newText: `${style.eol}${indent}${formatValue(value, indent, style)}${style.eol}${ownerIndent}` };
}

/** Adds properties after the last one of an object (or into an empty object). */
function addProperties(text: string, node: Extract<JsonNode, { kind: 'object' }>, entries: [string, JsonValue][], style: Style): RegisterTextChange {
  const last = node.properties[node.properties.length - 1];
  if (last) {
    const indent = ownLineIndent(text, last.keySpan.start);
    if (indent !== null && !style.compact) {
      const added = entries.map(([k, v]) => `${indent}${JSON.stringify(k)}: ${formatValue(v, indent, style)}`).join(`,${style.eol}`);
      return { span: { start: last.value.span.end, end: last.value.span.end }, newText: `,${style.eol}${added}` };
    }
    const lineStart = lineIndent(text, last.keySpan.start);
    const added = entries.map(([k, v]) => `${JSON.stringify(k)}: ${formatValue(v, lineStart, style)}`).join(', ');
    return { span: { start: last.value.span.end, end: last.value.span.end }, newText: `, ${added}` };
  }
  const inner = { start: node.span.start + 1, end: node.span.end - 1 };
  if (style.compact) return { span: inner, newText: entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',') };
  const outer = lineIndent(text, node.span.start);
  const indent = outer + style.unit;
  const added = entries.map(([k, v]) => `${indent}${JSON.stringify(k)}: ${formatValue(v, indent, style)}`).join(`,${style.eol}`);
  return { span: inner, newText: `${style.eol}${added}${style.eol}${outer}` };
}

// ---------------------------------------------------------------------------------------------
// Text changes

/**
 * The change that adds a person to a register file's text: into its "people" array (after the
 * last entry, in the file's style), or a whole register where the text is empty. Null where the
 * text cannot be edited safely: JSON errors, a top level that is not an object, "people" that is
 * not an array.
 */
export function insertPerson(text: string, entry: RegisterEntryDraft, options: RegisterEditOptions = {}): RegisterTextChange | null {
  if (text.trim() === '') return { span: { start: 0, end: text.length }, newText: newRegisterText([entry], options, { ...styleOf(text), compact: false }) };
  const root = editableRoot(text);
  if (!root) return null;
  const style = styleOf(text);
  const people = property(root, 'people');
  if (!people) {
    const added: [string, JsonValue][] = [];
    if (!property(root, 'version')) added.push(['version', 1]);
    added.push(['people', [entryValue(entry)]]);
    return addProperties(text, root, added, style);
  }
  if (people.value.kind !== 'array') return null;
  return appendToArray(text, people.value, entryValue(entry), style, lineIndent(text, people.keySpan.start));
}

/** The first entry of the "people" array with this id (the register keeps the first of a repeated id). */
function entryNode(root: Extract<JsonNode, { kind: 'object' }>, id: string): Extract<JsonNode, { kind: 'object' }> | undefined {
  const people = property(root, 'people');
  if (people?.value.kind !== 'array') return undefined;
  for (const item of people.value.items) {
    if (item.kind !== 'object') continue;
    const value = property(item, 'id')?.value;
    if (value?.kind === 'string' && value.value.trim() === id) return item;
  }
  return undefined;
}

/**
 * The change that adds `alias` to the person `id` of a register file's text: into the entry's
 * "aliases" (added after its "name" where it has none), or, where the file has no entry with that
 * id, a new entry with the id, the name and the alias alone (the register merges entries by id and
 * unions their aliases, so the person's other fields still come from the register that has them).
 * Null where the text cannot be edited safely.
 */
export function insertAlias(text: string, person: { id: string; name: string }, alias: string, options: RegisterEditOptions = {}): RegisterTextChange | null {
  const root = text.trim() === '' ? undefined : editableRoot(text);
  const entry = root ? entryNode(root, person.id) : undefined;
  if (!entry) return insertPerson(text, { id: person.id, name: person.name, aliases: [alias] }, options);
  const style = styleOf(text);
  const aliases = property(entry, 'aliases');
  if (aliases) {
    if (aliases.value.kind !== 'array') return null;
    return appendToArray(text, aliases.value, alias, style, lineIndent(text, aliases.keySpan.start));
  }
  // After "name", where the register's own files put aliases.
  const anchor = property(entry, 'name') ?? property(entry, 'id');
  if (!anchor) return null;
  const indent = ownLineIndent(text, anchor.keySpan.start);
  const at = anchor.value.span.end;
  const newText = indent !== null && !style.compact ? `,${style.eol}${indent}"aliases": ${formatValue([alias], indent, style)}` : `, "aliases": ${JSON.stringify([alias])}`;
  return { span: { start: at, end: at }, newText };
}

// ---------------------------------------------------------------------------------------------
// Workspace edits

/**
 * A text change as a workspace edit on the register file; where the file does not exist yet, a
 * CreateFile first (which the client refuses, and with it the whole edit, should the file exist
 * after all: the text was computed for an empty file).
 */
function workspaceEdit(target: RegisterEditTarget, change: RegisterTextChange): WorkspaceEdit {
  const text = target.text ?? '';
  const doc = TextDocument.create(target.uri, 'json', 0, text);
  const edit: TextEdit = { range: { start: doc.positionAt(change.span.start), end: doc.positionAt(change.span.end) }, newText: change.newText };
  const documentEdit: TextDocumentEdit = { textDocument: { uri: target.uri, version: target.text === null ? null : (target.version ?? null) }, edits: [edit] };
  if (target.text !== null) return { documentChanges: [documentEdit] };
  const create: CreateFile = { kind: 'create', uri: target.uri };
  return { documentChanges: [create, documentEdit] };
}

/** The workspace edit that adds a person to the register file (creating the file where needed); null where it cannot be edited safely. */
export function addPersonEdit(target: RegisterEditTarget, entry: RegisterEntryDraft, options: RegisterEditOptions = {}): WorkspaceEdit | null {
  if (target.text === null && options.createFiles === false) return null;
  const change = insertPerson(target.text ?? '', entry, options);
  return change ? workspaceEdit(target, change) : null;
}

/** The workspace edit that adds an alias to a person in the register file (creating the file where needed); null where it cannot be edited safely. */
export function addAliasEdit(target: RegisterEditTarget, person: { id: string; name: string }, alias: string, options: RegisterEditOptions = {}): WorkspaceEdit | null {
  if (target.text === null && options.createFiles === false) return null;
  const change = insertAlias(target.text ?? '', person, alias, options);
  return change ? workspaceEdit(target, change) : null;
}

/** The ids of the entries a register file's text holds (for keeping a new id unique). */
export function registerIdsIn(text: string | null): Set<string> {
  if (text === null || text.trim() === '') return new Set();
  return new Set(parseRegister(text, 'register').register.people.map((p) => p.id));
}
