import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  REGISTER_KEYS,
  findPeople,
  findPerson,
  holdersOf,
  isRegisterDate,
  mergeRegisters,
  parseRegister,
  rolesOn,
  type Register,
  type RegisterProblem,
} from '../../server/src/core/register';
import { repoRoot } from '../support/paths';

const starterPath = join(repoRoot(), 'registers', 'starter.json');
const schemaPath = join(repoRoot(), 'schemas', 'officials-register.schema.json');
const starterText = readFileSync(starterPath, 'utf8');
const schemaText = readFileSync(schemaPath, 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const schema: Json = JSON.parse(schemaText);

function starter(): Register {
  const { register, problems } = parseRegister(starterText, starterPath);
  assert.deepEqual(problems, [], 'the starter register has no problems');
  return register;
}

// ---------------------------------------------------------------------------------------------
// A small JSON Schema validator: the draft-07 keywords the register schema uses (type, const, enum,
// pattern, minLength, required, properties, additionalProperties, items, uniqueItems, oneOf, $ref
// with its siblings merged the way VS Code reads them). Unknown keywords are ignored.

function typeOf(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function resolve(node: Json): Json {
  if (node && typeof node === 'object' && typeof node.$ref === 'string') {
    const path = node.$ref.replace(/^#\//, '').split('/');
    let target: Json = schema;
    for (const part of path) target = target[part];
    const siblings = { ...node };
    delete siblings.$ref;
    return { ...resolve(target), ...siblings };
  }
  return node;
}

function validate(value: Json, node: Json, path: string, errors: string[]): void {
  const s = resolve(node);
  if (s.type !== undefined) {
    const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) {
      errors.push(`${path}: expected ${types.join('|')}, got ${actual}`);
      return;
    }
  }
  if ('const' in s && value !== s.const) errors.push(`${path}: expected ${JSON.stringify(s.const)}`);
  if (s.enum && !s.enum.includes(value)) errors.push(`${path}: not one of ${JSON.stringify(s.enum)}`);
  if (typeof value === 'string') {
    if (s.pattern && !new RegExp(s.pattern, 'u').test(value)) errors.push(`${path}: "${value}" does not match ${s.pattern}`);
    if (s.minLength !== undefined && value.length < s.minLength) errors.push(`${path}: shorter than ${s.minLength}`);
  }
  if (Array.isArray(value)) {
    if (s.items) value.forEach((item, i) => validate(item, s.items, `${path}[${i}]`, errors));
    if (s.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) errors.push(`${path}: items are not unique`);
  }
  if (typeOf(value) === 'object') {
    for (const key of s.required ?? []) if (!(key in value)) errors.push(`${path}: missing required "${key}"`);
    for (const [key, v] of Object.entries(value)) {
      if (s.properties && key in s.properties) validate(v, s.properties[key], `${path}.${key}`, errors);
      else if (s.additionalProperties === false) errors.push(`${path}: unknown key "${key}"`);
      else if (s.additionalProperties && typeof s.additionalProperties === 'object') validate(v, s.additionalProperties, `${path}.${key}`, errors);
    }
  }
  if (s.oneOf) {
    const passing = s.oneOf.filter((branch: Json) => {
      const e: string[] = [];
      validate(value, branch, path, e);
      return e.length === 0;
    });
    if (passing.length !== 1) errors.push(`${path}: matches ${passing.length} of the oneOf branches, not exactly one`);
  }
}

function schemaErrors(value: Json): string[] {
  const errors: string[] = [];
  validate(value, schema, '$', errors);
  return errors;
}

// ---------------------------------------------------------------------------------------------
// The schema

test('the schema is draft-07 JSON, and describes every property', () => {
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  const undescribed: string[] = [];
  const walk = (node: Json, path: string): void => {
    if (!node || typeof node !== 'object') return;
    if (node.properties) {
      for (const [key, child] of Object.entries<Json>(node.properties)) {
        if (typeof child.description !== 'string' || child.description.length < 10) undescribed.push(`${path}.${key}`);
        walk(child, `${path}.${key}`);
      }
    }
    if (node.definitions) for (const [key, child] of Object.entries<Json>(node.definitions)) walk(child, `#${key}`);
  };
  walk(schema, '$');
  assert.deepEqual(undescribed, []);
});

test('the schema requires and allows the same keys as parseRegister', () => {
  const levels: [keyof typeof REGISTER_KEYS, Json][] = [
    ['register', schema],
    ['person', schema.definitions.person],
    ['role', schema.definitions.role],
  ];
  for (const [level, node] of levels) {
    assert.deepEqual([...node.required].sort(), [...REGISTER_KEYS[level].required].sort(), `${level}: required`);
    assert.deepEqual(Object.keys(node.properties).sort(), [...REGISTER_KEYS[level].known].sort(), `${level}: known keys`);
    assert.equal(node.additionalProperties, false, `${level}: no other keys`);
  }
});

test('the schema date pattern accepts what isRegisterDate accepts, on the shape', () => {
  const pattern = new RegExp(schema.definitions.date.pattern);
  for (const date of ['2024', '2024-10', '2024-10-01', '2024-02-29', '1952-02-06']) {
    assert.ok(pattern.test(date) && isRegisterDate(date), date);
  }
  for (const date of ['24', '2024-1', '2024-13', '2024-10-32', '2024/10/01', '2024-10-01T00:00', '']) {
    assert.ok(!pattern.test(date) && !isRegisterDate(date), date);
  }
  // The calendar is parseRegister's to check: the shape alone passes.
  assert.ok(pattern.test('2025-02-29') && !isRegisterDate('2025-02-29'));
});

test('the schema validator itself catches what it should', () => {
  const good = { version: 1, people: [{ id: 'a-b', name: 'A B', roles: [{ title: 'T', organization: 'O', start: '2020', end: null }] }] };
  assert.deepEqual(schemaErrors(good), []);
  const bad = { version: 2, extra: true, people: [{ id: 'A B', roles: [{ title: 'T', start: '2020-13', end: 5 }] }] };
  const errors = schemaErrors(bad);
  for (const expected of ['$.version: expected 1', '$: unknown key "extra"', '$.people[0]: missing required "name"', '$.people[0].id', '$.people[0].roles[0]: missing required "organization"', '$.people[0].roles[0].start', '$.people[0].roles[0].end']) {
    assert.ok(errors.some((e) => e.startsWith(expected) || e.includes(expected)), `${expected} in ${errors.join('\n')}`);
  }
});

// ---------------------------------------------------------------------------------------------
// The starter register

test('the starter register validates against its schema', () => {
  assert.deepEqual(schemaErrors(JSON.parse(starterText)), []);
});

test('the starter register parses without problems, every role sourced', () => {
  const register = starter();
  assert.equal(register.asOf, JSON.parse(starterText).asOf);
  assert.ok(register.asOf && isRegisterDate(register.asOf));
  assert.ok(register.people.length >= 150 && register.people.length <= 250, `${register.people.length} people`);
  assert.match(JSON.parse(starterText).$comment, /compiled for Attaché from public sources/);
  for (const person of register.people) {
    assert.ok(person.roles.length > 0, `${person.id} has roles`);
    for (const role of person.roles) {
      assert.ok(role.source && role.source.length > 10, `${person.id}: ${role.title} has a source`);
      assert.ok(!/https?:/.test(role.source), `${person.id}: sources are described, not linked`);
      if (role.start !== null && role.end !== null) assert.ok(role.end >= role.start.slice(0, role.end.length), `${person.id}: ${role.title} dates in order`);
    }
  }
});

test('starter register: one holder of each office at a time (where the dates are certain)', () => {
  const register = starter();
  const bounds = (d: string, side: 'first' | 'last'): string => {
    if (d.length === 10) return d;
    if (d.length === 7) return side === 'first' ? `${d}-01` : `${d}-31`;
    return side === 'first' ? `${d}-01-01` : `${d}-12-31`;
  };
  const offices = new Map<string, { who: string; start: string | null; end: string | null }[]>();
  for (const person of register.people) {
    for (const role of person.roles) {
      const key = `${role.title} | ${role.organization}`;
      offices.set(key, [...(offices.get(key) ?? []), { who: person.name, start: role.start, end: role.end }]);
    }
  }
  const clashes: string[] = [];
  for (const [office, tenures] of offices) {
    tenures.sort((a, b) => (a.start ?? '').localeCompare(b.start ?? ''));
    for (let i = 1; i < tenures.length; i++) {
      const before = tenures[i - 1];
      const after = tenures[i];
      // A clash only where the later tenure certainly began before the earlier certainly ended.
      if (before.end === null || (after.start !== null && bounds(after.start, 'last') < bounds(before.end, 'first'))) {
        clashes.push(`${office}: ${before.who} (${before.start}–${before.end ?? ''}) and ${after.who} (${after.start}–${after.end ?? ''})`);
      }
    }
  }
  assert.deepEqual(clashes, []);
});

/** Every NATO member: ways to name its head of state and of government (any one may match). */
const MEMBERS: [string, string[], string[]][] = [
  ['Albania', ['President of Albania'], ['Prime Minister of Albania']],
  ['Belgium', ['King of the Belgians'], ['Belgian Prime Minister']],
  ['Bulgaria', ['Bulgarian President'], ['Bulgarian Prime Minister']],
  ['Canada', ['Queen of Canada', 'King of Canada'], ['Canadian Prime Minister']],
  ['Croatia', ['Croatian President'], ['Croatian Prime Minister']],
  ['Czech Republic', ['Czech President'], ['Czech Prime Minister']],
  ['Denmark', ['Queen of Denmark', 'King of Denmark'], ['Danish Prime Minister']],
  ['Estonia', ['Estonian President'], ['Estonian Prime Minister']],
  ['Finland', ['Finnish President'], ['Finnish Prime Minister']],
  ['France', ['French President'], ['French Prime Minister']],
  ['Germany', ['German President'], ['German Chancellor']],
  ['Greece', ['Greek President'], ['Greek Prime Minister']],
  ['Hungary', ['Hungarian President'], ['Hungarian Prime Minister']],
  ['Iceland', ['Icelandic President'], ['Icelandic Prime Minister']],
  ['Italy', ['Italian President'], ['Italian Prime Minister']],
  ['Latvia', ['Latvian President'], ['Latvian Prime Minister']],
  ['Lithuania', ['Lithuanian President'], ['Lithuanian Prime Minister']],
  ['Luxembourg', ['Grand Duke of Luxembourg'], ['Luxembourg Prime Minister']],
  ['Montenegro', ['Montenegrin President'], ['Montenegrin Prime Minister']],
  ['Netherlands', ['Dutch King'], ['Dutch Prime Minister']],
  ['North Macedonia', ['President of North Macedonia'], ['Prime Minister of North Macedonia']],
  ['Norway', ['King of Norway'], ['Norwegian Prime Minister']],
  ['Poland', ['Polish President'], ['Polish Prime Minister']],
  ['Portugal', ['Portuguese President'], ['Portuguese Prime Minister']],
  ['Romania', ['Romanian President'], ['Romanian Prime Minister']],
  ['Slovakia', ['Slovak President'], ['Slovak Prime Minister']],
  ['Slovenia', ['Slovenian President'], ['Slovenian Prime Minister']],
  ['Spain', ['King of Spain'], ['Spanish Prime Minister', 'President of the Government of Spain']],
  ['Sweden', ['King of Sweden'], ['Swedish Prime Minister']],
  ['Türkiye', ['Turkish President', 'President of Turkey'], ['President of Türkiye']],
  ['United Kingdom', ['Queen of the United Kingdom', 'King of the United Kingdom'], ['British Prime Minister', 'UK Prime Minister']],
  ['United States', ['US President'], ['President of the United States']],
];

test('starter register: every NATO member has a head of state and of government on the 15th of every month, 2019 to asOf', () => {
  const register = starter();
  assert.equal(MEMBERS.length, 32);
  const gaps: string[] = [];
  for (let year = 2019; year <= 2025; year++) {
    for (let month = 1; month <= 12; month++) {
      const date = `${year}-${String(month).padStart(2, '0')}-15`;
      if (date > (register.asOf ?? '')) break;
      for (const [country, hos, hog] of MEMBERS) {
        for (const [what, texts] of [['head of state', hos], ['head of government', hog]] as const) {
          const holders = [...new Set(texts.flatMap((t) => holdersOf(register, t, date)))];
          // Two holders only where a tenure is dated to the month or year, and that month holds the change.
          const partial = holders.some((p) => rolesOn(p, date).some((r) => (r.start !== null && r.start.length < 10) || (r.end !== null && r.end.length < 10)));
          if (holders.length === 0 || (holders.length > 1 && !partial)) gaps.push(`${country} ${what} on ${date}: ${holders.map((p) => p.name).join(', ') || 'nobody'}`);
        }
      }
    }
  }
  assert.deepEqual(gaps, []);
});

test('starter register: the heads of the international organisations, on a date', () => {
  const register = starter();
  const who = (role: string, date: string): string[] => holdersOf(register, role, date).map((p) => p.name);
  assert.deepEqual(who('NATO Secretary General', '2025-03-19'), ['Mark Rutte']);
  assert.deepEqual(who('Secretary General of NATO', '2023-06'), ['Jens Stoltenberg']);
  assert.deepEqual(who('the Secretary-General of NATO', '2024'), ['Jens Stoltenberg', 'Mark Rutte']);
  assert.deepEqual(who('NATO Deputy Secretary General', '2022-05-01'), ['Mircea Geoană']);
  assert.deepEqual(who('Chair of the NATO Military Committee', '2023-01-10'), ['Rob Bauer']);
  assert.deepEqual(who('SACEUR', '2019-06-01'), ['Tod D. Wolters']);
  assert.deepEqual(who('Supreme Allied Commander Transformation', '2022-01-01'), ['Philippe Lavigne']);
  assert.deepEqual(who('UN Secretary-General', '2021-09-21'), ['António Guterres']);
  assert.deepEqual(who('President of the European Commission', '2019-11-30'), ['Jean-Claude Juncker']);
  assert.deepEqual(who('European Commission President', '2019-12-01'), ['Ursula von der Leyen']);
  assert.deepEqual(who('President of the European Council', '2022-06-23'), ['Charles Michel']);
  assert.deepEqual(who('EU High Representative', '2025-01-27'), ['Kaja Kallas']);
  assert.deepEqual(who('OSCE Secretary General', '2019-12-05'), ['Thomas Greminger']);
  assert.deepEqual(who('OSCE Secretary General', '2024-10-15'), [], 'the post was vacant between September and December 2024');
  assert.deepEqual(who('Chairperson of the African Union Commission', '2023-02-18'), ['Moussa Faki Mahamat']);
});

// ---------------------------------------------------------------------------------------------
// Queries

test('holdersOf: the examples of the issue', () => {
  const register = starter();
  assert.deepEqual(holdersOf(register, 'NATO Secretary General', '2025-03-19').map((p) => p.id), ['mark-rutte']);
  assert.deepEqual(holdersOf(register, 'Secretary General of NATO', '2023-06').map((p) => p.id), ['jens-stoltenberg']);
  assert.deepEqual(holdersOf(register, 'Polish President', '2025-03-26').map((p) => p.name), ['Andrzej Duda']);
});

test('holdersOf: case, diacritics, articles, possessives and generated wordings', () => {
  const register = starter();
  const who = (role: string, date: string): string[] => holdersOf(register, role, date).map((p) => p.name);
  assert.deepEqual(who('the polish president', '2025-03-26'), ['Andrzej Duda']);
  assert.deepEqual(who("NATO's Secretary-General", '2025-03-19'), ['Mark Rutte']);
  assert.deepEqual(who('President of the Republic of Poland', '2025-03-26'), ['Andrzej Duda']);
  assert.deepEqual(who('Prime Minister Poland', '2025-03-26'), ['Donald Tusk'], 'organisation and title, generated');
  assert.deepEqual(who('President of Turkiye', '2025-01-01'), ['Recep Tayyip Erdoğan']);
  assert.deepEqual(who('German Chancellor', '2025-05-06'), ['Friedrich Merz'], 'on the handover day, the incoming holder');
  assert.deepEqual(who('German Chancellor', '2025-05-05'), ['Olaf Scholz']);
  assert.deepEqual(who('German Chancellor', '2025-05'), ['Olaf Scholz', 'Friedrich Merz'], 'a month spans both');
  assert.deepEqual(who('NATO Secretary General', '2024-10-01'), ['Mark Rutte']);
  assert.deepEqual(who('Romanian President', '2025-03'), ['Ilie Bolojan'], 'an interim holder');
  assert.deepEqual(who('President', '2025-03-26'), [], 'a bare title names no office');
  assert.deepEqual(who('Polish President', '2025-02-30'), [], 'no such day');
  assert.deepEqual(who('Polish President', 'March 2025'), [], 'dates are ISO');
  assert.deepEqual(who('', '2025-03-26'), []);
});

test('findPerson: names, aliases, surnames, diacritics; ambiguity', () => {
  const register = starter();
  assert.equal(findPerson(register, 'Stoltenberg')?.id, 'jens-stoltenberg');
  assert.equal(findPerson(register, 'Jens Stoltenberg')?.id, 'jens-stoltenberg');
  assert.equal(findPerson(register, 'RUTTE')?.id, 'mark-rutte');
  assert.equal(findPerson(register, 'Erdogan')?.id, 'recep-tayyip-erdogan');
  assert.equal(findPerson(register, 'Mircea Geoana')?.id, 'mircea-geoana');
  assert.equal(findPerson(register, 'Sekerinska')?.id, 'radmila-shekerinska');
  assert.equal(findPerson(register, 'Sinirlioglu')?.id, 'feridun-h-sinirlioglu');
  assert.equal(findPerson(register, 'Nobody Atall'), undefined);
  assert.equal(findPerson(register, ''), undefined);
  // A surname shared by two people is not resolved by findPerson; findPeople lists them.
  assert.equal(findPerson(register, 'Orban')?.id, 'viktor-orban', 'the alias belongs to one person only');
  const twoPeople = parseRegister(JSON.stringify({ version: 1, people: [
    { id: 'a', name: 'Anna Smith', aliases: ['Smith'] },
    { id: 'b', name: 'Bob Smith', aliases: ['Smith'] },
  ] }), 'two.json').register;
  assert.equal(findPerson(twoPeople, 'Smith'), undefined);
  assert.deepEqual(findPeople(twoPeople, 'Smith').map((p) => p.id), ['a', 'b']);
  const noAliases = parseRegister(JSON.stringify({ version: 1, people: [{ id: 'a', name: 'Anna Lindqvist' }] }), 'x.json').register;
  assert.equal(findPerson(noAliases, 'Lindqvist')?.id, 'a', 'surname from the canonical name');
});

test('rolesOn: the roles a person held on a date', () => {
  const register = starter();
  const tusk = findPerson(register, 'Tusk');
  assert.ok(tusk);
  assert.deepEqual(rolesOn(tusk, '2017-03-09').map((r) => r.organization), ['European Council']);
  assert.deepEqual(rolesOn(tusk, '2024-06-01').map((r) => `${r.title} of ${r.organization}`), ['Prime Minister of Poland']);
  assert.deepEqual(rolesOn(tusk, '2016-01-01-x'), []);
  const stoltenberg = findPerson(register, 'Stoltenberg');
  assert.ok(stoltenberg);
  assert.deepEqual(rolesOn(stoltenberg, '2025').map((r) => r.title), ['Minister of Finance']);
});

test('mergeRegisters: later registers override by id, aliases unioned', () => {
  const base = starter();
  const overlay = parseRegister(JSON.stringify({
    version: 1,
    asOf: '2025-09-01',
    people: [
      { id: 'mark-rutte', name: 'Mark Rutte', aliases: ['M. Rutte', 'rutte'], roles: [{ title: 'Secretary General', organization: 'NATO', start: '2024-10-01', source: 'test' }] },
      { id: 'andrzej-duda', name: 'Andrzej Sebastian Duda', aliases: ['A. Duda'] },
      { id: 'new-person', name: 'New Person', roles: [{ title: 'Ambassador', organization: 'Testland', start: '2025' }] },
    ],
  }), 'workspace.json').register;
  const merged = mergeRegisters([base, overlay]);
  assert.equal(merged.people.length, base.people.length + 1);
  assert.equal(merged.asOf, '2025-09-01');
  assert.deepEqual(merged.sources, [starterPath, 'workspace.json']);
  const rutte = findPerson(merged, 'M. Rutte');
  assert.ok(rutte);
  assert.deepEqual(rutte.aliases, ['M. Rutte', 'rutte'], 'aliases unioned without case repeats');
  assert.equal(rutte.roles.length, 1, 'roles replaced by the later entry');
  assert.equal(rutte.wikidata, 'Q57792', 'kept from the earlier entry');
  assert.equal(rutte.origin?.source, 'workspace.json');
  const duda = merged.people.find((p) => p.id === 'andrzej-duda');
  assert.ok(duda);
  assert.equal(duda.name, 'Andrzej Sebastian Duda');
  assert.deepEqual(duda.aliases, ['A. Duda', 'Andrzej Duda', 'Duda'], 'the earlier name becomes an alias');
  assert.equal(duda.roles.length, 1, 'roles kept where the later entry gives none');
  assert.deepEqual(holdersOf(merged, 'Polish President', '2025-03-26').map((p) => p.name), ['Andrzej Sebastian Duda']);
  assert.ok(findPerson(merged, 'New Person'));
  // The inputs are not changed.
  assert.deepEqual(base.people.find((p) => p.id === 'mark-rutte')?.aliases, ['Rutte']);
  assert.equal(mergeRegisters([]).people.length, 0);
});

// ---------------------------------------------------------------------------------------------
// Malformed registers

/** Where `needle` (its `nth` occurrence) is in `text`, by a plain count of `\n`. */
function place(text: string, needle: string, nth = 0): { offset: number; line: number; character: number } {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = text.indexOf(needle, offset + 1);
    assert.ok(offset >= 0, `${needle} is in the text`);
  }
  const before = text.slice(0, offset).replace(/\r\n/g, '\n').split('\n');
  return { offset, line: before.length - 1, character: before[before.length - 1].length };
}

const MALFORMED = [
  '{',
  '  "version": 1,',
  '  "people": [',
  '    { "id": "good-one", "name": "Good One", "roles": [ { "title": "Prime Minister", "organization": "Testland", "start": "2020-01-01" } ] },',
  '    { "id": "bad-date", "name": "Bad Date", "roles": [ { "title": "President", "organization": "Testland", "start": "2021-02-30" }, { "title": "Envoy", "organization": "Testland", "start": "2021" } ] },',
  '    { "id": "reversed", "name": "Reversed", "roles": [ { "title": "President", "organization": "Testland", "start": "2022-05-01", "end": "2021-01-01" } ] },',
  '    { "id": "good-one", "name": "Again" },',
  '    { "id": "extra", "name": "Extra Key", "nickname": "X" },',
  '    { "id": "no-name" },',
  '    { "id": "trailing", "name": "Trailing Comma", "aliases": ["T",], },',
  '  ],',
  '}',
].join('\n');

function problemAt(problems: RegisterProblem[], code: string, needle: string, text: string, nth = 0): RegisterProblem {
  const where = place(text, needle, nth);
  const found = problems.find((p) => p.code === code && p.span.start === where.offset);
  assert.ok(found, `${code} at ${needle}: got ${JSON.stringify(problems.map((p) => [p.code, p.span.start, p.message]))}`);
  assert.deepEqual(found.range.start, { line: where.line, character: where.character });
  return found;
}

function checkMalformed(text: string): void {
  const { register, problems } = parseRegister(text, 'bad.json');
  assert.ok(problems.every((p) => p.source === 'bad.json'));

  // Syntax: the four trailing commas, with their places.
  const syntax = problems.filter((p) => p.code === 'register.syntax');
  assert.equal(syntax.length, 4, JSON.stringify(syntax));
  assert.ok(syntax.every((p) => p.severity === 'error' && /Trailing comma/.test(p.message) && p.span.end === p.span.start + 1));
  const t = place(text, '"T",], },').offset;
  const last = text.lastIndexOf('],') + 1;
  assert.deepEqual(syntax.map((p) => p.span.start), [t + 3, t + 5, t + 8, last]);
  assert.deepEqual(syntax[3].range, { start: { line: 10, character: 3 }, end: { line: 10, character: 4 } });

  const unknown = problemAt(problems, 'register.unknown-key', '"nickname"', text);
  assert.equal(unknown.severity, 'warning');
  assert.match(unknown.message, /"nickname"/);
  assert.equal(unknown.path, 'people[4].nickname');
  assert.equal(unknown.span.end - unknown.span.start, '"nickname"'.length);

  const badDate = problemAt(problems, 'register.date', '"2021-02-30"', text);
  assert.equal(badDate.severity, 'error');
  assert.match(badDate.message, /"start".*2021-02-30/);
  assert.equal(badDate.path, 'people[1].roles[0].start');

  const reversed = problemAt(problems, 'register.end-before-start', '"2021-01-01"', text);
  assert.match(reversed.message, /"end" \(2021-01-01\) is before "start" \(2022-05-01\)/);
  assert.equal(reversed.path, 'people[2].roles[0].end');

  const duplicate = problemAt(problems, 'register.duplicate-id', '"good-one"', text, 1);
  assert.match(duplicate.message, /Duplicate id "good-one"/);
  assert.equal(duplicate.related?.[0].span.start, place(text, '"good-one"').offset);

  const missing = problems.find((p) => p.code === 'register.missing');
  assert.ok(missing);
  assert.match(missing.message, /Missing "name"/);
  assert.equal(missing.path, 'people[5].name');
  assert.equal(missing.span.start, place(text, '{ "id": "no-name"').offset);

  assert.equal(problems.length, 4 + 5, JSON.stringify(problems.map((p) => p.message)));

  // The good entries, and the good parts of the bad ones, are kept.
  assert.deepEqual(register.people.map((p) => p.id), ['good-one', 'bad-date', 'reversed', 'extra', 'trailing']);
  assert.equal(register.people[0].name, 'Good One', 'the first of a duplicated id wins');
  assert.deepEqual(register.people[1].roles.map((r) => r.title), ['Envoy'], 'the role with the bad date is skipped');
  assert.deepEqual(register.people[2].roles, []);
  assert.deepEqual(register.people[4].aliases, ['T']);
  assert.deepEqual(holdersOf(register, 'Prime Minister of Testland', '2025-01-01').map((p) => p.id), ['good-one']);
  assert.equal(register.people[0].origin?.source, 'bad.json');
  assert.equal(register.people[0].origin?.span.start, place(text, '{ "id": "good-one"').offset);
}

test('parseRegister: trailing commas, unknown key, bad date, end before start, duplicate id, missing name', () => {
  checkMalformed(MALFORMED);
});

test('parseRegister: the same with CRLF line breaks gives the same lines and characters', () => {
  checkMalformed(MALFORMED.replace(/\n/g, '\r\n'));
});

test('parseRegister: broken JSON gives syntax problems and whatever could be read', () => {
  const cut = '{ "version": 1, "people": [ { "id": "a", "name": "A" }, { "id": "b", "name": "B", "roles": [ { "title": "King"';
  const partial = parseRegister(cut, 'cut.json');
  assert.ok(partial.problems.some((p) => p.code === 'register.syntax' && p.severity === 'error'));
  assert.deepEqual(partial.register.people.map((p) => p.id), ['a', 'b']);
  assert.ok(partial.problems.some((p) => p.code === 'register.missing' && /"organization"/.test(p.message)));

  const missingComma = parseRegister('{ "version": 1\n  "people": [ { "id": "a" "name": "A" } ] }', 'x.json');
  assert.deepEqual(missingComma.register.people.map((p) => p.id), ['a']);
  const comma = missingComma.problems.filter((p) => p.code === 'register.syntax');
  assert.equal(comma.length, 2);
  assert.deepEqual(comma[0].range.start, { line: 1, character: 2 });
  assert.match(comma[0].message, /","/);

  const comments = parseRegister('// officials\n{ "version": 1, /* none yet */ "people": [] }', 'c.json');
  assert.equal(comments.problems.filter((p) => /Comments/.test(p.message)).length, 2);

  for (const [text, expected] of [
    ['', /empty/],
    ['hello', /Unexpected "hello"/],
    ['[]', /must be a JSON object/],
    ['{ "version": 1 }', /Missing "people"/],
    ['{ "version": 1, "people": {} }', /"people" must be an array/],
    ['{ "version": 1, "people": [ 3 ] }', /must be an object, not a number/],
    ["{ 'version': 1 }", /property name in double quotes/],
    ['{ "version": 1, "people": [], "people": [] }', /given twice/],
    ['{ "version": 1, "people": [ { "id": "a", "name": "A", "roles": [ { "title": "T", "organisation": "O" } ] } ] }', /Did you mean "organization"\?/],
    ['{ "version": 1, "people": [ { "id": "a", "name": "A", "roles": [ { "title": "T" } ] } ] }', /Missing "organization" in role 1 of A: it is required \(the role is skipped\)/],
    ['{ "version": 1, "people": [ { "id": "a", "name": "A", "roles": [ { "title": "T", "organization": "O", "start": 2020 } ] } ] }', /date string/],
    ['{ "version": 1, "people": [ { "id": "Mark Rutte", "name": "A" } ] }', /lower-case letters and digits/],
    ['{ "version": 1, "people": [ { "id": "a", "name": "A", "wikidata": "57792" } ] }', /Wikidata item/],
    ['{ "version": 1, "people": [ { "id": "a", "name": "" } ] }', /must not be empty/],
    ['{ "version": 2, "people": [] }', /"version" must be 1/],
    ['{ "people": [] }', /Missing "version"/],
    ['{ "version": 1, "people": [ { "id": "a", "name": "A\\q" } ] }', /Invalid escape/],
    ['{ "version": 1, "people": [ { "id": "a", "name": "A } ] }', /Unterminated string/],
    ['{ "version": 1, "people": [] } extra', /end of the file/],
  ] as const) {
    const { problems } = parseRegister(text, 't.json');
    assert.ok(problems.some((p) => expected.test(p.message)), `${text}: ${JSON.stringify(problems.map((p) => p.message))}`);
    for (const p of problems) {
      assert.ok(p.span.start >= 0 && p.span.end <= Math.max(text.length, 1) && p.span.start <= p.span.end, `${text}: span ${JSON.stringify(p.span)}`);
    }
  }
});

test('parseRegister never throws, and its spans stay in the text (fuzz)', () => {
  const check = (text: string): void => {
    const { register, problems } = parseRegister(text, 'fuzz.json');
    assert.ok(Array.isArray(register.people));
    for (const p of problems) {
      assert.ok(p.span.start >= 0 && p.span.start <= p.span.end && p.span.end <= text.length + 1);
      assert.ok(p.range.start.line >= 0 && p.range.start.character >= 0);
    }
  };
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom('{', '}', '[', ']', ':', ',', '"', '\\', ' ', '\n', 'a', '1', '-', 't', 'null', '/', '*') , maxLength: 80 }), check), { numRuns: 500 });
  fc.assert(fc.property(fc.nat(starterText.length), fc.nat(200), fc.string({ maxLength: 3 }), (at, length, insert) => {
    check(starterText.slice(0, at) + insert + starterText.slice(at + length));
  }), { numRuns: 60 });
});
