/**
 * The command line: `attache annotate FILE`, `attache annotate --format jsonl FILE...` and
 * `attache check FILE...`, as the annotation contract fixes them.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from './core/analyze';
import { mergeRegisters, parseRegister, type Register } from './core/register';
import { starterRegisterPath } from './registerStore';
import { toFileAnnotations, type FileAnnotations } from './annotations';

const MB = 1024 * 1024;

/**
 * Files larger than this are refused unless `--max-size` says otherwise. Analysing a file takes
 * about 20 times its size in memory (a 20 MB archive, 400 MB); 32 MB stays well inside Node's
 * default heap on a small machine, and is twice the largest archive the corpus has seen.
 */
export const DEFAULT_MAX_BYTES = 32 * MB;

const USAGE = `Usage:
  attache annotate FILE                  print the file's annotations as one JSON object
  attache annotate --format jsonl FILE…  one JSON object per line, one per file
  attache check FILE…                    list problems as FILE:LINE:COL: severity: message [code];
                                         exit 1 if any error or warning
Options:
  --format json|jsonl                    the output of annotate (jsonl where several files)
  --max-size SIZE                        the largest file read, in MB (default ${DEFAULT_MAX_BYTES / MB}),
                                         or with a unit: 500K, 64M, 1G
  --register FILE                        an officials register (repeatable; later files override
                                         earlier ones); \`starter\` names Attaché's starter register
Exit status 2 where a file cannot be read or is too large; the other files are still processed.`;

/** Why a file could not be read as text, or its text (with a warning or a note to show on stderr). */
export type Loaded = { ok: true; text: string; warning?: string } | { ok: false; message: string };

/** A size as people read it: "50 MB", "1.5 MB", "512 KB", "100 bytes". */
function formatSize(bytes: number): string {
  const [value, unit] = bytes >= MB ? [bytes / MB, 'MB'] : bytes >= 1024 ? [bytes / 1024, 'KB'] : [bytes, 'bytes'];
  return `${value.toFixed(1).replace(/\.0$/, '')} ${unit}`;
}

/**
 * Reads a size as `--max-size` takes it: a number of megabytes ("32", "1.5"), or a number with a
 * unit (B, K, M, G, optionally followed by "B" or "iB"; all binary). Null where it is not one.
 */
export function parseSize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|k|m|g)?(?:i?b)?\s*$/i.exec(text);
  if (!m) return null;
  const scale = { b: 1, k: 1024, m: MB, g: 1024 * MB }[(m[2] ?? 'm').toLowerCase() as 'b' | 'k' | 'm' | 'g'];
  const bytes = Math.floor(Number(m[1]) * scale);
  return Number.isFinite(bytes) && bytes > 0 ? bytes : null;
}

function tooLarge(path: string, size: number | null, maxBytes: number): string {
  const limit = `the ${formatSize(maxBytes)} Attaché reads${maxBytes === DEFAULT_MAX_BYTES ? ' by default' : ''}`;
  const what = size === null ? `holds more than ${limit}` : `is ${formatSize(size)}, more than ${limit}`;
  return `${path}: ${what} (analysing a file takes about 20 times its size in memory); split the file, or raise the limit with --max-size`;
}

/**
 * Reads at most `maxBytes + 1` bytes: a file that grows while it is read, a pipe or a device such
 * as /dev/zero cannot make the CLI read without end. Null where there was more.
 */
function readBounded(path: string, maxBytes: number): Buffer | null {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(4 * MB, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) return null;
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** Decodes bytes as UTF-8, or as UTF-16 where a byte-order mark says so; replacement characters and a warning where they are not valid. */
function decode(path: string, bytes: Buffer): Loaded {
  let encoding = 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  else if (bytes.subarray(0, 8192).includes(0)) {
    return { ok: false, message: `${path}: looks like a binary file (it contains NUL bytes), not release text` };
  }
  try {
    // The byte-order mark is dropped, as the editor drops it: positions then match what it shows.
    return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(bytes) };
  } catch {
    // Keep going with replacement characters: the positions of everything else stay right.
    return { ok: true, text: new TextDecoder(encoding).decode(bytes), warning: `${path}: is not valid ${encoding.toUpperCase()}; undecodable bytes are shown as U+FFFD` };
  }
}

