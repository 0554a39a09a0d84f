#!/usr/bin/env node
// Runs Attaché inside a real VS Code, offline: code-server (VS Code's server and web workbench,
// from npm) shown by Debian's Chromium and driven by playwright-core.
// The why of each install step is in shared/docs/real-vscode.md.
//
// CLI:
//   node scripts/codeserver.mjs install                      install (idempotent) and exit
//   node scripts/codeserver.mjs serve FOLDER [--vsix FILE] [--port N]
//                                                           start it and print the URL to open
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** The code-server release used; later ones need Node 22 or 24, and this machine has Node 20. */
export const CODE_SERVER_VERSION = '4.100.3';
/** Root of the repository (this file lives in scripts/). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The git-ignored folder code-server is installed into. */
export const TOOL_DIR = path.join(REPO_ROOT, '.tools', 'code-server');
/** Debian's Chromium, which playwright-core drives (its own browser download cannot work here). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const PKG_DIR = path.join(TOOL_DIR, 'node_modules', 'code-server');
const VSCODE_DIR = path.join(PKG_DIR, 'lib', 'vscode');
const ENTRY = path.join(PKG_DIR, 'out', 'node', 'entry.js');
const STAMP = path.join(TOOL_DIR, 'installed.json');
const INSTALL_LOG = path.join(TOOL_DIR, 'install.log');
const LOCK_DIR = `${TOOL_DIR}.lock`;
const SERVE_PROFILE = path.join(REPO_ROOT, '.tools', 'code-server-profile');

// libkrb5-dev: the `kerberos` native module needs gssapi/gssapi.h to build.
// ripgrep: VS Code's search uses it; the npm package would download its own binary.
// chromium: the browser that shows the workbench.
const APT_PACKAGES = ['libkrb5-dev', 'ripgrep', 'chromium'];

// Without the background-networking flags Chromium keeps trying to reach Google's services,
// which this machine's closed network refuses; --no-sandbox because we run as root.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const VERBOSE = process.env.ATTACHE_VERBOSE === '1';

/** Prints one progress line to stderr, leaving stdout to test output and URLs. */
function progress(message) {
  process.stderr.write(`[code-server] ${message}\n`);
}

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

// What the stamp records: a change in any of these (another code-server, another Node ABI for
// the native modules) makes the install run again.
function stampContent() {
  return {
    codeServer: CODE_SERVER_VERSION,
    nodeAbi: process.versions.modules,
    platform: `${process.platform}-${process.arch}`,
  };
}

function stampIsCurrent() {
  try {
    const stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
    const want = stampContent();
    return Object.keys(want).every((key) => stamp[key] === want[key]) && fs.existsSync(ENTRY);
  } catch {
    return false;
  }
}

/** Debian packages of APT_PACKAGES that are not installed, checked with `dpkg -s`. */
function missingDebianPackages() {
  return APT_PACKAGES.filter((pkg) => {
    const result = spawnSync('dpkg', ['-s', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    // dpkg -s also succeeds for a removed package whose config files remain, so read the status.
    return result.status !== 0 || !/^Status: install ok installed$/m.test(result.stdout);
  });
}

// Child processes inherit our environment; when we run under `npm run`, npm's per-run variables
// would describe the repository's package rather than the folder the nested npm works in.
function childEnv(extra = {}) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_(package_|lifecycle_|command$|config_local_prefix$)/.test(key)) delete env[key];
  }
  return { ...env, ...extra };
}

/**
 * Runs one install command, its output appended to install.log (and echoed with
 * ATTACHE_VERBOSE=1); on failure prints the log's tail and throws.
 */
