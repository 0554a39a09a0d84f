import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { annotations, AnnotationsRequest } from '../../../server/src/features/annotations';
import { DEFAULT_SETTINGS, severityOf, validateSettings } from '../../../server/src/settings';
import { fixture, release } from './fixture';
import { SAMPLE } from './sample';

describe('attache/annotations', () => {
  it('is the custom request attache/annotations', () => {
    assert.equal(AnnotationsRequest.method, 'attache/annotations');
  });

  it('gives the contract JSON of a document', () => {
    const { doc, model } = fixture([...SAMPLE]);
    const json = annotations(doc, model, (f) => severityOf(f, DEFAULT_SETTINGS));
    assert.equal(json.uri, doc.uri);
    assert.deepEqual(json.releases.map((r) => [r.title, r.source, r.date, r.titleRange.start.line]), [
      ['NATO Secretary General meets the Prime Minister of Belgium', 'NATO', '2025-03-19', 0],
      ['NATO Secretary General visits Poland', 'NATO', '2025-03-20', 12],
    ]);
    const rutte = json.officials.find((o) => o.id === 'mark-rutte');
    assert.equal(rutte?.mentions.length, 4);
    assert.deepEqual(json.diagnostics, []);
  });

  it('grades diagnostics with the settings', () => {
    const { doc, model } = fixture([...release('Title', 'NATO', 'On Thursday, 19 March 2025, Mr Mark Rutte spoke.')]);
    const { settings } = validateSettings({ diagnostics: { severity: { 'date.weekday-mismatch': 'hint' } } });
    const json = annotations(doc, model, (f) => severityOf(f, settings));
    assert.deepEqual(json.diagnostics.map((d) => [d.code, d.severity, d.source]), [['date.weekday-mismatch', DiagnosticSeverity.Hint, 'attache']]);
    const off = validateSettings({ diagnostics: { severity: { 'date.weekday-mismatch': 'off' } } }).settings;
    assert.deepEqual(annotations(doc, model, (f) => severityOf(f, off)).diagnostics, []);
  });
});
