import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument } from '../../server/src/core/analyze';
import { parseRegister, type Register } from '../../server/src/core/register';
import { repoRoot } from '../support/paths';
import { release } from '../support/fixture';

function starter(): Register {
  const text = readFileSync(join(repoRoot(), 'registers', 'starter.json'), 'utf8');
  const { register, problems } = parseRegister(text, 'starter.json');
  assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
  return register;
}

const register = starter();

test('a role given outside its holder’s tenure is reported', () => {
  const text = release('Visit to Kyiv', 'NATO', 'On Wednesday, 19 March 2025, NATO Secretary General Jens Stoltenberg visited Kyiv.');
  const model = analyzeDocument(text, { register });
  const found = model.findings.filter((f) => f.code === 'official.outside-tenure');
  assert.equal(found.length, 1);
  assert.match(found[0].message, /Jens Stoltenberg held the office "NATO Secretary General" from 2014-10-01 to 2024-10-01, not on 2025-03-19/);
  assert.equal(text.slice(found[0].span.start, found[0].span.end), 'NATO Secretary General');
});

test('a role held on the release’s date is not reported', () => {
  const model = analyzeDocument(release('Visit to Kyiv', 'NATO', 'On Wednesday, 19 March 2025, NATO Secretary General Mark Rutte visited Kyiv.'), { register });
  assert.deepEqual(model.findings, []);
});

test('without a register nothing changes', () => {
  const text = release('Visit to Kyiv', 'NATO', 'On Wednesday, 19 March 2025, NATO Secretary General Jens Stoltenberg visited Kyiv.');
  const model = analyzeDocument(text);
  assert.deepEqual(model.findings, []);
  assert.deepEqual(model.roleReferences, []);
});

test('an office named alone is resolved to its holder on the release’s date', () => {
  const text = release(
    'Secretary General in Warsaw',
    'NATO',
    'On Wednesday (26 March 2025) the Secretary General met the Polish President in Warsaw.',
  );
  const model = analyzeDocument(text, { register });
  assert.deepEqual(
    model.roleReferences.map((r) => [r.text, r.name]),
    [
      ['Secretary General', 'Mark Rutte'],
      ['Polish President', 'Andrzej Duda'],
    ],
  );
});

test('two written forms the register gives one person are one official', () => {
  const own = parseRegister(
    JSON.stringify({ version: 1, people: [{ id: 'joe-biden', name: 'Joe Biden', aliases: ['Joseph R. Biden Jr.', 'Biden'], roles: [] }] }),
    'own.json',
  ).register;
  const model = analyzeDocument(release('Readout', 'The White House', 'President Joseph R. Biden Jr. spoke with leaders.', 'Later, President Joe Biden thanked them.'), { register: own });
  const biden = model.officials.filter((o) => o.registerId === 'joe-biden');
  assert.equal(biden.length, 1);
  assert.deepEqual(biden[0].mentions.map((m) => m.text), ['Joseph R. Biden Jr.', 'Joe Biden']);
});

test('a role the register does not know for a known person is a hint', () => {
  const model = analyzeDocument(release('A meeting', 'NATO', 'On 19 March 2025, the President of the European Council, Mark Rutte, spoke.'), { register });
  const hints = model.findings.filter((f) => f.code === 'official.unknown-role');
  assert.equal(hints.length, 1);
  assert.equal(hints[0].severity, 'hint');
});

test('the starter register does not lower the shared corpus’s recognition', () => {
  const text = readFileSync(join(repoRoot(), '..', 'shared', 'corpus', 'nato-2025-03.txt'), 'utf8');
  const plain = analyzeDocument(text);
  const withRegister = analyzeDocument(text, { register });
  const names = (m: typeof plain) => m.officials.flatMap((o) => o.mentions.map((x) => `${x.span.start}:${x.text}`)).sort();
  assert.deepEqual(names(withRegister), names(plain));
  assert.deepEqual(withRegister.findings.filter((f) => f.code.startsWith('official.outside')), []);
});
