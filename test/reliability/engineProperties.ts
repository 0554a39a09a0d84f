/**
 * The engine's properties, shared by the CI tests (fixed seed, bounded counts) and the long
 * campaign of `scripts/fuzz.mjs`.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer, analyzeDocument, type AnalyzeOptions } from '../../server/src/core/analyze';
import type { DocumentModel } from '../../server/src/core/model';
import { parseRegister, type Register } from '../../server/src/core/register';
import { repoRoot } from '../support/paths';
import { applyEdit, applyMutation, corpusTexts, documentText, edit, engineInput, lineEnds, mutation, TRICKY, withLineEnds } from './arbitraries';
import { around, badBoundary, modelProblems } from './invariants';

/** Longer than this for a text of a few kilobytes is a performance bug, not a slow machine. */
const SLOW_CASE_MS = 3000;

/** Analyses a text and fails, with the text's neighbourhood, where the engine throws or breaks an invariant. */
export function checkText(text: string, options: AnalyzeOptions = {}): DocumentModel {
  let model: DocumentModel;
  const started = performance.now();
  try {
    model = analyzeDocument(text, options);
  } catch (error) {
    throw new Error(`analyzeDocument threw on a text of ${text.length} code units: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  const ms = performance.now() - started;
  if (ms > SLOW_CASE_MS && text.length < 100_000) throw new Error(`analyzeDocument took ${ms.toFixed(0)} ms on a text of ${text.length} code units`);
  const problems = modelProblems(text, model);
  if (problems.length > 0) throw new Error(`${problems.length} invariant(s) broken:\n  ${problems.slice(0, 8).join('\n  ')}`);
  return model;
}

/** Runs `analyze` and fails where it differs from a fresh analysis or breaks an invariant. */
function checkIncremental(analyzer: Analyzer, text: string, step: number, options: AnalyzeOptions): void {
  let incremental: DocumentModel;
  try {
    incremental = analyzer.analyze(text, options);
  } catch (error) {
    throw new Error(`Analyzer.analyze threw after edit ${step}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  const fresh = checkText(text, options);
  try {
    assert.deepStrictEqual(incremental, fresh);
  } catch (error) {
    const first = firstDifference(incremental, fresh);
    throw new Error(`after edit ${step}, the incremental model differs from a fresh analysis at ${first}`, { cause: error });
  }
}

/** The path of the first place two JSON-like values differ, for a short failure message. */
export function firstDifference(a: unknown, b: unknown, path = 'model'): string {
  if (Object.is(a, b)) return '(no difference)';
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    if (JSON.stringify(x) !== JSON.stringify(y) || (x === undefined) !== (y === undefined)) return firstDifference(x, y, `${path}.${key}`);
  }
  return `${path} (same JSON, different shape)`;
}

/** The texts of the corpus, read once. */
let corpusCache: { name: string; text: string }[] | undefined;
export function corpus(): { name: string; text: string }[] {
  return (corpusCache ??= corpusTexts());
}

/** The starter officials register, read once. */
let registerCache: { text: string; register: Register } | undefined;
export function starterRegister(): { text: string; register: Register } {
  if (!registerCache) {
    const text = readFileSync(join(repoRoot(), 'registers', 'starter.json'), 'utf8');
    registerCache = { text, register: parseRegister(text, 'starter.json').register };
  }
  return registerCache;
}

/** Analysis options: mostly none, sometimes the starter register (its links, offices named alone and tenure checks). */
const withRegister = fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });
const optionsFor = (register: boolean): AnalyzeOptions => (register ? { register: starterRegister().register } : {});

/** Any text (mutated corpus, generated releases, noise): the engine neither throws nor breaks an invariant. */
export function invariantsProperty(): fc.IProperty<[string, boolean]> {
  return fc.property(engineInput(corpus()), withRegister, (text, register) => {
    checkText(text, optionsFor(register));
  });
}

