// The integration test runner, loaded by VS Code's extension host (through code-server or
// @vscode/test-electron) as extensionTestsPath. Hand-rolled rather than mocha: the suite is small,
// and the fewer moving parts inside the extension host, the easier a failure there is to read.
import * as fs from 'fs';
import * as path from 'path';

/** One registered test. */
interface TestCase {
  readonly name: string;
  readonly file: string;
  readonly fn: () => unknown;
  readonly timeoutMs: number;
}

const registered: TestCase[] = [];
let currentFile = '';

/** Default limit for one test; the first test may wait for the extension to activate. */
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Registers a test. Call it at the top level of a `*.test.ts` file in this folder; tests run in
 * file-name order, then in the order they were registered.
 * @param name what the test checks, printed on its `ok` / `not ok` line
 * @param fn the test; it fails by throwing or rejecting
 * @param timeoutMs limit for this test (default 60 s)
 */
export function test(name: string, fn: () => unknown, timeoutMs = DEFAULT_TIMEOUT_MS): void {
  registered.push({ name, file: currentFile, fn, timeoutMs });
}

function withTimeout(promise: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describeError(err: unknown): string {
  const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
  return text
    .split('\n')
    .map((line) => `  # ${line}`)
    .join('\n');
}

/**
 * Runs every `*.test.js` file next to this one, printing an `ok` / `not ok` line per test and a
 * closing `N passed, N failed` line. ATTACHE_TEST_FILTER (a substring of the test or file name)
 * narrows the run.
 * @returns resolves when all tests passed; rejects if any failed or none ran, which makes the
 *   extension host exit with a non-zero code.
 */
export async function run(): Promise<void> {
  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  for (const file of files) {
    currentFile = file.replace(/\.test\.js$/, '');
    // Loading a test file runs its top-level test() calls, which register under currentFile.
    await import(path.join(__dirname, file));
  }
  const filter = process.env.ATTACHE_TEST_FILTER;
  const selected = filter
    ? registered.filter((t) => t.name.includes(filter) || t.file.includes(filter))
    : registered;

  let passed = 0;
  let failed = 0;
  for (const [index, t] of selected.entries()) {
    const label = `${index + 1} - ${t.file}: ${t.name}`;
    const started = Date.now();
    try {
      await withTimeout(Promise.resolve().then(t.fn), t.timeoutMs);
      passed++;
      console.log(`ok ${label} (${Date.now() - started} ms)`);
    } catch (err) {
      failed++;
      console.log(`not ok ${label}\n${describeError(err)}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  if (selected.length === 0) {
    throw new Error(filter ? `no integration test matches "${filter}"` : 'no integration test was found');
  }
  if (failed > 0) throw new Error(`${failed} integration test(s) failed`);
}
