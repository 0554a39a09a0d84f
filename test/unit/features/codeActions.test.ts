import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionKind, type CodeAction, type CreateFile, type Range, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../../../server/src/core/analyze';
import { emptyRegister, findPerson, mergeRegisters, parseRegister, type Register } from '../../../server/src/core/register';
import { codeActions, type CodeActionRegister } from '../../../server/src/features/codeActions';
import type { RegisterEditTarget } from '../../../server/src/features/registerEntry';
import { DEFAULT_SETTINGS, severityOf, validateSettings } from '../../../server/src/settings';
import { fixture, release } from './fixture';

const severity = (f: Parameters<typeof severityOf>[0]) => severityOf(f, DEFAULT_SETTINGS);

const LINES = [
  ...release('NATO Secretary General meets the Prime Minister of Belgium', 'NATO', 'On Thursday, 19 $|$March 2025, the NATO Secretary General, Mr Mark Rutte, met Mr Bart De Wever.'),
  ...release('NATO Secretary General visits Poland', 'NATO', 'On 20 March 2025, Mr Mark Rutte met Mr Andrzej Duda.'),
];

function at(offsetStart: number, offsetEnd: number, doc: TextDocument): Range {
  return { start: doc.positionAt(offsetStart), end: doc.positionAt(offsetEnd) };
}

function apply(doc: TextDocument, edits: TextEdit[]): string {
  return TextDocument.applyEdits(doc, edits);
}

describe('code actions', () => {
  it('offers the right weekday as a preferred quick fix tied to its diagnostic', () => {
    const { doc, model, offset } = fixture(LINES);
    const actions = codeActions(doc, model, at(offset, offset, doc), { diagnostics: [] }, severity);
    assert.equal(actions.length, 1);
    const [action] = actions;
    assert.equal(action.kind, CodeActionKind.QuickFix);
    assert.equal(action.isPreferred, true);
    assert.equal(action.title, "Change 'Thursday' to 'Wednesday'");
    assert.equal(action.diagnostics?.[0].code, 'date.weekday-mismatch');
    const fixed = apply(doc, action.edit?.changes?.[doc.uri] ?? []);
    assert.match(fixed, /On Wednesday, 19 March 2025/);
    assert.equal(analyzeDocument(fixed).findings.some((f) => f.code === 'date.weekday-mismatch'), false, 'the fix removes the finding');
  });

  it('offers nothing for a range that does not meet the diagnostic', () => {
    const { doc, model, text } = fixture(LINES);
    const elsewhere = text.indexOf('Andrzej');
    assert.deepEqual(codeActions(doc, model, at(elsewhere, elsewhere + 3, doc), undefined, severity), []);
  });

  it('offers the fix for a range that only touches or spans the diagnostic', () => {
    const { doc, model, text } = fixture(LINES);
    const start = text.indexOf('Thursday');
    assert.equal(codeActions(doc, model, at(start, start, doc), undefined, severity).length, 1, 'cursor at its start');
    assert.equal(codeActions(doc, model, at(0, text.length, doc), undefined, severity).length, 1, 'a selection of the whole file');
  });

  it('uses the diagnostic the client sent', () => {
    const { doc, model, offset } = fixture(LINES);
    const [first] = codeActions(doc, model, at(offset, offset, doc), undefined, severity);
    const sent = { ...first.diagnostics![0], data: 'from the client' };
    const [again] = codeActions(doc, model, at(offset, offset, doc), { diagnostics: [sent] }, severity);
    assert.equal(again.diagnostics?.[0], sent);
  });

  it('respects context.only and codes turned off', () => {
    const { doc, model, offset } = fixture(LINES);
    assert.deepEqual(codeActions(doc, model, at(offset, offset, doc), { diagnostics: [], only: [CodeActionKind.Refactor] }, severity), []);
    assert.equal(codeActions(doc, model, at(offset, offset, doc), { diagnostics: [], only: [CodeActionKind.QuickFix] }, severity).length, 1);
    const { settings } = validateSettings({ diagnostics: { severity: { 'date.weekday-mismatch': 'off' } } });
    assert.deepEqual(codeActions(doc, model, at(offset, offset, doc), undefined, (f) => severityOf(f, settings)), []);
  });

  it('adds a missing Source: line', () => {
    const { doc, model, text } = fixture([
      ...release('NATO Secretary General meets the Prime Minister of Belgium', 'NATO', 'On 19 March 2025, Mr Mark Rutte met Mr Bart De Wever.'),
      ...release('NATO Secretary General visits Poland', null, 'On Thursday, 20 March 2025, Mr Mark Rutte met Mr Andrzej Duda.'),
    ]);
    const title = text.indexOf('NATO Secretary General visits Poland');
    const actions = codeActions(doc, model, at(title, title, doc), undefined, severity);
    const add = actions.find((a) => a.diagnostics?.[0].code === 'release.missing-source');
    assert.ok(add, 'a fix for the missing source');
    const fixed = apply(doc, add.edit?.changes?.[doc.uri] ?? []);
    assert.match(fixed, /NATO Secretary General visits Poland\n\nSource: NATO\n/);
    assert.equal(analyzeDocument(fixed).findings.some((f) => f.code === 'release.missing-source'), false);
  });

  it('spells a name variant the usual way', () => {
    const { doc, model, text } = fixture([
      ...release('NATO Secretary General meets the Minister of Foreign Affairs of Lithuania', 'NATO', 'On 17 March 2025, the NATO Secretary General, Mr Mark Rutte, met the Minister of Foreign Affairs of Lithuania, Mr Kęstutis Budrys.'),
      ...release('NATO Secretary General meets Lithuania again', 'NATO', 'On 20 March 2025, Mr Mark Rutte met the Minister of Foreign Affairs of Lithuania, Mr Kestutis Budrys.'),
    ]);
    const variant = text.indexOf('Kestutis Budrys');
    const actions = codeActions(doc, model, at(variant, variant, doc), undefined, severity);
    const spell = actions.find((a) => a.diagnostics?.[0].code === 'official.name-variant');
    assert.ok(spell, 'a fix for the variant');
    assert.match(apply(doc, spell.edit?.changes?.[doc.uri] ?? []), /Mr Kęstutis Budrys\.\n*$/);
  });
});