/** Reads a register file and fails where `parseRegister` throws or misplaces a problem, or the engine breaks an invariant with the register read. */
let sampleCache: string | undefined;
export function checkRegister(text: string): void {
  const sample = (sampleCache ??= readFileSync(join(repoRoot(), 'sample', 'releases.txt'), 'utf8'));
  let parsed: ReturnType<typeof parseRegister>;
  try {
    parsed = parseRegister(text, 'fuzz.json');
  } catch (error) {
    throw new Error(`parseRegister threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  const doc = TextDocument.create('file:///fuzz.json', 'json', 1, text);
  const problems: string[] = [];
  const place = (where: string, span: { start: number; end: number }, range: { start: { line: number; character: number }; end: { line: number; character: number } }): void => {
    for (const offset of [span.start, span.end]) {
      const why = badBoundary(text, offset);
      if (why) problems.push(`${where}: ${why} near ${around(text, offset)}`);
    }
    if (span.start > span.end) problems.push(`${where}: span ends before it starts`);
    const expected = { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
    if (JSON.stringify(range) !== JSON.stringify(expected)) problems.push(`${where}: range ${JSON.stringify(range)} is not the editor's ${JSON.stringify(expected)} for [${span.start}, ${span.end})`);
  };
  parsed.problems.forEach((p, i) => {
    place(`problems[${i}] ${p.code} ${JSON.stringify(p.message.slice(0, 80))}`, p.span, p.range);
    p.related?.forEach((r, j) => place(`problems[${i}].related[${j}]`, r.span, r.range));
  });
  if (problems.length > 0) throw new Error(`${problems.length} problem(s) misplaced:\n  ${problems.slice(0, 6).join('\n  ')}`);
  checkText(sample, { register: parsed.register });
}

/**
 * Any register file (the starter register mutated, or noise): `parseRegister` never throws, each
 * problem's span is inside the file on UTF-16 boundaries and its range is the editor's position of
 * that span; and a release file analysed with whatever register came out keeps every invariant.
 */
export function registerProperty(): fc.IProperty<[string]> {
  const starter = starterRegister().text;
  const file = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.array(mutation, { minLength: 1, maxLength: 6 }), lineEnds, fc.nat()).map(([ms, style, seed]) => ms.reduce(applyMutation, withLineEnds(starter, style, seed))) },
    { weight: 1, arbitrary: fc.array(fc.oneof(fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', '"people"', '"id"', '"roles"', '"start"', '"2025-02-30"', 'null', 'true', '1e999', '-0', '"\\ud800"', ...TRICKY)), { maxLength: 60 }).map((parts) => parts.join('')) },
  );
  return fc.property(file, (text) => {
    checkRegister(text);
  });
}

/** After any sequence of edits, the incremental model equals a fresh analysis and keeps the invariants. */
export function incrementalProperty(): fc.IProperty<[string, { at: number; length: number; text: string }[], boolean]> {
  const start = fc.oneof(
    fc.tuple(fc.constantFrom(...corpus().map((c) => c.text)), lineEnds, fc.nat()).map(([text, style, seed]) => withLineEnds(text, style, seed)),
    documentText,
  );
  return fc.property(start, fc.array(edit, { minLength: 1, maxLength: 6 }), withRegister, (text, edits, register) => {
    const analyzer = new Analyzer();
    const options = optionsFor(register);
    analyzer.analyze(text, options);
    edits.forEach((e, i) => {
      text = applyEdit(text, e);
      checkIncremental(analyzer, text, i + 1, options);
    });
  });
}

/**
 * Line ends do not change what is found: the corpus with CRLF, CR or mixed line ends gives the
 * same releases, people, dates and findings as with LF, at the same places once line ends are
 * counted as one character.
 */
export function lineEndsProperty(): fc.IProperty<[number, 'crlf' | 'cr' | 'mixed' | 'lf', number]> {
  return fc.property(fc.nat({ max: corpus().length - 1 }), lineEnds, fc.nat(), (which, style, seed) => {
    const lf = corpus()[which].text.replace(/\r\n?/g, '\n');
    const other = withLineEnds(lf, style, seed);
    const summary = (text: string, model: DocumentModel): string[] => {
      const show = (s: { start: number; end: number }): string => JSON.stringify(text.slice(s.start, s.end).replace(/\r\n?/g, '\n'));
      return [
        ...model.releases.map((r) => `release ${show(r.titleSpan)} ${r.source} ${r.date} ${show(r.span)}`),
        ...model.officials.flatMap((o) => [`official ${o.id}`, ...o.mentions.map((m) => `  mention ${show(m.span)}`), ...o.roles.map((r) => `  role ${show(r.span)}`)]),
        ...model.dates.map((d) => `date ${show(d.span)} ${d.value}`),
        ...model.findings.map((f) => `finding ${f.code} ${show(f.span)}`),
      ];
    };
    const expected = summary(lf, checkText(lf));
    const actual = summary(other, checkText(other));
    assert.deepStrictEqual(actual, expected, `${corpus()[which].name} with ${style} line ends is read differently`);
  });
}

/** A property that failed in this many batches is not run further: its bug is known, shrinking it again costs time. */
const MAX_FAILED_BATCHES = 8;

/** The seed of every CI run; `scripts/fuzz.mjs --seed N` explores others. */
export const SEED = 20251127;

/** fast-check options for CI: the fixed seed, and the predicate's error in the report, not only in its cause. */
export function ciRun(numRuns: number): fc.Parameters<unknown> {
  return { seed: SEED, numRuns, includeErrorInReport: true };
}

/** One failure a campaign found: which property, the shrunk counterexample and what went wrong. */
export interface CampaignFailure {
  property: string;
  seed: number;
  counterexample: string;
  error: string;
}

/** What a campaign did. */
export interface CampaignResult {
  cases: number;
  failures: CampaignFailure[];
  ms: number;
}

/**
 * Runs `properties` for about `cases` cases in all, in batches with successive seeds, so that one
 * failure (shrunk and recorded) does not end the campaign. Failures with the same first line of
 * error are counted once.
 */
export function runCampaign(properties: { name: string; weight: number; property: () => fc.IRawProperty<unknown[]> }[], cases: number, seed: number, log: (line: string) => void = () => undefined): CampaignResult {
  const started = performance.now();
  const total = properties.reduce((sum, p) => sum + p.weight, 0);
  const failures: CampaignFailure[] = [];
  const seen = new Set<string>();
  let run = 0;
  for (const { name, weight, property } of properties) {
    const budget = Math.max(1, Math.round((cases * weight) / total));
    const batch = Math.min(budget, 500);
    let done = 0;
    let failedBatches = 0;
    for (let b = 0; done < budget && failedBatches < MAX_FAILED_BATCHES; b++) {
      const numRuns = Math.min(batch, budget - done);
      const batchSeed = seed + b * 7919;
      const details = fc.check(property(), { seed: batchSeed, numRuns }) as fc.RunDetails<unknown[]>;
      // A failing run counts as a case too.
      const ran = details.failed ? details.numRuns + 1 : details.numRuns;
      done += ran;
      run += ran;
      if (details.failed) {
        failedBatches++;
        const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        // One bug, many texts: the key leaves out numbers, names in brackets and quoted text.
        const key = `${name}: ${error.split('\n').slice(0, 2).join(' ').replace(/\([^)]*\)/g, '()').replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\d+/g, 'N')}`;
        if (!seen.has(key)) {
          seen.add(key);
          const counterexample = fc.stringify(details.counterexample);
          failures.push({ property: name, seed: batchSeed, counterexample, error });
          log(`FAIL ${name} (seed ${batchSeed}): ${error.split('\n')[0]}\n  counterexample: ${counterexample.slice(0, 600)}`);
        }
      }
    }
    log(`${name}: ${done} cases`);
  }
  return { cases: run, failures, ms: performance.now() - started };
}

/** The engine's properties with their shares of a campaign. */
export const ENGINE_PROPERTIES = [
  { name: 'invariants', weight: 16, property: invariantsProperty as () => fc.IRawProperty<unknown[]> },
  { name: 'incremental', weight: 3, property: incrementalProperty as () => fc.IRawProperty<unknown[]> },
  { name: 'line ends', weight: 1, property: lineEndsProperty as () => fc.IRawProperty<unknown[]> },
  { name: 'register files', weight: 2, property: registerProperty as () => fc.IRawProperty<unknown[]> },
];

export { around };
