/**
 * Quick fixes (`textDocument/codeAction`): the fixes the engine offers with a finding (the right
 * weekday, the usual spelling of a name, a missing Source: line), each tied to its diagnostic and
 * offered only where the requested range meets that diagnostic; and, with the officials register,
 * "Add to the officials register" on a person it does not know and "Add alias" on a spelling
 * variant of one it does. Register fixes edit the workspace's register file (creating it where
 * needed) through the workspace edit, which the user sees and can undo, and then open the entry.
 */
import { CodeActionKind, type CodeAction, type CodeActionContext, type Command, type Diagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toRange } from '../annotations';
import type { DocumentModel, Finding, Official, Span } from '../core/model';
import { foldRegisterText, type RegisterPerson } from '../core/register';
import { findingDiagnostics, type SeverityOf } from './diagnostics';
import { addAliasEdit, addPersonEdit, entryForOfficial, registerIdsIn, type RegisterEditOptions } from './registerEdits';
import { OPEN_REGISTER_ENTRY_COMMAND, type OpenRegisterEntryArgs, type RegisterEditTarget, type RegisterView } from './registerEntry';

/** What the register fixes read: entries by id, and the file edits go to. */
export type CodeActionRegister = Pick<RegisterView, 'personById' | 'editTarget'>;

/** True where two spans share a position; touching counts, so that a cursor at a diagnostic's end still gets its fix. */
function meets(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Whether the client asked only for kinds that exclude quick fixes. */
function wantsQuickFixes(context: CodeActionContext | undefined): boolean {
  const only = context?.only;
  if (!only || only.length === 0) return true;
  return only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`) || kind === CodeActionKind.Empty);
}

/** The command that shows an entry once a fix has written it (in the file it was written to). */
function openEntryCommand(args: OpenRegisterEntryArgs): Command {
  return { title: 'Open register entry', command: OPEN_REGISTER_ENTRY_COMMAND, arguments: [args] };
}

/** The official a finding's span names (a mention of theirs), where there is one. */
function officialAt(model: DocumentModel, span: Span): Official | undefined {
  return model.officials.find((o) => o.mentions.some((m) => m.span.start === span.start && m.span.end === span.end));
}

/** Whether the register already has `spelling` as the person's name or one of their aliases (ignoring case and diacritics). */
function knowsSpelling(person: RegisterPerson, spelling: string): boolean {
  const folded = foldRegisterText(spelling);
  return foldRegisterText(person.name) === folded || person.aliases.some((a) => foldRegisterText(a) === folded);
}

/** Reads the register's edit target once per request, and only where a register fix is asked for. */
function lazyTarget(register: CodeActionRegister): () => RegisterEditTarget | null {
  let target: RegisterEditTarget | null | undefined;
  return () => (target === undefined ? (target = register.editTarget()) : target);
}

/** "Add alias" for a spelling variant of a person the register knows, where it does not know that spelling. */
function addAliasAction(doc: TextDocument, model: DocumentModel, finding: Finding, diagnostic: Diagnostic, register: CodeActionRegister, target: () => RegisterEditTarget | null, options: RegisterEditOptions): CodeAction | null {
  const official = officialAt(model, finding.span);
  const person = official?.registerId ? register.personById(official.registerId) : undefined;
  if (!person) return null;
  const variant = doc.getText(toRange(doc, finding.span)).replace(/\s+/g, ' ').trim();
  if (variant === '' || knowsSpelling(person, variant)) return null;
  const file = target();
  if (!file) return null;
  const edit = addAliasEdit(file, person, variant, options);
  if (!edit) return null;
  return {
    title: `Add alias '${variant}' for ${person.name} to the officials register`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit,
    command: openEntryCommand({ id: person.id, uri: file.uri }),
  };
}

/** "Add to the officials register" for each person the register does not know and the range meets a mention of. */
function addPersonActions(model: DocumentModel, requested: Span, register: CodeActionRegister, target: () => RegisterEditTarget | null, options: RegisterEditOptions): CodeAction[] {
  const actions: CodeAction[] = [];
  let inFile: Set<string> | undefined;
  for (const official of model.officials) {
    if (official.registerId || !official.mentions.some((m) => meets(m.span, requested))) continue;
    const file = target();
    if (!file) return [];
    inFile ??= registerIdsIn(file.text);
    const taken = inFile;
    const entry = entryForOfficial(official, (id) => taken.has(id) || register.personById(id) !== undefined);
    const edit = addPersonEdit(file, entry, options);
    if (!edit) continue;
    actions.push({
      title: `Add ${official.name} to the officials register`,
      kind: CodeActionKind.QuickFix,
      edit,
      command: openEntryCommand({ id: entry.id, uri: file.uri }),
    });
  }
  return actions;
}

/**
 * The quick fixes for a range of a document. A finding whose code the settings turn off has no
 * diagnostic, and so no fix either. With the officials register (`register`, the one the model
 * was analysed with), also the fixes that add to its workspace file; `options` shape a register
 * file that has to be created.
 */
export function codeActions(
  doc: TextDocument,
  model: DocumentModel,
  range: Range,
  context: CodeActionContext | undefined,
  severity: SeverityOf,
  register?: CodeActionRegister,
  options: RegisterEditOptions = {},
): CodeAction[] {
  if (!wantsQuickFixes(context)) return [];
  const requested: Span = { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
  const target = register ? lazyTarget(register) : () => null;
  const actions: CodeAction[] = [];
  for (const { finding, diagnostic } of findingDiagnostics(doc, model, severity)) {
    if (!meets(finding.span, requested)) continue;
    const aliasFix = register && finding.code === 'official.name-variant';
    if (finding.fixes.length === 0 && !aliasFix) continue;
    // The client matches a fix to its squiggle by the diagnostic it sent, where it sent one.
    const sent = context?.diagnostics?.find((d) => d.source === diagnostic.source && d.code === diagnostic.code && sameRange(d.range, diagnostic.range));
    for (const fix of finding.fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [sent ?? diagnostic],
        isPreferred: fix.preferred === true,
        edit: { changes: { [doc.uri]: [{ range: toRange(doc, fix.span), newText: fix.newText }] } },
      });
    }
    if (aliasFix) {
      const action = addAliasAction(doc, model, finding, sent ?? diagnostic, register, target, options);
      if (action) actions.push(action);
    }
  }
  if (register) actions.push(...addPersonActions(model, requested, register, target, options));
  return actions;
}
