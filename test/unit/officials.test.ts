import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analyze';
import type { DocumentModel, Official } from '../../server/src/core/model';
import { parseRole } from '../../server/src/core/officials';
import { release } from '../support/fixture';

function model(...body: string[]): DocumentModel {
  return analyzeDocument(release('A release', 'NATO', ...body));
}

function person(m: DocumentModel, name: string): Official {
  const found = m.officials.find((o) => o.name === name);
  assert.ok(found, `expected ${name} among ${m.officials.map((o) => o.name).join(', ')}`);
  return found;
}

function mentionTexts(m: DocumentModel): string[] {
  return m.officials.flatMap((o) => o.mentions.map((x) => x.text));
}

test('a role before a name: the name without the role, the role as written', () => {
  const m = model('Polish President Andrzej Duda met NATO Secretary General Mark Rutte.');
  assert.deepEqual(person(m, 'Andrzej Duda').roles.map((r) => r.text), ['Polish President']);
  assert.deepEqual(person(m, 'Mark Rutte').roles.map((r) => r.text), ['NATO Secretary General']);
});

test('a role in apposition before a name, with an honorific', () => {
  const m = model('On Wednesday, 19 March 2025, the NATO Secretary General, Mr Mark Rutte, will receive the President of the Republic of Serbia, Mr Aleksandar Vučić, in Brussels.');
  assert.deepEqual(person(m, 'Mark Rutte').roles.map((r) => r.text), ['NATO Secretary General']);
  assert.deepEqual(person(m, 'Aleksandar Vučić').roles.map((r) => r.text), ['President of the Republic of Serbia']);
});

test('a rank and a role after the name', () => {
  const m = model('Led by Admiral Giuseppe Cavo Dragone, Chair of the NATO Military Committee, the Chiefs met.');
  const chair = person(m, 'Giuseppe Cavo Dragone');
  assert.deepEqual(chair.roles.map((r) => r.text), ['Chair of the NATO Military Committee']);
  assert.equal(chair.mentions[0].text, 'Giuseppe Cavo Dragone');
});

test('a retired rank between the role and the name', () => {
  const m = model('US Special Envoy for Ukraine and Russia Lieutenant General (ret.) Keith Kellogg attended.');
  assert.deepEqual(person(m, 'Keith Kellogg').roles.map((r) => r.text), ['US Special Envoy for Ukraine and Russia']);
});

test('particles, hyphens and possessives', () => {
  const m = model(
    'President of the European Commission Ursula von der Leyen spoke after Deputy Prime Minister and Defence Minister Władysław Kosiniak-Kamysz.',
    '“We will help,” von der Leyen said. Kosiniak-Kamysz’s plan was welcomed.',
  );
  const vdl = person(m, 'Ursula von der Leyen');
  assert.deepEqual(vdl.mentions.map((x) => x.text), ['Ursula von der Leyen', 'von der Leyen']);
  const wkk = person(m, 'Władysław Kosiniak-Kamysz');
  assert.deepEqual(wkk.roles.map((r) => r.text), ['Deputy Prime Minister', 'Defence Minister']);
  assert.deepEqual(wkk.mentions.map((x) => x.text), ['Władysław Kosiniak-Kamysz', 'Kosiniak-Kamysz']);
});

test('later references by surname or honorific and surname link to the person', () => {
  const m = model('The Prime Minister of Belgium, Bart De Wever, met Mr Mark Rutte.', 'Mr Rutte thanked him. Later, Rutte said more.');
  const rutte = person(m, 'Mark Rutte');
  assert.deepEqual(rutte.mentions.map((x) => x.text), ['Mark Rutte', 'Rutte', 'Rutte']);
  assert.deepEqual(person(m, 'Bart De Wever').roles.map((r) => r.text), ['Prime Minister of Belgium']);
});

test('a surname before the full name links forward to it', () => {
  const text = release('Secretary Blinken’s Meeting with Turkish President Erdoğan', 'U.S. Department of State', 'Secretary of State Antony J. Blinken met Recep Tayyip Erdoğan, President of the Republic of Türkiye.');
  const m = analyzeDocument(text);
  assert.deepEqual(person(m, 'Antony J. Blinken').mentions.map((x) => x.text), ['Blinken', 'Antony J. Blinken']);
  const erdogan = person(m, 'Recep Tayyip Erdoğan');
  assert.deepEqual(erdogan.mentions.map((x) => x.text), ['Erdoğan', 'Recep Tayyip Erdoğan']);
  assert.ok(erdogan.roles.some((r) => r.text === 'President of the Republic of Türkiye'));
});

test('role-only phrases, places and organisations are not people', () => {
  const m = model(
    'The Secretary General met the President of the Republic of Serbia at NATO Headquarters in Brussels.',
    'He visited the Commander of NATO Headquarters Sarajevo and the Western Balkans. The Hague will host the Summit.',
  );
  assert.deepEqual(mentionTexts(m), []);
});

test('a first name in address links to the person of that name', () => {
  const m = model('President Donald J. Trump received him.', 'Thank you, Mr President, dear Donald, for hosting me. Trump 45 started it.');
  assert.deepEqual(person(m, 'Donald J. Trump').mentions.map((x) => x.text), ['Donald J. Trump', 'Donald', 'Trump']);
});

