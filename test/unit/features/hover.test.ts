import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../../../server/src/core/analyze';
import { parseRegister, type Register } from '../../../server/src/core/register';
import { describeDate, escapeMarkdown, hover } from '../../../server/src/features/hover';
import type { DateMention } from '../../../server/src/core/model';
import { CURSOR, fixture, release } from './fixture';
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

// ---------------------------------------------------------------------------------------------
// With the officials register

const REGISTER_JSON = `{
  "version": 1,
  "asOf": "2025-07-31",
  "people": [
    {
      "id": "jens-stoltenberg",
      "name": "Jens Stoltenberg",
      "aliases": ["Stoltenberg"],
      "roles": [
        { "title": "Secretary General", "organization": "NATO", "aliases": ["NATO Secretary General"], "start": "2014-10-01", "end": "2024-10-01" }
      ]
    },
    {
      "id": "mark-rutte",
      "name": "Mark Rutte",
      "aliases": ["Rutte"],
      "roles": [
        { "title": "Secretary General", "organization": "NATO", "aliases": ["NATO Secretary General"], "start": "2024-10-01", "end": null },
        { "title": "Prime Minister", "organization": "Netherlands", "aliases": ["Dutch Prime Minister"], "start": "2010-10-14", "end": "2024-07-02" }
      ]
    },
    {
      "id": "radmila-shekerinska",
      "name": "Radmila Shekerinska",
      "aliases": ["Radmila Šekerinska", "Shekerinska"],
      "roles": [
        { "title": "Deputy Secretary General", "organization": "NATO", "start": "2024" }
      ]
    }
  ]
}`;

function testRegister(): Register {
  const { register, problems } = parseRegister(REGISTER_JSON, 'file:///work/.attache/officials.json');
  assert.deepEqual(problems, []);
  return register;
}

const REGISTER = testRegister();
const lookup = { personById: (id: string) => REGISTER.people.find((p) => p.id === id) };

/** The hover text at the cursor marker of `lines`, analysed with the test register. */
function registerHover(lines: string[], withLookup = true): { text: string; covered: string } {
  const joined = lines.join('\n');
  const at = joined.indexOf(CURSOR);
  assert.ok(at >= 0, 'the fixture has a cursor');
  const source = joined.slice(0, at) + joined.slice(at + CURSOR.length);
  const doc = TextDocument.create('file:///fixture.releases', 'diplomatic', 1, source);
  const model = analyzeDocument(source, { register: REGISTER });
  const result = hover(doc, model, doc.positionAt(at), withLookup ? lookup : undefined);
  assert.ok(result, 'a hover');
  return { text: (result.contents as MarkupContent).value, covered: result.range ? doc.getText(result.range) : '' };
}

/** The arguments of the first `command:` link of a hover. */
function commandArgs(text: string): unknown {
  const link = /\(command:attache\.openRegisterEntry\?([^ )]+)/.exec(text);
  assert.ok(link, `a link to the register entry in:\n${text}`);
  return JSON.parse(decodeURIComponent(link[1]));
}

describe('hover with the officials register', () => {
  it('shows the register’s offices and tenures beside what the text says, for a name the register links by an alias', () => {
    const { text } = registerHover(release('Deputy in Skopje', 'NATO', 'On 19 March 2025, NATO Deputy Secretary General Radmila $|$Šekerinska visited Skopje.'));
    assert.match(text, /^\*\*Radmila Šekerinska\*\*/, 'the name as the file writes it');
    assert.match(text, /Role in this file:\n\n- NATO Deputy Secretary General/, 'what the text says');
    assert.match(text, /\*\*Officials register\*\*/);
    assert.match(text, /- \*\*Deputy Secretary General, NATO: 2024 – present\*\* — held on 2025-03-19, the date of this release/, 'the office held on the date, marked');
    assert.match(text, /Also known as: Radmila Šekerinska, Shekerinska/);
    assert.deepEqual(commandArgs(text), [{ id: 'radmila-shekerinska' }]);
  });

  it('marks only the office held on the release’s date', () => {
    const { text } = registerHover(release('Visit', 'NATO', 'On 19 March 2025, NATO Secretary General Mark $|$Rutte visited Kyiv.'));
    assert.match(text, /- \*\*Secretary General, NATO: 2024\\-10\\-01 – present\*\* — held on 2025-03-19/);
    assert.match(text, /\n- Prime Minister, Netherlands: 2010\\-10\\-14 – 2024\\-07\\-02\n/, 'an earlier office, unmarked');
    assert.deepEqual(commandArgs(text), [{ id: 'mark-rutte' }]);
  });

  it('says when no office was held on the release’s date', () => {
    const { text } = registerHover(release('Visit', 'NATO', 'On 19 March 2025, NATO Secretary General Jens $|$Stoltenberg visited Kyiv.'));
    assert.match(text, /None of these offices was held on 2025-03-19, the date of this release\./);
    assert.doesNotMatch(text, /— held on/);
  });

  it('shows the holder of an office named alone on the release’s date, by the date', () => {
    const lines = [
      ...release('Secretary General in Warsaw', 'NATO', 'On Wednesday, 26 March 2025, the $|$Secretary General met Polish leaders.'),
    ];
    const now = registerHover(lines);
    assert.equal(now.covered, 'Secretary General');
    assert.match(now.text, /^\*\*the Secretary General\*\*: Mark Rutte/);
    assert.match(now.text, /The holder of the office on 2025-03-26, the date of this release, by the officials register\./);
    assert.match(now.text, /- Secretary General, NATO: 2024\\-10\\-01 – present/);
    assert.match(now.text, /Not named in this file\./);
    assert.deepEqual(commandArgs(now.text), [{ id: 'mark-rutte' }]);

    const before = registerHover(release('Secretary General in Warsaw', 'NATO', 'On Tuesday, 26 March 2024, the $|$Secretary General met Polish leaders.'));
    assert.match(before.text, /^\*\*the Secretary General\*\*: Jens Stoltenberg/);
    assert.match(before.text, /- Secretary General, NATO: 2014\\-10\\-01 – 2024\\-10\\-01/);
  });

  it('says where the holder of an office named alone is named in the file', () => {
    const { text } = registerHover(
      release('Visit', 'NATO', 'On 26 March 2025, NATO Secretary General Mark Rutte visited Warsaw.', 'Later the Secretary $|$General spoke to the press.'),
    );
    assert.match(text, /^\*\*the Secretary General\*\*: Mark Rutte/);
    assert.match(text, /Named in this file as Mark Rutte: 1 mention in 1 release\./);
  });

  it('still names the holder without the register’s tenures, and adds no register section to a person', () => {
    const reference = registerHover(release('Visit', 'NATO', 'On 26 March 2025, the $|$Secretary General met Polish leaders.'), false);
    assert.match(reference.text, /^\*\*the Secretary General\*\*: Mark Rutte/);
    assert.doesNotMatch(reference.text, /2024\\-10\\-01/);
    const person = registerHover(release('Visit', 'NATO', 'On 19 March 2025, NATO Secretary General Mark $|$Rutte visited Kyiv.'), false);
    assert.doesNotMatch(person.text, /Officials register/);
  });

  it('adds nothing for a person the register does not know', () => {
    const { text } = registerHover(release('Visit', 'NATO', 'On 19 March 2025, Mr Mark Rutte met the Prime Minister of Belgium, Mr Bart De $|$Wever.'));
    assert.match(text, /^\*\*Bart De Wever\*\*/);
    assert.doesNotMatch(text, /Officials register|command:/);
  });
});
