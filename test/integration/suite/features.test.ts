// Feature tests: what a user of Attaché gets in a real VS Code, checked through the `vscode` API
// only (the same calls the editor's own UI makes), on the corpus files the launcher copies into a
// temporary workspace. Expected values come from the corpus gold files (lines there are 1-based).
//
// The same file runs under both launchers (test/integration/runInCodeServer.mjs and
// runInElectron.ts), from the source folder or from an installed .vsix.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { test } from './index';

const EXTENSION_ID = 'attache.attache';
const NATO = 'nato-2025-03.txt';
const PLANTED = 'planted-errors-dev.txt';

// ---------------------------------------------------------------------------------------------
// Gold files: shared/ sits beside the repository (ATTACHE_SHARED_DIR overrides, as for the
// launchers). This file is compiled to out/test/integration/suite/, four levels below the root.

interface Gold {
  releases: { line: number; title: string; source: string | null }[];
  officials: { name: string; aliases?: string[]; roles: string[] }[];
  diagnostics: { line: number; code: string }[];
}

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const sharedDir = process.env.ATTACHE_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');

function gold(name: string): Gold {
  const file = path.join(sharedDir, 'corpus', name.replace(/\.txt$/, '.gold.json'));
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Gold;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Polls `probe` until it returns something other than undefined, or fails with `what`. */
async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string | (() => string), timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function workspaceUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** The open document for a URI as VS Code holds it now (a language change replaces the object). */
function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed);
}

async function activateExtension(): Promise<void> {
  const extension = await waitFor(() => vscode.extensions.getExtension(EXTENSION_ID), `extension ${EXTENSION_ID}`);
  await extension.activate();
}

/**
 * Opens a workspace file the way a user does (open, show in an editor) and waits until Attaché
 * has recognised it: a .txt file opens as plain text and the extension switches it.
 * @returns the editor showing the file, its document already `diplomatic`
 */
async function openAsUser(name: string): Promise<vscode.TextEditor> {
  await activateExtension();
  const uri = workspaceUri(name);
  const opened = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(opened, { preview: false });
  const document = await waitFor(
    () => {
      const current = openDocument(uri);
      return current?.languageId === 'diplomatic' ? current : undefined;
    },
    () => `${name} to become 'diplomatic' (it is '${openDocument(uri)?.languageId}')`,
  );
  return vscode.window.showTextDocument(document, { preview: false });
}

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return String(typeof code === 'object' ? code.value : code);
}

function attacheDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'attache');
}

function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)}`).join(', ') || 'none';
}

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** Where `needle` is written in a document (its `index`th occurrence in the text is not needed: first is enough). */
function positionOf(document: vscode.TextDocument, needle: string, offsetInNeedle = 0): vscode.Position {
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is in ${path.basename(document.uri.fsPath)}`);
  return document.positionAt(at + offsetInNeedle);
}

// ---------------------------------------------------------------------------------------------
// Recognition and reading

test('a .txt file of releases is recognised: its language becomes diplomatic', async () => {
  const editor = await openAsUser(NATO);
  assert.strictEqual(editor.document.languageId, 'diplomatic');
  assert.ok(editor.document.fileName.endsWith('.txt'), 'the file is still the .txt opened');
  assert.strictEqual(editor.document.isDirty, false, 'recognising a file does not change its text');
});

test('the outline lists the 10 releases with their titles', async () => {
  const editor = await openAsUser(NATO);
  const expected = gold(NATO).releases;
  assert.strictEqual(expected.length, 10, 'the gold file has 10 releases');
  const symbols = await waitFor(async () => {
    const result = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    return result && result.length > 0 ? result : undefined;
  }, 'document symbols for nato-2025-03.txt');
  assert.deepStrictEqual(
    symbols.map((s) => s.name),
    expected.map((r) => r.title),
    'one top-level symbol per release, named by its title, in file order',
  );
  // Each release symbol is selected at its title line.
  assert.deepStrictEqual(
    symbols.map((s) => s.selectionRange.start.line),
    expected.map((r) => r.line - 1),
    'each release symbol starts at its title line',
  );
});