async function runLogged(command, args, { cwd = TOOL_DIR, env } = {}) {
  const header = `\n$ (cd ${cwd} && ${command} ${args.join(' ')})\n`;
  await fsp.appendFile(INSTALL_LOG, header);
  const log = fs.createWriteStream(INSTALL_LOG, { flags: 'a' });
  const child = spawn(command, args, { cwd, env: env ?? childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      log.write(chunk);
      if (VERBOSE) process.stderr.write(chunk);
    });
  }
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  await new Promise((resolve) => log.end(resolve));
  if (code !== 0) {
    const tail = fs.readFileSync(INSTALL_LOG, 'utf8').split('\n').slice(-40).join('\n');
    process.stderr.write(`${tail}\n`);
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${code} (full log: ${INSTALL_LOG})`);
  }
}

/** Runs `fn` while holding a lock folder, so two concurrent installs don't interleave. */
async function withInstallLock(fn) {
  await fsp.mkdir(path.dirname(LOCK_DIR), { recursive: true });
  const deadline = Date.now() + 20 * 60_000;
  for (let announced = false; ; ) {
    try {
      await fsp.mkdir(LOCK_DIR);
      await fsp.writeFile(path.join(LOCK_DIR, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      // A lock left by a process that died (killed mid-install) must not block forever.
      const owner = Number(await fsp.readFile(path.join(LOCK_DIR, 'pid'), 'utf8').catch(() => '0'));
      if (owner && !isAlive(owner)) {
        await fsp.rm(LOCK_DIR, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the install lock ${LOCK_DIR}`);
      if (!announced) progress(`waiting for another install (pid ${owner || '?'}) to finish`);
      announced = true;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    await fsp.rm(LOCK_DIR, { recursive: true, force: true });
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

async function step(title, fn) {
  const started = Date.now();
  progress(`${title}…`);
  await fn();
  progress(`${title}: done in ${seconds(started)}`);
}

/** Replaces whatever is at `linkPath` with a symbolic link to `target`. */
async function forceSymlink(target, linkPath) {
  await fsp.rm(linkPath, { recursive: true, force: true });
  await fsp.symlink(target, linkPath);
}

/**
 * Installs code-server and what it needs into `.tools/code-server/`, idempotently: the Debian
 * packages (libkrb5-dev, ripgrep, chromium) if missing, code-server from npm without its install
 * hooks (they download from outside), then its native modules built against this Node.
 * A stamp file makes a second call return at once. Works with no stdin (CI=true).
 * @returns {Promise<{ entry: string, toolDir: string, version: string }>} the code-server
 *   entry script (run it with this Node), its folder and its version.
 */
