/**
 * The officials register as the features see it, and the custom request `attache/registerEntry`:
 * where a person's entry is written, for the client's Open Register Entry command.
 *
 * The features never read register files themselves: the server passes them a view of the
 * register it keeps (the starter register, the user's and the workspace's files, merged).
 */
import { RequestType, type Range } from 'vscode-languageserver';
import type { Register, RegisterPerson } from '../core/register';

/** Where a register entry, or any place in a register file, is written. */
export interface RegisterLocation {
  /** The register file's URI. */
  uri: string;
  range: Range;
}

/**
 * The workspace register file that edits go to (the first of `attache.register.files` in the
 * workspace), with its text as the editor has it.
 */
export interface RegisterEditTarget {
  uri: string;
  /** The file's text (the open document's, where it is open); null where the file does not exist yet. */
  text: string | null;
  /** The open document's version, where it is open: an edit computed on another text is then refused by the client. */
  version?: number | null;
}

/** The register the server keeps, as the features read it. */
export interface RegisterView {
  /** The merged register the documents are analysed with. */
  register(): Register;
  /** The merged entry for an id. */
  personById(id: string): RegisterPerson | undefined;
  /** Where the entry for an id is written (in the last file that gives it), or null where no file does. */
  entryLocation(id: string): RegisterLocation | null;
  /** The file that edits to the register go to, or null where there is none (no workspace folder). */
  editTarget(): RegisterEditTarget | null;
}

/** The command that opens a person's register entry (the client registers it). */
export const OPEN_REGISTER_ENTRY_COMMAND = 'attache.openRegisterEntry';

/**
 * The argument of {@link OPEN_REGISTER_ENTRY_COMMAND}: the entry's id, and the register file to
 * look in first (after a quick fix has just written the entry there, before the server has read it).
 */
export interface OpenRegisterEntryArgs {
  id: string;
  uri?: string;
}

/** The parameters of `attache/registerEntry`. */
export interface RegisterEntryParams {
  /** The person's id in the register ("mark-rutte"). */
  id: string;
}

/** `attache/registerEntry`: `{ id }` → where the register writes that person, or null where it does not. */
export const RegisterEntryRequest = new RequestType<RegisterEntryParams, RegisterLocation | null, void>('attache/registerEntry');

/** The answer to `attache/registerEntry`. A malformed request answers null. */
export function registerEntry(view: Pick<RegisterView, 'entryLocation'>, params: RegisterEntryParams | null | undefined): RegisterLocation | null {
  const id = params?.id;
  if (typeof id !== 'string' || id === '') return null;
  return view.entryLocation(id);
}

/** A `command:` link that runs {@link OPEN_REGISTER_ENTRY_COMMAND} (for Markdown that the client trusts for that command alone). */
export function openRegisterEntryLink(args: OpenRegisterEntryArgs): string {
  return `command:${OPEN_REGISTER_ENTRY_COMMAND}?${encodeURIComponent(JSON.stringify([args]))}`;
}
