/**
 * Inputs that must be handled without a crash: an empty text, a text with no releases, binary
 * content, a 5 MB single line, NBSP and zero-width characters inside names, combining marks,
 * every kind of line end; for the engine, and for the server over the protocol.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentSymbol, FoldingRange, SemanticTokens } from 'vscode-languageserver-protocol/node';
import { analyzeDocument } from '../../server/src/core/analyze';
import type { DocumentModel } from '../../server/src/core/model';
import { TestClient } from '../protocol/client';
import { repoRoot } from '../support/paths';
import { release } from '../support/fixture';
import { BOM, NBSP, NNBSP, SOFT_HYPHEN, WORD_JOINER, ZWJ, ZWNJ, ZWSP } from './arbitraries';
import { checkText } from './engineProperties';
import { analyzeBounded, describeRun } from './support';

const MB = 1024 * 1024;

/** A body paragraph of the sample, on one line: realistic prose for long lines. */
function sampleProse(): string {
  const sample = readFileSync(join(repoRoot(), 'sample', 'releases.txt'), 'utf8');
  return sample
    .split(/\n\s*\n/)
    .filter((p) => p.length > 120)
    .join(' ')
    .replace(/\s*\n\s*/g, ' ');
}

/** A one-release document whose body is one line of about `bytes` characters made of `unit`. */
function oneLine(unit: string, length: number): string {
  return `Title of the release\n\nSource: NATO\n\n${unit.repeat(Math.ceil(length / unit.length)).slice(0, length)}`;
}

function people(model: DocumentModel): Record<string, string[]> {
  return Object.fromEntries(model.officials.map((o) => [o.id, o.mentions.map((m) => m.text)]));
}