export async function ensureCodeServer() {
  const result = { entry: ENTRY, toolDir: TOOL_DIR, version: CODE_SERVER_VERSION };
  // The Debian packages are checked even when the stamp is there: the stamp lives in the work
  // tree, which may outlive a machine's installed packages.
  if (stampIsCurrent() && missingDebianPackages().length === 0) return result;

  return withInstallLock(async () => {
    // Another process may have finished the install while we waited for the lock.
    if (stampIsCurrent() && missingDebianPackages().length === 0) return result;
    const started = Date.now();
    progress(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(REPO_ROOT, TOOL_DIR)} (log: ${INSTALL_LOG})`);
    await fsp.mkdir(TOOL_DIR, { recursive: true });
    await fsp.writeFile(INSTALL_LOG, `install started ${new Date().toISOString()}\n`);
    await fsp.rm(STAMP, { force: true });

    const missing = missingDebianPackages();
    if (missing.length > 0) {
      await step(`apt-get install ${missing.join(' ')}`, async () => {
        // Root runs apt-get directly; anyone else goes through sudo without a password prompt.
        const asRoot = (cmd, args) => (process.getuid?.() === 0 ? [cmd, args] : ['sudo', ['-n', cmd, ...args]]);
        const aptEnv = childEnv({ DEBIAN_FRONTEND: 'noninteractive' });
        await runLogged(...asRoot('apt-get', ['update']), { env: aptEnv });
        await runLogged(...asRoot('apt-get', ['install', '-y', ...missing]), { env: aptEnv });
      });
    }

    // Its own package.json keeps npm from treating the repository as the place to install into.
    const toolPackage = {
      name: 'attache-code-server-tool',
      private: true,
      description: 'code-server for Attaché integration tests (installed by scripts/codeserver.mjs)',
      dependencies: { 'code-server': CODE_SERVER_VERSION },
    };
    await fsp.writeFile(path.join(TOOL_DIR, 'package.json'), `${JSON.stringify(toolPackage, null, 2)}\n`);

    await step(`npm install code-server@${CODE_SERVER_VERSION}`, async () => {
      // Its own install hook would fetch VS Code's dependencies from outside the npm registry.
      await runLogged('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund']);
    });
    await step('npm install in lib/vscode', async () => {
      await runLogged('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: VSCODE_DIR });
    });
    await step('npm rebuild of VS Code native modules', async () => {
      // @vscode/ripgrep's install hook downloads rg unless bin/ exists: give it Debian's.
      const rgBin = path.join(VSCODE_DIR, 'node_modules', '@vscode', 'ripgrep', 'bin');
      await fsp.mkdir(rgBin, { recursive: true });
      await forceSymlink('/usr/bin/rg', path.join(rgBin, 'rg'));
      // npm_config_yes: a user npmrc with yes=false would otherwise stop at a prompt.
      await runLogged('npm', ['rebuild'], { cwd: VSCODE_DIR, env: childEnv({ npm_config_yes: 'true' }) });
      // The server resolves its modules through node_modules.asar, which only the packaged
      // desktop app has.
      await forceSymlink('node_modules', path.join(VSCODE_DIR, 'node_modules.asar'));
    });
    await step('npm install in lib/vscode/extensions', async () => {
      await runLogged('npm', ['install', '--omit=dev', '--no-audit', '--no-fund'], { cwd: path.join(VSCODE_DIR, 'extensions') });
    });
    await step('npm rebuild argon2', async () => {
      await runLogged('npm', ['rebuild', 'argon2']);
    });
    await step('check code-server --version', async () => {
      const out = spawnSync(process.execPath, [ENTRY, '--version'], { encoding: 'utf8', env: childEnv() });
      if (out.status !== 0 || !out.stdout.includes(CODE_SERVER_VERSION)) {
        throw new Error(`code-server does not start: ${out.stdout}${out.stderr}`);
      }
    });

    await fsp.writeFile(STAMP, `${JSON.stringify({ ...stampContent(), installedAt: new Date().toISOString() }, null, 2)}\n`);
    progress(`code-server ${CODE_SERVER_VERSION} installed in ${seconds(started)}`);
    return result;
  });
}

// code-server starts helper processes (its child server, extension hosts, file watchers) in the
// process group it leads; stopping the group ends exactly those. Servers still running when this
// process ends are stopped too: on Ctrl-C (Node would otherwise exit without a word to them,
// leaving them orphaned, since their own group does not get the terminal's signal) and at exit.
/** @type {Map<number, () => Promise<void>>} */
const liveServers = new Map();
/** Temporary folders of runs still going, removed at exit if a signal cut the run short. */
const scratchDirs = new Set();
process.on('exit', () => {
  for (const pid of liveServers.keys()) killGroup(pid, 'SIGKILL');
  for (const dir of scratchDirs) fs.rmSync(dir, { recursive: true, force: true });
});
let signalsHooked = false;
let stoppingOnSignal = false;
function hookSignals() {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
    process.once(signal, () => {
      stoppingOnSignal = true;
      progress(`${signal}: stopping code-server`);
      Promise.allSettled([...liveServers.values()].map((stop) => stop())).finally(() => process.exit(128 + number));
    });
  }
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // already gone
  }
}

/**
 * Starts code-server on 127.0.0.1 with the given folder, profile and extensions directory, and
 * waits until it serves. The user settings it writes turn off workspace trust, the welcome page
 * and the extension gallery checks (this machine cannot reach a gallery). No
 * `files.associations` is set: the extension's own language contribution is what gets tested.
 * @param {object} options
 * @param {string} options.workspaceFolder folder to open
 * @param {string} options.extensionsDir where installed extensions live
 * @param {string} options.userDataDir the VS Code profile (User/settings.json is written here)
 * @param {number} [options.port] port to listen on; one the OS picks when omitted
 * @param {number} [options.timeoutMs] how long to wait for it to serve (default 60 s)
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void>, log: () => string,
 *   exited: Promise<{ code: number | null, signal: string | null }> }>} the server's base URL (no
 *   trailing slash), its port, a stop function, its output so far, and a promise of its end.
 */
export async function startCodeServer({ workspaceFolder, extensionsDir, userDataDir, port, timeoutMs = 60_000 }) {
  await ensureCodeServer();
  const userDir = path.join(userDataDir, 'User');
  await fsp.mkdir(userDir, { recursive: true });
  await fsp.mkdir(extensionsDir, { recursive: true });
  const settings = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    // The checkout's own repository is above the workspace; no prompt about it.
    'git.openRepositoryInParentFolders': 'never',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
  };
  await fsp.writeFile(path.join(userDir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  // A config file of our own, so code-server neither reads nor writes one in the home folder.
  const configFile = path.join(userDataDir, 'code-server.yaml');
  await fsp.writeFile(configFile, 'auth: none\ncert: false\n');

  // Port 0 lets the OS pick a free port at bind time (no race with other servers); the log line
  // tells which.
  const args = [
    ENTRY,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port ?? 0}`,
    '--config', configFile,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    workspaceFolder,
  ];
  // XDG dirs point into the profile so that concurrent servers share no state file; VSCODE_*
  // variables from an enclosing VS Code terminal would make it talk to that editor.
  // An empty EXTENSIONS_GALLERY turns off the default gallery (open-vsx.org), which this machine
  // cannot reach and which the workbench would otherwise query and log errors about.
  const env = childEnv({
    XDG_DATA_HOME: path.join(userDataDir, 'xdg-data'),
    XDG_CONFIG_HOME: path.join(userDataDir, 'xdg-config'),
    EXTENSIONS_GALLERY: '{}',
  });
  for (const key of Object.keys(env)) if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];

  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  hookSignals();
  let output = '';
  const onOutput = (chunk) => {
    output += chunk;
    // Keep the last part only: a long test run should not grow this without bound.
    if (output.length > 200_000) output = output.slice(-100_000);
    if (VERBOSE) process.stderr.write(chunk);
  };
  child.stdout.setEncoding('utf8').on('data', onOutput);
  child.stderr.setEncoding('utf8').on('data', onOutput);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (!killGroup(child.pid, 'SIGTERM')) return;
    const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    // The extension host and watchers may outlive the server's own exit by a moment.
    killGroup(child.pid, 'SIGKILL');
  };
  liveServers.set(child.pid, stop);
  exited.then(() => liveServers.delete(child.pid));

  const listening = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/;
  const ready = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve(`did not log "HTTP server listening on" within ${timeoutMs / 1000} s`), timeoutMs);
    const check = () => {
      if (listening.test(output)) {
        clearTimeout(timer);
        resolve(true);
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      resolve(`exited early (code ${code}, signal ${signal})`);
    });
  });
  if (ready !== true) {
    await stop();
    throw new Error(`code-server ${ready}; its output:\n${output.split('\n').slice(-40).join('\n')}`);
  }
  const actualPort = Number(listening.exec(output)[1]);
  return { url: `http://127.0.0.1:${actualPort}`, port: actualPort, stop, log: () => output, exited };
}

