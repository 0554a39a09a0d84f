#!/usr/bin/env node
// Runs the integration suite in a real VS Code (code-server, shown by headless Chromium), the
// launcher that works on this project's offline machines. It builds nothing: run
// `npm run build` (dist/) and `npx tsc -b` (out/test/) first.
//
// Usage: node test/integration/runInCodeServer.mjs [--vsix FILE] [--screenshots DIR]
//          [--ui FILE] [--ui-only] [--extension-development-path DIR] [--tests FILE]
//          [--timeout SECONDS] [--keep]
//   --vsix FILE    install the packaged extension as a user would and test that copy
//   --screenshots  where the workbench screenshot goes (default test-results/integration)
//   --ui FILE      after the suite, a UI check: a module whose default export is a `ui(page,
//                  { url, screenshot })` callback (see runExtensionTests), run in a second
//                  session of its own (fresh workspace copy, same extension) so that it does
//                  not race the suite for the editor; its screenshots go to SCREENSHOTS/ui/
//   --ui-only      run only the --ui check, not the suite
//   --timeout      limit for each session (suite, UI), in seconds (default 300)
//   --extension-development-path, --tests   point at another extension or suite (to try the
//                  launcher itself against a throwaway extension or a deliberately failing suite)
//   --keep         keep the temporary workspace and print where it is
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
      ui: { type: 'string' },
      'ui-only': { type: 'boolean', default: false },
      timeout: { type: 'string', default: '300' },
      keep: { type: 'boolean', default: false },
    },
  });

  const runSuite = !values['ui-only'];
  if (values['ui-only'] && !values.ui) throw new Error('--ui-only needs --ui FILE');
  const extensionTestsPath = path.resolve(values.tests ?? path.join(REPO_ROOT, 'out', 'test', 'integration', 'suite', 'index.js'));
  if (runSuite) requireBuilt(extensionTestsPath, 'compile the tests first (npx tsc -b)');
  let ui;
  if (values.ui) {
    const module = await import(pathToFileURL(path.resolve(values.ui)).href);
    ui = module.default ?? module.ui;
    if (typeof ui !== 'function') throw new Error(`${values.ui} exports no ui(page) function (default export or \`ui\`)`);
  }
  await ensureCodeServer();

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'attache-it-'));
  const workspaceFolder = makeWorkspace();
  const workspaces = [workspaceFolder];
  // A Ctrl-C ends the process without running `finally`; this still tidies up.
  const cleanUp = () => {
    fs.rmSync(scratch, { recursive: true, force: true });
    if (!values.keep) for (const folder of workspaces) fs.rmSync(folder, { recursive: true, force: true });
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
    if (runSuite) console.log(`# tests: ${extensionTestsPath}`);
    console.log(`# workspace: ${workspaceFolder}`);

    let code = 0;
    if (runSuite) {
      code = await runExtensionTests({
        extensionDevelopmentPath,
        extensionTestsPath,
        workspaceFolder,
        screenshotsDir: path.resolve(values.screenshots),
        timeoutMs: Number(values.timeout) * 1000,
        extensionsDir: path.join(scratch, 'extensions'),
        userDataDir: path.join(scratch, 'user-data'),
      });
    }
    if (ui) {
      // The suite may have edited or added files; the UI check starts from the corpus again.
      const uiWorkspace = runSuite ? makeWorkspace() : workspaceFolder;
      if (uiWorkspace !== workspaceFolder) workspaces.push(uiWorkspace);
      console.log(`# UI check: ${path.resolve(values.ui)} (workspace ${uiWorkspace})`);
      const uiCode = await runExtensionTests({
        extensionDevelopmentPath,
        workspaceFolder: uiWorkspace,
        ui,
        screenshotsDir: path.join(path.resolve(values.screenshots), 'ui'),
        timeoutMs: Number(values.timeout) * 1000,
        extensionsDir: path.join(scratch, 'extensions-ui'),
        userDataDir: path.join(scratch, 'user-data-ui'),
      });
      if (code === 0) code = uiCode;
    }
    return code;
  } finally {
    cleanUp();
    process.off('exit', cleanUp);
    if (values.keep) console.log(`# kept workspace: ${workspaces.join(', ')}`);
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
