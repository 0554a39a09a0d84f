/**
 * What changed between two versions of a text, and where a position of the old text stands in the
 * new one. The analyzer uses it to redo only the releases an edit touched.
 */

/** One replaced stretch: old [start, oldEnd) became new [start, newEnd). */
export interface TextEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** Compared in chunks first: equal chunks of two flat strings compare at memory speed. */
const CHUNK = 4096;

function commonPrefix(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let i = 0;
  while (i + CHUNK <= limit && a.substring(i, i + CHUNK) === b.substring(i, i + CHUNK)) i += CHUNK;
  while (i < limit && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, limit: number): number {
  let n = 0;
  while (n + CHUNK <= limit && a.substring(a.length - n - CHUNK, a.length - n) === b.substring(b.length - n - CHUNK, b.length - n)) n += CHUNK;
  while (n < limit && a.charCodeAt(a.length - n - 1) === b.charCodeAt(b.length - n - 1)) n++;
  return n;
}

/**
 * The smallest single edit that turns `before` into `after`, or null where they are equal. Several
 * edits at once come out as one edit spanning them all. A surrogate pair is never split.
 */
export function findEdit(before: string, after: string): TextEdit | null {
  if (before === after) return null;
  let start = commonPrefix(before, after);
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let suffix = commonSuffix(before, after, Math.min(before.length, after.length) - start);
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Where an offset of the old text stands in the new. `end` tells an end offset from a start: at
 * an insertion point, what ended there still ends there and what started there moves with the
 * inserted text. Offsets inside a replaced stretch have no true place; they go to its edges.
 */
export type PositionMap = (offset: number, end: boolean) => number;

export function positionMap(edit: TextEdit): PositionMap {
  const { start, oldEnd, newEnd } = edit;
  const delta = newEnd - oldEnd;
  return (offset, end) => {
    if (offset < start || (end && offset === start)) return offset;
    if (offset >= oldEnd) return offset + delta;
    return end ? newEnd : start;
  };
}