// ---------------------------------------------------------------------------------------------
// With the officials register

/** The register Attaché ships (a small stand-in): the fixes never edit it. */
const STARTER_JSON = JSON.stringify({
  version: 1,
  people: [
    { id: 'mark-rutte', name: 'Mark Rutte', aliases: ['Rutte'], roles: [{ title: 'Secretary General', organization: 'NATO', start: '2024-10-01' }] },
    { id: 'volodymyr-zelenskyy', name: 'Volodymyr Zelenskyy', aliases: ['Zelenskyy'], roles: [{ title: 'President', organization: 'Ukraine', start: '2019-05-20' }] },
    { id: 'kestutis-budrys', name: 'Kęstutis Budrys', roles: [{ title: 'Minister of Foreign Affairs', organization: 'Lithuania', start: '2024-12-12' }] },
  ],
});

const WORKSPACE_URI = 'file:///work/.attache/officials.json';

/** The workspace's register file: Bart De Wever, without aliases. */
const WORKSPACE_JSON = [
  '{',
  '  "version": 1,',
  '  "people": [',
  '    {',
  '      "id": "bart-de-wever",',
  '      "name": "Bart De Wever",',
  '      "roles": [{ "title": "Prime Minister", "organization": "Belgium", "start": "2025-02-03" }]',
  '    }',
  '  ]',
  '}',
  '',
].join('\n');

function readRegister(text: string, source: string): Register {
  const { register, problems } = parseRegister(text, source);
  assert.deepEqual(problems.map((p) => `${p.code} ${p.path}: ${p.message}`), [], `the register reads cleanly:\n${text}`);
  return register;
}

/** The store as the features see it: the starter register, then the workspace file (null: not there yet). */
function storeWith(workspaceText: string | null, target: RegisterEditTarget | null = { uri: WORKSPACE_URI, text: workspaceText }): { register: Register; view: CodeActionRegister } {
  const register = mergeRegisters([readRegister(STARTER_JSON, 'starter.json'), workspaceText === null ? emptyRegister() : readRegister(workspaceText, WORKSPACE_URI)]);
  return { register, view: { personById: (id) => register.people.find((p) => p.id === id), editTarget: () => target } };
}

