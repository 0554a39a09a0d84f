import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver';
import { describeDate, escapeMarkdown, hover } from '../../../server/src/features/hover';
import type { DateMention } from '../../../server/src/core/model';
import { fixture, release } from './fixture';
import { sampleWithCursor } from './sample';

function hoverText(lines: string[]): string {
  const { doc, model, position } = fixture(lines);
  const result = hover(doc, model, position);
  assert.ok(result, 'a hover');
  return (result.contents as MarkupContent).value;
}

/** A date as the engine would give it, for the calendar arithmetic alone. */
function date(partial: Partial<DateMention>): DateMention {
  return { span: { start: 0, end: 1 }, text: 'x', value: null, start: { year: null, month: null, day: null }, yearInferred: false, release: 0, ...partial };
}

describe('hover on a person', () => {
  for (const [form, needle, occurrence] of [
    ['the full name', 'Mark Rutte', 1],
    ['"Mr Rutte"', 'Rutte thanked', 1],
    ['the full name in another release', 'Mark Rutte', 2],
  ] as const) {
    it(`names the person, roles, releases and introduction from ${form}`, () => {
      const text = hoverText(sampleWithCursor(needle, occurrence));
      assert.match(text, /^\*\*Mark Rutte\*\*/, 'the full name first');
      assert.match(text, /NATO Secretary General/, 'the role as written');
      assert.match(text, /Secretary General, NATO/, 'the office and its organisation');
      assert.match(text, /Mentioned in 2 of 2 releases/);
      assert.match(text, /First introduced on line 5, in “NATO Secretary General meets the Prime Minister of Belgium”/);
    });
  }

  it('covers the name it was asked about', () => {
    const { doc, model, position } = fixture(sampleWithCursor('Rutte thanked'));
    const result = hover(doc, model, position);
    assert.equal(result?.range && doc.getText(result.range), 'Rutte');
  });
});

describe('hover on a date', () => {
  it('gives the calendar value and the computed weekday', () => {
    const text = hoverText(sampleWithCursor('19 March 2025'));
    assert.match(text, /\*\*Wednesday, 19 March 2025\*\* `2025-03-19`/);
  });

  it('says when the named weekday is wrong', () => {
    const text = hoverText([...release('Title', 'NATO', 'On Thursday, $|$19 March 2025, Mr Mark Rutte spoke.')]);
    assert.match(text, /The text says Thursday, but 19 March 2025 is a Wednesday/);
  });

  it('lists the days of a short range', () => {
    const text = describeDate(date({ value: '2025-03-26/2025-03-28', start: { year: 2025, month: 3, day: 26 }, end: { year: 2025, month: 3, day: 28 } }));
    assert.match(text, /3 days:/);
    assert.match(text, /- Wednesday, 26 March 2025\n- Thursday, 27 March 2025\n- Friday, 28 March 2025/);
  });

  it('gives first and last day of a long range, across months and years', () => {
    const text = describeDate(date({ start: { year: 2024, month: 12, day: 30 }, end: { year: 2025, month: 1, day: 10 } }));
    assert.match(text, /12 days: Monday, 30 December 2024 – Friday, 10 January 2025/);
  });

  it('counts the days of a month, and of a range of months', () => {
    assert.match(describeDate(date({ start: { year: 2024, month: 2, day: null } })), /29 days: Thursday, 1 February 2024 – Thursday, 29 February 2024/);
    assert.match(describeDate(date({ start: { year: 2025, month: 3, day: null }, end: { year: 2025, month: 4, day: null } })), /61 days/);
  });

  it('says an impossible date does not exist, and a reversed range is reversed', () => {
    assert.match(describeDate(date({ start: { year: 2025, month: 4, day: 31 } })), /does not exist: April 2025 has 30 days/);
    assert.match(describeDate(date({ start: { year: 2025, month: 2, day: 29 } })), /February 2025 has 28 days/);
    assert.match(describeDate(date({ start: { year: 2025, month: 5, day: 28 }, end: { year: 2025, month: 5, day: 26 } })), /ends before it starts/);
  });

  it('says when no year can be told, and when the year was inferred', () => {
    assert.match(describeDate(date({ start: { year: null, month: 3, day: 19 } })), /No year can be told/);
    assert.match(describeDate(date({ start: { year: 2025, month: 3, day: 19 }, yearInferred: true })), /year is taken from the release/);
  });
});

describe('hover on a title', () => {
  it('gives source, date and counts', () => {
    const text = hoverText(sampleWithCursor('NATO Secretary General meets'));
    assert.match(text, /Release 1 of 2/);
    assert.match(text, /Source: NATO/);
    assert.match(text, /Date: `2025-03-19`/);
    assert.match(text, /2 people \(3 mentions\), 1 date, 0 problems/);
  });
});

describe('hover elsewhere', () => {
  it('is null on an ordinary word', () => {
    const { doc, model, position } = fixture(sampleWithCursor('contributions'));
    assert.equal(hover(doc, model, position), null);
  });

  it('escapes Markdown in names and titles', () => {
    assert.equal(escapeMarkdown('*Draft* [v2]_x'), '\\*Draft\\* \\[v2\\]\\_x');
  });
});

describe('hover on a person with several wordings of one role', () => {
  it('lists each office once', () => {
    const text = hoverText([
      ...release('First', 'NATO', 'On 19 March 2025, the NATO Secretary General, Mr Mark Rutte, spoke.'),
      ...release('Second', 'NATO', 'On 20 March 2025, NATO’s Secretary General Mark Rutte spoke.', 'The Secretary General, Mr $|$Rutte, left.'),
    ]);
    assert.equal((text.match(/^- /gm) ?? []).length, 1, text);
    assert.match(text, /Role in this file:\n\n- NATO Secretary General — Secretary General, NATO/);
  });
});