test('hovering "Mr Rutte" names his role: NATO Secretary General', async () => {
  const editor = await openAsUser(NATO);
  // On the "R" of "Rutte" in the first "Mr Rutte" (line 55), where only the surname is written.
  const position = positionOf(editor.document, 'Mr Rutte', 'Mr '.length + 1);
  const text = await waitFor(async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
    const value = hoverText(hovers ?? []);
    return value.includes('Rutte') ? value : undefined;
  }, `a hover at ${position.line + 1}:${position.character + 1} that names Rutte`);
  assert.match(text, /Mark Rutte/, `the hover gives his full name:\n${text}`);
  assert.match(text, /NATO Secretary General/, `the hover names his role:\n${text}`);
});

// ---------------------------------------------------------------------------------------------
// Checks and quick fixes

test('the planted problems appear, each at its line', async () => {
  const editor = await openAsUser(PLANTED);
  const uri = editor.document.uri;
  const planted = gold(PLANTED).diagnostics;
  assert.ok(planted.length > 0, 'the gold file plants problems');
  const missing = () => planted.filter((p) => !attacheDiagnostics(uri).some((d) => codeOf(d) === p.code && d.range.start.line === p.line - 1));
  await waitFor(
    () => (missing().length === 0 ? true : undefined),
    () => `${missing().map((p) => `${p.code} at line ${p.line}`).join(', ')}; diagnostics now: ${describeDiagnostics(attacheDiagnostics(uri))}`,
  );
});

test('a quick fix repairs a planted problem; reverting brings it back', async () => {
  const editor = await openAsUser(PLANTED);
  const uri = editor.document.uri;
  const onDisk = fs.readFileSync(uri.fsPath, 'utf8');
  const planted = gold(PLANTED).diagnostics.find((p) => p.code === 'date.weekday-mismatch');
  assert.ok(planted, 'the gold file plants a weekday mismatch');
  const line = planted.line - 1;
  const isPlanted = (d: vscode.Diagnostic) => codeOf(d) === planted.code && d.range.start.line === line;
  const diagnostic = await waitFor(() => attacheDiagnostics(uri).find(isPlanted), () => `${planted.code} at line ${planted.line}; diagnostics now: ${describeDiagnostics(attacheDiagnostics(uri))}`);
  const others = attacheDiagnostics(uri).length - 1;

  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
  // The API command does not carry a code action's `diagnostics` back; a fix is told by its edit,
  // which must change the planted line.
  const editsPlantedLine = (edit: vscode.WorkspaceEdit | undefined) => !!edit && edit.get(uri).some((e) => e.range.start.line <= line && e.range.end.line >= line);
  const fixes = (actions ?? []).filter(
    (a): a is vscode.CodeAction => 'kind' in a && !!a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind) && editsPlantedLine(a.edit),
  );
  assert.ok(fixes.length > 0, `a quick fix is offered for ${planted.code}; actions: ${(actions ?? []).map((a) => a.title).join(' | ') || 'none'}`);
  const fix = fixes.find((f) => f.isPreferred) ?? fixes[0];

  try {
    assert.ok(await vscode.workspace.applyEdit(fix.edit!), `the edit of "${fix.title}" applies`);
    const fixed = openDocument(uri);
    assert.ok(fixed?.isDirty, 'the fix changed the document');
    assert.notStrictEqual(fixed.lineAt(line).text, onDisk.split(/\r?\n/)[line], 'the fix changed the planted line');
    await waitFor(
      () => (attacheDiagnostics(uri).some(isPlanted) ? undefined : true),
      () => `${planted.code} at line ${planted.line} to go after "${fix.title}"; diagnostics now: ${describeDiagnostics(attacheDiagnostics(uri))}`,
    );
    assert.strictEqual(attacheDiagnostics(uri).length, others, `only the fixed problem went: ${describeDiagnostics(attacheDiagnostics(uri))}`);
  } finally {
    // Revert without saving: the file on disk never changes.
    const current = openDocument(uri);
    if (current) {
      await vscode.window.showTextDocument(current, { preview: false });
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }
  const reverted = await waitFor(() => {
    const d = openDocument(uri);
    return d && !d.isDirty ? d : undefined;
  }, 'the reverted document to be clean');
  assert.strictEqual(reverted.getText(), onDisk, 'the reverted text is the file on disk');
  assert.strictEqual(fs.readFileSync(uri.fsPath, 'utf8'), onDisk, 'the file on disk was never written');
  await waitFor(() => attacheDiagnostics(uri).find(isPlanted), `${planted.code} at line ${planted.line} to come back after the revert`);
});

