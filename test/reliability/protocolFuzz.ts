/**
 * Protocol fuzzing against the real server process (`dist/server.js --stdio`): random sequences
 * of open, change (full and incremental, at the end of the file, across lines, into a surrogate
 * pair or a CRLF), close, and every request the server offers, with valid and out-of-range
 * positions, unknown URIs, wrong versions and malformed parameters.
 *
 * The client keeps its own copy of each document, updated exactly as the server's `TextDocuments`
 * updates its own, and checks every answer against it: a result or a proper JSON-RPC error, every
 * range inside the document and on UTF-16 boundaries, document symbols whose selection lies inside
 * their range, semantic tokens on one line each, rename edits that do not overlap. A request that
 * is well-formed must not make the server log a failure.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { CancellationTokenSource, ResponseError, type ClientCapabilities, type TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CAPABILITIES, TestClient } from '../protocol/client';
import { DATE_SYMBOL_KIND, RELEASE_SYMBOL_KIND } from '../../server/src/features/outline';
import { documentText, insertion, releaseText, TRICKY } from './arbitraries';
import { corpus } from './engineProperties';

// ---------------------------------------------------------------------------------------------
// Operations

/** A position described relative to the document it is used on, so that one op fits any text. */
export type PositionSpec =
  | { kind: 'valid'; line: number; column: number }
  | { kind: 'end' }
  | { kind: 'lineEnd'; line: number }
  | { kind: 'pastLine'; line: number; extra: number }
  | { kind: 'pastEnd'; extra: number }
  | { kind: 'huge' }
  | { kind: 'negative' }
  | { kind: 'insideSurrogate'; which: number }
  | { kind: 'insideCrlf'; which: number };

/** Which version a change carries: the right one, or wrong on purpose. */
export type VersionSpec = 'next' | 'same' | 'older' | 'jump' | 'missing';

/** The URIs a sequence works on: three documents, one never opened, one odd. */
export type DocSpec = 0 | 1 | 2 | 'unknown';

export type Op =
  | { op: 'open'; doc: DocSpec; languageId: string; text: string }
  | { op: 'changeFull'; doc: DocSpec; text: string; version: VersionSpec }
  | { op: 'changeIncremental'; doc: DocSpec; edits: { start: PositionSpec; end: PositionSpec; text: string }[]; version: VersionSpec }
  | { op: 'close'; doc: DocSpec }
  | { op: 'request'; method: string; doc: DocSpec; at: PositionSpec; to: PositionSpec; newName: string; cancel: boolean }
  | { op: 'workspaceSymbol'; query: string }
  | { op: 'registerEntry'; id: unknown }
  | { op: 'malformed'; method: string; params: unknown }
  | { op: 'burst'; doc: DocSpec; count: number };

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

const positionSpec: fc.Arbitrary<PositionSpec> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('valid' as const), line: fraction, column: fraction }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('end' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('lineEnd' as const), line: fraction }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pastLine' as const), line: fraction, extra: fc.integer({ min: 1, max: 500 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pastEnd' as const), extra: fc.integer({ min: 1, max: 1000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('huge' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('negative' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insideSurrogate' as const), which: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insideCrlf' as const), which: fc.nat() }) },
);

const docSpec: fc.Arbitrary<DocSpec> = fc.oneof({ weight: 6, arbitrary: fc.constantFrom<DocSpec>(0, 1, 2) }, { weight: 1, arbitrary: fc.constant<DocSpec>('unknown') });
const versionSpec: fc.Arbitrary<VersionSpec> = fc.oneof({ weight: 12, arbitrary: fc.constant<VersionSpec>('next') }, { weight: 1, arbitrary: fc.constantFrom<VersionSpec>('same', 'older', 'jump', 'missing') });

/** Every request the server offers over one document. */
export const DOCUMENT_REQUESTS = [
  'textDocument/documentSymbol',
  'textDocument/foldingRange',
  'textDocument/hover',
  'textDocument/definition',
  'textDocument/references',
  'textDocument/documentHighlight',
  'textDocument/prepareRename',
  'textDocument/rename',
  'textDocument/codeAction',
  'textDocument/semanticTokens/full',
  'textDocument/semanticTokens/range',
  'attache/annotations',
  'textDocument/inlayHint',
] as const;

/** Ids for `attache/registerEntry`: people of the starter register, and ids no register has. */
const REGISTER_IDS: unknown[] = ['mark-rutte', 'jens-stoltenberg', 'ursula-von-der-leyen', 'kaja-kallas', 'nobody-at-all', '', 'MARK-RUTTE', '../../etc/passwd', 42, null];

