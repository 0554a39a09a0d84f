/**
 * What the cursor is on: a person's name, a role, a date or a release title. Hover, definition,
 * references, highlights and rename all start from here, so that they agree on what a name is.
 */
import type { DateMention, DocumentModel, Mention, Official, Release, Role, Span } from '../core/model';

/** The thing at an offset, with what it belongs to. */
export type Entity =
  | { kind: 'person'; official: Official; mention: Mention; span: Span }
  | { kind: 'role'; official: Official; role: Role; span: Span }
  | { kind: 'date'; date: DateMention; span: Span }
  | { kind: 'title'; release: Release; span: Span };

/**
 * True where `offset` is inside the span or right at its end: an editor puts the cursor after
 * the last letter of a word it means.
 */
function touches(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** How well a span holds an offset: inside beats touching at the end. */
function fit(span: Span, offset: number): number {
  return offset < span.end ? 2 : 1;
}

/** The entity at a UTF-16 offset of the model's text, or null where there is none. */
export function entityAt(model: DocumentModel, offset: number): Entity | null {
  const release = releaseAt(model, offset);
  if (!release) return null;
  let best: Entity | null = null;
  let bestFit = 0;
  const consider = (entity: Entity): void => {
    if (!touches(entity.span, offset)) return;
    const score = fit(entity.span, offset);
    if (score > bestFit) {
      best = entity;
      bestFit = score;
    }
  };
  const here = entitiesByRelease(model)[release.index] ?? [];
  // A name inside a date or a role never happens in a sane model; people come first in each
  // release's list so that, were it to, the name wins.
  for (const entity of here) {
    if (bestFit === 2 && entity.kind !== 'person') break;
    consider(entity);
  }
  return best;
}

/**
 * Every entity of a model, grouped by release, people first: built once per model, so that a
 * hover in a file of ten thousand releases looks at one release, not at the whole file.
 */
const byRelease = new WeakMap<DocumentModel, Entity[][]>();
function entitiesByRelease(model: DocumentModel): Entity[][] {
  let index = byRelease.get(model);
  if (index) return index;
  const people: Entity[][] = model.releases.map(() => []);
  const others: Entity[][] = model.releases.map(() => []);
  for (const official of model.officials) {
    for (const mention of official.mentions) people[mention.release]?.push({ kind: 'person', official, mention, span: mention.span });
    for (const role of official.roles) others[role.release]?.push({ kind: 'role', official, role, span: role.span });
  }
  for (const date of model.dates) others[date.release]?.push({ kind: 'date', date, span: date.span });
  for (const release of model.releases) others[release.index].push({ kind: 'title', release, span: release.titleSpan });
  index = people.map((list, i) => list.concat(others[i]));
  byRelease.set(model, index);
  return index;
}

export function releaseAt(model: DocumentModel, offset: number): Release | null {
  // Releases are in document order and do not overlap: a binary search.
  const releases = model.releases;
  let lo = 0;
  let hi = releases.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const span = releases[mid].span;
    if (offset < span.start) hi = mid - 1;
    else if (offset > span.end) lo = mid + 1;
    else return releases[mid];
  }
  return null;
}

/**
 * Where a person is introduced: the first mention that gives the full name, else the first
 * mention. Definition goes there; semantic tokens mark it as the declaration.
 */
export function introductionOf(official: Official): Mention | undefined {
  return official.mentions.find((m) => m.form === 'full') ?? official.mentions[0];
}

/**
 * Index of the first of `items` (in document order, not overlapping) whose span ends at or after
 * `offset`; `items.length` where none does.
 */
export function firstEndingFrom(items: readonly { span: Span }[], offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].span.end < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
