/**
 * The `attache.*` settings as the server reads them: validated, with a default for every value
 * the user left out or got wrong. Severity comes from here through one function,
 * `severityOf`, so that diagnostics, the annotations request and code actions agree.
 */
import { FINDING_CODES } from './core/checks';
import type { Finding, FindingCode, Severity } from './core/model';

/** A diagnostic severity as the `attache.diagnostics.severity` setting names it; `off` hides the code. */
export type SeveritySetting = Severity | 'off';

/** How much of the protocol the client logs (`attache.trace.server`). The client acts on it; the server only checks it. */
export type TraceSetting = 'off' | 'messages' | 'verbose';

/** The server's view of the `attache.*` settings. */
export interface AttacheSettings {
  /** `attache.enable`: serve nothing at all when false. */
  enable: boolean;
  /** `attache.plainText.detect`: serve `plaintext` documents that look like files of releases. */
  plainTextDetect: boolean;
  /** `attache.diagnostics.severity`: per-code overrides; codes left out keep their default. */
  severity: Partial<Record<FindingCode, SeveritySetting>>;
  /** `attache.trace.server`. */
  trace: TraceSetting;
  /** `attache.register.files`: officials register files, absolute or relative to each workspace folder. */
  registerFiles: string[];
  /** `attache.register.useStarter`: read Attaché's starter register before those files. */
  registerUseStarter: boolean;
}

/** The settings of a user who changed nothing. */
export const DEFAULT_SETTINGS: Readonly<AttacheSettings> = Object.freeze({
  enable: true,
  plainTextDetect: true,
  severity: Object.freeze({}),
  trace: 'off' as const,
  registerFiles: Object.freeze(['.attache/officials.json']) as unknown as string[],
  registerUseStarter: true,
});

const SEVERITY_WORDS: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];
const TRACE_WORDS: readonly TraceSetting[] = ['off', 'messages', 'verbose'];

/** The settings read from a raw value, and one message per value that was wrong and replaced by its default. */
export interface ValidatedSettings {
  settings: AttacheSettings;
  problems: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The longest quotation of a wrong value in a message: a pasted document must not fill the screen. */
const MAX_DESCRIBED = 80;

function describe(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_DESCRIBED ? `${text.slice(0, MAX_DESCRIBED)}…` : text;
}

function isFindingCode(code: string): code is FindingCode {
  return Object.prototype.hasOwnProperty.call(FINDING_CODES, code);
}

/**
 * Reads the `attache` section as `workspace/configuration` returns it (nested objects:
 * `{ enable, plainText: { detect }, diagnostics: { severity }, trace: { server } }`). Also
 * accepts dotted keys (`"plainText.detect"`), which some clients send unexpanded.
 */
export function validateSettings(raw: unknown): ValidatedSettings {
  const problems: string[] = [];
  const settings: AttacheSettings = { ...DEFAULT_SETTINGS, severity: {}, registerFiles: [...DEFAULT_SETTINGS.registerFiles] };
  if (raw === undefined || raw === null) return { settings, problems };
  if (!isRecord(raw)) {
    problems.push(`The setting "attache" should be an object, not ${describe(raw)}; using the defaults.`);
    return { settings, problems };
  }
  const lookup = (path: string[]): unknown => {
    const dotted = raw[path.join('.')];
    if (dotted !== undefined) return dotted;
    let value: unknown = raw;
    for (const key of path) {
      if (!isRecord(value)) return undefined;
      value = value[key];
    }
    return value;
  };
  const readBoolean = (path: string[], fallback: boolean): boolean => {
    const value = lookup(path);
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'boolean') return value;
    problems.push(`The setting "attache.${path.join('.')}" should be true or false, not ${describe(value)}; using ${fallback}.`);
    return fallback;
  };

  settings.enable = readBoolean(['enable'], DEFAULT_SETTINGS.enable);
  settings.plainTextDetect = readBoolean(['plainText', 'detect'], DEFAULT_SETTINGS.plainTextDetect);
  settings.registerUseStarter = readBoolean(['register', 'useStarter'], DEFAULT_SETTINGS.registerUseStarter);
  const files = lookup(['register', 'files']);
  if (files !== undefined && files !== null) {
    if (Array.isArray(files) && files.every((f) => typeof f === 'string' && f.trim() !== '')) settings.registerFiles = files.map((f: string) => f.trim());
    else problems.push(`The setting "attache.register.files" should be a list of file paths, not ${describe(files)}; using [".attache/officials.json"].`);
  }