function openText(): fc.Arbitrary<string> {
  const texts = corpus().map((c) => c.text);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...texts) },
    { weight: 3, arbitrary: documentText },
    { weight: 1, arbitrary: fc.constantFrom('', '\n', '\r\n', '\r', 'Title\n\nSource: NATO\n\n', 'Title\r\n\r\nSource: NATO\r\n\r\nMr Mark Rutte met Ms Kaja Kallas on 3 March 2025.') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  );
}

const newName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('Mark Rutten', 'Rutten', 'Kaja Kallas-Ilves', 'Marc\u00a0Rutte', 'Ž', 'Mark 🇳🇱 Rutte') },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n', 'a\r\nb', '\ud83d') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** One operation. */
export function opArbitrary(): fc.Arbitrary<Op> {
  const edits = fc.array(
    fc.record({ start: positionSpec, end: positionSpec, text: fc.oneof({ weight: 4, arbitrary: insertion }, { weight: 1, arbitrary: fc.constant('') }, { weight: 1, arbitrary: releaseText.map((r) => `\n\n${r}\n\n`) }) }),
    { minLength: 1, maxLength: 4 },
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constant('open' as const), doc: fc.constantFrom<DocSpec>(0, 1, 2), languageId: fc.constantFrom('diplomatic', 'diplomatic', 'plaintext', 'markdown'), text: openText() }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('changeFull' as const), doc: docSpec, text: openText(), version: versionSpec }) },
    { weight: 6, arbitrary: fc.record({ op: fc.constant('changeIncremental' as const), doc: docSpec, edits, version: versionSpec }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('close' as const), doc: docSpec }) },
    {
      weight: 14,
      arbitrary: fc.record({ op: fc.constant('request' as const), method: fc.constantFrom(...DOCUMENT_REQUESTS), doc: docSpec, at: positionSpec, to: positionSpec, newName, cancel: fc.constant(false) }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('request' as const), method: fc.constantFrom(...DOCUMENT_REQUESTS), doc: docSpec, at: positionSpec, to: positionSpec, newName, cancel: fc.constant(true) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('registerEntry' as const), id: fc.constantFrom(...REGISTER_IDS) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('workspaceSymbol' as const), query: fc.oneof(fc.constantFrom('', 'rutte', 'Kallas', 'nato', 'ž', '🇺🇦', '.*', 'a'.repeat(300)), fc.string({ maxLength: 6 })) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('malformed' as const),
        method: fc.constantFrom(...DOCUMENT_REQUESTS, 'workspace/symbol', 'attache/registerEntry', 'textDocument/completion', 'attache/nothing'),
        params: fc.constantFrom<unknown>({}, null, [], 42, 'text', { textDocument: {} }, { textDocument: { uri: 42 } }, { textDocument: { uri: 'file:///x' }, position: { line: 'a', character: null } }, { uri: null }, { textDocument: { uri: 'file:///x' }, range: null }, { query: 42 }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('burst' as const), doc: docSpec, count: fc.integer({ min: 2, max: 12 }) }) },
  );
}

/** A sequence: an open to start with (so that most requests meet a document), then random operations. */
export function sequenceArbitrary(maxLength = 40): fc.Arbitrary<Op[]> {
  return fc
    .tuple(fc.record({ op: fc.constant('open' as const), doc: fc.constant<DocSpec>(0), languageId: fc.constant('diplomatic'), text: openText() }), fc.array(opArbitrary(), { minLength: 2, maxLength, size: 'max' }))
    .map(([first, rest]) => [first, ...rest]);
}

// ---------------------------------------------------------------------------------------------
// The client's copy of the documents

interface Mirror {
  doc: TextDocument;
}

/**
 * The text a client holds after changes, computed from offsets alone (a range's ends clamped to
 * the text, as `offsetAt` does), and a fresh document over it: the reference the server's copy
 * must match. (The library's own incremental update is not used here: it miscounts lines in the
 * cases `LineSafeTextDocument` in server.ts works around.)
 */
export function applyChanges(doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
  let current = doc;
  for (const change of changes) {
    let text: string;
    if ('range' in change && change.range) {
      const before = current.getText();
      const a = current.offsetAt(change.range.start);
      const b = current.offsetAt(change.range.end);
      text = before.slice(0, Math.min(a, b)) + change.text + before.slice(Math.max(a, b));
    } else {
      text = change.text;
    }
    current = TextDocument.create(doc.uri, doc.languageId, version, text);
  }
  return current;
}

