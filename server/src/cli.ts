/**
 * The command line: `attache annotate FILE`, `attache annotate --format jsonl FILE...` and
 * `attache check FILE...`, as the annotation contract fixes them.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from './core/analyze';
import { toFileAnnotations } from './annotations';

const USAGE = `Usage:
  attache annotate FILE                  print the file's annotations as one JSON object
  attache annotate --format jsonl FILE…  one JSON object per line, one per file
  attache check FILE…                    list problems as FILE:LINE:COL: severity: message [code];
                                         exit 1 if any error or warning
Exit status 2 where a file cannot be read; the other files are still processed.`;

/** Files larger than this are refused rather than risk exhausting memory. */
const MAX_BYTES = 64 * 1024 * 1024;

/** Why a file could not be read as text, or its text. */
type Loaded = { ok: true; text: string; warning?: string } | { ok: false; message: string };

/** Reads a file as UTF-8 text, refusing binary content and saying why. */
export function loadText(path: string): Loaded {
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { ok: false, message: `${path}: is a directory, not a file` };
    if (stat.size > MAX_BYTES) {
      return { ok: false, message: `${path}: ${(stat.size / 1048576).toFixed(1)} MB is larger than the ${MAX_BYTES / 1048576} MB Attaché reads; split the archive` };
    }
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    return { ok: false, message: `${path}: cannot be read (${reason})` };
  }
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) return { ok: false, message: `${path}: looks like a binary file (it contains NUL bytes), not release text` };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // Keep going with replacement characters: the positions of everything else stay right.
    return { ok: true, text: new TextDecoder('utf-8').decode(bytes), warning: `${path}: is not valid UTF-8; undecodable bytes are shown as U+FFFD` };
  }
}

const SEVERITY_WORD = ['', 'error', 'warning', 'information', 'hint'];

function annotate(path: string): object | null {
  const loaded = loadText(path);
  if (!loaded.ok) {
    process.stderr.write(`attache: ${loaded.message}\n`);
    return null;
  }
  if (loaded.warning) process.stderr.write(`attache: ${loaded.warning}\n`);
  const doc = TextDocument.create(pathToFileURL(resolve(path)).href, 'diplomatic', 0, loaded.text);
  return toFileAnnotations(doc, analyzeDocument(loaded.text));
}

/** Runs the CLI; returns the exit status. */
export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    (command ? process.stdout : process.stderr).write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  let format = 'json';
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--format') format = rest[++i] ?? '';
    else if (rest[i].startsWith('--format=')) format = rest[i].slice('--format='.length);
    else files.push(rest[i]);
  }
  if (format !== 'json' && format !== 'jsonl') {
    process.stderr.write(`attache: unknown format '${format}' (use json or jsonl)\n`);
    return 2;
  }
  if (files.length === 0) {
    process.stderr.write(`attache: ${command} needs at least one FILE\n${USAGE}\n`);
    return 2;
  }
  let failed = false;
  if (command === 'annotate') {
    if (format === 'json' && files.length > 1) format = 'jsonl';
    for (const file of files) {
      const result = annotate(file);
      if (!result) {
        failed = true;
        continue;
      }
      process.stdout.write(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : `${JSON.stringify(result)}\n`);
    }
    return failed ? 2 : 0;
  }
  if (command === 'check') {
    let problems = 0;
    for (const file of files) {
      const result = annotate(file) as ReturnType<typeof toFileAnnotations> | null;
      if (!result) {
        failed = true;
        continue;
      }
      for (const d of result.diagnostics) {
        const severity = SEVERITY_WORD[d.severity ?? 1];
        if (d.severity === 1 || d.severity === 2) problems++;
        process.stdout.write(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severity}: ${d.message} [${d.code}]\n`);
      }
    }
    if (failed) return 2;
    return problems > 0 ? 1 : 0;
  }
  process.stderr.write(`attache: unknown command '${command}'\n${USAGE}\n`);
  return 2;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
