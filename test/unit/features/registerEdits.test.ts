import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CreateFile, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../../../server/src/core/analyze';
import { parseRegister, type RegisterPerson } from '../../../server/src/core/register';
import {
  addAliasEdit,
  addPersonEdit,
  entryForOfficial,
  insertAlias,
  insertPerson,
  newRegisterText,
  registerIdFor,
  registerIdsIn,
  type RegisterEntryDraft,
  type RegisterTextChange,
} from '../../../server/src/features/registerEdits';
import { openRegisterEntryLink, registerEntry } from '../../../server/src/features/registerEntry';
import { release } from './fixture';

const URI = 'file:///work/.attache/officials.json';

/** A register file's text from lines. */
function file(lines: string[], eol = '\n'): string {
  return lines.join(eol) + eol;
}

function applyChange(text: string, change: RegisterTextChange | null): string {
  assert.ok(change, 'a change');
  return text.slice(0, change.span.start) + change.newText + text.slice(change.span.end);
}

/** Applies a workspace edit to the register file's text (null: the file does not exist). */
function applyEdit(edit: WorkspaceEdit | null, text: string | null): string {
  assert.ok(edit?.documentChanges, 'an edit with document changes');
  let current = text;
  for (const change of edit.documentChanges) {
    if ('kind' in change) {
      assert.equal(change.kind, 'create');
      assert.equal((change as CreateFile).uri, URI);
      assert.equal(current, null, 'a file is created only where there is none');
      current = '';
      continue;
    }
    const documentEdit = change as TextDocumentEdit;
    assert.equal(documentEdit.textDocument.uri, URI);
    assert.ok(current !== null, 'the file exists when it is edited');
    const doc = TextDocument.create(URI, 'json', 1, current);
    current = TextDocument.applyEdits(doc, documentEdit.edits.filter((e): e is Exclude<typeof e, { annotationId: string }> => 'range' in e));
  }
  assert.ok(current !== null);
  return current;
}

/** The register a text holds, asserting that it reads without any problem. */
function read(text: string): RegisterPerson[] {
  const { register, problems } = parseRegister(text, URI);
  assert.deepEqual(problems.map((p) => `${p.code} ${p.path}: ${p.message}`), [], `the edited file reads cleanly:\n${text}`);
  return register.people;
}

const ENTRY: RegisterEntryDraft = {
  id: 'bart-de-wever',
  name: 'Bart De Wever',
  aliases: ['De Wever'],
  roles: [{ title: 'Prime Minister', organization: 'Belgium' }],
};

const TWO_SPACES = file([
  '{',
  '  "version": 1,',
  '  "people": [',
  '    {',
  '      "id": "mark-rutte",',
  '      "name": "Mark Rutte",',
  '      "aliases": ["Rutte"],',
  '      "roles": [',
  '        { "title": "Secretary General", "organization": "NATO", "start": "2024-10-01" }',
  '      ]',
  '    }',
  '  ]',
  '}',
]);

