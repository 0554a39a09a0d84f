// The language server as an editor meets it: `node dist/server.js --stdio` in its own process,
// spoken to over JSON-RPC on its standard streams, with standard LSP messages only.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { latencySummary, makeRandom } from './random.mjs';
import { repoRoot } from './paths.mjs';

const require = createRequire(join(repoRoot, 'package.json'));
const { createMessageConnection, ProgressType, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

/** The client capabilities of a current editor; pull diagnostics only where the caller says. */
function capabilities({ pullDiagnostics = true } = {}) {
  return {
    textDocument: {
      synchronization: { dynamicRegistration: false, didSave: false },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      publishDiagnostics: { relatedInformation: true, versionSupport: true },
      ...(pullDiagnostics ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
    },
    workspace: { workspaceFolders: true, symbol: {}, configuration: false },
    window: { workDoneProgress: true },
    general: { positionEncodings: ['utf-16'] },
  };
}

/** A promise that rejects after `ms` with a message saying what was awaited. */
function timeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]);
}

/** Peak and current resident set of a process, from /proc (Linux); null elsewhere. */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? NaN);
    return { peakKB: kb('VmHWM'), currentKB: kb('VmRSS') };
  } catch {
    return null;
  }
}

/**
 * Starts the server and initialises it. Returns a session with `request`, `notify`, the server's
 * capabilities and listeners for diagnostics and progress.
 */
export async function startServer(serverPath, { rootPath = null, requestTimeoutMs = 60_000, nodeArgs = [] } = {}) {
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], cwd: repoRoot });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  let exited = null;
  // Requests in flight, failed at once if the server dies. (Not a Promise.race with an exit
  // promise per request: the never-settling exit promise would keep every response alive.)
  const pending = new Set();
  const why = () => `server exited (${JSON.stringify(exited)}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`;
  const exit = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      for (const fail of pending) fail(new Error(why()));
      pending.clear();
      resolve(exited);
    }),
  );
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const diagnosticListeners = new Set();
  const progressListeners = new Set();
  const progressTokens = [];
  const workDone = new ProgressType();
  const log = [];
  connection.onNotification((method, params) => {
    if (method === 'textDocument/publishDiagnostics') for (const l of diagnosticListeners) l(params, performance.now());
    else if (method === 'window/logMessage' || method === 'window/showMessage') log.push(params?.message ?? '');
  });
  connection.onRequest((method, params) => {
    if (method === 'window/workDoneProgress/create') {
      progressTokens.push({ token: params.token, at: performance.now() });
      // vscode-jsonrpc routes `$/progress` by token, never to the catch-all notification handler.
      connection.onProgress(workDone, params.token, (value) => {
        for (const l of progressListeners) l({ token: params.token, value }, performance.now());
      });
      return null;
    }
    if (method === 'workspace/configuration') return (params?.items ?? []).map(() => null);
    if (method === 'workspace/workspaceFolders') return rootPath ? [{ uri: pathToFileURL(rootPath).href, name: 'workspace' }] : null;
    return null; // registerCapability, refresh requests, showMessageRequest…
  });
  connection.onError(() => {});
  connection.onClose(() => {});
  child.stdin.on('error', () => {}); // a server that died mid-write is reported through `exit`
  connection.listen();

  const request = (method, params, ms = requestTimeoutMs) => {
    if (exited) return Promise.reject(new Error(why()));
    return new Promise((resolve, reject) => {
      const settle = (error, value) => {
        clearTimeout(timer);
        pending.delete(fail);
        if (error) reject(error);
        else resolve(value);
      };
      const fail = (error) => settle(new Error(`during ${method}: ${error.message}`));
      const timer = setTimeout(() => settle(new Error(`timed out after ${ms} ms waiting for ${method}`)), ms);
      pending.add(fail);
      connection.sendRequest(method, params).then(
        (value) => settle(null, value),
        (error) => settle(error),
      );
    });
  };
  const notify = (method, params) => connection.sendNotification(method, params);

  const rootUri = rootPath ? pathToFileURL(rootPath).href : null;
  let init;
  try {
    init = await request(
      'initialize',
      {
        processId: process.pid,
        clientInfo: { name: 'attache-bench' },
        rootUri,
        workspaceFolders: rootUri ? [{ uri: rootUri, name: 'workspace' }] : null,
        capabilities: capabilities(),
        initializationOptions: {},
      },
      30_000,
    );
  } catch (error) {
    // A server that never answers must not outlive the bench (nor keep it waiting on its pipes).
    child.kill('SIGKILL');
    connection.dispose();
    throw error;
  }
  const initializedAt = performance.now();
  await notify('initialized', {});
  return {
    pid: child.pid,
    capabilities: init.capabilities ?? {},
    startupMs: initializedAt - started,
    initializedAt,
    request,
    notify,
    progressTokens,
    log,
    onDiagnostics(listener) {
      diagnosticListeners.add(listener);
      return () => diagnosticListeners.delete(listener);
    },
    onProgress(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    memory: () => memoryOf(child.pid),
    stderr: () => stderr,
    async stop() {
      try {
        await request('shutdown', null, 5_000);
        await notify('exit', null);
        await timeout(exit, 5_000, 'the server to exit');
      } catch {
        child.kill('SIGKILL');
      }
      connection.dispose();
    },
  };
}

