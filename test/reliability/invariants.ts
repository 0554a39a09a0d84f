/**
 * What must hold of every model the engine returns, whatever the text: the specification the
 * property tests and the long fuzz campaign (`scripts/fuzz.mjs`) check.
 *
 * - every span lies inside the text, with `start <= end`, both integers;
 * - no span starts or ends inside a surrogate pair or between the CR and the LF of a CRLF;
 * - the mentions of one official never overlap;
 * - a date's value is `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `START/END` of those, or null;
 * - release indices point at a release, and the model's length is the text's;
 * - a mention's and a date's `text` is what its span holds (the contract: "as written").
 */
import type { DocumentModel, Span } from '../../server/src/core/model';

/** One well-formed calendar value: a year, a month of a year, or a day of a month of a year. */
const PART = '\\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\\d|3[01]))?)?';
/** A date value as the annotation contract allows it. */
export const DATE_VALUE = new RegExp(`^${PART}(?:/${PART})?$`);

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Why an offset is not a place a span may start or end at, or null where it is one. */
export function badBoundary(text: string, offset: number): string | null {
  if (!Number.isInteger(offset)) return `offset ${offset} is not an integer`;
  if (offset < 0 || offset > text.length) return `offset ${offset} is outside the text (length ${text.length})`;
  if (offset === 0 || offset === text.length) return null;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  if (isHigh(before) && isLow(after)) return `offset ${offset} splits a surrogate pair`;
  if (before === 13 && after === 10) return `offset ${offset} falls between CR and LF`;
  return null;
}

/** Text around an offset, escaped, for messages that must show invisible characters. */
export function around(text: string, start: number, end = start): string {
  return JSON.stringify(text.slice(Math.max(0, start - 20), Math.min(text.length, end + 20)));
}

/** Every way a model breaks the invariants for its text; empty where it keeps them all. */
export function modelProblems(text: string, model: DocumentModel): string[] {
  const problems: string[] = [];
  const span = (where: string, s: Span | null | undefined, optional = false): void => {
    if (s === null || s === undefined) {
      if (!optional) problems.push(`${where}: span missing`);
      return;
    }
    if (typeof s !== 'object' || typeof s.start !== 'number' || typeof s.end !== 'number') {
      problems.push(`${where}: not a span: ${JSON.stringify(s)}`);
      return;
    }
    if (s.start > s.end) problems.push(`${where}: start ${s.start} is after end ${s.end}`);
    for (const [edge, offset] of [['start', s.start], ['end', s.end]] as const) {
      const why = badBoundary(text, offset);
      if (why) problems.push(`${where}.${edge}: ${why} near ${around(text, offset)}`);
    }
  };
  const releaseIndex = (where: string, index: number): void => {
    if (!Number.isInteger(index) || index < 0 || index >= model.releases.length) {
      problems.push(`${where}: release ${index} is not one of the ${model.releases.length} releases`);
    }
  };

  if (model.length !== text.length) problems.push(`model.length ${model.length} is not the text's length ${text.length}`);

  model.releases.forEach((r, i) => {
    const where = `releases[${i}]`;
    if (r.index !== i) problems.push(`${where}.index is ${r.index}`);
    span(`${where}.span`, r.span);
    span(`${where}.titleSpan`, r.titleSpan);
    span(`${where}.sourceSpan`, r.sourceSpan, true);
    span(`${where}.bodySpan`, r.bodySpan, true);
    span(`${where}.footerSpan`, r.footerSpan, true);
    if (r.date !== null && !DATE_VALUE.test(r.date)) problems.push(`${where}.date is malformed: ${JSON.stringify(r.date)}`);
  });

  model.officials.forEach((o, i) => {
    const where = `officials[${i}] (${o.id})`;
    o.roles.forEach((role, j) => {
      span(`${where}.roles[${j}].span`, role.span);
      releaseIndex(`${where}.roles[${j}]`, role.release);
    });
    o.mentions.forEach((m, j) => {
      span(`${where}.mentions[${j}].span`, m.span);
      releaseIndex(`${where}.mentions[${j}]`, m.release);
      if (m.span && text.slice(m.span.start, m.span.end) !== m.text) problems.push(`${where}.mentions[${j}]: text ${JSON.stringify(m.text)} is not what its span holds, ${JSON.stringify(text.slice(m.span.start, m.span.end))}`);
    });
    const sorted = [...o.mentions].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    for (let j = 1; j < sorted.length; j++) {
      const a = sorted[j - 1].span;
      const b = sorted[j].span;
      if (b.start < a.end) {
        problems.push(`${where}: mentions [${a.start}, ${a.end}) ${JSON.stringify(text.slice(a.start, a.end))} and [${b.start}, ${b.end}) ${JSON.stringify(text.slice(b.start, b.end))} overlap`);
      }
    }
  });

  model.dates.forEach((d, i) => {
    const where = `dates[${i}] ${JSON.stringify(d.text)}`;
    span(`${where}.span`, d.span);
    span(`${where}.weekdaySpan`, d.weekdaySpan, true);
    span(`${where}.endWeekdaySpan`, d.endWeekdaySpan, true);
    releaseIndex(where, d.release);
    if (d.span && text.slice(d.span.start, d.span.end) !== d.text) problems.push(`${where}: text is not what its span holds, ${JSON.stringify(text.slice(d.span.start, d.span.end))}`);
    if (d.value !== null && (typeof d.value !== 'string' || !DATE_VALUE.test(d.value))) {
      problems.push(`${where}: value is malformed: ${JSON.stringify(d.value)}`);
    }
  });

  (model.roleReferences ?? []).forEach((r, i) => {
    const where = `roleReferences[${i}] ${JSON.stringify(r.text)}`;
    span(`${where}.span`, r.span);
    releaseIndex(where, r.release);
  });

  model.findings.forEach((f, i) => {
    const where = `findings[${i}] (${f.code})`;
    span(`${where}.span`, f.span);
    f.fixes.forEach((fix, j) => span(`${where}.fixes[${j}].span`, fix.span));
    f.related?.forEach((r, j) => span(`${where}.related[${j}].span`, r.span));
  });
  return problems;
}
