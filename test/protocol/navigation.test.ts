import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentHighlight, Hover, Location, MarkupContent, Position, Range, SemanticTokens, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { corpusFile, TestClient } from './client';

describe('hover and navigation over stdio', () => {
  let client: TestClient;
  const nato = corpusFile('nato-2025-03.txt');
  const doc = TextDocument.create(nato.uri, 'plaintext', 1, nato.text);
  /** The position inside the n-th (from 1) "needle", `into` characters in. */
  const at = (needle: string, occurrence = 1, into = 0): Position => {
    let offset = -1;
    for (let i = 0; i < occurrence; i++) offset = nato.text.indexOf(needle, offset + 1);
    assert.ok(offset >= 0, `"${needle}" is in the corpus`);
    return doc.positionAt(offset + into);
  };

  before(async () => {
    client = await TestClient.start();
    await client.open(nato.uri, 'plaintext', nato.text);
  });
  after(async () => {
    await client.stop();
  });

  it('names the NATO Secretary General in a hover on "Mr Rutte"', async () => {
    const result = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: nato.uri }, position: at('Mr Rutte', 1, 4) });
    assert.ok(result, 'a hover');
    const value = (result.contents as MarkupContent).value;
    assert.match(value, /Mark Rutte/, 'the full name');
    assert.match(value, /NATO Secretary General|Secretary General, NATO/, 'the role with its organisation');
    assert.match(value, /Mentioned in \d+ of 10 releases/);
    assert.match(value, /First introduced on line 5/);
  });

  it('gives the weekday of a date in a hover', async () => {
    const result = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: nato.uri }, position: at('19 March 2025', 1, 2) });
    assert.match((result?.contents as MarkupContent | undefined)?.value ?? '', /Wednesday, 19 March 2025/);
  });

  it('goes from "Mr Rutte" to the first full mention, and finds every mention', async () => {
    const position = at('Mr Rutte', 1, 4);
    const definition = await client.request<Location | null>('textDocument/definition', { textDocument: { uri: nato.uri }, position });
    assert.ok(definition);
    assert.equal(doc.getText(definition.range), 'Mark Rutte');
    assert.equal(definition.range.start.line, 4);
    const references = await client.request<Location[]>('textDocument/references', { textDocument: { uri: nato.uri }, position, context: { includeDeclaration: true } });
    assert.ok(references.length >= 4, `several mentions, got ${references.length}`);
    assert.ok(references.every((r) => /Rutte/.test(doc.getText(r.range))));
    const highlights = await client.request<DocumentHighlight[]>('textDocument/documentHighlight', { textDocument: { uri: nato.uri }, position });
    assert.equal(highlights.length, references.length);
  });

  it('renames every mention of a person', async () => {
    const position = at('Mr Rutte', 1, 4);
    const prepared = await client.request<{ range: Range; placeholder: string } | null>('textDocument/prepareRename', { textDocument: { uri: nato.uri }, position });
    assert.equal(prepared?.placeholder, 'Rutte');
    const edit = await client.request<WorkspaceEdit | null>('textDocument/rename', { textDocument: { uri: nato.uri }, position, newName: 'Rutten' });
    const edits = edit?.changes?.[nato.uri] ?? [];
    const renamed = TextDocument.applyEdits(doc, edits);
    assert.equal(/\bRutte\b/.test(renamed), false, 'no "Rutte" left');
    assert.ok(/Mark Rutten/.test(renamed) && /Mr Rutten/.test(renamed));
  });

  it('colours people, roles and dates with semantic tokens', async () => {
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: nato.uri } });
    assert.ok(tokens.data.length > 0 && tokens.data.length % 5 === 0);
    const types = new Set<number>();
    for (let i = 3; i < tokens.data.length; i += 5) types.add(tokens.data[i]);
    assert.deepEqual([...types].sort(), [0, 1, 2], 'person, role and date all present');
    const range = await client.request<SemanticTokens>('textDocument/semanticTokens/range', { textDocument: { uri: nato.uri }, range: { start: { line: 4, character: 0 }, end: { line: 5, character: 0 } } });
    assert.ok(range.data.length > 0 && range.data.length < tokens.data.length);
  });

  it('answers attache/annotations with the contract JSON, and null for what it does not serve', async () => {
    const json = await client.request<{ uri: string; releases: unknown[]; officials: { name: string }[]; diagnostics: unknown[] } | null>('attache/annotations', { uri: nato.uri });
    assert.equal(json?.uri, nato.uri);
    assert.equal(json?.releases.length, 10);
    assert.ok(json?.officials.some((o) => o.name === 'Mark Rutte'));
    assert.equal(await client.request('attache/annotations', { uri: 'file:///not/open.txt' }), null);
  });
});