describe('the engine on inputs at the edges', () => {
  it('an empty text: an empty model', () => {
    const model = checkText('');
    assert.equal(model.length, 0);
    for (const [key, value] of Object.entries(model)) if (Array.isArray(value)) assert.deepEqual(value, [], `model.${key}`);
  });

  it('blank text and bare line ends of every kind: no releases', () => {
    for (const text of ['\n', '\r', '\r\n', '\n\r', '\r\r\n\n', ' \t\u00a0\u3000', BOM, `${BOM}\n`, '\u2028\u2029', '\n'.repeat(10_000), '\r'.repeat(10_000)]) {
      const model = checkText(text);
      assert.equal(model.releases.length, 0, JSON.stringify(text.slice(0, 10)));
    }
  });

  it('prose with no release header: no releases, and nothing found outside one', () => {
    const model = checkText('Mr Mark Rutte met Ms Kaja Kallas on Monday, 3 March 2025.\nThey spoke about Ukraine.\n');
    assert.equal(model.releases.length, 0);
    assert.equal(model.officials.length, 0, 'people are found only inside releases');
    assert.equal(model.dates.length, 0, 'dates are found only inside releases');
  });

  it('binary content (NUL and control bytes, invalid UTF-8 read as U+FFFD): no throw, every invariant', () => {
    let seed = 7;
    const bytes = Buffer.alloc(64 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256;
    for (const text of [bytes.toString('utf8'), bytes.toString('latin1'), bytes.toString('utf16le'), `${release('A title', 'NATO', 'Mr Mark Rutte met them.')}\n\n${bytes.toString('utf8')}`]) {
      checkText(text);
    }
  });

  it('CRLF, lone CR and mixed line ends: the same release, people and dates as LF', () => {
    const lf = release('NATO Secretary General meets the President of Finland', 'NATO', 'On Monday, 3 March 2025, Mr Mark Rutte met Alexander Stubb.', 'Mr Rutte thanked him.');
    const expected = analyzeDocument(lf);
    for (const eol of ['\r\n', '\r']) {
      const text = lf.replace(/\n/g, eol);
      const model = checkText(text);
      assert.equal(model.releases.length, 1, JSON.stringify(eol));
      assert.deepEqual(people(model), people(expected), JSON.stringify(eol));
      assert.deepEqual(model.dates.map((d) => [d.text, d.value]), expected.dates.map((d) => [d.text, d.value]), JSON.stringify(eol));
    }
    const mixed = 'Title one\r\n\nSource: NATO\r\r\nOn Monday, 3 March 2025, Mr Mark Rutte met them.\rMr Rutte said so.\n';
    const model = checkText(mixed);
    assert.equal(model.releases.length, 1);
    assert.deepEqual(people(model), { 'mark-rutte': ['Mark Rutte', 'Rutte'] });
  });

  it('NBSP and narrow NBSP between the words of a name: one person, linked to the surname alone', () => {
    for (const space of [NBSP, NNBSP]) {
      const model = checkText(release('A title', 'NATO', `Mr Mark${space}Rutte met the press. Mr${space}Rutte said so.`));
      assert.deepEqual(people(model), { 'mark-rutte': [`Mark${space}Rutte`, 'Rutte'] }, JSON.stringify(space));
    }
  });

  it('combining marks and astral characters beside names: spans on code-point boundaries', () => {
    const model = checkText(release('A title 🇺🇦', 'NATO', 'Mr Jonas Gahr Sto\u0308re met 𝔐r Rutte 👩‍👩‍👧 and Ms Kaja Kallas 🇪🇪.', 'Mr Støre said so.'));
    assert.ok(model.officials.some((o) => o.mentions.some((m) => m.text === 'Jonas Gahr Sto\u0308re')), JSON.stringify(people(model)));
    assert.ok(model.officials.some((o) => o.id === 'kaja-kallas'), JSON.stringify(people(model)));
  });

  it('zero-width characters and soft hyphens inside a name leave it one name', () => {
    // Pasted from the web, names carry invisible characters; they must not split a name in two.
    const broken: string[] = [];
    for (const invisible of [ZWJ, ZWNJ, ZWSP, WORD_JOINER, SOFT_HYPHEN]) {
      const model = checkText(release('A title', 'NATO', `Ms Ka${invisible}ja Kallas met the press. Ms Kallas said so.`));
      const ids = model.officials.map((o) => o.id);
      if (ids.length !== 1 || ids[0] !== 'kaja-kallas') broken.push(`U+${invisible.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}: ${JSON.stringify(people(model))}`);
    }
    assert.deepEqual(broken, [], 'each gives the one person kaja-kallas');
  });

  it('one name written precomposed (NFC) and decomposed (NFD) is no name variant', () => {
    const text = release('A title', 'NATO', 'Mr Kęstutis Budrys met the press.', `Later, Mr ${'Kęstutis'.normalize('NFD')} Budrys said so.`);
    const model = checkText(text);
    assert.deepEqual(
      model.findings.filter((f) => f.code === 'official.name-variant').map((f) => f.message),
      [],
      'canonically equivalent spellings look the same to the reader',
    );
  });

  it('a 5 MB single line of prose: analysed in bounded time and memory', () => {
    const run = analyzeBounded(`(${oneLine.toString()})(${JSON.stringify(sampleProse())}, ${5 * MB})`, { timeoutMs: 60_000, heapMb: 1536 });
    assert.ok(run.counts, `the analysis finished: ${describeRun(run)}`);
    assert.equal(run.counts.releases, 1);
    assert.ok(run.counts.dates > 1000, `dates were found all along the line (${run.counts.dates})`);
  });

  it('a 5 MB single line without a release header: no releases, quickly', () => {
    const run = analyzeBounded(`${JSON.stringify(sampleProse())}.repeat(${Math.ceil((5 * MB) / sampleProse().length)})`, { timeoutMs: 30_000, heapMb: 1024 });
    assert.ok(run.counts, `the analysis finished: ${describeRun(run)}`);
    assert.equal(run.counts.releases, 0);
  });

  it('a long run of capitalised words on one line (1 MB of "Mark Rutte …"): bounded time and memory', () => {
    // A run of name-like words is read as one name: the work grows with the square of the run.
    const run = analyzeBounded(`(${oneLine.toString()})('Mark Rutte ', ${MB})`, { timeoutMs: 20_000, heapMb: 768 });
    assert.ok(run.counts, `the analysis finished: ${describeRun(run)}`);
  });

  it('long runs of name particles, initials, surnames and NBSP-joined words on one line: bounded time', () => {
    const units = ['von der ', 'A. ', 'Rutte ', 'De ', `Mark${NBSP}`];
    const expression = `${JSON.stringify(units)}.map((u) => (${oneLine.toString()})(u, 40000)).join('\\n\\n')`;
    const run = analyzeBounded(expression, { timeoutMs: 10_000, heapMb: 1024 });
    assert.ok(run.counts, `five releases of 40 KB each are analysed within 10 s: ${describeRun(run)}`);
  });
});

describe('the server on inputs at the edges', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  async function everyRequest(uri: string): Promise<{ symbols: DocumentSymbol[] | null; folds: FoldingRange[] | null; tokens: SemanticTokens }> {
    const doc = client.documents.get(uri)!;
    const end = doc.positionAt(doc.getText().length);
    const symbols = await client.request<DocumentSymbol[] | null>('textDocument/documentSymbol', { textDocument: { uri } });
    const folds = await client.request<FoldingRange[] | null>('textDocument/foldingRange', { textDocument: { uri } });
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    await client.request('textDocument/semanticTokens/range', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end } });
    for (const position of [{ line: 0, character: 0 }, end, { line: end.line + 5, character: 3 }]) {
      await client.request('textDocument/hover', { textDocument: { uri }, position });
      await client.request('textDocument/definition', { textDocument: { uri }, position });
      await client.request('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } });
      await client.request('textDocument/prepareRename', { textDocument: { uri }, position });
    }
    await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end }, context: { diagnostics: [] } });
    await client.request('attache/annotations', { uri });
    await client.request('workspace/symbol', { query: 'a' });
    return { symbols, folds, tokens };
  }

  it('an empty document, a blank one and one with no releases: empty answers, no failure logged', async () => {
    for (const [name, text] of [['empty', ''], ['blank', '\n\r\n\r  \n'], ['prose', 'Mr Mark Rutte met Ms Kaja Kallas on 3 March 2025.\n']]) {
      const uri = `file:///edge/${name}.release`;
      await client.open(uri, 'diplomatic', text);
      const { symbols, tokens } = await everyRequest(uri);
      assert.deepEqual(symbols, [], `${name}: no symbols`);
      assert.deepEqual(tokens.data, [], `${name}: no tokens`);
      const published = await client.diagnosticsFor(uri);
      assert.deepEqual(published.diagnostics, [], `${name}: no diagnostics`);
      await client.close(uri);
    }
    assert.deepEqual(client.logs.filter((l) => /failed|error/i.test(l)), []);
    assert.ok(client.alive);
  });

  it('binary content opened as a release file: answered, no failure logged', async () => {
    const bytes = Buffer.alloc(32 * 1024);
    let seed = 11;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256;
    const uri = 'file:///edge/binary.release';
    await client.open(uri, 'diplomatic', bytes.toString('utf8'));
    await everyRequest(uri);
    await client.close(uri);
    assert.deepEqual(client.logs.filter((l) => /failed|error/i.test(l)), []);
    assert.ok(client.alive);
  });

  it('a 5 MB single line: every request answered in bounded time, and an edit at its end too', { timeout: 120_000 }, async () => {
    const uri = 'file:///edge/one-line.release';
    const started = performance.now();
    await client.open(uri, 'diplomatic', oneLine(sampleProse(), 5 * MB));
    const { symbols } = await everyRequest(uri);
    assert.equal(symbols?.length, 1, 'one release');
    const doc = client.documents.get(uri)!;
    const end = doc.positionAt(doc.getText().length);
    await client.change(uri, [{ range: { start: end, end }, text: ' Mr Rutte said so on 3 March 2025.' }]);
    await client.change(uri, [{ range: { start: { line: 4, character: 10 }, end: { line: 4, character: 2_000_000 } }, text: '' }]);
    await everyRequest(uri);
    const ms = performance.now() - started;
    assert.ok(ms < 60_000, `answered within a minute (${ms.toFixed(0)} ms)`);
    await client.close(uri);
    assert.ok(client.alive);
  });
});