test('a name spelled two ways is one person, and the later spelling is reported', () => {
  const m = model('The Minister of Foreign Affairs of Lithuania, Mr Kęstutis Budrys, spoke.', '“We are ready,” Minister Kestutis Budrys said.');
  const budrys = person(m, 'Kęstutis Budrys');
  assert.equal(budrys.mentions.length, 2);
  const variants = m.findings.filter((f) => f.code === 'official.name-variant');
  assert.equal(variants.length, 1);
  assert.equal(m.findings.find((f) => f.code === 'official.name-variant')?.fixes[0]?.newText, 'Kęstutis Budrys');
});

test('an added initial or a dropped given name is not a variant', () => {
  const m = model('Secretary of State Antony J. Blinken met them.', 'Secretary of State Antony Blinken and Mr Blinken left.');
  assert.equal(m.findings.filter((f) => f.code === 'official.name-variant').length, 0);
  assert.equal(m.officials.length, 1);
});

test('two incompatible roles in one release are a conflict; two wordings of one office are not', () => {
  const conflict = model(
    'The Supreme Allied Commander Europe, General Christopher G. Cavoli, briefed the Council.',
    '“Our plans are strong,” said the Supreme Allied Commander Transformation, General Christopher G. Cavoli.',
  );
  assert.equal(conflict.findings.filter((f) => f.code === 'official.role-conflict').length, 1);
  const wordings = model('Spanish Prime Minister Pedro Sánchez attended.', 'The President of the Government of Spain, Pedro Sánchez, spoke.');
  assert.equal(wordings.findings.filter((f) => f.code === 'official.role-conflict').length, 0);
  assert.deepEqual(person(wordings, 'Pedro Sánchez').roles.map((r) => r.text), ['Spanish Prime Minister', 'President of the Government of Spain']);
});

test('roles are parsed into office and organisation', () => {
  assert.deepEqual(parseRole('NATO Secretary General'), { title: 'Secretary General', organization: 'NATO' });
  assert.deepEqual(parseRole('Prime Minister of Belgium'), { title: 'Prime Minister', organization: 'Belgium' });
  assert.deepEqual(parseRole('Hungary’s Prime Minister'), { title: 'Prime Minister', organization: 'Hungary' });
});

test('names with non-breaking spaces and emoji around them keep exact offsets', () => {
  const text = release('Visit 🇺🇦', 'NATO', '🎉 Federal Chancellor Olaf\u00a0Scholz met Mr Rutte.');
  const m = analyzeDocument(text);
  for (const o of m.officials) for (const x of o.mentions) assert.equal(text.slice(x.span.start, x.span.end), x.text);
  assert.ok(m.officials.some((o) => o.mentions.some((x) => x.text === 'Olaf\u00a0Scholz')));
});

test('a first name in thanks links to the person named in full, and only then', () => {
  const m = model('Press Secretary Karine Jean-Pierre opened the briefing.', 'MR. KIRBY: Thanks, Karine. Thank you, Nobody, for coming.');
  assert.deepEqual(person(m, 'Karine Jean-Pierre').mentions.map((x) => x.text), ['Karine Jean-Pierre', 'Karine']);
  assert.ok(!m.officials.some((o) => o.name === 'Nobody'));
});

test('names in capitals in transcripts and a "Jr." suffix', () => {
  const m = model('President Joseph R. Biden Jr. met Coordinator John Kirby.', 'KIRBY: The President agreed.');
  assert.deepEqual(person(m, 'Joseph R. Biden Jr.').mentions.map((x) => x.text), ['Joseph R. Biden Jr.']);
  assert.deepEqual(person(m, 'John Kirby').mentions.map((x) => x.text), ['John Kirby', 'KIRBY']);
});

test('places and things named after people are not people', () => {
  const m = model('Reporters met in the James S. Brady Press Briefing Room and later at Kim Il Sung Square.');
  assert.deepEqual(mentionTexts(m), []);
});

test('"p.m." before a capitalised word is not an honorific', () => {
  const m = model('Doors open from 9:00 a.m. to 3:00 p.m.', 'Passports, identity cards and birth certificates will be issued.');
  assert.deepEqual(mentionTexts(m), []);
});

test('a name that opens a line takes no role from the line before', () => {
  const m = model('Fumio Kishida, Prime Minister of Japan\nJustin Trudeau, Prime Minister of Canada\nEmmanuel Macron, President of the French Republic');
  assert.deepEqual(person(m, 'Justin Trudeau').roles.map((r) => r.text), ['Prime Minister of Canada']);
  assert.deepEqual(person(m, 'Emmanuel Macron').roles.map((r) => r.text), ['President of the French Republic']);
  assert.equal(m.findings.length, 0);
});

test('two top offices of one organisation conflict; an acronym and its words do not', () => {
  const conflict = model('IPU Secretary General Martin Chungong presented the report.', '“No one should be jailed,” said IPU President Martin Chungong.');
  assert.deepEqual(conflict.findings.map((f) => f.code), ['official.role-conflict']);
  const same = model('OSCE Parliamentary Assembly President Margareta Cederfelt opened the meeting.', 'Later, OSCE PA President Margareta Cederfelt spoke again.');
  assert.deepEqual(same.findings, []);
});