/**
 * Reads one file from a zip archive (a .vsix is one) without an unzip program: finds it in the
 * central directory and inflates it.
 * @returns {Buffer | undefined}
 */
function readZipEntry(zipPath, entryName) {
  const zip = fs.readFileSync(zipPath);
  // The end-of-central-directory record sits in the last 22 bytes plus an optional comment.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${zipPath} is not a zip archive`);
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) break;
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (name === entryName) {
      const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
      const data = zip.subarray(dataStart, dataStart + compressedSize);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return zlib.inflateRawSync(data);
      throw new Error(`${entryName} in ${zipPath} uses unsupported zip method ${method}`);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return undefined;
}

/**
 * Installs a .vsix into an extensions directory with code-server's `--install-extension`, as a
 * user would, and returns the folder it was unpacked into (usable as extensionDevelopmentPath).
 * @param {string} vsixPath the .vsix file
 * @param {string} extensionsDir the extensions directory to install into
 * @returns {Promise<string>} absolute path of the unpacked extension
 */
export async function installVsix(vsixPath, extensionsDir) {
  const { entry } = await ensureCodeServer();
  const vsix = path.resolve(vsixPath);
  const manifestBytes = readZipEntry(vsix, 'extension/package.json');
  if (!manifestBytes) throw new Error(`${vsix} has no extension/package.json`);
  const manifest = JSON.parse(manifestBytes.toString('utf8'));
  const id = `${manifest.publisher}.${manifest.name}`.toLowerCase();

  await fsp.mkdir(extensionsDir, { recursive: true });
  const scratch = await fsp.mkdtemp(path.join(os.tmpdir(), 'attache-vsix-'));
  try {
    const started = Date.now();
    // --force replaces an installed copy of the same version, so a rebuilt .vsix is picked up.
    const out = spawnSync(
      process.execPath,
      [entry, '--user-data-dir', scratch, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'],
      { encoding: 'utf8', env: childEnv({ XDG_DATA_HOME: scratch, XDG_CONFIG_HOME: scratch, EXTENSIONS_GALLERY: '{}' }), timeout: 120_000 },
    );
    if (out.status !== 0 || /Failed Installing/i.test(out.stdout + out.stderr)) {
      throw new Error(`installing ${vsix} failed (exit ${out.status}):\n${out.stdout}${out.stderr}`);
    }
    progress(`installed ${path.basename(vsix)} as ${id} ${manifest.version} in ${seconds(started)}`);
  } finally {
    await fsp.rm(scratch, { recursive: true, force: true });
  }

  // extensions.json is VS Code's own record of where each extension went; the folder-name
  // convention (publisher.name-version) is the fallback.
  try {
    const records = JSON.parse(await fsp.readFile(path.join(extensionsDir, 'extensions.json'), 'utf8'));
    const record = records.find((r) => r.identifier?.id?.toLowerCase() === id && r.version === manifest.version);
    const location = record?.location?.fsPath ?? record?.location?.path ?? (record?.relativeLocation && path.join(extensionsDir, record.relativeLocation));
    if (location && fs.existsSync(location)) return location;
  } catch {
    // fall through to the naming convention
  }
  const folder = path.join(extensionsDir, `${id}-${manifest.version}`);
  if (!fs.existsSync(path.join(folder, 'package.json'))) throw new Error(`cannot find where ${id} ${manifest.version} was unpacked in ${extensionsDir}`);
  return folder;
}

/** A `vscode-remote://` URI for a path on the machine code-server runs on. */
function remoteUri(port, fsPath) {
  const encoded = path.resolve(fsPath).split('/').map(encodeURIComponent).join('/');
  return `vscode-remote://127.0.0.1:${port}${encoded}`;
}

/**
 * The workbench URL that opens `workspaceFolder` in development mode for an extension, and
 * optionally runs its tests (code-server reads these from `payload`, as the desktop app reads
 * its --extensionDevelopmentPath / --extensionTestsPath arguments).
 * @param {string} baseUrl the server's URL
 * @param {number} port the server's port
 * @param {{ workspaceFolder: string, extensionDevelopmentPath?: string, extensionTestsPath?: string }} options
 * @returns {string}
 */
export function workbenchUrl(baseUrl, port, { workspaceFolder, extensionDevelopmentPath, extensionTestsPath }) {
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remoteUri(port, extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(port, extensionTestsPath)]);
  let url = `${baseUrl}/?folder=${encodeURIComponent(path.resolve(workspaceFolder))}`;
  if (payload.length > 0) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

// While tests run, VS Code routes the extension host's console (the test output) into the
// workbench's log service, which prints to the page console as "%c LEVEL", "color: …", text,
// exactly like the workbench's own log lines: the only way to tell them apart is by content.
const LOG_LINE = /^%c +([A-Z]+) color: \S+ ?/;
// The workbench's own chatter at every start, left out of the test output.
const WORKBENCH_CHATTER = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /^Ignoring fetching additional builtin extensions/,
  /^Creation of workbench contribution '[^']+' took \d+ms/,
];

