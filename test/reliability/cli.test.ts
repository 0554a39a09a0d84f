/**
 * The CLI (`dist/cli.js`, built by `node esbuild.mjs`) on inputs that must get a clear message
 * and no crash: empty files, files with no releases, binary files, invalid UTF-8, UTF-16, files
 * over the size limit (and `--max-size`), endless devices, a 5 MB single line; and positions in
 * its JSON that are the editor's (vscode-languageserver-textdocument's) for CRLF, CR and mixed
 * line ends, byte-order marks, NBSP and zero-width characters.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, closeSync, openSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileAnnotations } from '../../server/src/annotations';
import { corpusFile, repoRoot } from '../support/paths';
import { release } from '../support/fixture';
import { NBSP, ZWSP } from './arbitraries';
import { cliPath, describeRun, runBounded } from './support';

const MB = 1024 * 1024;

let dir: string;
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function cli(args: string[], options: { timeoutMs?: number; heapMb?: number } = {}): ReturnType<typeof runBounded> {
  return runBounded([cliPath(), ...args], { timeoutMs: options.timeoutMs ?? 30_000, heapMb: options.heapMb });
}

function annotate(path: string, extra: string[] = []): { json: FileAnnotations; stderr: string } {
  const run = cli(['annotate', ...extra, path]);
  assert.equal(run.status, 0, `annotate ${path}: ${describeRun(run)}`);
  return { json: JSON.parse(run.stdout) as FileAnnotations, stderr: run.stderr };
}

/** Every range in the JSON selects, in the editor's document, exactly the text the JSON gives for it. */
function assertRangesSelectTheirText(text: string, json: FileAnnotations, what: string): number {
  const doc = TextDocument.create('file:///x', 'diplomatic', 0, text);
  let checked = 0;
  for (const r of json.releases) {
    assert.equal(doc.getText(r.titleRange), r.title, `${what}: title range of ${JSON.stringify(r.title)}`);
    checked++;
  }
  for (const o of json.officials) {
    for (const m of o.mentions) {
      assert.equal(doc.getText(m.range), m.text, `${what}: mention ${JSON.stringify(m.text)} at ${JSON.stringify(m.range)}`);
      checked++;
    }
  }
  for (const d of json.dates) {
    assert.equal(doc.getText(d.range), d.text, `${what}: date ${JSON.stringify(d.text)} at ${JSON.stringify(d.range)}`);
    checked++;
  }
  for (const d of json.diagnostics) {
    assert.ok(d.range.end.line < doc.lineCount, `${what}: diagnostic ${d.code} on an existing line`);
    assert.deepEqual(doc.positionAt(doc.offsetAt(d.range.start)), d.range.start, `${what}: diagnostic ${d.code} starts at a position the editor has`);
    assert.deepEqual(doc.positionAt(doc.offsetAt(d.range.end)), d.range.end, `${what}: diagnostic ${d.code} ends at a position the editor has`);
  }
  return checked;
}

