import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FoldingRangeKind } from 'vscode-languageserver';
import { foldingRanges } from '../../../server/src/features/folding';
import { fixture, release } from './fixture';
import { SAMPLE } from './sample';

describe('folding', () => {
  it('folds each release from its title line to its last line', () => {
    const { doc, model } = fixture([...SAMPLE]);
    const releases = foldingRanges(doc, model).filter((r) => r.kind === undefined);
    assert.deepEqual(
      releases.map((r) => [r.startLine, r.endLine]),
      model.releases.map((r) => [doc.positionAt(r.span.start).line, doc.positionAt(r.span.end).line]),
    );
    assert.equal(releases[0].startLine, 0);
    assert.equal(doc.getText({ start: { line: releases[0].endLine, character: 0 }, end: { line: releases[0].endLine + 1, character: 0 } }).trim(), 'Contact the NATO Press Office');
    assert.equal(releases.length, 2, 'one range per release');
  });

  it('folds a footer as a comment inside its release', () => {
    const { doc, model } = fixture([...SAMPLE]);
    const footers = foldingRanges(doc, model).filter((r) => r.kind === FoldingRangeKind.Comment);
    assert.equal(footers.length, 1);
    assert.equal(doc.getText({ start: { line: footers[0].startLine, character: 0 }, end: { line: footers[0].startLine, character: 21 } }), 'For more information:');
  });

  it('does not fold a release of one line', () => {
    const { doc, model } = fixture(['Title only']);
    assert.deepEqual(foldingRanges(doc, model), []);
  });

  it('keeps releases first when the client limits the count', () => {
    const lines = [...SAMPLE, ...release('A third release', 'NATO', 'On 21 March 2025, Mr Mark Rutte spoke.', 'For more information:', 'Contact us')];
    const { doc, model } = fixture(lines);
    const limited = foldingRanges(doc, model, 3);
    assert.equal(limited.length, 3);
    assert.equal(limited.filter((r) => r.kind === undefined).length, 3);
  });

  it('counts lines the same with CRLF and lone CR', () => {
    for (const eol of ['\r\n', '\r']) {
      const { doc, model } = fixture([...SAMPLE], { eol });
      const ranges = foldingRanges(doc, model).filter((r) => r.kind === undefined);
      assert.deepEqual(ranges.map((r) => r.startLine), [0, 12], `titles on lines 0 and 12 with ${JSON.stringify(eol)}`);
    }
  });
});
