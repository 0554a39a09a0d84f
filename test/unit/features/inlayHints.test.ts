import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InlayHintKind, type InlayHint, type InlayHintLabelPart, type MarkupContent, type Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../../../server/src/core/analyze';
import { parseRegister, type Register } from '../../../server/src/core/register';
import { inlayHints } from '../../../server/src/features/inlayHints';
import type { RegisterLocation } from '../../../server/src/features/registerEntry';
import { release, spanOf } from './fixture';

const REGISTER_URI = 'file:///work/.attache/officials.json';

const REGISTER_JSON = `{
  "version": 1,
  "people": [
    {
      "id": "jens-stoltenberg",
      "name": "Jens Stoltenberg",
      "roles": [
        { "title": "Secretary General", "organization": "NATO", "start": "2014-10-01", "end": "2024-10-01" }
      ]
    },
    {
      "id": "mark-rutte",
      "name": "Mark Rutte",
      "roles": [
        { "title": "Secretary General", "organization": "NATO", "start": "2024-10-01" }
      ]
    },
    {
      "id": "andrzej-duda",
      "name": "Andrzej Duda",
      "roles": [
        { "title": "President", "organization": "Poland", "aliases": ["Polish President"], "start": "2015-08-06", "end": "2025-08-06" }
      ]
    }
  ]
}`;

function testRegister(): Register {
  const { register, problems } = parseRegister(REGISTER_JSON, REGISTER_URI);
  assert.deepEqual(problems, []);
  return register;
}

const REGISTER = testRegister();
const registerDoc = TextDocument.create(REGISTER_URI, 'json', 1, REGISTER_JSON);

/** The test register as the server's store shows it to the features. */
const view = {
  personById: (id: string) => REGISTER.people.find((p) => p.id === id),
  entryLocation: (id: string): RegisterLocation | null => {
    const span = REGISTER.people.find((p) => p.id === id)?.origin?.span;
    return span ? { uri: REGISTER_URI, range: { start: registerDoc.positionAt(span.start), end: registerDoc.positionAt(span.end) } } : null;
  },
};

function analysed(lines: string[], eol = '\n'): { doc: TextDocument; text: string; hints: (range?: Range, withView?: 'names' | 'links' | 'none') => InlayHint[] } {
  const text = lines.join(eol);
  const doc = TextDocument.create('file:///fixture.releases', 'diplomatic', 1, text);
  const model = analyzeDocument(text, { register: REGISTER });
  const whole = { start: doc.positionAt(0), end: doc.positionAt(text.length) };
  return {
    doc,
    text,
    hints: (range = whole, withView = 'names') =>
      inlayHints(doc, model, range, withView === 'none' ? undefined : withView === 'links' ? view : { personById: view.personById }),
  };
}

function labelOf(hint: InlayHint): string {
  return typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('');
}

const LINES = [
  ...release('Secretary General in Warsaw', 'NATO', 'On Wednesday, 26 March 2025, the Secretary General met the Polish President in Warsaw.'),
  ...release('Secretary General in Kyiv', 'NATO', 'On Tuesday, 26 March 2024, the Secretary General visited Kyiv.'),
];

describe('inlay hints', () => {
  it('names the holder of an office named alone, by the release’s date, after the office', () => {
    const { doc, text, hints } = analysed(LINES);
    const found = hints();
    assert.deepEqual(found.map(labelOf), [': Mark Rutte', ': Andrzej Duda', ': Jens Stoltenberg']);
    assert.deepEqual(found[0].position, doc.positionAt(spanOf(text, 'the Secretary General', 1).end), 'right after the office');
    assert.deepEqual(found[2].position, doc.positionAt(spanOf(text, 'the Secretary General', 2).end));
    assert.ok(found.every((h) => h.kind === InlayHintKind.Type));
    assert.ok(found.every((h) => h.paddingLeft === false), 'the colon sits against the office');
  });

  it('gives the tenure in the tooltip', () => {
    const { hints } = analysed(LINES);
    const [rutte, duda, stoltenberg] = hints().map((h) => (h.tooltip as MarkupContent).value);
    assert.match(rutte, /\*\*Mark Rutte\*\*: the Secretary General on 2025-03-26, the date of this release, by the officials register\./);
    assert.match(rutte, /- Secretary General, NATO: 2024\\-10\\-01 – present/);
    assert.match(duda, /the Polish President on 2025-03-26/);
    assert.match(duda, /- President, Poland: 2015\\-08\\-06 – 2025\\-08\\-06/);
    assert.match(stoltenberg, /- Secretary General, NATO: 2014\\-10\\-01 – 2024\\-10\\-01/);
  });

  it('gives only the hints whose office ends in the range', () => {
    const { doc, text, hints } = analysed(LINES);
    const second = text.indexOf('Secretary General in Kyiv');
    assert.deepEqual(hints({ start: doc.positionAt(second), end: doc.positionAt(text.length) }).map(labelOf), [': Jens Stoltenberg']);
    assert.deepEqual(hints({ start: doc.positionAt(0), end: doc.positionAt(second) }).map(labelOf), [': Mark Rutte', ': Andrzej Duda']);
    const office = spanOf(text, 'the Polish President');
    assert.deepEqual(hints({ start: doc.positionAt(office.end), end: doc.positionAt(office.end) }).map(labelOf), [': Andrzej Duda'], 'an empty range at the hint');
  });

  it('links the name to the register entry where the store knows where it is written', () => {
    const { hints } = analysed(LINES);
    const [rutte] = hints(undefined, 'links');
    assert.ok(Array.isArray(rutte.label));
    const [colon, name] = rutte.label as InlayHintLabelPart[];
    assert.equal(colon.value, ': ');
    assert.equal(name.value, 'Mark Rutte');
    assert.equal(name.location?.uri, REGISTER_URI);
    assert.match(registerDoc.getText(name.location!.range), /^\{\s*"id": "mark-rutte"/);
  });

  it('still names the holder without the register’s tenures', () => {
    const { hints } = analysed(LINES);
    const found = hints(undefined, 'none');
    assert.deepEqual(found.map(labelOf), [': Mark Rutte', ': Andrzej Duda', ': Jens Stoltenberg']);
    assert.doesNotMatch((found[0].tooltip as MarkupContent).value, /2024/);
  });

  it('gives none for an office beside a name, or without a register', () => {
    const lines = release('Visit', 'NATO', 'On 26 March 2025, the Secretary General, Mr Mark Rutte, visited Warsaw.');
    assert.deepEqual(analysed(lines).hints(), []);
    const text = LINES.join('\n');
    const doc = TextDocument.create('file:///fixture.releases', 'diplomatic', 1, text);
    assert.deepEqual(inlayHints(doc, analyzeDocument(text), { start: doc.positionAt(0), end: doc.positionAt(text.length) }), []);
  });

  it('places hints by UTF-16 positions, with CRLF line ends and emoji before the office', () => {
    const lines = release('🇺🇦 Secretary General in Kyiv', 'NATO', 'On Tuesday, 26 March 2024 🇺🇦, the Secretary General visited Kyiv.');
    const { doc, text, hints } = analysed(lines, '\r\n');
    const [hint] = hints();
    assert.equal(labelOf(hint), ': Jens Stoltenberg');
    const at = doc.offsetAt(hint.position);
    assert.equal(text.slice(at - 'the Secretary General'.length, at), 'the Secretary General');
    assert.equal(hint.position.line, 4);
  });
});