  const trace = lookup(['trace', 'server']);
  if (trace !== undefined && trace !== null) {
    if (typeof trace === 'string' && (TRACE_WORDS as readonly string[]).includes(trace)) settings.trace = trace as TraceSetting;
    else problems.push(`The setting "attache.trace.server" should be one of ${TRACE_WORDS.join(', ')}, not ${describe(trace)}; using "off".`);
  }

  const severity = lookup(['diagnostics', 'severity']);
  if (severity !== undefined && severity !== null) {
    if (!isRecord(severity)) {
      problems.push(`The setting "attache.diagnostics.severity" should map codes such as "date.invalid" to a severity, not ${describe(severity)}; using the defaults.`);
    } else {
      for (const [code, value] of Object.entries(severity)) {
        if (!isFindingCode(code)) {
          problems.push(`The setting "attache.diagnostics.severity" names "${code}", which is no Attaché code (known: ${Object.keys(FINDING_CODES).join(', ')}); ignoring it.`);
          continue;
        }
        if (typeof value === 'string' && (SEVERITY_WORDS as readonly string[]).includes(value)) {
          settings.severity[code] = value as SeveritySetting;
        } else {
          problems.push(
            `The setting "attache.diagnostics.severity" gives "${code}" the value ${describe(value)}; use one of ${SEVERITY_WORDS.join(', ')}. Using "${FINDING_CODES[code].severity}".`,
          );
        }
      }
    }
  }
  return { settings, problems };
}

/**
 * The severity a finding is shown with: the user's setting for its code, else the code's default
 * from `FINDING_CODES`, else the finding's own. Null where the user turned the code off.
 */
export function severityOf(finding: Pick<Finding, 'code' | 'severity'>, settings: AttacheSettings): Severity | null {
  const chosen = settings.severity[finding.code] ?? FINDING_CODES[finding.code]?.severity ?? finding.severity;
  return chosen === 'off' ? null : chosen;
}

/** What reading settings needs of the connection; narrow, so that tests can stand in for it. */
export interface SettingsChannel {
  /** `workspace/configuration` for one section; absent where the client cannot answer it. */
  getConfiguration?(section: string): Promise<unknown>;
  /** `window/showWarningMessage` (a notification: nothing to wait for). */
  showWarningMessage(message: string): void;
  /** Where to write a failure to read the settings. */
  logError(message: string): void;
}

/**
 * The current settings, read again whenever the client says they changed. Warns the user once
 * about each wrong value (again only after it was fixed and broken anew), so that a settings
 * change does not repeat every old warning.
 */
export class SettingsSource {
  private settings: AttacheSettings = { ...DEFAULT_SETTINGS, severity: {}, registerFiles: [...DEFAULT_SETTINGS.registerFiles] };
  private shownProblems = new Set<string>();
  private markReady: () => void = () => undefined;
  /** Settles once the first read is done, whatever its outcome. */
  readonly ready: Promise<void> = new Promise((resolve) => (this.markReady = resolve));

  constructor(private readonly channel: SettingsChannel) {}

  /** The settings as last read (the defaults before the first read). */
  get current(): AttacheSettings {
    return this.settings;
  }

  /**
   * Reads the settings: pulls them through `workspace/configuration` where the client supports
   * it, else takes the `attache` section of a `workspace/didChangeConfiguration` push.
   */
  async refresh(pushed?: unknown): Promise<AttacheSettings> {
    let raw: unknown;
    try {
      if (this.channel.getConfiguration) raw = await this.channel.getConfiguration('attache');
      else if (isRecord(pushed)) raw = pushed.attache;
    } catch (error) {
      // A client that fails to answer leaves the last good settings in place.
      this.channel.logError(`Attaché could not read its settings: ${error instanceof Error ? error.message : String(error)}`);
      this.markReady();
      return this.settings;
    }
    const { settings, problems } = validateSettings(raw);
    const current = new Set(problems);
    for (const problem of problems) {
      if (this.shownProblems.has(problem)) continue;
      this.channel.showWarningMessage(problem);
    }
    this.shownProblems = current;
    this.settings = settings;
    this.markReady();
    return settings;
  }
}
