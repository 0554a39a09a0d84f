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
  for (const official of model.officials) {
    for (const mention of official.mentions) consider({ kind: 'person', official, mention, span: mention.span });
  }
  // A name inside a date or a role never happens in a sane model; people are checked first so
  // that, were it to, the name wins.
  if (bestFit < 2) {
    for (const date of model.dates) consider({ kind: 'date', date, span: date.span });
    for (const official of model.officials) {
      for (const role of official.roles) consider({ kind: 'role', official, role, span: role.span });
    }
    for (const release of model.releases) consider({ kind: 'title', release, span: release.titleSpan });
  }
  return best;
}

/** The release that holds an offset, or null outside every release. */
export function releaseAt(model: DocumentModel, offset: number): Release | null {
  for (const release of model.releases) if (release.span.start <= offset && offset <= release.span.end) return release;
  return null;
}

/**
 * Where a person is introduced: the first mention that gives the full name, else the first
 * mention. Definition goes there; semantic tokens mark it as the declaration.
 */
export function introductionOf(official: Official): Mention | undefined {
  return official.mentions.find((m) => m.form === 'full') ?? official.mentions[0];
}