describe('adding a person to a register file', () => {
  it('appends the entry to "people" in the file’s indentation, keeping the others', () => {
    const edited = applyChange(TWO_SPACES, insertPerson(TWO_SPACES, ENTRY));
    const people = read(edited);
    assert.deepEqual(people.map((p) => p.id), ['mark-rutte', 'bart-de-wever']);
    assert.deepEqual(people[1].aliases, ['De Wever']);
    assert.deepEqual(people[1].roles.map((r) => [r.title, r.organization, r.start, r.end]), [['Prime Minister', 'Belgium', null, null]]);
    assert.ok(edited.startsWith(TWO_SPACES.slice(0, TWO_SPACES.indexOf('    }\n') + 6).replace(/\n$/, '')), 'the file before the new entry is unchanged');
    assert.match(edited, /\n {4}\},\n {4}\{\n {6}"id": "bart-de-wever",\n {6}"name": "Bart De Wever",\n {6}"aliases": \["De Wever"\],\n {6}"roles": \[\n {8}\{\n {10}"title": "Prime Minister",/);
    assert.match(edited, /\n {4}\}\n {2}\]\n\}\n$/, 'the file ends as it did');
  });

  it('keeps tabs, four spaces and CRLF line ends', () => {
    const tabs = TWO_SPACES.replace(/^( +)/gm, (s) => '\t'.repeat(s.length / 2));
    const withTabs = applyChange(tabs, insertPerson(tabs, ENTRY));
    read(withTabs);
    assert.match(withTabs, /\n\t\t\{\n\t\t\t"id": "bart-de-wever",/);

    const four = TWO_SPACES.replace(/^( +)/gm, (s) => s + s);
    const withFour = applyChange(four, insertPerson(four, ENTRY));
    read(withFour);
    assert.match(withFour, /\n {8}\{\n {12}"id": "bart-de-wever",/);

    const crlf = TWO_SPACES.replace(/\n/g, '\r\n');
    const withCrlf = applyChange(crlf, insertPerson(crlf, ENTRY));
    read(withCrlf);
    assert.doesNotMatch(withCrlf, /[^\r]\n/, 'every line ends in CRLF');
  });

  it('fills an empty "people" array, and a file on one line stays on one line', () => {
    const empty = file(['{', '  "version": 1,', '  "people": []', '}']);
    const filled = applyChange(empty, insertPerson(empty, ENTRY));
    assert.deepEqual(read(filled).map((p) => p.id), ['bart-de-wever']);
    assert.match(filled, /"people": \[\n {4}\{\n {6}"id": "bart-de-wever",[\s\S]*\n {4}\}\n {2}\]\n\}\n$/);

    const compact = '{"version":1,"people":[{"id":"mark-rutte","name":"Mark Rutte"}]}';
    const appended = applyChange(compact, insertPerson(compact, ENTRY));
    assert.deepEqual(read(appended).map((p) => p.id), ['mark-rutte', 'bart-de-wever']);
    assert.doesNotMatch(appended, /\n/);
  });

  it('adds "people" (and "version") to a register that lacks them, and writes a whole register into an empty file', () => {
    const bare = file(['{', '  "asOf": "2025-07-31"', '}']);
    const edited = applyChange(bare, insertPerson(bare, ENTRY));
    assert.deepEqual(read(edited).map((p) => p.id), ['bart-de-wever']);
    for (const empty of ['', '\n', '  \r\n']) {
      assert.deepEqual(read(applyChange(empty, insertPerson(empty, ENTRY))).map((p) => p.id), ['bart-de-wever']);
    }
  });

  it('reads a file that starts with a byte-order mark', () => {
    const bom = `\ufeff${TWO_SPACES}`;
    assert.deepEqual(read(applyChange(bom, insertPerson(bom, ENTRY))).map((p) => p.id), ['mark-rutte', 'bart-de-wever']);
  });

  it('does not touch a file with JSON errors, or one whose "people" is not an array', () => {
    assert.equal(insertPerson(TWO_SPACES.replace('"version": 1,', '"version": 1,,'), ENTRY), null);
    assert.equal(insertPerson(TWO_SPACES.replace('    }\n  ]', '    },\n  ]'), ENTRY), null, 'a trailing comma');
    assert.equal(insertPerson('{ "version": 1, "people": {} }', ENTRY), null);
    assert.equal(insertPerson('[]', ENTRY), null);
  });

  it('keeps names with quotes, backslashes and non-Latin letters intact', () => {
    const entry: RegisterEntryDraft = { id: 'odd', name: 'Jean "Le Grand" \\ Dupont', aliases: ['Жан Дюпон', 'Kęstutis'] };
    const people = read(applyChange(TWO_SPACES, insertPerson(TWO_SPACES, entry)));
    assert.equal(people[1].name, 'Jean "Le Grand" \\ Dupont');
    assert.deepEqual(people[1].aliases, ['Жан Дюпон', 'Kęstutis']);
  });
});

