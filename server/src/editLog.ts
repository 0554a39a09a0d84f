/**
 * What changed in each open document since the engine last read it, as the client's incremental
 * changes tell it: one stretch covering them all. The analyzer then need not compare a whole
 * archive with its previous text to find what a keystroke changed.
 */
import type { TextEdit } from './core/edits';

export class EditLog {
  /** By URI: the edit since the last `take`, or null where a change did not say where it fell. */
  private readonly edits = new Map<string, TextEdit | null>();

  /** A change replaced [start, end) of the document's current text with `inserted` code units. */
  record(uri: string, start: number, end: number, inserted: number): void {
    if (this.edits.get(uri) === null) return;
    const pending = this.edits.get(uri);
    if (!pending) {
      this.edits.set(uri, { start, oldEnd: end, newEnd: start + inserted });
      return;
    }
    // The pending stretch and the change, in the current text's terms, then back to the old text's.
    const from = Math.min(pending.start, start);
    const to = Math.max(pending.newEnd, end);
    const grownBefore = pending.newEnd - pending.oldEnd;
    const grownNow = inserted - (end - start);
    this.edits.set(uri, { start: from, oldEnd: to - grownBefore, newEnd: to + grownNow });
  }

  /** A change replaced the whole text, or one could not be placed: the next reading compares texts. */
  unknown(uri: string): void {
    this.edits.set(uri, null);
  }

  /** The edit since the last call, and a fresh start; undefined where nothing is known. */
  take(uri: string): TextEdit | undefined {
    const edit = this.edits.get(uri);
    this.edits.delete(uri);
    return edit ?? undefined;
  }

  /** The document was opened or closed: nothing before counts. */
  forget(uri: string): void {
    this.edits.delete(uri);
  }
}
