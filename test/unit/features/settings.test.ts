import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FINDING_CODES } from '../../../server/src/core/checks';
import type { Finding } from '../../../server/src/core/model';
import { DEFAULT_SETTINGS, SettingsSource, severityOf, validateSettings } from '../../../server/src/settings';

function finding(code: Finding['code']): Finding {
  return { code, span: { start: 0, end: 1 }, message: '', severity: FINDING_CODES[code].severity, release: 0, fixes: [] };
}

describe('validateSettings', () => {
  it('gives the defaults for nothing', () => {
    for (const raw of [undefined, null, {}]) {
      const { settings, problems } = validateSettings(raw);
      assert.deepEqual(settings, { ...DEFAULT_SETTINGS, severity: {} });
      assert.deepEqual(problems, []);
    }
  });

  it('reads nested and dotted keys', () => {
    const nested = validateSettings({ enable: false, plainText: { detect: false }, diagnostics: { severity: { 'date.invalid': 'hint' } }, trace: { server: 'verbose' } });
    assert.deepEqual(nested.settings, {
      enable: false,
      plainTextDetect: false,
      severity: { 'date.invalid': 'hint' },
      trace: 'verbose',
      registerFiles: ['.attache/officials.json'],
      registerUseStarter: true,
    });
    const dotted = validateSettings({ 'plainText.detect': false, 'diagnostics.severity': { 'release.empty': 'off' } });
    assert.equal(dotted.settings.plainTextDetect, false);
    assert.equal(dotted.settings.severity['release.empty'], 'off');
  });

  it('reads the register settings, and names a wrong one', () => {
    const good = validateSettings({ register: { files: ['a.json', '/abs/b.json'], useStarter: false } });
    assert.deepEqual(good.settings.registerFiles, ['a.json', '/abs/b.json']);
    assert.equal(good.settings.registerUseStarter, false);
    assert.deepEqual(good.problems, []);
    const bad = validateSettings({ register: { files: 'officials.json' } });
    assert.deepEqual(bad.settings.registerFiles, ['.attache/officials.json']);
    assert.match(bad.problems[0], /"attache\.register\.files"/);
  });

  it('names the setting of each wrong value and falls back to its default', () => {
    const { settings, problems } = validateSettings({
      enable: 'yes',
      plainText: { detect: 1 },
      trace: { server: 'loud' },
      diagnostics: { severity: { 'date.invalid': 'fatal', 'date.bogus': 'error', 'release.empty': 'hint' } },
    });
    assert.equal(settings.enable, true);
    assert.equal(settings.plainTextDetect, true);
    assert.equal(settings.trace, 'off');
    assert.deepEqual(settings.severity, { 'release.empty': 'hint' }, 'the good value kept, the wrong ones dropped');
    assert.equal(problems.length, 5);
    assert.match(problems[0], /"attache\.enable"/);
    assert.match(problems[1], /"attache\.plainText\.detect"/);
    assert.match(problems[2], /"attache\.trace\.server"/);
    assert.match(problems[3], /"attache\.diagnostics\.severity".*"date\.invalid".*"fatal".*Using "error"/);
    assert.match(problems[4], /"attache\.diagnostics\.severity".*"date\.bogus"/);
  });

  it('refuses a severity table that is not an object', () => {
    const { settings, problems } = validateSettings({ diagnostics: { severity: ['error'] } });
    assert.deepEqual(settings.severity, {});
    assert.match(problems[0], /attache\.diagnostics\.severity/);
  });
});

describe('severityOf', () => {
  it('takes the setting, else the default of the code, and null for off', () => {
    const { settings } = validateSettings({ diagnostics: { severity: { 'date.invalid': 'information', 'release.empty': 'off' } } });
    assert.equal(severityOf(finding('date.invalid'), settings), 'information');
    assert.equal(severityOf(finding('release.empty'), settings), null);
    assert.equal(severityOf(finding('date.weekday-mismatch'), settings), FINDING_CODES['date.weekday-mismatch'].severity);
    for (const code of Object.keys(FINDING_CODES) as Finding['code'][]) {
      assert.equal(severityOf(finding(code), DEFAULT_SETTINGS), FINDING_CODES[code].severity, code);
    }
  });
});

describe('SettingsSource', () => {
  it('pulls the settings and warns once per wrong value', async () => {
    const warnings: string[] = [];
    let raw: unknown = { enable: 'no' };
    const source = new SettingsSource({ getConfiguration: async () => raw, showWarningMessage: (m) => warnings.push(m), logError: () => undefined });
    assert.equal(await Promise.race([source.ready.then(() => 'ready'), Promise.resolve('pending')]), 'pending', 'not ready before the first read');
    await source.refresh();
    await source.ready;
    assert.equal(warnings.length, 1);
    await source.refresh();
    assert.equal(warnings.length, 1, 'the same problem is not shown again');
    raw = { enable: false };
    assert.equal((await source.refresh()).enable, false);
    raw = { enable: 'no' };
    await source.refresh();
    assert.equal(warnings.length, 2, 'a problem fixed and made again is shown again');
  });

  it('takes pushed settings from a client that cannot be asked', async () => {
    const source = new SettingsSource({ showWarningMessage: () => undefined, logError: () => undefined });
    await source.refresh({ attache: { plainText: { detect: false } } });
    assert.equal(source.current.plainTextDetect, false);
  });

  it('keeps the last good settings when the client fails to answer', async () => {
    const errors: string[] = [];
    const source = new SettingsSource({ getConfiguration: async () => Promise.reject(new Error('gone')), showWarningMessage: () => undefined, logError: (m) => errors.push(m) });
    assert.deepEqual(await source.refresh(), { ...DEFAULT_SETTINGS, severity: {} });
    await source.ready;
    assert.match(errors[0], /gone/);
  });
});