/** The test-run line a page console message carries, or undefined for browser noise. */
function testOutputLine(text) {
  const match = LOG_LINE.exec(text);
  if (!match) return undefined;
  const body = text.slice(match[0].length);
  if (WORKBENCH_CHATTER.some((pattern) => pattern.test(body))) return undefined;
  return match[1] === 'INFO' ? body : `${match[1]} ${body}`;
}

/**
 * Runs an extension's integration tests in code-server, shown in headless Chromium: opens the
 * workbench with the extension in development mode and the test module given (a file exporting
 * `run(): Promise<void>`), prints the test run's console output to stdout, and resolves with
 * the exit code the workbench reports through `codeAutomationExit`.
 * @param {object} options
 * @param {string} options.extensionDevelopmentPath folder of the extension under test
 * @param {string} [options.extensionTestsPath] the test module; without it only `ui` runs
 * @param {string} options.workspaceFolder folder to open
 * @param {string} [options.screenshotsDir] where to save workbench.png (and timeout.png)
 * @param {(page: import('playwright-core').Page, context: { url: string, screenshot: (name: string) => Promise<string | undefined> }) => Promise<void>} [options.ui]
 *   called with the page once the workbench is shown, while the tests run; the run fails if it throws
 * @param {number} [options.timeoutMs] limit for the whole run (default 5 minutes)
 * @param {string} [options.extensionsDir] extensions directory (a fresh temporary one by default)
 * @param {string} [options.userDataDir] profile directory (a fresh temporary one by default)
 * @returns {Promise<number>} 0 when the tests (and `ui`) passed; 124 on timeout
 */
