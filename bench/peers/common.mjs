// What both peer adapters share: the file read as the CLI reads it, Attaché's releases (through the
// bundled engine, so that only dates or people differ from Attaché's own output), and the JSON.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadEngine } from '../lib/engine.mjs';

/**
 * Reads FILE (argv[2]) and returns its text, the document (for LSP positions) and Attaché's
 * releases: { text, doc, releases: [{ index, start, end, annotation }] }.
 */
export async function readReleases(argv = process.argv) {
  const file = argv[2];
  if (!file) {
    process.stderr.write('usage: node ADAPTER FILE\n');
    process.exit(2);
  }
  const { analyzeDocument, toFileAnnotations, TextDocument } = await loadEngine();
  const text = readFileSync(file, 'utf8');
  const doc = TextDocument.create(pathToFileURL(resolve(file)).href, 'diplomatic', 0, text);
  const model = analyzeDocument(text);
  const annotations = toFileAnnotations(doc, { ...model, officials: [], dates: [], findings: [] });
  const releases = model.releases.map((r, i) => ({ index: i, start: r.span.start, end: r.span.end, annotation: annotations.releases[i] }));
  return { text, doc, releases };
}

/** An LSP range for [start, end) UTF-16 offsets. */
export function rangeOf(doc, start, end) {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

/** Prints the contract's FileAnnotations with only the peer's part filled in. */
export function printAnnotations(doc, releases, { officials = [], dates = [] }) {
  process.stdout.write(`${JSON.stringify({ uri: doc.uri, releases: releases.map((r) => r.annotation), officials, dates, diagnostics: [] }, null, 2)}\n`);
}
