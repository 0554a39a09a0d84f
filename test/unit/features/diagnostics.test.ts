import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { diagnostics, findingDiagnostics } from '../../../server/src/features/diagnostics';
import { DEFAULT_SETTINGS, severityOf, validateSettings } from '../../../server/src/settings';
import { fixture, release } from './fixture';
import { SAMPLE } from './sample';

const WRONG_WEEKDAY = [
  ...release('NATO Secretary General meets the Prime Minister of Belgium', 'NATO', 'On Thursday, 19 March 2025, the NATO Secretary General, Mr Mark Rutte, met Mr Bart De Wever.'),
  ...release('NATO Secretary General meets the Prime Minister of Belgium', 'NATO', 'On 20 March 2025, Mr Mark Rutte spoke.'),
];

describe('diagnostics', () => {
  it('turns every finding into a diagnostic with source, code and default severity', () => {
    const { doc, model } = fixture(WRONG_WEEKDAY);
    const list = diagnostics(doc, model, (f) => severityOf(f, DEFAULT_SETTINGS));
    assert.equal(list.length, model.findings.length);
    const weekday = list.find((d) => d.code === 'date.weekday-mismatch');
    assert.ok(weekday, 'a weekday mismatch');
    assert.equal(weekday.source, 'attache');
    assert.equal(weekday.severity, DiagnosticSeverity.Warning);
    assert.equal(doc.getText(weekday.range), 'Thursday, 19 March 2025');
    assert.match(weekday.message, /Wednesday/);
  });

  it('carries related information', () => {
    const { doc, model } = fixture(WRONG_WEEKDAY);
    const duplicate = diagnostics(doc, model, (f) => severityOf(f, DEFAULT_SETTINGS)).find((d) => d.code === 'release.duplicate-title');
    assert.ok(duplicate?.relatedInformation?.length, 'the duplicate points at the first title');
    assert.equal(duplicate.relatedInformation[0].location.range.start.line, 0);
    assert.equal(duplicate.relatedInformation[0].location.uri, doc.uri);
  });

  it('takes severity from the settings, and leaves out codes turned off', () => {
    const { doc, model } = fixture(WRONG_WEEKDAY);
    const { settings } = validateSettings({ diagnostics: { severity: { 'date.weekday-mismatch': 'error', 'release.duplicate-title': 'off' } } });
    const list = diagnostics(doc, model, (f) => severityOf(f, settings));
    assert.equal(list.find((d) => d.code === 'date.weekday-mismatch')?.severity, DiagnosticSeverity.Error);
    assert.equal(list.some((d) => d.code === 'release.duplicate-title'), false);
    assert.equal(findingDiagnostics(doc, model, (f) => severityOf(f, settings)).every((p) => p.diagnostic.code === p.finding.code), true);
  });

  it('finds nothing wrong in a clean file', () => {
    const { doc, model } = fixture([...SAMPLE]);
    assert.deepEqual(diagnostics(doc, model, (f) => severityOf(f, DEFAULT_SETTINGS)), []);
  });
});