export async function runExtensionTests({
  extensionDevelopmentPath,
  extensionTestsPath,
  workspaceFolder,
  screenshotsDir,
  ui,
  timeoutMs = 5 * 60_000,
  extensionsDir,
  userDataDir,
}) {
  if (!extensionTestsPath && !ui) throw new Error('runExtensionTests needs extensionTestsPath, ui, or both');
  await ensureCodeServer();
  const started = Date.now();
  const scratch = await fsp.mkdtemp(path.join(os.tmpdir(), 'attache-vscode-'));
  scratchDirs.add(scratch);
  /** @type {Awaited<ReturnType<typeof startCodeServer>> | undefined} */
  let server;
  /** @type {import('playwright-core').Browser | undefined} */
  let browser;
  /** @type {import('playwright-core').Page | undefined} */
  let page;
  let timer;
  const screenshot = async (name) => {
    if (!screenshotsDir || !page || page.isClosed()) return undefined;
    await fsp.mkdir(screenshotsDir, { recursive: true });
    const file = path.join(path.resolve(screenshotsDir), name.endsWith('.png') ? name : `${name}.png`);
    await page.screenshot({ path: file });
    progress(`screenshot: ${path.relative(process.cwd(), file) || file}`);
    return file;
  };
  try {
    server = await startCodeServer({
      workspaceFolder,
      extensionsDir: extensionsDir ?? path.join(scratch, 'extensions'),
      userDataDir: userDataDir ?? path.join(scratch, 'user-data'),
    });
    progress(`server up at ${server.url} in ${seconds(started)}`);

    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();

    let reportExit;
    const testsExited = new Promise((resolve) => (reportExit = resolve));
    // The workbench calls window.codeAutomationExit(code) when the test run's extension host ends.
    await page.exposeFunction('codeAutomationExit', (code) => {
      // Only a real 0 is a pass: a missing or odd code must not turn a broken run green.
      reportExit(Number.isInteger(code) ? code : 1);
    });
    page.on('crash', () => {
      progress('the browser page crashed');
      reportExit(1);
    });
    page.on('console', (message) => {
      const text = message.text();
      const line = testOutputLine(text);
      if (line !== undefined) {
        process.stdout.write(`${line}\n`);
      } else if (VERBOSE) {
        process.stderr.write(`[browser ${message.type()}] ${text}\n`);
      }
    });
    page.on('pageerror', (err) => progress(`page error: ${err.message}`));
    if (VERBOSE) page.on('requestfailed', (request) => progress(`request failed: ${request.url()} ${request.failure()?.errorText}`));

    const url = workbenchUrl(server.url, server.port, { workspaceFolder, extensionDevelopmentPath, extensionTestsPath });
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    progress(`workbench shown in ${seconds(started)}`);

    const work = [];
    if (extensionTestsPath) work.push(testsExited);
    if (ui) {
      work.push(
        Promise.resolve()
          .then(() => ui(page, { url, screenshot }))
          .then(
            () => 0,
            (err) => {
              process.stderr.write(`UI check failed: ${err?.stack ?? err}\n`);
              return 1;
            },
          ),
      );
    }
    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), Math.max(0, timeoutMs - (Date.now() - started)));
    });
    const outcome = await Promise.race([Promise.all(work), timedOut]);
    if (outcome === 'timeout') {
      process.stderr.write(
        `\n[code-server] TIMEOUT: the test run did not finish within ${timeoutMs / 1000} s ` +
          '(no codeAutomationExit call). Last server output:\n' +
          `${server.log().split('\n').slice(-30).join('\n')}\n`,
      );
      await screenshot('timeout').catch(() => undefined);
      return 124;
    }
    const code = outcome.find((c) => c !== 0) ?? 0;
    await screenshot('workbench').catch((err) => progress(`screenshot failed: ${err.message}`));
    progress(`run finished with exit code ${code} in ${seconds(started)}`);
    return code;
  } catch (err) {
    // What the screen and the server said is what explains a run that could not start.
    await screenshot('error').catch(() => undefined);
    if (server) process.stderr.write(`[code-server] last server output:\n${server.log().split('\n').slice(-30).join('\n')}\n`);
    throw err;
  } finally {
    clearTimeout(timer);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await fsp.rm(scratch, { recursive: true, force: true }).catch(() => undefined);
    scratchDirs.delete(scratch);
  }
}