test('a register fix is withdrawn (offered disabled) while the register has unsaved changes', async () => {
  // A register file of the workspace, and a release naming someone it does not know.
  const registerName = 'officials-under-test.json';
  const registerUri = workspaceUri(registerName);
  const saved = '{\n  "version": 1,\n  "people": []\n}\n';
  fs.writeFileSync(registerUri.fsPath, saved);
  fs.writeFileSync(workspaceUri('register-fix.txt').fsPath, 'Ambassador meets the press\n\nSource: Test Ministry\n\nOn Monday, 3 March 2025, Ambassador Zorba Quintavalle met the press.\n');
  const config = vscode.workspace.getConfiguration('attache');
  await config.update('register.files', [registerName], vscode.ConfigurationTarget.Workspace);
  try {
    const editor = await openAsUser('register-fix.txt');
    const uri = editor.document.uri;
    const at = editor.document.positionAt(editor.document.getText().indexOf('Quintavalle') + 3);
    const addFix = async (): Promise<vscode.CodeAction | undefined> => {
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(at, at), vscode.CodeActionKind.QuickFix.value);
      return (actions ?? []).find((a): a is vscode.CodeAction => a.title === 'Add Zorba Quintavalle to the officials register');
    };
    const clean = await waitFor(addFix, 'the fix that adds Zorba Quintavalle to the register');
    assert.strictEqual(clean.disabled, undefined, 'offered while the register is saved');

    // The register open with unsaved changes: the fix's places would be the saved file's.
    const register = await vscode.workspace.openTextDocument(registerUri);
    await vscode.window.showTextDocument(register, { preview: false });
    const draft = new vscode.WorkspaceEdit();
    draft.insert(registerUri, new vscode.Position(1, 0), '  "$comment": "being edited",\n');
    assert.ok(await vscode.workspace.applyEdit(draft), 'the draft change applies');
    assert.ok(openDocument(registerUri)?.isDirty, 'the register has unsaved changes');
    await vscode.window.showTextDocument(editor.document, { preview: false });
    // Disabled: the editor shows it greyed with the reason when asked for fixes, and the API
    // (which returns only the fixes that can be applied) leaves it out.
    await waitFor(async () => ((await addFix()) ? undefined : true), 'the fix to be withdrawn while the register is unsaved');

    // Saved state again (reverted): the fix is back.
    await vscode.window.showTextDocument(register, { preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.window.showTextDocument(editor.document, { preview: false });
    const again = await waitFor(addFix, 'the fix to come back once the register is saved');
    assert.strictEqual(again.disabled, undefined);
  } finally {
    const register = openDocument(registerUri);
    if (register?.isDirty) {
      await vscode.window.showTextDocument(register, { preview: false });
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await config.update('register.files', undefined, vscode.ConfigurationTarget.Workspace);
  }
  assert.strictEqual(fs.readFileSync(registerUri.fsPath, 'utf8'), saved, 'the register on disk was never written');
});

// ---------------------------------------------------------------------------------------------
// Commands

test('Go to Release moves the cursor to the release', async () => {
  const editor = await openAsUser(NATO);
  const releases = gold(NATO).releases;
  editor.selection = new vscode.Selection(0, 0, 0, 0);

  interface ReleaseTarget {
    index: number;
    title: string;
    titleRange: { start: { line: number; character: number } };
  }
  // By index (from 0)…
  const byIndex = await vscode.commands.executeCommand<ReleaseTarget | undefined>('attache.goToRelease', 4);
  assert.ok(byIndex, 'Go to Release returns the release gone to');
  assert.strictEqual(byIndex.title, releases[4].title);
  const active = vscode.window.activeTextEditor;
  assert.ok(active && active.document.uri.toString() === editor.document.uri.toString(), 'the release file is still the active editor');
  assert.strictEqual(active.selection.active.line, releases[4].line - 1, 'the cursor is on the fifth release title');
  assert.ok(active.selection.isEmpty, 'the cursor is a caret, not a selection');

  // …and by title.
  const last = releases[releases.length - 1];
  const byTitle = await vscode.commands.executeCommand<ReleaseTarget | undefined>('attache.goToRelease', last.title);
  assert.ok(byTitle, 'Go to Release by title finds it');
  assert.strictEqual(byTitle.index, releases.length - 1);
  assert.strictEqual(vscode.window.activeTextEditor?.selection.active.line, last.line - 1, 'the cursor is on the last release title');
  // The editor reports its new visible ranges a moment after it scrolls.
  await waitFor(
    () => (vscode.window.activeTextEditor?.visibleRanges.some((range) => range.contains(new vscode.Position(last.line - 1, 0))) ? true : undefined),
    () => `line ${last.line} to be scrolled into view (visible: ${vscode.window.activeTextEditor?.visibleRanges.map((r) => `${r.start.line + 1}-${r.end.line + 1}`).join(', ')})`,
    5_000,
  );
});

test('Export writes the annotation contract as JSON', async () => {
  const editor = await openAsUser(NATO);
  const document = editor.document;
  const target = workspaceUri('nato-2025-03.annotations.json');
  const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('attache.exportAnnotations', { format: 'json', target, overwrite: true });
  assert.ok(written, 'the export returns the file it wrote');
  assert.strictEqual(written.toString(), target.toString(), 'the export went to the target given');

  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(written));
  const json = JSON.parse(text) as Record<string, unknown>;
  assert.deepStrictEqual(Object.keys(json).sort(), ['dates', 'diagnostics', 'officials', 'releases', 'uri']);
  assert.strictEqual(json.uri, document.uri.toString(), 'uri is the exported document');

  const isRange = (r: unknown) => {
    const range = r as { start?: { line?: unknown; character?: unknown }; end?: { line?: unknown; character?: unknown } };
    return [range?.start?.line, range?.start?.character, range?.end?.line, range?.end?.character].every((n) => Number.isInteger(n));
  };
  const releases = json.releases as { title: string; source: string | null; range: unknown; titleRange: unknown; date: string | null }[];
  assert.deepStrictEqual(
    releases.map((r) => r.title),
    gold(NATO).releases.map((r) => r.title),
    'releases: the 10 titles',
  );
  for (const release of releases) {
    assert.ok(isRange(release.range) && isRange(release.titleRange), `release "${release.title}" has range and titleRange`);
    assert.ok(release.source === null || typeof release.source === 'string', 'source is a string or null');
    assert.ok(release.date === null || /^\d{4}(-\d{2}){0,2}$/.test(release.date), `date is YYYY[-MM[-DD]] or null: ${release.date}`);
  }

  const officials = json.officials as { id: string; name: string; roles: { text: string }[]; mentions: { range: unknown; text: string; release: number }[] }[];
  assert.ok(Array.isArray(officials) && officials.length > 0, 'officials: some');
  for (const official of officials) {
    assert.ok(typeof official.id === 'string' && typeof official.name === 'string', 'an official has id and name');
    assert.ok(Array.isArray(official.roles) && Array.isArray(official.mentions) && official.mentions.length > 0, `${official.name} has roles and mentions`);
    for (const mention of official.mentions) {
      assert.ok(isRange(mention.range) && typeof mention.text === 'string' && Number.isInteger(mention.release), `a mention of ${official.name} has range, text, release`);
    }
  }
  const rutte = officials.find((o) => o.name === 'Mark Rutte');
  assert.ok(rutte, `Mark Rutte is an official; officials: ${officials.map((o) => o.name).join(', ')}`);
  assert.ok(rutte.roles.some((r) => r.text === 'NATO Secretary General'), `Mark Rutte's roles: ${rutte.roles.map((r) => r.text).join('; ')}`);

  const dates = json.dates as { range: unknown; text: string; value: string | null; release: number }[];
  assert.ok(Array.isArray(dates) && dates.length > 0, 'dates: some');
  for (const date of dates) {
    assert.ok(isRange(date.range) && typeof date.text === 'string' && Number.isInteger(date.release), `date "${date.text}" has range, text, release`);
  }
  assert.ok(dates.some((d) => d.text === 'Wednesday, 19 March 2025' && d.value === '2025-03-19'), 'the first release date is read as 2025-03-19');

  const diagnostics = json.diagnostics as { source: string; code: unknown; range: unknown }[];
  assert.ok(Array.isArray(diagnostics), 'diagnostics: an array');
  for (const d of diagnostics) assert.ok(d.source === 'attache' && typeof d.code === 'string' && isRange(d.range), 'a diagnostic from attache with a string code');

  assert.strictEqual(openDocument(document.uri)?.isDirty, false, 'the exported document is untouched');
  // Without overwrite an existing file is left alone.
  const again = await vscode.commands.executeCommand<vscode.Uri | undefined>('attache.exportAnnotations', { format: 'json', target });
  assert.strictEqual(again, undefined, 'an existing target is not replaced without overwrite: true');
});
