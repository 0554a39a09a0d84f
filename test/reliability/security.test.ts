/**
 * Security: the server and the CLI neither reach the network, nor start processes, nor evaluate
 * code. Checked three ways: the bundles (`dist/server.js`, `dist/cli.js`) contain no such module
 * or call outside the library code justified below; Attaché's own compiled code imports none; and
 * the running server, with every call to them trapped, makes none during a session. The manifest
 * declares how Attaché behaves in an untrusted workspace.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { corpusFile, TestClient } from '../protocol/client';
import { repoRoot } from '../support/paths';
import { DOCUMENT_REQUESTS } from './protocolFuzz';

/** Modules that reach the network or other processes, or evaluate code. */
const FORBIDDEN_MODULES = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'child_process', 'cluster', 'vm', 'worker_threads', 'inspector'];

/**
 * Where the bundles may mention a forbidden module, and why. Each is library code of
 * vscode-languageserver that Attaché's code never calls.
 */
const JUSTIFIED: { bundle: string; module: string; in: string; why: string }[] = [
  {
    bundle: 'dist/server.js',
    module: 'net',
    in: 'node_modules/vscode-jsonrpc/lib/node/main.js',
    why: 'the transports an editor may choose on the command line (--socket=PORT, --pipe=NAME): the server then connects to that local socket or pipe, which the editor opened; over --stdio (what Attaché\'s client uses) it opens nothing',
  },
  {
    bundle: 'dist/server.js',
    module: 'child_process',
    in: 'node_modules/vscode-languageserver/lib/node/files.js',
    why: 'the library\'s Files.resolveGlobalNodePath / resolveGlobalYarnPath / resolveModulePath helpers, which run npm or yarn to find global modules; Attaché never calls them (checked below)',
  },
];

/** The module an offset of an esbuild bundle belongs to: the `// path` comment before its code. */
function moduleAt(bundle: string, offset: number): string {
  const before = bundle.slice(0, offset);
  const comments = [...before.matchAll(/^\/\/ ((?:node_modules|server|client)\/[^\n]+\.[cm]?[jt]s)$/gm)];
  return comments.length > 0 ? comments[comments.length - 1][1] : '(unknown)';
}

/** Every mention of a forbidden module, `eval(` or `new Function(` in a bundle, with the module it sits in. */
function dangerousUses(path: string): { what: string; in: string }[] {
  const bundle = readFileSync(join(repoRoot(), path), 'utf8');
  const uses: { what: string; in: string }[] = [];
  const modules = new RegExp(`\\brequire\\(\\s*["'\`](?:node:)?(${FORBIDDEN_MODULES.join('|')})(?:/[^"'\`]*)?["'\`]\\s*\\)`, 'g');
  for (const m of bundle.matchAll(modules)) uses.push({ what: m[1], in: moduleAt(bundle, m.index ?? 0) });
  for (const m of bundle.matchAll(/(?<![\w$.])eval\s*\(|\bnew\s+Function\s*\(|\bimport\s*\(/g)) uses.push({ what: m[0].replace(/\s+/g, ''), in: moduleAt(bundle, m.index ?? 0) });
  return uses;
}

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, ext) : full.endsWith(ext) ? [full] : [];
  });
}