describe('adding an alias to a register file', () => {
  const person = { id: 'mark-rutte', name: 'Mark Rutte' };

  it('appends to the entry’s aliases', () => {
    const edited = applyChange(TWO_SPACES, insertAlias(TWO_SPACES, person, 'M. Rutte'));
    assert.deepEqual(read(edited)[0].aliases, ['Rutte', 'M. Rutte']);
    assert.match(edited, /"aliases": \["Rutte", "M\. Rutte"\],/, 'an inline array stays inline');
  });

  it('appends to aliases written one per line, and fills an empty list', () => {
    const multiline = TWO_SPACES.replace('"aliases": ["Rutte"],', '"aliases": [\n        "Rutte"\n      ],');
    const edited = applyChange(multiline, insertAlias(multiline, person, 'M. Rutte'));
    assert.deepEqual(read(edited)[0].aliases, ['Rutte', 'M. Rutte']);
    assert.match(edited, /\n {8}"Rutte",\n {8}"M\. Rutte"\n {6}\],/);
    const empty = TWO_SPACES.replace('["Rutte"]', '[]');
    assert.deepEqual(read(applyChange(empty, insertAlias(empty, person, 'M. Rutte')))[0].aliases, ['M. Rutte']);
  });

  it('adds "aliases" after the name where the entry has none', () => {
    const none = TWO_SPACES.replace('      "aliases": ["Rutte"],\n', '');
    const edited = applyChange(none, insertAlias(none, person, 'M. Rutte'));
    assert.deepEqual(read(edited)[0].aliases, ['M. Rutte']);
    assert.match(edited, /\n {6}"name": "Mark Rutte",\n {6}"aliases": \["M\. Rutte"\],\n {6}"roles"/);
  });

  it('adds an entry with the id, the name and the alias where the file has no entry for the person', () => {
    const edited = applyChange(TWO_SPACES, insertAlias(TWO_SPACES, { id: 'volodymyr-zelenskyy', name: 'Volodymyr Zelenskyy' }, 'Zelensky'));
    const people = read(edited);
    assert.deepEqual(people.map((p) => p.id), ['mark-rutte', 'volodymyr-zelenskyy']);
    assert.deepEqual(people[1].aliases, ['Zelensky']);
    assert.deepEqual(people[1].roles, [], 'the roles stay with the register that has them');
  });
});

describe('register workspace edits', () => {
  it('creates the file with a whole register where it does not exist', () => {
    const edit = addPersonEdit({ uri: URI, text: null }, ENTRY, { schema: 'https://example.org/officials-register.schema.json' });
    assert.ok(edit?.documentChanges);
    assert.deepEqual(edit.documentChanges[0], { kind: 'create', uri: URI }, 'no overwrite: a file that appeared meanwhile makes the client refuse the edit');
    const text = applyEdit(edit, null);
    assert.deepEqual(read(text).map((p) => p.id), ['bart-de-wever']);
    const json = JSON.parse(text) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json), ['$schema', 'version', 'people']);
    assert.equal(json.$schema, 'https://example.org/officials-register.schema.json');
    assert.equal(json.version, 1);
  });

  it('edits the existing file at the version the editor has', () => {
    const edit = addPersonEdit({ uri: URI, text: TWO_SPACES, version: 7 }, ENTRY);
    assert.equal(edit?.documentChanges?.length, 1);
    assert.equal((edit?.documentChanges?.[0] as TextDocumentEdit).textDocument.version, 7);
    assert.deepEqual(read(applyEdit(edit, TWO_SPACES)).map((p) => p.id), ['mark-rutte', 'bart-de-wever']);
  });

  it('adds an alias through a new file, and refuses a file it cannot edit safely', () => {
    const created = applyEdit(addAliasEdit({ uri: URI, text: null }, { id: 'volodymyr-zelenskyy', name: 'Volodymyr Zelenskyy' }, 'Zelensky'), null);
    assert.deepEqual(read(created)[0].aliases, ['Zelensky']);
    assert.equal(addAliasEdit({ uri: URI, text: '{ "people": [' }, { id: 'x', name: 'X' }, 'Y'), null);
  });

  it('offers no edit for a missing file where the client cannot create files', () => {
    assert.equal(addPersonEdit({ uri: URI, text: null }, ENTRY, { createFiles: false }), null);
    assert.equal(addAliasEdit({ uri: URI, text: null }, { id: 'x', name: 'X' }, 'Y', { createFiles: false }), null);
    assert.ok(addPersonEdit({ uri: URI, text: TWO_SPACES }, ENTRY, { createFiles: false }), 'an existing file is still edited');
  });

  it('writes a new register without $schema where none is given', () => {
    assert.doesNotMatch(newRegisterText([ENTRY]), /\$schema/);
  });
});