/** `serve FOLDER [--vsix FILE] [--port N]`: a code-server to open by hand, until Ctrl-C. */
async function serve(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { vsix: { type: 'string' }, port: { type: 'string' } },
  });
  const [folder] = positionals;
  if (!folder || positionals.length > 1) throw new Error('usage: node scripts/codeserver.mjs serve FOLDER [--vsix FILE] [--port N]');
  const vsix = values.vsix;
  const port = values.port ? Number(values.port) : undefined;
  await ensureCodeServer();
  // A profile that persists between runs, so settings changed by hand survive a restart.
  const extensionsDir = path.join(SERVE_PROFILE, 'extensions');
  const userDataDir = path.join(SERVE_PROFILE, 'user-data');
  if (vsix) await installVsix(vsix, extensionsDir);
  const server = await startCodeServer({ workspaceFolder: path.resolve(folder), extensionsDir, userDataDir, port });
  // Without a .vsix the working tree is loaded in development mode, so "Developer: Reload
  // Window" picks up a fresh `npm run build`.
  const url = vsix
    ? `${server.url}/?folder=${encodeURIComponent(path.resolve(folder))}`
    : workbenchUrl(server.url, server.port, { workspaceFolder: folder, extensionDevelopmentPath: REPO_ROOT });
  if (!vsix && !fs.existsSync(path.join(REPO_ROOT, 'dist', 'extension.js'))) {
    progress('warning: dist/extension.js is missing; run `npm run build` first, then reload the window');
  }
  process.stdout.write(`\nAttaché in VS Code (code-server ${CODE_SERVER_VERSION}): open\n  ${url}\nCtrl-C stops it.\n`);
  // Runs until a signal (the handlers startCodeServer installed stop the server on the way out)
  // or until the server dies on its own, which is an error worth its output.
  const { code, signal } = await server.exited;
  if (stoppingOnSignal) return;
  throw new Error(`code-server stopped (code ${code}, signal ${signal}); its output:\n${server.log().split('\n').slice(-40).join('\n')}`);
}

async function main(argv) {
  const [command, ...args] = argv;
  if (command === 'install') {
    const started = Date.now();
    const { version } = await ensureCodeServer();
    progress(`code-server ${version} ready (${seconds(started)})`);
  } else if (command === 'serve') {
    await serve(args);
  } else {
    process.stderr.write('usage: node scripts/codeserver.mjs install | serve FOLDER [--vsix FILE] [--port N]\n');
    process.exitCode = 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`[code-server] ${err?.stack ?? err}\n`);
    process.exit(1);
  });
}
