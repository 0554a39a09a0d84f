/**
 * `attache.exportAnnotations` (Export Annotations…): writes the active document's annotations as
 * the contract's JSON or as a CSV of mentions, to a file beside it. The document itself is never
 * touched.
 */
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { annotationsForCommand, fileName, type FileAnnotations } from '../annotations';
import type { AttacheClient } from '../attacheClient';
import { toMentionsCsv } from '../mentionsCsv';
import { count } from '../views/releaseStatus';

/** The export formats. */
export type ExportFormat = 'json' | 'csv';

/** Arguments of the command, for driving it without dialogs (tests, keybindings, other extensions). */
export interface ExportOptions {
  /** `json` (the annotation contract) or `csv` (one row per mention); asked where absent. */
  format?: ExportFormat;
  /** Where to write, as a URI or a file-system path; asked with a save dialog where absent. */
  target?: vscode.Uri | string;
  /** Replace an existing `target`. Without it an existing file is left alone. */
  overwrite?: boolean;
  /** The document to export, as a URI or a path; the active editor's by default. */
  document?: vscode.Uri | string;
}

interface FormatItem extends vscode.QuickPickItem {
  format: ExportFormat;
}

const FORMATS: Record<ExportFormat, { suffix: string; filter: Record<string, string[]> }> = {
  json: { suffix: '.annotations.json', filter: { 'Annotations (JSON)': ['json'] } },
  csv: { suffix: '.mentions.csv', filter: { 'Mentions (CSV)': ['csv'] } },
};

/**
 * Makes the handler of Export Annotations….
 * @returns the handler; it resolves to the file written, or undefined where nothing was written
 */
export function exportAnnotations(client: AttacheClient): (options?: ExportOptions) => Promise<vscode.Uri | undefined> {
  return async (options = {}) => {
    const document = await documentToExport(options.document);
    if (options.document !== undefined && !document) {
      void vscode.window.showErrorMessage(`Attaché cannot open ${String(options.document)} to export it.`);
      return undefined;
    }
    const annotations = await annotationsForCommand(client, document);
    if (!document || !annotations) return undefined;

    if (options.format !== undefined && !Object.hasOwn(FORMATS, options.format)) {
      void vscode.window.showErrorMessage(`Unknown export format “${String(options.format)}”: use json or csv.`);
      return undefined;
    }
    const format = options.format ?? (await askFormat());
    if (!format) return undefined;

    let target: vscode.Uri | undefined;
    if (options.target !== undefined) {
      target = toUri(options.target);
      // The save dialog asks before replacing a file; a target passed in has no one to ask.
      if (!options.overwrite && (await exists(target))) {
        void vscode.window.showWarningMessage(`${fileName(target)} already exists; nothing was exported (pass overwrite: true to replace it).`);
        return undefined;
      }
    } else {
      target = await vscode.window.showSaveDialog({
        title: 'Export Annotations',
        saveLabel: 'Export',
        defaultUri: besideDocument(document.uri, format),
        filters: FORMATS[format].filter,
      });
      if (!target) return undefined;
    }
    if (target.toString() === document.uri.toString()) {
      void vscode.window.showErrorMessage('Attaché will not export over the document it exports.');
      return undefined;
    }

    const text = format === 'json' ? JSON.stringify(annotations, null, 2) + '\n' : toMentionsCsv(annotations);
    try {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    } catch (error) {
      void vscode.window.showErrorMessage(`Attaché could not write ${fileName(target)}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    const written = target;
    void vscode.window.showInformationMessage(`Exported ${describeExport(annotations, format)} to ${fileName(written)}.`, 'Open').then((choice) => {
      if (choice) void vscode.window.showTextDocument(written);
    });
    return written;
  };
}

/** What an export holds, for the message that confirms it. */
export function describeExport(annotations: FileAnnotations, format: ExportFormat): string {
  const officials = count(annotations.officials.length, 'official');
  const mentions = count(annotations.officials.reduce((sum, official) => sum + official.mentions.length, 0), 'mention');
  if (format === 'csv') return `${mentions} of ${officials}`;
  return `${officials}, ${mentions}, ${count(annotations.dates.length, 'date')} and ${count(annotations.releases.length, 'release')}`;
}

/** Where the save dialog starts: beside the document, named after it ("nato.txt" → "nato.annotations.json"). */
export function besideDocument(uri: vscode.Uri, format: ExportFormat): vscode.Uri {
  const base = path.posix.basename(uri.path);
  const stem = base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base;
  const name = (stem || 'releases') + FORMATS[format].suffix;
  if (uri.scheme === 'untitled') {
    // An unsaved document has no folder of its own; the workspace's first folder is the nearest.
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return folder ? vscode.Uri.joinPath(folder, name) : vscode.Uri.file(path.join(os.homedir(), name));
  }
  return uri.with({ path: path.posix.join(path.posix.dirname(uri.path), name) });
}

async function askFormat(): Promise<ExportFormat | undefined> {
  const items: FormatItem[] = [
    { label: 'JSON', description: 'the annotation contract', detail: 'Releases, officials with roles and mentions, dates and diagnostics.', format: 'json' },
    { label: 'CSV', description: 'one row per mention', detail: 'Official, roles, the name as written, line and column, release.', format: 'csv' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Export Annotations', placeHolder: 'Export as…' });
  return picked?.format;
}

async function documentToExport(target: vscode.Uri | string | undefined): Promise<vscode.TextDocument | undefined> {
  if (target === undefined) return vscode.window.activeTextEditor?.document;
  const uri = toUri(target);
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open) return open;
  try {
    return await vscode.workspace.openTextDocument(uri);
  } catch {
    return undefined;
  }
}

/**
 * A URI from a URI, a URI's JSON form (what arrives when the command is run from outside this
 * extension host) or a string: a URI string ("file:///…", "untitled:…") or else a file-system path.
 */
function toUri(target: vscode.Uri | string): vscode.Uri {
  if (target instanceof vscode.Uri) return target;
  if (typeof target !== 'string') return vscode.Uri.from(target);
  // "C:\…" is a Windows path, not a URI with scheme "c".
  return /^[a-z][a-z0-9+.-]+:/i.test(target) && !/^[a-z]:[\\/]/i.test(target) ? vscode.Uri.parse(target, true) : vscode.Uri.file(target);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
