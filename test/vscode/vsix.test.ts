// What the packaged extension holds: `vsce` ships only what .vscodeignore allows, which must be
// exactly the manifest, the documents, the language configuration, the grammar and the three
// bundles (nothing from src/, test/, out/, node_modules/ or .tools/).
//
// Builds nothing: it packages the dist/ that `npm test` (or `npm run build`) has just built, into
// a temporary folder (the package script's own production build would rewrite dist/ under the
// feet of tests running beside this one).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/paths';

const ROOT = repoRoot();
const VSCE = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
const BUNDLES = ['dist/extension.js', 'dist/server.js', 'dist/cli.js'];

/** The officials register's schema (for jsonValidation) and Attaché's starter register. */
const REGISTER = ['schemas/officials-register.schema.json', 'registers/starter.json'];

/** The grammars .vscodeignore lets through (`syntaxes/*.tmLanguage.json`), as found on disk. */
function grammars(): string[] {
  return fs
    .readdirSync(path.join(ROOT, 'syntaxes'))
    .filter((name) => name.endsWith('.tmLanguage.json'))
    .map((name) => `syntaxes/${name}`);
}

function vsce(args: string[]): string {
  const result = spawnSync(process.execPath, [VSCE, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.status, 0, `vsce ${args.join(' ')} failed (exit ${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** The names of the entries of a zip archive (a .vsix is one), read from its central directory. */
function zipEntries(file: string): string[] {
  const zip = fs.readFileSync(file);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, `${file} is a zip archive`);
  const count = zip.readUInt16LE(eocd + 10);
  const names: string[] = [];
  for (let n = 0, at = zip.readUInt32LE(eocd + 16); n < count; n++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, `central directory entry ${n} of ${file}`);
    const nameLength = zip.readUInt16LE(at + 28);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}

const FORBIDDEN = /(^|\/)(src|test|out|node_modules|\.tools|\.bench|bench|sample|test-results|scripts|client|server)\//;

test('vsce ls: the package lists exactly the manifest, documents, grammar and bundles', () => {
  for (const bundle of BUNDLES) assert.ok(fs.existsSync(path.join(ROOT, bundle)), `${bundle} is built (npm run build)`);
  const listed = vsce(['ls', '--no-dependencies'])
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .sort();
  const expected = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'language-configuration.json', ...grammars(), ...REGISTER, ...BUNDLES].sort();
  assert.deepEqual(listed, expected);
  assert.deepEqual(listed.filter((file) => FORBIDDEN.test(file)), [], 'nothing from sources, tests or tools');
});

test('vsce package: the .vsix holds exactly those files, and the manifest it ships points at them', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attache-vsix-test-'));
  try {
    const vsix = path.join(dir, 'attache.vsix');
    vsce(['package', '--no-dependencies', '--allow-missing-repository', '-o', vsix]);
    const entries = zipEntries(vsix);
    const files = entries.filter((name) => name.startsWith('extension/')).map((name) => name.slice('extension/'.length));
    const others = entries.filter((name) => !name.startsWith('extension/')).sort();
    // vsce's own metadata beside the extension folder.
    assert.deepEqual(others, ['[Content_Types].xml', 'extension.vsixmanifest']);
    // vsce names the documents its own way (readme.md, changelog.md, LICENSE.txt): compare those
    // by kind, the rest by exact path.
    const docs = { readme: /^readme\.md$/i, changelog: /^changelog\.md$/i, license: /^license(\.txt|\.md)?$/i };
    for (const [kind, pattern] of Object.entries(docs)) {
      assert.equal(files.filter((file) => pattern.test(file)).length, 1, `one ${kind} in ${JSON.stringify(files)}`);
    }
    const rest = files.filter((file) => !Object.values(docs).some((pattern) => pattern.test(file))).sort();
    assert.deepEqual(rest, ['package.json', 'language-configuration.json', ...grammars(), ...REGISTER, ...BUNDLES].sort());
    assert.deepEqual(entries.filter((name) => FORBIDDEN.test(name.replace(/^extension\//, ''))), [], 'nothing from sources, tests or tools');

    // The installed extension must find its entry point and its server in the archive.
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
    assert.ok(files.includes(path.posix.normalize(manifest.main)), `main (${manifest.main}) is packaged`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