/** Resolves a position spec against a document. */
export function resolvePosition(doc: TextDocument | undefined, spec: PositionSpec): { line: number; character: number } {
  const text = doc?.getText() ?? '';
  const lineCount = doc?.lineCount ?? 1;
  const lineLength = (line: number): number => {
    if (!doc) return 0;
    const start = doc.offsetAt({ line, character: 0 });
    const next = line + 1 < lineCount ? doc.offsetAt({ line: line + 1, character: 0 }) : text.length;
    let end = next;
    while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
    return end - start;
  };
  switch (spec.kind) {
    case 'valid': {
      const line = Math.floor(spec.line * lineCount);
      return { line, character: Math.floor(spec.column * (lineLength(line) + 1)) };
    }
    case 'end':
      return doc ? doc.positionAt(text.length) : { line: 0, character: 0 };
    case 'lineEnd': {
      const line = Math.floor(spec.line * lineCount);
      return { line, character: lineLength(line) };
    }
    case 'pastLine': {
      const line = Math.floor(spec.line * lineCount);
      return { line, character: lineLength(line) + spec.extra };
    }
    case 'pastEnd':
      return { line: lineCount - 1 + spec.extra, character: spec.extra };
    case 'huge':
      return { line: 2147483647, character: 2147483647 };
    case 'negative':
      return { line: -1, character: -1 };
    case 'insideSurrogate':
    case 'insideCrlf': {
      const offsets: number[] = [];
      for (let i = 1; i < text.length; i++) {
        const a = text.charCodeAt(i - 1);
        const b = text.charCodeAt(i);
        if (spec.kind === 'insideSurrogate' ? a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff : a === 13 && b === 10) offsets.push(i);
      }
      if (offsets.length === 0) return doc ? doc.positionAt(text.length) : { line: 0, character: 0 };
      const offset = offsets[spec.which % offsets.length];
      if (spec.kind === 'insideSurrogate') return doc!.positionAt(offset);
      // Between CR and LF: the CR's line, one past its last character, as a careless client would send it.
      const line = doc!.positionAt(offset - 1).line;
      return { line, character: lineLength(line) + 1 };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Checking answers

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };

function isRange(value: unknown): value is Range {
  const v = value as Range;
  return typeof v === 'object' && v !== null && typeof v.start === 'object' && typeof v.end === 'object' && v.start !== null && v.end !== null && 'line' in v.start && 'character' in v.end;
}

/** Why a range does not fit a document, or null where it does. */
export function badRange(doc: TextDocument, range: Range): string | null {
  const text = doc.getText();
  for (const [edge, p] of [['start', range.start], ['end', range.end]] as const) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `${edge} ${JSON.stringify(p)} is not a position`;
    if (p.line >= doc.lineCount) return `${edge} line ${p.line} is past the last line (${doc.lineCount - 1})`;
    const lineStart = doc.offsetAt({ line: p.line, character: 0 });
    const nextStart = p.line + 1 < doc.lineCount ? doc.offsetAt({ line: p.line + 1, character: 0 }) : text.length;
    let lineEnd = nextStart;
    while (lineEnd > lineStart && (text[lineEnd - 1] === '\n' || text[lineEnd - 1] === '\r')) lineEnd--;
    if (p.character > lineEnd - lineStart) return `${edge} ${JSON.stringify(p)} is past the end of its line (${lineEnd - lineStart} characters)`;
    const offset = lineStart + p.character;
    const a = text.charCodeAt(offset - 1);
    const b = text.charCodeAt(offset);
    if (a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff) return `${edge} ${JSON.stringify(p)} splits a surrogate pair`;
  }
  if (range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character)) return `range ${JSON.stringify(range)} ends before it starts`;
  return null;
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** Every range found anywhere in a value, with its path. */
function rangesIn(value: unknown, path: string, out: { path: string; range: Range }[] = []): { path: string; range: Range }[] {
  if (isRange(value)) {
    out.push({ path, range: value });
    return out;
  }
  if (Array.isArray(value)) value.forEach((v, i) => rangesIn(v, `${path}[${i}]`, out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) rangesIn(v, `${path}.${k}`, out);
  return out;
}

/** A file on disk as a document, for answers that point into files the client has not opened (register files). */
function diskDocument(uri: string): TextDocument | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return TextDocument.create(uri, 'json', 0, readFileSync(fileURLToPath(uri), 'utf8'));
  } catch {
    return undefined;
  }
}