/** The register fixes' edit applied to the workspace file's text (null: it does not exist yet). */
function applyToRegister(action: CodeAction, text: string | null): string {
  let current = text;
  for (const change of action.edit?.documentChanges ?? []) {
    if ('kind' in change) {
      assert.deepEqual(change as CreateFile, { kind: 'create', uri: WORKSPACE_URI });
      assert.equal(current, null, 'created only where missing');
      current = '';
      continue;
    }
    const edit = change as TextDocumentEdit;
    assert.equal(edit.textDocument.uri, WORKSPACE_URI, 'only the workspace register is edited');
    assert.ok(current !== null);
    current = TextDocument.applyEdits(TextDocument.create(WORKSPACE_URI, 'json', 1, current), edit.edits as TextEdit[]);
  }
  assert.ok(current !== null, 'the edit touches the register file');
  return current;
}

function analysedWith(register: Register, lines: string[]): { doc: TextDocument; text: string; model: ReturnType<typeof analyzeDocument> } {
  const text = lines.join('\n');
  return { doc: TextDocument.create('file:///fixture.releases', 'diplomatic', 1, text), text, model: analyzeDocument(text, { register }) };
}

const VISIT = release('NATO Secretary General meets the Prime Minister of Estonia', 'NATO', 'On 19 March 2025, NATO Secretary General Mark Rutte met the Prime Minister of Estonia, Mr Kristen Michal.', 'Mr Michal thanked Allies.');