describe('no network, no processes, no eval', () => {
  for (const bundle of ['dist/server.js', 'dist/cli.js']) {
    it(`${bundle}: forbidden modules and calls appear only where justified`, () => {
      const unjustified = dangerousUses(bundle).filter((use) => !JUSTIFIED.some((j) => j.bundle === bundle && j.module === use.what && j.in === use.in));
      assert.deepEqual(unjustified, [], `each use needs a justification in JUSTIFIED:\n${JSON.stringify(unjustified, null, 2)}`);
    });
  }

  it('every justification still matches the bundle (none is stale)', () => {
    for (const j of JUSTIFIED) {
      assert.ok(
        dangerousUses(j.bundle).some((use) => use.what === j.module && use.in === j.in),
        `${j.bundle} no longer uses ${j.module} in ${j.in}: drop the justification`,
      );
    }
  });

  it('Attaché’s own code imports no forbidden module, and never calls the library helpers that run processes', () => {
    const out = join(repoRoot(), 'out', 'server', 'src');
    const offenders: string[] = [];
    for (const file of filesUnder(out, '.js')) {
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/require\("(?:node:)?([^"/]+)[^"]*"\)/g)) {
        if (FORBIDDEN_MODULES.includes(m[1])) offenders.push(`${relative(out, file)}: ${m[0]}`);
      }
      if (/\bFiles\.|resolveModulePath|resolveGlobal(?:Node|Yarn)Path/.test(code)) offenders.push(`${relative(out, file)}: calls a Files helper`);
      if (/(?<![\w$.])eval\s*\(|\bnew\s+Function\s*\(/.test(code)) offenders.push(`${relative(out, file)}: eval or new Function`);
    }
    assert.deepEqual(offenders, []);
  });

  it('the engine (server/src/core) imports nothing but itself and its word lists', () => {
    const core = join(repoRoot(), 'out', 'server', 'src', 'core');
    const imports = filesUnder(core, '.js').flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => `${relative(core, file)}: ${m[1]}`));
    assert.deepEqual(imports.filter((i) => !/: \.\.?\//.test(i)), []);
  });

  it('the running server opens no connection and starts no process during a session', { timeout: 60_000 }, async () => {
    const folder = mkdtempSync(join(tmpdir(), 'attache-guard-'));
    writeFileSync(join(folder, 'archive.release'), readFileSync(corpusFile('nato-2025-03.txt').path));
    writeFileSync(join(folder, 'notes.txt'), readFileSync(corpusFile('planted-errors-dev.txt').path));
    const guard = join(repoRoot(), 'out', 'test', 'reliability', 'networkGuard.js');
    const client = await TestClient.start({ env: { NODE_OPTIONS: `--require ${JSON.stringify(guard)}` }, folders: [folder] });
    try {
      const nato = corpusFile('nato-2025-03.txt');
      await client.open(nato.uri, 'diplomatic', nato.text);
      await client.open(pathToFileURL(join(folder, 'notes.txt')).href, 'plaintext', readFileSync(join(folder, 'notes.txt'), 'utf8'));
      for (const method of DOCUMENT_REQUESTS) {
        const position = { line: 4, character: 70 };
        const params = method === 'attache/annotations' ? { uri: nato.uri } : { textDocument: { uri: nato.uri }, position, range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } }, newName: 'Marc Rutten', context: { includeDeclaration: true, diagnostics: [] } };
        await client.request(method, params);
      }
      await client.waitFor('the workspace index', () => client.logs.some((l) => l.includes('Indexed')), 20_000).catch(() => undefined);
      await client.request('workspace/symbol', { query: 'rutte' });
      await client.change(nato.uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Edited ' }]);
      await client.diagnosticsFor(nato.uri);
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(folder, 'archive.release')).href, type: 2 }] });
      await client.request('workspace/symbol', { query: 'stoltenberg' });
      assert.ok(client.alive);
      const stderr = client.logs.join('').split('\n');
      assert.ok(stderr.includes('ATTACHE-GUARD-LOADED'), 'the guard was loaded into the server');
      assert.ok(client.logs.some((l) => l.includes('Indexed')), 'the workspace folder was crawled');
      const guardLines = stderr.filter((l) => l.startsWith('ATTACHE-GUARD:'));
      assert.deepEqual(guardLines, [], client.logs.join('').slice(0, 2000));
    } finally {
      await client.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('the guard itself reports what it must (so that silence above means something)', () => {
    const guard = join(repoRoot(), 'out', 'test', 'reliability', 'networkGuard.js');
    const run = spawnSync(process.execPath, ['--require', guard, '-e', 'require("node:net").connect(9, "127.0.0.1").on("error", () => {}); require("node:child_process").spawnSync(process.execPath, ["-e", ""]);'], { encoding: 'utf8' });
    assert.match(run.stderr, /ATTACHE-GUARD: net\.connect/);
    assert.match(run.stderr, /ATTACHE-GUARD: child_process\.spawnSync/);
  });
});

describe('the manifest', () => {
  const manifest = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as {
    capabilities?: { untrustedWorkspaces?: { supported?: boolean | string; description?: string; restrictedConfigurations?: string[] } };
    contributes?: { configuration?: { properties?: Record<string, { scope?: string }> } };
  };

  it('declares capabilities.untrustedWorkspaces, with a description where support is limited', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.ok(untrusted, 'capabilities.untrustedWorkspaces is declared');
    assert.ok(untrusted.supported === true || untrusted.supported === false || untrusted.supported === 'limited', `supported is true, false or "limited", not ${JSON.stringify(untrusted.supported)}`);
    if (untrusted.supported === 'limited') {
      assert.ok((untrusted.description ?? '').length > 20, 'limited support says what is limited');
      assert.ok((untrusted.restrictedConfigurations ?? []).length > 0, 'limited support names the restricted settings');
    }
  });

  it('restricts, in an untrusted workspace, every setting that could hide findings', () => {
    const restricted = new Set(manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? []);
    const properties = manifest.contributes?.configuration?.properties ?? {};
    for (const setting of restricted) assert.ok(setting in properties, `${setting} is a contributed setting`);
    // A workspace may set resource-scoped settings; the severity table can turn checks off.
    assert.ok(restricted.has('attache.diagnostics.severity'));
  });
});