describe('the CLI on awkward files', () => {
  before(() => {
    assert.ok(existsSync(cliPath()), `${cliPath()} is missing: run "node esbuild.mjs" first`);
    dir = mkdtempSync(join(tmpdir(), 'attache-cli-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('an empty file: empty annotations, a note on stderr, exit 0', () => {
    const path = file('empty.txt', '');
    const { json, stderr } = annotate(path);
    assert.deepEqual([json.releases, json.officials, json.dates, json.diagnostics], [[], [], [], []]);
    assert.match(stderr, /empty\.txt: is empty/);
    const check = cli(['check', path]);
    assert.equal(check.status, 0, describeRun(check));
    assert.equal(check.stdout, '');
    assert.match(check.stderr, /is empty/);
  });

  it('a file with no releases: a note saying what a release looks like, exit 0', () => {
    const path = file('prose.txt', 'Mr Mark Rutte met Ms Kaja Kallas on Monday, 3 March 2025.\nNothing else.\n');
    const { json, stderr } = annotate(path);
    assert.deepEqual(json.releases, []);
    assert.match(stderr, /prose\.txt: no releases found \(a release starts with a title line, a blank line and a "Source:" line\)/);
    assert.equal(cli(['check', path]).status, 0);
  });

  it('a binary file: a clear message and exit 2, and the other files still processed', () => {
    const png = file('image.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.alloc(2000, 7)]));
    const good = corpusFile('planted-errors-dev.txt');
    const run = cli(['annotate', png, good]);
    assert.equal(run.status, 2, describeRun(run));
    assert.match(run.stderr, /image\.png: looks like a binary file \(it contains NUL bytes\), not release text/);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 1, 'the good file is still annotated');
    assert.equal((JSON.parse(lines[0]) as FileAnnotations).releases.length, 10);
    const check = cli(['check', png]);
    assert.equal(check.status, 2);
    assert.doesNotMatch(check.stderr, /\n\s+at /, 'no stack trace');
  });

  it('invalid UTF-8: a warning, replacement characters, exit 0, and the positions after it still right', () => {
    const text = release('Bad \xff byte in the title', 'NATO', 'On Monday, 3 March 2025, Mr Mark Rutte met them.');
    const bytes = Buffer.from(text, 'latin1');
    const path = file('latin1.txt', bytes);
    const { json, stderr } = annotate(path);
    assert.match(stderr, /latin1\.txt: is not valid UTF-8; undecodable bytes are shown as U\+FFFD/);
    assert.equal(json.releases[0].title, 'Bad \ufffd byte in the title');
    assert.ok(json.officials.some((o) => o.name === 'Mark Rutte'));
    assertRangesSelectTheirText(new TextDecoder().decode(bytes), json, 'latin-1 bytes');
    const check = cli(['check', path]);
    assert.equal(check.status, 0, describeRun(check));
  });

  it('UTF-16 with a byte-order mark (as Windows Notepad saves it): read as the same text', () => {
    const text = readFileSync(corpusFile('planted-errors-dev.txt'), 'utf8');
    const expected = annotate(corpusFile('planted-errors-dev.txt')).json;
    const le = annotate(file('utf16le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).json;
    const be = Buffer.from(text, 'utf16le');
    be.swap16();
    const beJson = annotate(file('utf16be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).json;
    const withoutUri = (json: FileAnnotations): unknown => JSON.parse(JSON.stringify(json).split(json.uri).join('URI'));
    for (const json of [le, beJson]) assert.deepEqual(withoutUri(json), withoutUri(expected));
  });

  it('a UTF-8 byte-order mark: positions as the editor shows them (without it)', () => {
    const text = release('A title', 'NATO', 'On Monday, 3 March 2025, Mr Mark Rutte met them.');
    const plain = annotate(file('plain.txt', text)).json;
    const bom = annotate(file('bom.txt', `\ufeff${text}`)).json;
    assert.deepEqual(bom.officials, plain.officials);
    assert.deepEqual(bom.dates, plain.dates);
  });

  it('CRLF, lone CR and mixed line ends: every range selects its text in the editor’s document', () => {
    const lf = readFileSync(corpusFile('planted-errors-dev.txt'), 'utf8');
    let seed = 3;
    const variants: [string, string][] = [
      ['crlf', lf.replace(/\n/g, '\r\n')],
      ['cr', lf.replace(/\n/g, '\r')],
      ['mixed', lf.replace(/\n/g, () => ['\n', '\r\n', '\r\n'][(seed = (seed * 7 + 1) % 11) % 3])],
    ];
    const lfJson = annotate(file('lf.txt', lf)).json;
    for (const [name, text] of variants) {
      const path = file(`${name}.txt`, text);
      const { json } = annotate(path);
      const checked = assertRangesSelectTheirText(text, json, name);
      assert.ok(checked >= 40, `${name}: enough ranges checked (${checked})`);
      // The same things found, on the same lines, as with LF (mixed line ends keep the line count).
      assert.deepEqual(json.officials.map((o) => [o.id, o.mentions.map((m) => [m.text, m.range.start.line])]), lfJson.officials.map((o) => [o.id, o.mentions.map((m) => [m.text, m.range.start.line])]), name);
      assert.deepEqual(json.diagnostics.map((d) => [d.code, d.range]), lfJson.diagnostics.map((d) => [d.code, d.range]), name);
      // check prints the same places, 1-based.
      const check = cli(['check', path]);
      const places = check.stdout.trim().split('\n').map((l) => l.slice(path.length + 1).split(':').slice(0, 2).join(':'));
      assert.deepEqual(places, json.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}`), `${name}: check's FILE:LINE:COL`);
    }
  });

  it('NBSP and zero-width characters inside names: ranges still select the name as written', () => {
    const text = release('Ministers meet 🇺🇦', 'NATO', `On Monday, 3 March 2025, Mr Mark${NBSP}Rutte met Ms Kaja${ZWSP} Kallas and Mr Jonas Gahr Sto\u0308re.`, `Mr${NBSP}Rutte 👩‍👩‍👧 said so.`).replace(/\n/g, '\r\n');
    const { json } = annotate(file('invisible.txt', text));
    assertRangesSelectTheirText(text, json, 'invisible characters');
    const rutte = json.officials.find((o) => o.id === 'mark-rutte');
    assert.deepEqual(rutte?.mentions.map((m) => m.text), [`Mark${NBSP}Rutte`, 'Rutte']);
  });

  it('a 50 MB file: refused at once with a clear message and exit 2, reading none of it', () => {
    const path = join(dir, 'archive-50mb.txt');
    const fd = openSync(path, 'w');
    ftruncateSync(fd, 50 * MB);
    closeSync(fd);
    for (const command of ['annotate', 'check']) {
      const run = cli([command, path], { heapMb: 64, timeoutMs: 10_000 });
      assert.equal(run.status, 2, describeRun(run));
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /archive-50mb\.txt: is 50 MB, more than the 32 MB Attaché reads by default .*split the file, or raise the limit with --max-size/);
      assert.ok(run.ms < 5000, `refused quickly (${run.ms.toFixed(0)} ms)`);
    }
    rmSync(path);
  });

  it('--max-size lowers and raises the limit, and refuses a size it cannot read', () => {
    const sample = join(repoRoot(), 'sample', 'releases.txt');
    const small = cli(['check', '--max-size', '1K', sample]);
    assert.equal(small.status, 2);
    assert.match(small.stderr, /releases\.txt: is 2\.5 KB, more than the 1 KB Attaché reads \(/);
    assert.equal(cli(['check', '--max-size=64', sample]).status, 1, 'accepted (and its planted problems reported)');
    assert.equal(cli(['check', '--max-size', '0.5M', sample]).status, 1);
    for (const wrong of ['', 'big', '-1', '0', '12 parsecs']) {
      const run = cli(['check', '--max-size', wrong, sample]);
      assert.equal(run.status, 2, `--max-size ${JSON.stringify(wrong)}`);
      assert.match(run.stderr, /--max-size needs a size such as 64 \(MB\), 500K or 1G/);
    }
  });

  it('a device without end (/dev/zero): refused once the limit is read, not read for ever', { skip: !existsSync('/dev/zero') }, () => {
    const run = cli(['check', '--max-size', '2M', '/dev/zero'], { heapMb: 128, timeoutMs: 10_000 });
    assert.equal(run.status, 2, describeRun(run));
    assert.match(run.stderr, /\/dev\/zero: holds more than the 2 MB Attaché reads/);
  });

  it('a directory, a missing file and an unknown option: a message each, exit 2', () => {
    assert.match(cli(['check', dir]).stderr, /is a directory, not a file/);
    assert.match(cli(['check', join(dir, 'nope.txt')]).stderr, /nope\.txt: cannot be read \(no such file\)/);
    const option = cli(['check', '--fast', join(repoRoot(), 'sample', 'releases.txt')]);
    assert.equal(option.status, 2);
    assert.match(option.stderr, /unknown option '--fast'/);
    const dashed = file('--odd-name.txt', release('A title', 'NATO', 'Body.'));
    assert.equal(cli(['check', '--', dashed]).status, 0, 'a file named like an option, after --');
  });

  it('a 5 MB single line: annotated in bounded time and memory', () => {
    const prose = readFileSync(join(repoRoot(), 'sample', 'releases.txt'), 'utf8').split(/\n\s*\n/).filter((p) => p.length > 120).join(' ');
    const path = file('one-line.txt', `A title\n\nSource: NATO\n\n${prose.repeat(Math.ceil((5 * MB) / prose.length)).slice(0, 5 * MB)}`);
    const run = cli(['annotate', '--format', 'jsonl', path], { heapMb: 512, timeoutMs: 90_000 });
    assert.equal(run.status, 0, describeRun(run));
    const json = JSON.parse(run.stdout) as FileAnnotations;
    assert.equal(json.releases.length, 1);
    assert.ok(json.dates.length > 1000);
  });

  it('a reader that stops early (| head): no error, no stack trace', async () => {
    const big = file('big.txt', readFileSync(corpusFile('nato-2025-03.txt'), 'utf8').repeat(40));
    const child = spawn(process.execPath, [cliPath(), 'annotate', big], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.once('close', (status) => resolve(status)));
    assert.equal(stderr, '', 'nothing on stderr');
    assert.equal(code, 0);
  });

  it('annotate prints exactly the JSON the annotation contract describes (pretty and jsonl)', () => {
    const path = corpusFile('eu-un-2025.txt');
    const pretty = cli(['annotate', path]).stdout;
    const jsonl = cli(['annotate', '--format', 'jsonl', path]).stdout;
    assert.equal(pretty, `${JSON.stringify(JSON.parse(pretty), null, 2)}\n`, 'pretty output is JSON.stringify(…, null, 2)');
    assert.equal(jsonl, `${JSON.stringify(JSON.parse(pretty))}\n`, 'jsonl is the same object on one line');
  });
});