function uriKey(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

/** Why an answer to a request over `doc` is wrong, or an empty list. */
export function answerProblems(method: string, result: unknown, doc: TextDocument | undefined, docs: Map<string, Mirror>, legendSize = 3): string[] {
  const problems: string[] = [];
  if (result === null || result === undefined) return problems;
  const byKey = new Map([...docs.entries()].map(([uri, m]) => [uriKey(uri), m.doc]));
  const docFor = (uri: unknown): TextDocument | undefined => (typeof uri === 'string' ? byKey.get(uriKey(uri)) : undefined);
  const checkAll = (value: unknown, path: string, against: TextDocument | undefined): void => {
    if (!against) return;
    for (const { path: p, range } of rangesIn(value, path)) {
      const why = badRange(against, range);
      if (why) problems.push(`${p}: ${why}`);
    }
  };

  switch (method) {
    case 'textDocument/documentSymbol': {
      const walk = (symbols: unknown, path: string): void => {
        if (!Array.isArray(symbols)) return void problems.push(`${path} is not an array`);
        symbols.forEach((s: { range?: Range; selectionRange?: Range; children?: unknown; name?: unknown; location?: { range: Range } }, i) => {
          if (typeof s.name !== 'string' || s.name === '') problems.push(`${path}[${i}] has no name`);
          if (s.range && s.selectionRange && !contains(s.range, s.selectionRange)) problems.push(`${path}[${i}] (${String(s.name)}): selectionRange ${JSON.stringify(s.selectionRange)} is not inside range ${JSON.stringify(s.range)}`);
          // A release is named by its title and a date by its text: what the document holds there, unless the model is stale.
          const named = (s as { kind?: number }).kind === RELEASE_SYMBOL_KIND || (s as { kind?: number }).kind === DATE_SYMBOL_KIND;
          if (doc && named && s.selectionRange && !badRange(doc, s.selectionRange) && !String(s.name).startsWith('(')) {
            const written = doc.getText(s.selectionRange);
            if (written !== s.name) problems.push(`${path}[${i}] is named ${JSON.stringify(s.name)} but its selection holds ${JSON.stringify(written)}`);
          }
          if (s.children) walk(s.children, `${path}[${i}].children`);
        });
      };
      walk(result, 'symbols');
      checkAll(result, 'symbols', doc);
      break;
    }
    case 'textDocument/foldingRange': {
      if (!Array.isArray(result)) break;
      for (const [i, f] of (result as { startLine: number; endLine: number }[]).entries()) {
        if (!doc) break;
        if (!(Number.isInteger(f.startLine) && Number.isInteger(f.endLine) && f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < doc.lineCount)) problems.push(`foldingRange[${i}] ${JSON.stringify(f)} does not fit ${doc.lineCount} lines`);
      }
      break;
    }
    case 'textDocument/semanticTokens/full':
    case 'textDocument/semanticTokens/range': {
      const data = (result as { data?: number[] }).data;
      if (!Array.isArray(data) || data.length % 5 !== 0) {
        problems.push(`semantic tokens data is not a multiple of 5 long`);
        break;
      }
      if (!doc) break;
      let line = 0;
      let character = 0;
      let lastEnd = -1;
      for (let i = 0; i < data.length; i += 5) {
        const [dl, ds, length, type] = data.slice(i, i + 5);
        if (dl < 0 || ds < 0 || length <= 0 || type < 0 || type >= legendSize) problems.push(`token ${i / 5}: bad numbers ${data.slice(i, i + 5).join(',')}`);
        if (dl > 0) {
          line += dl;
          character = ds;
          lastEnd = -1;
        } else character += ds;
        if (character < lastEnd) problems.push(`token ${i / 5} at ${line}:${character} overlaps the one before`);
        lastEnd = character + length;
        const why = badRange(doc, { start: { line, character }, end: { line, character: character + length } });
        if (why) problems.push(`token ${i / 5} at ${line}:${character} length ${length}: ${why}`);
      }
      break;
    }
    case 'textDocument/rename':
    case 'textDocument/codeAction': {
      const edits: { where: string; uri: string; edits: { range: Range; newText: string }[] }[] = [];
      if (method === 'textDocument/rename') {
        for (const [uri, list] of Object.entries((result as { changes?: Record<string, { range: Range; newText: string }[]> }).changes ?? {})) edits.push({ where: 'rename', uri, edits: list });
      } else {
        if (!Array.isArray(result)) break;
        type DocumentChange = { kind?: string; uri?: string; textDocument?: { uri: string }; edits?: { range: Range; newText: string }[] };
        (result as { title: string; edit?: { changes?: Record<string, { range: Range; newText: string }[]>; documentChanges?: DocumentChange[] }; diagnostics?: unknown }[]).forEach((a, i) => {
          for (const [uri, list] of Object.entries(a.edit?.changes ?? {})) edits.push({ where: `action[${i}] ${a.title}`, uri, edits: list });
          const created = new Set<string>();
          for (const change of a.edit?.documentChanges ?? []) {
            if (change.kind === 'create' && change.uri) created.add(change.uri);
            if (!change.textDocument || !change.edits) continue;
            // An edit to a file the same action creates, or to a register file on disk, is checked against that text.
            if (created.has(change.textDocument.uri)) continue;
            edits.push({ where: `action[${i}] ${a.title}`, uri: change.textDocument.uri, edits: change.edits });
          }
          checkAll(a.diagnostics, `action[${i}].diagnostics`, doc);
        });
      }
      for (const { where, uri, edits: list } of edits) {
        const target = docFor(uri) ?? diskDocument(uri);
        if (!target) {
          problems.push(`${where}: edits a document that is not open: ${uri}`);
          continue;
        }
        checkAll(list, where, target);
        const sorted = [...list].sort((a, b) => target.offsetAt(a.range.start) - target.offsetAt(b.range.start));
        for (let i = 1; i < sorted.length; i++) {
          if (target.offsetAt(sorted[i].range.start) < target.offsetAt(sorted[i - 1].range.end)) problems.push(`${where}: edits ${JSON.stringify(sorted[i - 1].range)} and ${JSON.stringify(sorted[i].range)} overlap`);
        }
      }
      break;
    }
    case 'textDocument/inlayHint': {
      if (!Array.isArray(result)) {
        problems.push('inlay hints are not a list');
        break;
      }
      (result as { position: Range['start']; label: unknown; textEdits?: unknown }[]).forEach((h, i) => {
        if (doc) {
          const why = badRange(doc, { start: h.position, end: h.position });
          if (why) problems.push(`inlayHint[${i}]: ${why}`);
        }
        const parts = Array.isArray(h.label) ? (h.label as { value: string; location?: { uri: string; range: Range } }[]) : [];
        const label = Array.isArray(h.label) ? parts.map((p) => p.value).join('') : h.label;
        if (typeof label !== 'string' || label.trim() === '') problems.push(`inlayHint[${i}] has no label`);
        // A part may link to a place in another file (a register entry): checked against that file.
        parts.forEach((p, j) => {
          if (!p.location) return;
          const target = docFor(p.location.uri) ?? diskDocument(p.location.uri);
          if (!target) problems.push(`inlayHint[${i}].label[${j}] links to ${p.location.uri}, which cannot be read`);
          else checkAll(p.location.range, `inlayHint[${i}].label[${j}].location`, target);
        });
        checkAll(h.textEdits, `inlayHint[${i}].textEdits`, doc);
      });
      break;
    }
    case 'attache/registerEntry': {
      const entry = result as { uri?: string; range?: Range };
      if (typeof entry.uri !== 'string' || !isRange(entry.range)) {
        problems.push(`registerEntry answered neither null nor a location: ${JSON.stringify(result).slice(0, 200)}`);
        break;
      }
      const file = diskDocument(entry.uri);
      if (!file) problems.push(`registerEntry points at ${entry.uri}, which cannot be read`);
      else {
        const why = badRange(file, entry.range);
        if (why) problems.push(`registerEntry range in ${entry.uri}: ${why}`);
      }
      break;
    }
    case 'textDocument/definition':
    case 'textDocument/references': {
      const list = Array.isArray(result) ? result : [result];
      list.forEach((l: { uri: string; range: Range }, i) => {
        const target = docFor(l.uri);
        if (!target) problems.push(`location[${i}] is in a document that is not open: ${l.uri}`);
        else checkAll(l.range, `location[${i}]`, target);
      });
      break;
    }
    case 'workspace/symbol': {
      if (!Array.isArray(result)) {
        problems.push('workspace/symbol did not answer a list');
        break;
      }
      result.forEach((s: { name: string; location: { uri: string; range?: Range } }, i) => {
        const target = docFor(s.location?.uri);
        if (!target) problems.push(`symbol[${i}] ${s.name} is in a document that is not open: ${s.location?.uri}`);
        else if (s.location.range) checkAll(s.location.range, `symbol[${i}] ${s.name}`, target);
      });
      break;
    }
    case 'textDocument/prepareRename': {
      const r = result as { range?: Range; placeholder?: string };
      if (doc && r.range && r.placeholder !== undefined && !badRange(doc, r.range) && doc.getText(r.range) !== r.placeholder) {
        problems.push(`prepareRename placeholder ${JSON.stringify(r.placeholder)} is not the text in its range, ${JSON.stringify(doc.getText(r.range))}`);
      }
      checkAll(result, 'prepareRename', doc);
      break;
    }
    case 'attache/annotations': {
      const a = result as { uri?: string; releases?: unknown[]; officials?: { mentions: { range: Range; text: string }[] }[]; dates?: { range: Range; text: string }[] };
      if (!Array.isArray(a.releases) || !Array.isArray(a.officials) || !Array.isArray(a.dates)) problems.push('annotations lack releases, officials or dates');
      checkAll(result, 'annotations', doc);
      if (doc) {
        for (const m of [...(a.officials ?? []).flatMap((o) => o.mentions), ...(a.dates ?? [])]) {
          if (!badRange(doc, m.range) && doc.getText(m.range) !== m.text) problems.push(`annotation ${JSON.stringify(m.text)} at ${JSON.stringify(m.range)} holds ${JSON.stringify(doc.getText(m.range))}`);
        }
      }
      break;
    }
    default:
      checkAll(result, method, doc);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Running a sequence

/** What a run of sequences saw. */
export interface FuzzStats {
  sequences: number;
  requests: number;
  notifications: number;
  errors: Record<string, number>;
  diagnosticsChecked: number;
}

/** Longer than this for one answer is a hang, not a slow machine. */
const ANSWER_TIMEOUT_MS = 15_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${ANSWER_TIMEOUT_MS} ms`)), ANSWER_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Drives one server through sequences of operations and checks every answer. One instance per
 * server process; each sequence works on URIs of its own.
 */
export class ProtocolFuzzer {
  readonly stats: FuzzStats = { sequences: 0, requests: 0, notifications: 0, errors: {}, diagnosticsChecked: 0 };
  private readonly docs = new Map<string, Mirror>();
  /** The text of each (uri, version) the client sent, to check published diagnostics against; null where a version was sent twice. */
  private readonly sent = new Map<string, Map<number, string | null>>();
  private readonly diagnosticProblems: string[] = [];
  private logsSeen = 0;
  private sequenceNumber = 0;

  constructor(readonly client: TestClient) {
    client.connection.onRequest('workspace/inlayHint/refresh', () => null);
    client.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version?: number; diagnostics: { range: Range }[] }) => this.checkDiagnostics(params));
  }

  private remember(uri: string, version: number, text: string): void {
    const versions = this.sent.get(uri) ?? new Map<number, string | null>();
    versions.set(version, versions.has(version) && versions.get(version) !== text ? null : text);
    this.sent.set(uri, versions);
  }

  private checkDiagnostics(params: { uri: string; version?: number; diagnostics: { range: Range }[] }): void {
    if (params.version === undefined || params.version === null) return;
    const text = this.sent.get(params.uri)?.get(params.version);
    if (typeof text !== 'string') return;
    const doc = TextDocument.create(params.uri, 'diplomatic', params.version, text);
    this.stats.diagnosticsChecked++;
    for (const { path, range } of rangesIn(params.diagnostics, 'diagnostics')) {
      const why = badRange(doc, range);
      if (why) this.diagnosticProblems.push(`published ${path} for ${params.uri} v${params.version}: ${why}`);
    }
  }

  /** Failures the server logged since the last call. */
  private newFailures(): string[] {
    const logs = this.client.logs.slice(this.logsSeen);
    this.logsSeen = this.client.logs.length;
    return logs.filter((l) => /failed|error|exception|unhandled/i.test(l));
  }

  private uriOf(spec: DocSpec, base: string): string {
    return spec === 'unknown' ? `${base}/never-opened.release` : [`${base}/a.release`, `${base}/b%20c.txt`, `untitled:${base.slice(-8)}-Untitled-${spec}`][spec];
  }

  /** Runs one sequence; throws, with the operation that failed, where the server misbehaves. */
  async run(ops: Op[]): Promise<void> {
    const base = `file:///fuzz/run-${process.pid}/seq-${++this.sequenceNumber}`;
    this.stats.sequences++;
    this.newFailures();
    const uris = new Set<string>();
    try {
      let tolerating = false;
      for (const [i, op] of ops.entries()) {
        try {
          await this.step(op, base, uris);
        } catch (error) {
          throw new Error(`operation ${i} ${JSON.stringify(op).slice(0, 300)}: ${error instanceof Error ? error.message : String(error)}`);
        }
        // A malformed message may be logged as a failure, and the log may arrive during later
        // operations: failures are let pass until a request has been answered after it (the
        // server handles messages in order, so by then it has logged all it will).
        if (op.op === 'malformed' || ('version' in op && op.version === 'missing')) tolerating = true;
        const failures = this.newFailures();
        const answered = op.op === 'request' || op.op === 'workspaceSymbol' || op.op === 'malformed';
        if (tolerating) {
          if (answered && op.op !== 'malformed') tolerating = false;
          continue;
        }
        if (failures.length > 0) throw new Error(`operation ${i} ${JSON.stringify(op).slice(0, 300)} made the server log: ${failures.join(' | ').slice(0, 1000)}`);
        if (this.diagnosticProblems.length > 0) throw new Error(this.diagnosticProblems.splice(0).join('\n'));
      }
    } finally {
      for (const uri of uris) {
        if (this.docs.has(uri)) await this.client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
        this.docs.delete(uri);
        this.sent.delete(uri);
      }
    }
    // The server is still there and answering.
    await withTimeout(this.client.connection.sendRequest('workspace/symbol', { query: 'zz-none' }), 'a final workspace/symbol');
    if (!this.client.alive) throw new Error('the server process exited');
    this.newFailures();
  }

  private async notify(method: string, params: unknown): Promise<void> {
    this.stats.notifications++;
    await this.client.connection.sendNotification(method, params);
  }

  private versionFor(current: number | undefined, spec: VersionSpec): number | undefined {
    const v = current ?? 0;
    switch (spec) {
      case 'next':
        return v + 1;
      case 'same':
        return v;
      case 'older':
        return Math.max(0, v - 1);
      case 'jump':
        return v + 1000;
      case 'missing':
        return undefined;
    }
  }

  private async step(op: Op, base: string, uris: Set<string>): Promise<void> {
    switch (op.op) {
      case 'open': {
        const uri = this.uriOf(op.doc, base);
        uris.add(uri);
        this.docs.set(uri, { doc: TextDocument.create(uri, op.languageId, 1, op.text) });
        this.remember(uri, 1, op.text);
        await this.notify('textDocument/didOpen', { textDocument: { uri, languageId: op.languageId, version: 1, text: op.text } });
        return;
      }
      case 'changeFull':
      case 'changeIncremental': {
        const uri = this.uriOf(op.doc, base);
        const mirror = this.docs.get(uri);
        const version = this.versionFor(mirror?.doc.version, op.version);
        const changes: TextDocumentContentChangeEvent[] =
          op.op === 'changeFull'
            ? [{ text: op.text }]
            : op.edits.map((e) => ({ range: { start: resolvePosition(mirror?.doc, e.start), end: resolvePosition(mirror?.doc, e.end) }, text: e.text }));
        // The server's TextDocuments ignores a change without a version, and one for a document it does not have.
        if (mirror && version !== undefined) {
          mirror.doc = applyChanges(mirror.doc, changes, version);
          this.remember(uri, version, mirror.doc.getText());
        }
        await this.notify('textDocument/didChange', { textDocument: { uri, version: version ?? null }, contentChanges: changes });
        return;
      }
      case 'close': {
        const uri = this.uriOf(op.doc, base);
        this.docs.delete(uri);
        await this.notify('textDocument/didClose', { textDocument: { uri } });
        return;
      }
      case 'workspaceSymbol':
        await this.request('workspace/symbol', { query: op.query }, undefined, false);
        return;
      case 'registerEntry':
        await this.request('attache/registerEntry', { id: op.id }, undefined, false);
        return;
      case 'malformed': {
        this.stats.requests++;
        await withTimeout(
          this.client.connection.sendRequest(op.method, op.params).then(
            () => undefined,
            (error: unknown) => {
              if (!(error instanceof ResponseError)) throw error;
              this.count(`malformed ${op.method}: ${error.code}`);
            },
          ),
          `${op.method} with ${JSON.stringify(op.params)}`,
        );
        return;
      }
      case 'burst': {
        // Edits and requests sent without waiting, as an editor does while the user types.
        const uri = this.uriOf(op.doc, base);
        const pending: Promise<unknown>[] = [];
        for (let k = 0; k < op.count; k++) {
          const mirror = this.docs.get(uri);
          if (mirror) {
            const end = mirror.doc.positionAt(mirror.doc.getText().length);
            const change = { range: { start: end, end }, text: TRICKY[k % TRICKY.length] };
            const version = mirror.doc.version + 1;
            mirror.doc = applyChanges(mirror.doc, [change], version);
            this.remember(uri, version, mirror.doc.getText());
            pending.push(this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] }));
          }
          const method = DOCUMENT_REQUESTS[k % DOCUMENT_REQUESTS.length];
          this.stats.requests++;
          pending.push(
            this.client.connection.sendRequest(method, this.paramsFor(method, uri, mirror?.doc, { kind: 'end' }, { kind: 'end' }, 'X')).catch((error: unknown) => {
              if (!(error instanceof ResponseError)) throw error;
              this.count(`${method}: ${error.code}`);
            }),
          );
        }
        await withTimeout(Promise.all(pending), `a burst of ${op.count}`);
        return;
      }
      case 'request': {
        const uri = this.uriOf(op.doc, base);
        const doc = this.docs.get(uri)?.doc;
        const params = this.paramsFor(op.method, uri, doc, op.at, op.to, op.newName);
        const result = await this.request(op.method, params, doc, op.cancel);
        if (op.doc === 'unknown' && result !== null && !(Array.isArray(result) && result.length === 0) && !(op.method.startsWith('textDocument/semanticTokens') && (result as { data: number[] }).data.length === 0)) {
          throw new Error(`${op.method} on a document never opened answered ${JSON.stringify(result).slice(0, 200)}`);
        }
        return;
      }
    }
  }

  private paramsFor(method: string, uri: string, doc: TextDocument | undefined, at: PositionSpec, to: PositionSpec, newName: string): unknown {
    const position = resolvePosition(doc, at);
    const range = { start: position, end: resolvePosition(doc, to) };
    const textDocument = { uri };
    switch (method) {
      case 'textDocument/documentSymbol':
      case 'textDocument/foldingRange':
      case 'textDocument/semanticTokens/full':
        return { textDocument };
      case 'textDocument/semanticTokens/range':
      case 'textDocument/inlayHint':
        return { textDocument, range };
      case 'textDocument/references':
        return { textDocument, position, context: { includeDeclaration: newName.length % 2 === 0 } };
      case 'textDocument/rename':
        return { textDocument, position, newName };
      case 'textDocument/codeAction':
        return { textDocument, range, context: { diagnostics: [] } };
      case 'attache/annotations':
        return { uri };
      default:
        return { textDocument, position };
    }
  }

  private count(key: string): void {
    this.stats.errors[key] = (this.stats.errors[key] ?? 0) + 1;
  }

  private async request(method: string, params: unknown, doc: TextDocument | undefined, cancel: boolean): Promise<unknown> {
    this.stats.requests++;
    const source = new CancellationTokenSource();
    const pending = this.client.connection.sendRequest(method, params, source.token);
    if (cancel) source.cancel();
    let result: unknown;
    try {
      result = await withTimeout(pending, method);
    } catch (error) {
      if (error instanceof ResponseError) {
        if (!Number.isInteger(error.code)) throw new Error(`${method} answered an error without an integer code: ${JSON.stringify(error)}`);
        const expected = (cancel && error.code === -32800) || (method === 'textDocument/rename' && error.code === -32602);
        if (!expected) throw new Error(`${method} answered error ${error.code} ${error.message}`);
        this.count(`${method}: ${error.code}`);
        return null;
      }
      throw error;
    } finally {
      source.dispose();
    }
    const problems = answerProblems(method, result, doc, this.docs);
    if (problems.length > 0) throw new Error(`${method} at ${JSON.stringify(params).slice(0, 200)} answered wrongly:\n  ${problems.slice(0, 6).join('\n  ')}`);
    return result;
  }
}

