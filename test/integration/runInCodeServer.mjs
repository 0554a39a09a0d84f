#!/usr/bin/env node
// Runs the integration suite in a real VS Code (code-server, shown by headless Chromium), the
// launcher that works on this project's offline machines. It builds nothing: run
// `npm run build` (dist/) and `npx tsc -b` (out/test/) first.
//
// Usage: node test/integration/runInCodeServer.mjs [--vsix FILE] [--screenshots DIR]
//          [--extension-development-path DIR] [--tests FILE] [--timeout SECONDS] [--keep]
//   --vsix FILE    install the packaged extension as a user would and test that copy
//   --screenshots  where the workbench screenshot goes (default test-results/integration)
//   --extension-development-path, --tests   point at another extension or suite (to try the
//                  launcher itself against a throwaway extension or a deliberately failing suite)
//   --keep         keep the temporary workspace and print where it is
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, ensureCodeServer, installVsix, runExtensionTests } from '../../scripts/codeserver.mjs';

/** The corpus files the suite opens. */
const WORKSPACE_FILES = ['nato-2025-03.txt', 'planted-errors-dev.txt'];

/** Copies the test workspace into a fresh temporary folder, so tests cannot alter the corpus. */
function makeWorkspace() {
  // CI lays shared/ beside the clone; ATTACHE_SHARED_DIR covers any other layout.
  const sharedDir = process.env.ATTACHE_SHARED_DIR ?? path.resolve(REPO_ROOT, '..', 'shared');
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'attache-ws-'));
  for (const name of WORKSPACE_FILES) {
    const source = path.join(sharedDir, 'corpus', name);
    if (!fs.existsSync(source)) throw new Error(`missing test corpus file ${source} (set ATTACHE_SHARED_DIR?)`);
    fs.copyFileSync(source, path.join(folder, name));
    // CI's shared/ has no write bits, and copies keep them; tests may edit their copies.
    fs.chmodSync(path.join(folder, name), 0o644);
  }
  return folder;
}

function requireBuilt(file, hint) {
  if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO_ROOT, file)} is missing: ${hint}`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      vsix: { type: 'string' },
      screenshots: { type: 'string', default: path.join(REPO_ROOT, 'test-results', 'integration') },
      'extension-development-path': { type: 'string' },
      tests: { type: 'string' },
      timeout: { type: 'string', default: '300' },
      keep: { type: 'boolean', default: false },
    },
  });

  const extensionTestsPath = path.resolve(values.tests ?? path.join(REPO_ROOT, 'out', 'test', 'integration', 'suite', 'index.js'));
  requireBuilt(extensionTestsPath, 'compile the tests first (npx tsc -b)');
  await ensureCodeServer();

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'attache-it-'));
  const workspaceFolder = makeWorkspace();
  // A Ctrl-C ends the process without running `finally`; this still tidies up.
  const cleanUp = () => {
    fs.rmSync(scratch, { recursive: true, force: true });
    if (!values.keep) fs.rmSync(workspaceFolder, { recursive: true, force: true });
  };
  process.on('exit', cleanUp);
  try {
    let extensionDevelopmentPath;
    if (values.vsix) {
      // Tested from the folder code-server unpacked it into; that folder is kept out of the
      // run's own extensions directory so the extension is not loaded twice.
      extensionDevelopmentPath = await installVsix(values.vsix, path.join(scratch, 'installed'));
    } else {
      extensionDevelopmentPath = path.resolve(values['extension-development-path'] ?? REPO_ROOT);
      const manifest = JSON.parse(fs.readFileSync(path.join(extensionDevelopmentPath, 'package.json'), 'utf8'));
      requireBuilt(path.resolve(extensionDevelopmentPath, manifest.main ?? 'dist/extension.js'), 'build the extension first (npm run build)');
    }
    console.log(`# extension: ${extensionDevelopmentPath}`);
    console.log(`# tests: ${extensionTestsPath}`);
    console.log(`# workspace: ${workspaceFolder}`);

    const code = await runExtensionTests({
      extensionDevelopmentPath,
      extensionTestsPath,
      workspaceFolder,
      screenshotsDir: path.resolve(values.screenshots),
      timeoutMs: Number(values.timeout) * 1000,
      extensionsDir: path.join(scratch, 'extensions'),
      userDataDir: path.join(scratch, 'user-data'),
    });
    return code;
  } finally {
    cleanUp();
    process.off('exit', cleanUp);
    if (values.keep) console.log(`# kept workspace: ${workspaceFolder}`);
  }
}

if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(`integration tests could not run: ${err?.stack ?? err}`);
      process.exit(1);
    },
  );
}
