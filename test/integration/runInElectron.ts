// Launches the integration suite in desktop VS Code through @vscode/test-electron. That needs to
// download VS Code, which this project's machines cannot do (test/integration/runInCodeServer.mjs
// runs the same suite there); it is kept working for machines that can.
// Usage, after `npm run build && npx tsc -b`: node out/test/integration/runInElectron.js
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

// Compiled to out/test/integration/, three levels below the repository root.
const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The corpus files the suite opens; shared/ sits beside the repository. */
const WORKSPACE_FILES = ['nato-2025-03.txt', 'planted-errors-dev.txt'];

/** Copies the test workspace into a fresh temporary folder, so tests cannot alter the corpus. */
function makeWorkspace(): string {
  const sharedDir = process.env.ATTACHE_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'attache-ws-'));
  for (const name of WORKSPACE_FILES) {
    fs.copyFileSync(path.join(sharedDir, 'corpus', name), path.join(folder, name));
    // Copies of a read-only shared/ (as CI lays it) would stay read-only; tests may edit them.
    fs.chmodSync(path.join(folder, name), 0o644);
  }
  return folder;
}

async function main(): Promise<void> {
  const workspace = makeWorkspace();
  try {
    const code = await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
    process.exitCode = code;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error('integration tests failed to run:', err);
  process.exitCode = 1;
});