/** Whether the server answers textDocument/diagnostic (pull diagnostics). */
function pulls(server) {
  return Boolean(server.capabilities.diagnosticProvider);
}

/** Waits for the first publishDiagnostics for `uri` that satisfies `accept`; resolves with its arrival time. */
function nextDiagnostics(server, uri, accept, ms) {
  let stop;
  const arrived = new Promise((resolve) => {
    stop = server.onDiagnostics((params, at) => {
      if (params.uri === uri && accept(params)) {
        stop();
        resolve({ at, count: params.diagnostics.length });
      }
    });
  });
  return timeout(arrived, ms, `publishDiagnostics for ${uri}`).finally(() => stop());
}

/** An offset inside a capitalised word (a mention-ish place to hover), searching forward from a random point. */
function hoverOffset(text, rng) {
  const re = /\p{Lu}\p{Ll}+/gu;
  re.lastIndex = rng.int(0, Math.max(0, text.length - 1));
  let m = re.exec(text);
  if (!m) {
    re.lastIndex = 0;
    m = re.exec(text);
  }
  return m ? m.index + Math.floor(m[0].length / 2) : 0;
}

/** A random single-character edit: mostly typing a letter, sometimes deleting one (never a line break or half a surrogate pair). */
export function randomEdit(text, rng) {
  for (;;) {
    const at = rng.int(0, text.length - 1);
    const code = text.charCodeAt(at);
    if (code >= 0xdc00 && code <= 0xdfff) continue; // inside a surrogate pair
    if (rng.next() < 0.3) {
      if (code === 10 || code === 13 || (code >= 0xd800 && code <= 0xdbff)) continue;
      return { start: at, end: at + 1, text: '' };
    }
    return { start: at, end: at, text: rng.pick('abcdefghijklmnopqrstuvwxyz eiaon') };
  }
}

/**
 * Opens an archive, then types: time to the first outline and diagnostics, then `edits` single-
 * character incremental edits, each followed by documentSymbol, hover and diagnostics (pulled where
 * the server offers it, else the next publishDiagnostics for that version).
 */
