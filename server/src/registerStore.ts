/**
 * The officials register as the server holds it: Attaché's starter register and the files the
 * `attache.register.files` setting lists, read from disk (or from the editor where a file is
 * open with unsaved changes), merged, and re-read when they change. Problems in a register file
 * are published as diagnostics on that file; the rest of the register is still used.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic, Range } from 'vscode-languageserver';
import { emptyRegister, mergeRegisters, parseRegister, type Register, type RegisterPerson, type RegisterProblem } from './core/register';

/** Where the register's parts come from. */
export interface RegisterSettings {
  /** Register files: absolute, or relative to each workspace folder. */
  files: string[];
  /** Read Attaché's starter register first. */
  useStarter: boolean;
}

/** What the store needs from the server. */
export interface RegisterHost {
  /** Workspace folders as file-system paths. */
  folders(): string[];
  /** The text of a file open in the editor, where it is open. */
  openText(uri: string): string | undefined;
  publishDiagnostics(uri: string, diagnostics: Diagnostic[]): void;
  log(message: string): void;
}

const SEVERITY = { error: 1, warning: 2, information: 3, hint: 4 } as const;

/** One file of the register as last read. */
interface RegisterFile {
  uri: string;
  path: string;
  /** Null where the file does not exist (yet). */
  text: string | null;
  register: Register;
}

/** The starter register shipped with Attaché, beside the bundled server (dist/../registers/). */
export function starterRegisterPath(): string {
  return join(__dirname, '..', 'registers', 'starter.json');
}

/** Converts a register problem to a diagnostic on its file. */
export function problemToDiagnostic(problem: RegisterProblem, uri: string): Diagnostic {
  const diagnostic: Diagnostic = {
    range: problem.range,
    severity: SEVERITY[problem.severity],
    code: problem.code,
    source: 'attache',
    message: problem.path ? `${problem.path}: ${problem.message}` : problem.message,
  };
  if (problem.related?.length) {
    diagnostic.relatedInformation = problem.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  }
  return diagnostic;
}

/** The officials register, merged from its files, kept current. */
export class RegisterStore {
  private files: RegisterFile[] = [];
  private merged: Register = emptyRegister();
  private starterFile: RegisterFile | null = null;
  private settings: RegisterSettings = { files: [], useStarter: true };
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly host: RegisterHost, private readonly starterPath = starterRegisterPath()) {}

  /** Calls `listener` whenever the merged register changes. */
  onDidChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** The merged register (empty until loaded). */
  register(): Register {
    return this.merged;
  }

  /** Reads every part again with these settings. */
  async configure(settings: RegisterSettings): Promise<void> {
    this.settings = settings;
    await this.reload();
  }

  /** Re-reads every file and publishes their problems. */
  async reload(): Promise<void> {
    if (this.settings.useStarter && !this.starterFile) this.starterFile = await this.readFile(this.starterPath, false);
    const paths = this.filePaths();
    const previous = new Set(this.files.map((f) => f.uri));
    this.files = await Promise.all(paths.map((path) => this.readFile(path, true)));
    // A file no longer listed keeps no stale diagnostics.
    for (const uri of previous) if (!this.files.some((f) => f.uri === uri)) this.host.publishDiagnostics(uri, []);
    this.merge();
  }

  /** True where `uri` is one of the register's files: its change calls for a reload. */
  isRegisterFile(uri: string): boolean {
    return this.files.some((f) => f.uri === uri);
  }

  /** The register's entry for an id. */
  personById(id: string): RegisterPerson | undefined {
    return this.merged.people.find((p) => p.id === id);
  }

  /** Where an entry is written: the last file that defines it (workspace files over the starter). */
  entryLocation(id: string): { uri: string; range: Range } | null {
    const parts = this.settings.useStarter && this.starterFile ? [this.starterFile, ...this.files] : this.files;
    for (let i = parts.length - 1; i >= 0; i--) {
      const part = parts[i];
      const person = part.register.people.find((p) => p.id === id);
      if (person?.origin && part.text !== null) {
        return { uri: part.uri, range: rangeOf(part.text, person.origin.span.start, person.origin.span.end) };
      }
    }
    return null;
  }

  /** The workspace file that edits go to: the first listed; its text is null where it does not exist yet. */
  editTarget(): { uri: string; text: string | null } | null {
    const first = this.files[0];
    return first ? { uri: first.uri, text: first.text } : null;
  }

  private filePaths(): string[] {
    const out: string[] = [];
    for (const file of this.settings.files) {
      if (isAbsolute(file)) out.push(file);
      else for (const folder of this.host.folders()) out.push(resolve(folder, file));
    }
    return [...new Set(out)];
  }

  private async readFile(path: string, publish: boolean): Promise<RegisterFile> {
    const uri = pathToFileURL(path).href;
    let text = this.host.openText(uri) ?? null;
    if (text === null) {
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT') this.host.log(`The officials register ${path} cannot be read (${(error as Error).message}); it is left out.`);
        if (publish) this.host.publishDiagnostics(uri, []);
        return { uri, path, text: null, register: emptyRegister(path) };
      }
    }
    const { register, problems } = parseRegister(text, path);
    if (publish) this.host.publishDiagnostics(uri, problems.map((p) => problemToDiagnostic(p, uri)));
    if (problems.some((p) => p.severity === 'error')) {
      this.host.log(`The officials register ${path} has ${problems.length} problem(s); its valid entries are used.`);
    }
    return { uri, path, text, register };
  }

  private merge(): void {
    const parts = [...(this.settings.useStarter && this.starterFile ? [this.starterFile.register] : []), ...this.files.map((f) => f.register)];
    this.merged = parts.length ? mergeRegisters(parts) : emptyRegister();
    for (const listener of this.listeners) listener();
  }
}

/** The path of a file URI, or null for another scheme. */
export function pathOfUri(uri: string): string | null {
  return uri.startsWith('file:') ? fileURLToPath(uri) : null;
}

/** Lines and characters of two offsets in a text (CRLF, CR and LF aware). */
function rangeOf(text: string, start: number, end: number): Range {
  const at = (offset: number): { line: number; character: number } => {
    let line = 0;
    let lineStart = 0;
    for (let i = 0; i < offset && i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        line++;
        lineStart = i + 1;
      }
    }
    return { line, character: offset - lineStart };
  };
  return { start: at(start), end: at(end) };
}