describe('Add to the officials register', () => {
  it('creates the workspace register with the person where there is none', () => {
    const { register, view } = storeWith(null);
    const { doc, model, text } = analysedWith(register, VISIT);
    const cursor = text.indexOf('Michal thanked');
    const actions = codeActions(doc, model, at(cursor, cursor, doc), undefined, severity, view);
    const add = actions.find((a) => a.title === 'Add Kristen Michal to the officials register');
    assert.ok(add, `the fix is offered: ${actions.map((a) => a.title).join('; ')}`);
    assert.equal(add.kind, CodeActionKind.QuickFix);
    assert.equal(add.diagnostics, undefined, 'no diagnostic: the register simply lacks the person');
    assert.equal(add.edit?.changes, undefined, 'the release file is not touched');
    assert.deepEqual(add.command, { title: 'Open register entry', command: 'attache.openRegisterEntry', arguments: [{ id: 'kristen-michal', uri: WORKSPACE_URI }] });

    const created = applyToRegister(add, null);
    const own = readRegister(created, WORKSPACE_URI);
    assert.equal(JSON.parse(created).version, 1);
    assert.deepEqual(own.people.map((p) => [p.id, p.name]), [['kristen-michal', 'Kristen Michal']]);
    assert.ok(own.people[0].aliases.includes('Michal'), 'the surname the file uses');
    assert.deepEqual(own.people[0].roles.map((r) => [r.title, r.organization, r.start, r.end]), [['Prime Minister', 'Estonia', null, null]]);

    // With the new entry, the file's person is one the register knows.
    const after = analyzeDocument(text, { register: mergeRegisters([register, own]) });
    assert.equal(after.officials.find((o) => o.name === 'Kristen Michal')?.registerId, 'kristen-michal');
  });

  it('adds the person to the existing workspace register in its style', () => {
    const { register, view } = storeWith(WORKSPACE_JSON);
    const { doc, model, text } = analysedWith(register, VISIT);
    const cursor = text.indexOf('Kristen');
    const add = codeActions(doc, model, at(cursor, cursor + 3, doc), undefined, severity, view).find((a) => a.title.startsWith('Add Kristen Michal'));
    assert.ok(add);
    assert.equal(add.edit?.documentChanges?.length, 1, 'no CreateFile for a file that exists');
    const edited = applyToRegister(add, WORKSPACE_JSON);
    assert.deepEqual(readRegister(edited, WORKSPACE_URI).people.map((p) => p.id), ['bart-de-wever', 'kristen-michal']);
    assert.match(edited, /\n {4}\},\n {4}\{\n {6}"id": "kristen-michal",/, 'indented as the other entries');
  });

  it('is offered only on a mention of a person the register does not know, and only with a register file to edit', () => {
    const { register, view } = storeWith(null);
    const { doc, model, text } = analysedWith(register, VISIT);
    const titles = (start: number, v: CodeActionRegister | null = view) => codeActions(doc, model, at(start, start, doc), undefined, severity, v ?? undefined).map((a) => a.title);
    assert.deepEqual(titles(text.indexOf('Rutte met')), [], 'a person the register knows');
    assert.deepEqual(titles(text.indexOf('Allies')), [], 'no mention there');
    assert.deepEqual(titles(text.indexOf('Michal thanked'), null), [], 'no register');
    assert.deepEqual(titles(text.indexOf('Michal thanked'), storeWith(null, null).view), [], 'no workspace file to edit');
    assert.deepEqual(codeActions(doc, model, at(text.indexOf('Michal thanked'), text.indexOf('Michal thanked'), doc), { diagnostics: [], only: [CodeActionKind.Refactor] }, severity, view), []);
  });

  it('keeps the new id unique and leaves a register file with JSON errors alone', () => {
    const taken = WORKSPACE_JSON.replace('"id": "bart-de-wever"', '"id": "kristen-michal"').replace('"name": "Bart De Wever"', '"name": "Kristen Michal Sr"');
    const { register, view } = storeWith(taken);
    const { doc, model, text } = analysedWith(register, release('Visit', 'NATO', 'On 19 March 2025, Mr Kristen Michal spoke.'));
    const official = model.officials[0];
    assert.equal(official.id, 'kristen-michal');
    assert.equal(official.registerId, undefined, 'another person holds the id');
    const at0 = text.indexOf('Kristen');
    const add = codeActions(doc, model, at(at0, at0, doc), undefined, severity, view).find((a) => a.title.startsWith('Add '));
    assert.ok(add);
    const ids = readRegister(applyToRegister(add, taken), WORKSPACE_URI).people.map((p) => p.id);
    assert.deepEqual(ids, ['kristen-michal', 'kristen-michal-2']);
    assert.deepEqual(add.command?.arguments, [{ id: 'kristen-michal-2', uri: WORKSPACE_URI }]);

    const broken = { personById: view.personById, editTarget: () => ({ uri: WORKSPACE_URI, text: '{ "version": 1, "people": [ }' }) };
    assert.deepEqual(codeActions(doc, model, at(at0, at0, doc), undefined, severity, broken), []);
  });
});