/** Reads a file as text (UTF-8, or UTF-16 with a byte-order mark), refusing binary content and files over `maxBytes`, and saying why. */
export function loadText(path: string, maxBytes = DEFAULT_MAX_BYTES): Loaded {
  let bytes: Buffer | null;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { ok: false, message: `${path}: is a directory, not a file` };
    if (stat.isFile() && stat.size > maxBytes) return { ok: false, message: tooLarge(path, stat.size, maxBytes) };
    bytes = readBounded(path, maxBytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    return { ok: false, message: `${path}: cannot be read (${reason})` };
  }
  if (bytes === null) return { ok: false, message: tooLarge(path, null, maxBytes) };
  return decode(path, bytes);
}

const SEVERITY_WORD = ['', 'error', 'warning', 'information', 'hint'];

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The annotations of one file; null, with the reason on stderr, where it cannot be read or analysed. */
function annotate(path: string, maxBytes: number, register?: Register): FileAnnotations | null {
  const loaded = loadText(path, maxBytes);
  if (!loaded.ok) {
    process.stderr.write(`attache: ${loaded.message}\n`);
    return null;
  }
  if (loaded.warning) process.stderr.write(`attache: ${loaded.warning}\n`);
  let result: FileAnnotations;
  try {
    const doc = TextDocument.create(pathToFileURL(resolve(path)).href, 'diplomatic', 0, loaded.text);
    result = toFileAnnotations(doc, analyzeDocument(loaded.text, { register }));
  } catch (error) {
    // One file the engine cannot handle must not stop the others.
    process.stderr.write(`attache: ${path}: could not be analysed (internal error: ${describeError(error)}); please report it with the file\n`);
    return null;
  }
  // Not an error, but an empty answer deserves a reason: a wrong file, or a file in another format.
  if (loaded.text.trim() === '') process.stderr.write(`attache: ${path}: is empty; there is nothing to annotate\n`);
  else if (result.releases.length === 0) {
    process.stderr.write(`attache: ${path}: no releases found (a release starts with a title line, a blank line and a "Source:" line)\n`);
  }
  return result;
}

/** Collects output and hands it to `write` in large pieces. */
class OutputBuffer {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly write: (text: string) => void) {}
  add(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= 1 << 16) this.flush();
  }
  flush(): void {
    if (this.size === 0) return;
    this.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

/**
 * Writes an object exactly as `JSON.stringify(value, null, 2)` (pretty) or `JSON.stringify(value)`
 * would, but element by element of its arrays: the whole text of a large file's annotations is
 * never held in memory at once.
 */
export function writeJson(value: object, pretty: boolean, write: (text: string) => void): void {
  const out = new OutputBuffer(write);
  const nl = pretty ? '\n' : '';
  const indent = (depth: number): string => (pretty ? '  '.repeat(depth) : '');
  // JSON strings hold no raw line breaks, so re-indenting a nested value is a matter of its line starts.
  const nested = (v: unknown, depth: number): string => {
    const json = (pretty ? JSON.stringify(v, null, 2) : JSON.stringify(v)) ?? 'null';
    return pretty ? json.replace(/\n/g, `\n${indent(depth)}`) : json;
  };
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (entries.length === 0) {
    out.add('{}');
  } else {
    out.add('{');
    entries.forEach(([key, v], i) => {
      out.add(`${i > 0 ? ',' : ''}${nl}${indent(1)}${JSON.stringify(key)}:${pretty ? ' ' : ''}`);
      if (Array.isArray(v) && v.length > 0) {
        out.add('[');
        v.forEach((element, j) => out.add(`${j > 0 ? ',' : ''}${nl}${indent(2)}${nested(element, 2)}`));
        out.add(`${nl}${indent(1)}]`);
      } else {
        out.add(nested(v, 1));
      }
    });
    out.add(`${nl}}`);
  }
  out.add('\n');
  out.flush();
}

/**
 * Reads the officials registers named on the command line, merged in order. Problems in a file
 * are reported on stderr and its valid entries kept; a file that cannot be read at all is an
 * error (null), since the user asked for it.
 */
function loadRegisters(paths: string[]): Register | null {
  const parts: Register[] = [];
  for (const given of paths) {
    const path = given === 'starter' ? starterRegisterPath() : given;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      process.stderr.write(`attache: the officials register ${path} cannot be read (${describeError(error)})\n`);
      return null;
    }
    const { register, problems } = parseRegister(text, path);
    for (const problem of problems) {
      process.stderr.write(`${path}:${problem.range.start.line + 1}:${problem.range.start.character + 1}: ${problem.severity}: ${problem.path ? `${problem.path}: ` : ''}${problem.message} [${problem.code}]\n`);
    }
    parts.push(register);
  }
  return mergeRegisters(parts);
}