/** The test client's capabilities, with inlay hints and workspace edits that change documents and create files. */
const FUZZ_CAPABILITIES: ClientCapabilities = {
  ...CAPABILITIES,
  textDocument: { ...CAPABILITIES.textDocument, inlayHint: { dynamicRegistration: false } },
  workspace: { ...CAPABILITIES.workspace, inlayHint: { refreshSupport: true }, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
};

/** Runs `sequences` random sequences against one server; returns what it saw, and the failures. */
export async function runProtocolCampaign(sequences: number, seed: number, log: (line: string) => void = () => undefined): Promise<{ stats: FuzzStats; failures: { seed: number; counterexample: string; error: string }[]; ms: number; alive: boolean }> {
  const started = performance.now();
  // A workspace folder (with no register file yet), and a client that takes document changes and
  // file creations: the register's quick fixes are offered then.
  const folder = mkdtempSync(join(tmpdir(), 'attache-fuzz-'));
  const client = await TestClient.start({ folders: [folder], capabilities: FUZZ_CAPABILITIES });
  const fuzzer = new ProtocolFuzzer(client);
  const failures: { seed: number; counterexample: string; error: string }[] = [];
  const seen = new Set<string>();
  try {
    let done = 0;
    for (let b = 0; done < sequences && client.alive; b++) {
      const numRuns = Math.min(100, sequences - done);
      const batchSeed = seed + b * 104729;
      const details = await fc.check(fc.asyncProperty(sequenceArbitrary(), (ops) => fuzzer.run(ops)), { seed: batchSeed, numRuns, endOnFailure: !client.alive });
      done += details.failed ? details.numRuns + 1 : details.numRuns;
      if (details.failed) {
        const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        const key = error.replace(/operation \d+ \{.*?\}:?/g, '').replace(/\d+/g, 'N').slice(0, 200);
        if (!seen.has(key)) {
          seen.add(key);
          failures.push({ seed: batchSeed, counterexample: fc.stringify(details.counterexample), error });
          log(`FAIL (seed ${batchSeed}): ${error.slice(0, 800)}`);
        }
      }
      log(`protocol: ${done} sequences`);
    }
    const alive = client.alive;
    return { stats: fuzzer.stats, failures, ms: performance.now() - started, alive };
  } finally {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}