describe('the entry proposed for an official', () => {
  it('takes the id, the fullest name, the other forms and each office with its organisation', () => {
    const text = release(
      'Visit',
      'NATO',
      'On 19 March 2025, the Lithuanian Foreign Minister Kęstutis Budrys met the Prime Minister of Belgium, Mr Bart De Wever.',
      'Mr Kestutis Budrys and the President, Mr Budrys, spoke.',
    ).join('\n');
    const budrys = analyzeDocument(text).officials.find((o) => o.name === 'Kęstutis Budrys');
    assert.ok(budrys);
    const entry = entryForOfficial(budrys);
    assert.equal(entry.id, 'kestutis-budrys');
    assert.equal(entry.name, 'Kęstutis Budrys');
    assert.ok(!entry.aliases?.some((a) => a === 'Kestutis Budrys'), 'a form that differs only in diacritics is the name to the register');
    assert.ok(entry.aliases?.includes('Budrys'), `the surname: ${JSON.stringify(entry.aliases)}`);
    assert.deepEqual(entry.roles, [{ title: 'Foreign Minister', organization: 'Lithuania', aliases: ['Lithuanian Foreign Minister'] }], 'no bare "President"; the wording the register would not recognise as an alias');

    const wever = analyzeDocument(text).officials.find((o) => o.name === 'Bart De Wever');
    assert.ok(wever);
    assert.deepEqual(entryForOfficial(wever).roles, [{ title: 'Prime Minister', organization: 'Belgium' }], 'a wording the register recognises needs no alias');
  });

  it('keeps the id unique', () => {
    const official = analyzeDocument(release('Visit', 'NATO', 'On 19 March 2025, Mr Bart De Wever spoke.').join('\n')).officials[0];
    const taken = new Set(['bart-de-wever', 'bart-de-wever-2']);
    assert.equal(entryForOfficial(official, (id) => taken.has(id)).id, 'bart-de-wever-3');
  });

  it('makes ids in the register’s form', () => {
    assert.equal(registerIdFor('Kęstutis Budrys'), 'kestutis-budrys');
    assert.equal(registerIdFor('Ursula von der Leyen'), 'ursula-von-der-leyen');
    assert.equal(registerIdFor('—'), 'person');
    assert.deepEqual([...registerIdsIn(TWO_SPACES)], ['mark-rutte']);
    assert.deepEqual([...registerIdsIn(null)], []);
  });
});

describe('attache/registerEntry', () => {
  const location = { uri: URI, range: { start: { line: 3, character: 4 }, end: { line: 10, character: 5 } } };
  const view = { entryLocation: (id: string) => (id === 'mark-rutte' ? location : null) };

  it('answers where the entry is written, and null for an unknown id or a malformed request', () => {
    assert.deepEqual(registerEntry(view, { id: 'mark-rutte' }), location);
    assert.equal(registerEntry(view, { id: 'nobody' }), null);
    assert.equal(registerEntry(view, { id: '' }), null);
    assert.equal(registerEntry(view, null), null);
    assert.equal(registerEntry(view, { id: 42 } as unknown as { id: string }), null);
  });

  it('links hovers to the Open Register Entry command with the id as its argument', () => {
    const link = openRegisterEntryLink({ id: 'mark-rutte' });
    assert.match(link, /^command:attache\.openRegisterEntry\?/);
    assert.doesNotMatch(link, /[\s()"]/, 'safe inside a Markdown link');
    assert.deepEqual(JSON.parse(decodeURIComponent(link.slice(link.indexOf('?') + 1))), [{ id: 'mark-rutte' }]);
  });
});