/** Runs the CLI; returns the exit status. */
export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    (command ? process.stdout : process.stderr).write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  let format = 'json';
  let maxBytes = DEFAULT_MAX_BYTES;
  const files: string[] = [];
  const registerFiles: string[] = [];
  let optionsEnded = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (optionsEnded || !arg.startsWith('--')) {
      files.push(arg);
      continue;
    }
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (name === '--') optionsEnded = true;
    else if (name === '--format') format = inline ?? rest[++i] ?? '';
    else if (name === '--max-size') {
      const value = inline ?? rest[++i] ?? '';
      const parsed = parseSize(value);
      if (parsed === null) {
        process.stderr.write(`attache: --max-size needs a size such as 64 (MB), 500K or 1G, not '${value}'\n`);
        return 2;
      }
      maxBytes = parsed;
    } else if (name === '--register') {
      const value = inline ?? rest[++i] ?? '';
      if (!value) {
        process.stderr.write('attache: --register needs a FILE (or `starter`)\n');
        return 2;
      }
      registerFiles.push(value);
    } else {
      process.stderr.write(`attache: unknown option '${arg}' (a file whose name starts with -- can follow --)\n${USAGE}\n`);
      return 2;
    }
  }
  if (format !== 'json' && format !== 'jsonl') {
    process.stderr.write(`attache: unknown format '${format}' (use json or jsonl)\n`);
    return 2;
  }
  if (files.length === 0) {
    process.stderr.write(`attache: ${command} needs at least one FILE\n${USAGE}\n`);
    return 2;
  }
  const write = (text: string): void => void process.stdout.write(text);
  const register = registerFiles.length ? loadRegisters(registerFiles) : undefined;
  if (register === null) return 2;
  let failed = false;
  if (command === 'annotate') {
    if (format === 'json' && files.length > 1) format = 'jsonl';
    for (const file of files) {
      const result = annotate(file, maxBytes, register);
      if (!result) {
        failed = true;
        continue;
      }
      writeJson(result, format === 'json', write);
    }
    return failed ? 2 : 0;
  }
  if (command === 'check') {
    let problems = 0;
    for (const file of files) {
      const result = annotate(file, maxBytes, register);
      if (!result) {
        failed = true;
        continue;
      }
      const out = new OutputBuffer(write);
      for (const d of result.diagnostics) {
        const severity = SEVERITY_WORD[d.severity ?? 1];
        if (d.severity === 1 || d.severity === 2) problems++;
        out.add(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severity}: ${d.message} [${d.code}]\n`);
      }
      out.flush();
    }
    if (failed) return 2;
    return problems > 0 ? 1 : 0;
  }
  process.stderr.write(`attache: unknown command '${command}'\n${USAGE}\n`);
  return 2;
}

if (require.main === module) {
  // A reader that stops early (`attache annotate big.txt | head`) closes the pipe: that is no error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = main(process.argv.slice(2));
}