describe('Add alias', () => {
  const ZELENSKY = release('Visit to Kyiv', 'NATO', 'On 19 March 2025, President Volodymyr Zelenskyy met the press in Kyiv.', 'Later, Mr Zelensky spoke.');

  function aliasAction(workspaceText: string | null): { action: CodeAction | undefined; actions: CodeAction[]; register: Register; text: string } {
    const { register, view } = storeWith(workspaceText);
    const { doc, model, text } = analysedWith(register, ZELENSKY);
    const variant = text.indexOf('Zelensky spoke');
    const actions = codeActions(doc, model, at(variant, variant, doc), undefined, severity, view);
    return { action: actions.find((a) => a.title.startsWith('Add alias')), actions, register, text };
  }

  it('adds the variant for a person only the starter register has, as an entry with its id in the workspace file', () => {
    const { action, actions, register } = aliasAction(WORKSPACE_JSON);
    assert.ok(action, `offered: ${actions.map((a) => a.title).join('; ')}`);
    assert.equal(action.title, "Add alias 'Zelensky' for Volodymyr Zelenskyy to the officials register");
    assert.equal(action.diagnostics?.[0].code, 'official.name-variant', 'tied to the finding');
    assert.equal(action.isPreferred, undefined, 'the spelling fix stays the preferred one');
    assert.ok(actions.some((a) => a.isPreferred && a.diagnostics?.[0].code === 'official.name-variant'), 'the spelling fix is still offered');
    assert.deepEqual(action.command?.arguments, [{ id: 'volodymyr-zelenskyy', uri: WORKSPACE_URI }]);

    const own = readRegister(applyToRegister(action, WORKSPACE_JSON), WORKSPACE_URI);
    assert.deepEqual(own.people.map((p) => p.id), ['bart-de-wever', 'volodymyr-zelenskyy']);
    assert.deepEqual(own.people[1].aliases, ['Zelensky']);
    const merged = mergeRegisters([register, own]);
    const person = findPerson(merged, 'Zelensky');
    assert.equal(person?.id, 'volodymyr-zelenskyy', 'the register now knows the variant');
    assert.deepEqual(person?.aliases.sort(), ['Zelensky', 'Zelenskyy']);
    assert.deepEqual(person?.roles.map((r) => r.title), ['President'], 'the starter’s roles are kept');
  });

  it('creates the workspace register for the alias where there is none', () => {
    const { action } = aliasAction(null);
    assert.ok(action);
    const own = readRegister(applyToRegister(action, null), WORKSPACE_URI);
    assert.deepEqual(own.people.map((p) => [p.id, p.name, p.aliases]), [['volodymyr-zelenskyy', 'Volodymyr Zelenskyy', ['Zelensky']]]);
  });

  it('adds the variant to the person’s entry where the workspace file has it', () => {
    const withEntry = WORKSPACE_JSON.replace(
      '  ]\n}',
      '  ,\n    {\n      "id": "volodymyr-zelenskyy",\n      "name": "Volodymyr Zelenskyy",\n      "aliases": ["Zelenskyy", "Zelenskyi"]\n    }\n  ]\n}',
    ).replace('    }\n  ,\n', '    },\n');
    const { action } = aliasAction(withEntry);
    assert.ok(action);
    const edited = applyToRegister(action, withEntry);
    const own = readRegister(edited, WORKSPACE_URI);
    assert.deepEqual(own.people.map((p) => p.id), ['bart-de-wever', 'volodymyr-zelenskyy'], 'no second entry');
    assert.deepEqual(own.people[1].aliases, ['Zelenskyy', 'Zelenskyi', 'Zelensky']);
    assert.match(edited, /"aliases": \["Zelenskyy", "Zelenskyi", "Zelensky"\]/);
  });

  it('is not offered for a spelling the register already knows, a person it does not know, or a finding turned off', () => {
    const { register, view } = storeWith(null);
    const budrys = analysedWith(register, [
      ...release('Visit', 'NATO', 'On 17 March 2025, Mr Mark Rutte met the Minister of Foreign Affairs of Lithuania, Mr Kęstutis Budrys.'),
      ...release('Again', 'NATO', 'On 20 March 2025, Mr Mark Rutte met the Minister of Foreign Affairs of Lithuania, Mr Kestutis Budrys.'),
    ]);
    const variant = budrys.text.indexOf('Kestutis');
    const titles = codeActions(budrys.doc, budrys.model, at(variant, variant, budrys.doc), undefined, severity, view).map((a) => a.title);
    assert.deepEqual(titles, ["Spell it 'Kęstutis Budrys'"], 'the register folds diacritics: it knows this spelling');

    const unknown = analysedWith(register, release('Visit', 'NATO', 'On 19 March 2025, President Viktor Yushchenkov spoke.', 'Later, Mr Yushchenko spoke.'));
    const at2 = unknown.text.indexOf('Yushchenko spoke');
    const unknownTitles = codeActions(unknown.doc, unknown.model, at(at2, at2, unknown.doc), undefined, severity, view).map((a) => a.title);
    assert.ok(!unknownTitles.some((t) => t.startsWith('Add alias')), `no alias for a person the register does not know: ${unknownTitles.join('; ')}`);

    const off = validateSettings({ diagnostics: { severity: { 'official.name-variant': 'off' } } }).settings;
    const zelensky = analysedWith(register, ZELENSKY);
    const at3 = zelensky.text.indexOf('Zelensky spoke');
    const offTitles = codeActions(zelensky.doc, zelensky.model, at(at3, at3, zelensky.doc), undefined, (f) => severityOf(f, off), view).map((a) => a.title);
    assert.deepEqual(offTitles, [], 'a finding turned off has no fixes');
  });
});
