#!/usr/bin/env node
// `npm start` (after `npm run package`): VS Code (code-server, on 127.0.0.1) with the packaged
// Attaché installed from the .vsix, the sample folder open and sample/releases.txt in the editor.
// Prints the address to open, and runs until Ctrl-C.
//
// Usage: node scripts/start.mjs [--vsix attache.vsix] [--folder sample] [--file releases.txt]
//          [--port N]
//   With npm: `npm start -- --port 8080` (the port is otherwise one the OS picks).
// The profile (settings, installed extension) persists in .tools/code-server-profile/, as for
// `node scripts/codeserver.mjs serve`.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CODE_SERVER_VERSION, REPO_ROOT, ensureCodeServer, installVsix, startCodeServer } from './codeserver.mjs';

const PROFILE = path.join(REPO_ROOT, '.tools', 'code-server-profile');

/** A `vscode-remote://` URI for a path on the machine code-server runs on. */
function remoteUri(port, fsPath) {
  return `vscode-remote://127.0.0.1:${port}${fsPath.split('/').map(encodeURIComponent).join('/')}`;
}

async function main() {
  const { values } = parseArgs({
    options: {
      vsix: { type: 'string', default: 'attache.vsix' },
      folder: { type: 'string', default: 'sample' },
      file: { type: 'string', default: 'releases.txt' },
      port: { type: 'string' },
    },
  });
  const vsix = path.resolve(REPO_ROOT, values.vsix);
  const folder = path.resolve(REPO_ROOT, values.folder);
  const file = path.resolve(folder, values.file);
  if (!fs.existsSync(vsix)) throw new Error(`${path.relative(REPO_ROOT, vsix)} is missing: run \`npm run package\` first (npm start does)`);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing`);
  const port = values.port ? Number(values.port) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) throw new Error(`--port ${values.port} is not a port number`);

  await ensureCodeServer();
  // What users install: the .vsix through code-server's --install-extension (replacing an
  // older copy in the profile), not the working tree.
  await installVsix(vsix, path.join(PROFILE, 'extensions'));
  const server = await startCodeServer({
    workspaceFolder: folder,
    extensionsDir: path.join(PROFILE, 'extensions'),
    userDataDir: path.join(PROFILE, 'user-data'),
    port,
  });
  // `openFile` in the payload opens the sample in the editor, as `code FOLDER FILE` would.
  const payload = JSON.stringify([['openFile', remoteUri(server.port, file)]]);
  const url = `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`;
  process.stdout.write(
    `\nAttaché (${path.basename(vsix)}) in VS Code (code-server ${CODE_SERVER_VERSION}), ${path.relative(REPO_ROOT, file)} open:\n` +
      `  ${url}\n` +
      `The folder alone: ${server.url}/?folder=${encodeURIComponent(folder)}\n` +
      'Ctrl-C stops it.\n',
  );
  // Runs until a signal (startCodeServer's handlers stop the server on the way out) or until the
  // server dies on its own, which is an error worth its output.
  let stopping = false;
  for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(name, () => (stopping = true));
  const { code, signal } = await server.exited;
  if (stopping) return;
  throw new Error(`code-server stopped (code ${code}, signal ${signal}); its output:\n${server.log().split('\n').slice(-40).join('\n')}`);
}

main().catch((err) => {
  process.stderr.write(`[start] ${err?.stack ?? err}\n`);
  process.exit(1);
});
