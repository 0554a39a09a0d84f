/**
 * What the cursor is on: a person's name, a role, a date or a release title. Hover, definition,
 * references, highlights and rename all start from here, so that they agree on what a name is.
 */
import type { DateMention, DocumentModel, Mention, Official, Release, Role, Span } from '../core/model';
import { modelRevision } from '../core/analyze';
import { firstEndingFrom } from '../core/spans';

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
  const here = entitiesOf(model, release);
  // A name inside a date or a role never happens in a sane model; people come first in each
  // release's list so that, were it to, the name wins.
  for (const entity of here) {
    if (bestFit === 2 && entity.kind !== 'person') break;
    consider(entity);
  }
  return best;
}

/**
 * The entities of one release, people first, worked out when first asked for and kept until the
 * model changes: a hover in a file of ten thousand releases looks at one release, not at the
 * whole file, and an edit elsewhere costs it nothing.
 */
const byRelease = new WeakMap<DocumentModel, { revision: number; releases: Map<number, Entity[]> }>();
function entitiesOf(model: DocumentModel, release: Release): Entity[] {
  const revision = modelRevision(model);
  let cache = byRelease.get(model);
  if (!cache || cache.revision !== revision) {
    cache = { revision, releases: new Map() };
    byRelease.set(model, cache);
  }
  const known = cache.releases.get(release.index);
  if (known) return known;
  const { start, end } = release.span;
  const inRelease = <T extends { span: Span; release: number }>(items: readonly T[], take: (item: T) => void): void => {
    for (let k = firstEndingFrom(items, start); k < items.length && items[k].span.start <= end; k++) if (items[k].release === release.index) take(items[k]);
  };
  const people: Entity[] = [];
  const others: Entity[] = [];
  for (const official of model.officials) inRelease(official.mentions, (mention) => people.push({ kind: 'person', official, mention, span: mention.span }));
  for (const official of model.officials) inRelease(official.roles, (role) => others.push({ kind: 'role', official, role, span: role.span }));
  inRelease(model.dates, (date) => others.push({ kind: 'date', date, span: date.span }));
  others.push({ kind: 'title', release, span: release.titleSpan });
  const entities = people.concat(others);
  cache.releases.set(release.index, entities);
  return entities;
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
