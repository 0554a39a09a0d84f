/**
 * Helpers of the reliability tests: running a piece of work in a child process with bounded time
 * and memory (so that a pathological input fails the test instead of taking the runner down), and
 * the CLI.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';

/** What a bounded child process did. */
export interface BoundedRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

/** Runs Node with `args` under a heap limit and a time limit. */
export function runBounded(args: string[], options: { timeoutMs: number; heapMb?: number; input?: string | Buffer; env?: Record<string, string> }): BoundedRun {
  const started = performance.now();
  const heap = options.heapMb ? [`--max-old-space-size=${options.heapMb}`] : [];
  const result = spawnSync(process.execPath, [...heap, ...args], {
    cwd: repoRoot(),
    timeout: options.timeoutMs,
    killSignal: 'SIGKILL',
    input: options.input,
    env: { ...process.env, ...options.env },
    maxBuffer: 512 * 1024 * 1024,
    encoding: 'utf8',
  });
  const ms = performance.now() - started;
  return {
    status: result.status,
    signal: result.signal,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
    ms,
    timedOut: result.signal === 'SIGKILL' && ms >= options.timeoutMs - 50,
  };
}

/** The bundled CLI. */
export function cliPath(): string {
  return join(repoRoot(), 'dist', 'cli.js');
}

/** The compiled engine, for scripts run in a child process. */
export function enginePath(): string {
  return join(repoRoot(), 'out', 'server', 'src', 'core', 'analyze.js');
}

/**
 * Runs `analyzeDocument` on the text a generator expression builds, in a child process with
 * bounded heap and time; prints the model's counts as JSON.
 */
export function analyzeBounded(textExpression: string, options: { timeoutMs: number; heapMb: number }): BoundedRun & { counts?: { length: number; releases: number; officials: number; dates: number; ms: number } } {
  const script = `
    const { analyzeDocument } = require(${JSON.stringify(enginePath())});
    const text = (${textExpression});
    const started = performance.now();
    const model = analyzeDocument(text);
    process.stdout.write(JSON.stringify({ length: text.length, releases: model.releases.length, officials: model.officials.length, dates: model.dates.length, ms: performance.now() - started }));
  `;
  const run = runBounded(['-e', script], options);
  try {
    return { ...run, counts: JSON.parse(run.stdout) };
  } catch {
    return run;
  }
}

/** A short account of a failed bounded run, for assertion messages. */
export function describeRun(run: BoundedRun): string {
  const how = run.timedOut ? `timed out after ${run.ms.toFixed(0)} ms` : run.signal ? `killed by ${run.signal}` : `exit ${run.status} after ${run.ms.toFixed(0)} ms`;
  const lines = run.stderr.trim().split('\n');
  const fatal = lines.find((l) => l.includes('FATAL ERROR'));
  const tail = fatal ?? lines.slice(-4).join(' | ');
  return `${how}${tail ? `: ${tail}` : ''}`;
}