export async function benchEditing(serverPath, { archivePath, edits, seed, debounceMs, budgetMs, nodeArgs = [], log = () => {} }) {
  const text = readFileSync(archivePath, 'utf8');
  const uri = pathToFileURL(archivePath).href;
  const server = await startServer(serverPath, { nodeArgs });
  const result = { startupMs: server.startupMs, pullDiagnostics: pulls(server), open: {}, edits: { planned: edits, done: 0 }, latency: null, memory: null, errors: [] };
  const samples = { outline: [], hover: [], diagnostics: [], diagnosticsRaw: [] };
  let started = performance.now();
  let timeouts = 0;
  try {
    // Open: the outline is asked for at once, as an editor with the outline view does. Every
    // publication for the opened version is kept: a server may publish part of its findings first.
    const firstDiagnostics = pulls(server) ? null : nextDiagnostics(server, uri, () => true, 120_000);
    const publications = [];
    const stopKeeping = server.onDiagnostics((params, at) => {
      if (params.uri === uri && (params.version === undefined || params.version === 1)) publications.push({ at, count: params.diagnostics.length });
    });
    const t0 = performance.now();
    await server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'diplomatic', version: 1, text } });
    // Only the counts are kept: an outline of a big archive is hundreds of MB once parsed.
    const outline = server
      .request('textDocument/documentSymbol', { textDocument: { uri } }, 120_000)
      .then((symbols) => ({ at: performance.now(), symbols: Array.isArray(symbols) ? symbols.length : 0, bytes: Buffer.byteLength(JSON.stringify(symbols ?? null)) }));
    const diagnostics = pulls(server)
      ? server.request('textDocument/diagnostic', { textDocument: { uri } }, 120_000).then((report) => ({ at: performance.now(), count: report?.items?.length ?? 0 }))
      : firstDiagnostics;
    const [o, d] = await Promise.all([outline, diagnostics]);
    // The whole analysis is done once the server answers the contract's annotations; a last
    // publication may follow it by a moment.
    if (!pulls(server)) {
      await server.request('attache/annotations', { uri }, 120_000).catch(() => null);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    stopKeeping();
    const complete = publications.length ? publications[publications.length - 1] : d;
    result.open = {
      outlineMs: o.at - t0,
      diagnosticsMs: d.at - t0,
      // The publication with every finding (the last for the opened version).
      completeDiagnosticsMs: complete.at - t0,
      completeDiagnostics: complete.count,
      publications: publications.length,
      symbols: o.symbols,
      // What every outline request sends back: the size of the response body.
      outlineBytes: o.bytes,
      diagnostics: d.count,
    };
    log(`  open: outline ${result.open.outlineMs.toFixed(0)} ms, diagnostics ${result.open.diagnosticsMs.toFixed(0)} ms`);

    const doc = TextDocument.create(uri, 'diplomatic', 1, text);
    const rng = makeRandom(seed);
    started = performance.now();
    let version = 1;
    for (let i = 0; i < edits; i++) {
      if (performance.now() - started > budgetMs) {
        result.edits.stoppedBy = `time budget (${(budgetMs / 1000).toFixed(0)} s)`;
        break;
      }
      const current = doc.getText();
      const edit = randomEdit(current, rng);
      const range = { start: doc.positionAt(edit.start), end: doc.positionAt(edit.end) };
      version++;
      TextDocument.update(doc, [{ range, text: edit.text }], version);
      const v = version;
      const pushed = pulls(server) ? null : nextDiagnostics(server, uri, (p) => p.version === undefined || p.version === v, 120_000 + debounceMs);
      pushed?.catch(() => {});
      const tEdit = performance.now();
      await server.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text: edit.text }] });

      let t = performance.now();
      await server.request('textDocument/documentSymbol', { textDocument: { uri } });
      samples.outline.push(performance.now() - t);

      const after = doc.getText();
      const position = doc.positionAt(hoverOffset(after, rng));
      t = performance.now();
      await server.request('textDocument/hover', { textDocument: { uri }, position });
      samples.hover.push(performance.now() - t);

      if (pulls(server)) {
        t = performance.now();
        await server.request('textDocument/diagnostic', { textDocument: { uri } });
        samples.diagnostics.push(performance.now() - t);
      } else {
        try {
          const { at } = await pushed;
          samples.diagnosticsRaw.push(at - tEdit);
          // What the user waits for beyond the deliberate pause: time past the debounce.
          samples.diagnostics.push(Math.max(0, at - tEdit - debounceMs));
        } catch {
          timeouts++;
        }
      }
      result.edits.done++;
    }
  } catch (error) {
    result.errors.push(error.message);
  } finally {
    result.edits.seconds = (performance.now() - started) / 1000;
    result.edits.diagnosticsTimeouts = timeouts;
    if (samples.outline.length) {
      result.latency = {
        outline: latencySummary(samples.outline),
        hover: latencySummary(samples.hover),
        diagnostics: latencySummary(samples.diagnostics),
        ...(samples.diagnosticsRaw.length ? { diagnosticsRaw: latencySummary(samples.diagnosticsRaw) } : {}),
      };
    }
    result.memory = server.memory();
    await server.stop();
  }
  return result;
}

/**
 * Starts the server on a workspace folder: time until its index is built (the end of its
 * `$/progress`, else polling workspace/symbol until sample files are found), then `queries`
 * workspace/symbol requests.
 */
export async function benchWorkspace(serverPath, { workspace, queries, seed, timeoutMs = 120_000, log = () => {} }) {
  const progress = { begun: null, ended: null };
  const server = await startServer(serverPath, { rootPath: workspace.dir });
  const result = { files: workspace.files, releases: workspace.releases, startupMs: server.startupMs, indexMs: null, indexedBy: null, queries: null, memory: null, errors: [] };
  try {
    const ended = new Promise((resolve) => {
      server.onProgress((params, at) => {
        const kind = params?.value?.kind;
        if (kind === 'begin' && progress.begun === null) progress.begun = { token: params.token, at, title: params.value.title };
        if (kind === 'end' && progress.begun && params.token === progress.begun.token) {
          progress.ended = at;
          resolve(at);
        }
      });
    });
    // A server that reports progress begins within moments of `initialized`.
    const begin = await Promise.race([ended.then(() => true), new Promise((r) => setTimeout(() => r(progress.begun !== null), 3_000))]);
    if (begin || progress.begun) {
      const at = await timeout(ended, timeoutMs, 'the end of the indexing progress');
      result.indexMs = at - server.initializedAt;
      result.indexedBy = `$/progress end ("${progress.begun.title ?? ''}")`;
    } else {
      // No progress: ask for sample titles until each is found in its own file.
      const samples = workspace.samples.map((f) => ({ uri: pathToFileURL(f.path).href, title: f.titles[0] }));
      const deadline = performance.now() + timeoutMs;
      let found = 0;
      while (performance.now() < deadline) {
        found = 0;
        for (const s of samples) {
          const hits = (await server.request('workspace/symbol', { query: s.title })) ?? [];
          if (hits.some((h) => (h.location?.uri ?? '') === s.uri)) found++;
        }
        if (found === samples.length) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      if (found === samples.length) {
        result.indexMs = performance.now() - server.initializedAt;
        result.indexedBy = `polling workspace/symbol (${samples.length} sample files found)`;
      } else throw new Error(`workspace index incomplete after ${timeoutMs} ms (${found}/${samples.length} sample files found)`);
    }
    log(`  workspace index: ${result.indexMs.toFixed(0)} ms (${result.indexedBy})`);

    // Queries: names and title words from the workspace, whole and as prefixes, and a few misses.
    const rng = makeRandom(seed);
    const words = [...new Set(workspace.samples.flatMap((f) => f.titles.join(' ').match(/\p{Lu}\p{Ll}{3,}/gu) ?? []))];
    const terms = [];
    for (let i = 0; i < queries; i++) {
      const word = words.length ? rng.pick(words) : 'Rutte';
      const r = rng.next();
      terms.push(r < 0.4 ? word : r < 0.8 ? word.slice(0, rng.int(2, 4)) : r < 0.9 ? word.toLowerCase() : `zq${rng.int(0, 999)}`);
    }
    const times = [];
    let results = 0;
    for (const query of terms) {
      const t = performance.now();
      const hits = await server.request('workspace/symbol', { query });
      times.push(performance.now() - t);
      results += Array.isArray(hits) ? hits.length : 0;
    }
    result.queries = { ...latencySummary(times), meanResults: results / terms.length };
  } catch (error) {
    result.errors.push(error.message);
  } finally {
    result.memory = server.memory();
    await server.stop();
  }
  return result;
}
