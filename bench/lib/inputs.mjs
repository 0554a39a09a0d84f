// The bench's inputs, made from the corpus with a fixed seed: a 1 MB and a 10 MB archive and a
// workspace of small release files. Every release is varied so that no two are the same text:
// its dates are shifted, its people swapped with people of other releases, its source rotated,
// its paragraphs shuffled (and, where a title still repeats, the title numbered).
//
// Date shifts keep every weekday right, so that the copies carry no more date problems than the
// corpus planted: a year moves only to a year with the same calendar, a day by whole weeks, a
// month only to a month that starts on the same weekday.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashSeed, makeRandom } from './random.mjs';
import { buildDir, repoRoot, sharedDir } from './paths.mjs';

/** Bump when the generator changes, so that cached inputs are made again. */
const GENERATOR_VERSION = 3;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_RE = MONTHS.join('|');
const WEEKDAY_RE = WEEKDAYS.join('|');
const BLANK_LINE = /^[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]*$/u;

// ---------------------------------------------------------------------------------------------
// The corpus as releases and people

/**
 * @typedef {{ name: string, given: string, surname: string }} Person
 * @typedef {{ text: string, mentions: { start: number, end: number, official: number, form: 'full'|'surname'|'given' }[] }} SourceRelease
 * @typedef {{ origin: string, releases: SourceRelease[], people: Person[], sources: string[], digest: string }} Corpus
 */

function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Given name and surname of a full name ("Ursula von der Leyen" → Ursula / von der Leyen). */
function personOf(name, aliases = []) {
  const words = name.split(/\s+/u);
  const suffixes = aliases.filter((a) => a !== name && name.endsWith(` ${a}`)).sort((a, b) => a.length - b.length);
  let surname = suffixes[0];
  if (!surname) {
    let i = words.length - 1;
    while (i > 1 && /^\p{Ll}/u.test(words[i - 1])) i--;
    surname = words.slice(i).join(' ');
  }
  return { name, given: words.length > 1 ? words[0] : name, surname };
}

/** How a written mention names its official: the whole name, the surname or the given name. */
function formOf(text, name) {
  if (text === name) return 'full';
  if (name.endsWith(` ${text}`)) return 'surname';
  if (name.startsWith(`${text} `)) return 'given';
  return 'full';
}

/** Trims blank lines off the end of a release's text. */
function trimRelease(text) {
  const lines = text.split('\n');
  while (lines.length && BLANK_LINE.test(lines[lines.length - 1])) lines.pop();
  return lines.join('\n');
}

/** Releases and people from the gold files: release lines split the text, mentions are located by line, text and occurrence. */
function fromGold(dir, names) {
  const releases = [];
  const people = [];
  const sources = new Set();
  const hash = createHash('sha1');
  for (const name of names) {
    const text = readFileSync(join(dir, `${name}.txt`), 'utf8').replace(/\r\n?/g, '\n');
    const goldText = readFileSync(join(dir, `${name}.gold.json`), 'utf8');
    hash.update(text).update(goldText);
    const gold = JSON.parse(goldText);
    const starts = lineStarts(text);
    const titleLines = gold.releases.map((r) => r.line).sort((a, b) => a - b);
    const bounds = titleLines.map((line, i) => ({
      start: starts[line - 1],
      end: i + 1 < titleLines.length ? starts[titleLines[i + 1] - 1] : text.length,
    }));
    for (const r of gold.releases) if (r.source) sources.add(r.source);
    const fileReleases = bounds.map((b) => ({ ...b, mentions: [] }));
    for (const official of gold.officials ?? []) {
      const index = people.length;
      people.push(personOf(official.name, official.aliases));
      for (const m of official.mentions ?? []) {
        const lineStart = starts[m.line - 1];
        if (lineStart === undefined) continue;
        const lineEnd = m.line < starts.length ? starts[m.line] - 1 : text.length;
        const line = text.slice(lineStart, lineEnd);
        let at = -1;
        for (let k = 0; k < (m.occurrence ?? 1); k++) {
          at = line.indexOf(m.text, at + 1);
          if (at < 0) break;
        }
        if (at < 0) continue;
        const start = lineStart + at;
        const release = fileReleases.find((r) => start >= r.start && start < r.end);
        if (release) release.mentions.push({ start: start - release.start, end: start - release.start + m.text.length, official: index, form: formOf(m.text, official.name) });
      }
    }
    for (const r of fileReleases) {
      const own = trimRelease(text.slice(r.start, r.end));
      const mentions = r.mentions.filter((m) => m.end <= own.length).sort((a, b) => a.start - b.start);
      // Gold mentions never overlap, but a mention inside a longer one would corrupt the swap.
      const clean = mentions.filter((m, i) => i === 0 || m.start >= mentions[i - 1].end);
      releases.push({ text: own, mentions: clean });
    }
  }
  return { releases, people, sources: [...sources], digest: hash.digest('hex') };
}

/** Without the shared corpus: the sample file, split and read by the engine itself. */
async function fromSample(path) {
  const { analyzeDocument } = await import('./engine.mjs').then((m) => m.loadEngine());
  const text = readFileSync(path, 'utf8').replace(/\r\n?/g, '\n');
  const model = analyzeDocument(text);
  const people = model.officials.map((o) => personOf(o.name, o.aliases));
  const releases = model.releases.map((r, i) => {
    const end = i + 1 < model.releases.length ? model.releases[i + 1].span.start : text.length;
    const own = trimRelease(text.slice(r.span.start, end));
    const mentions = [];
    model.officials.forEach((o, official) => {
      for (const m of o.mentions) {
        if (m.release !== i || m.span.end - r.span.start > own.length) continue;
        mentions.push({ start: m.span.start - r.span.start, end: m.span.end - r.span.start, official, form: m.form });
      }
    });
    mentions.sort((a, b) => a.start - b.start);
    return { text: own, mentions: mentions.filter((m, k) => k === 0 || m.start >= mentions[k - 1].end) };
  });
  const sources = [...new Set(model.releases.map((r) => r.source).filter(Boolean))];
  return { releases, people, sources, digest: createHash('sha1').update(text).digest('hex') };
}

/** Loads the corpus: the shared corpus's files with their gold, else `sample/releases.txt`. */
export async function loadCorpus() {
  const shared = sharedDir();
  if (shared) {
    const dir = join(shared, 'corpus');
    const names = readdirSync(dir)
      .filter((n) => n.endsWith('.txt') && existsSync(join(dir, n.replace(/\.txt$/, '.gold.json'))))
      .map((n) => n.slice(0, -4))
      .sort();
    if (names.length) return { origin: `${dir} (${names.length} files with gold)`, ...fromGold(dir, names) };
  }
  const sample = join(repoRoot, 'sample', 'releases.txt');
  return { origin: `${sample} (no shared corpus; people from the engine)`, ...(await fromSample(sample)) };
}

// ---------------------------------------------------------------------------------------------
// Calendars: which shifts keep every weekday

const isLeap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const jan1 = (y) => new Date(Date.UTC(y, 0, 1)).getUTCDay();
const sameCalendar = (a, b) => isLeap(a) === isLeap(b) && jan1(a) === jan1(b);

/** Months that start on the same weekday as each month, in a leap or common year. */
function monthClasses(leap) {
  const year = leap ? 2024 : 2025;
  const byDay = new Map();
  for (let m = 0; m < 12; m++) {
    const day = new Date(Date.UTC(year, m, 1)).getUTCDay();
    byDay.set(day, [...(byDay.get(day) ?? []), m]);
  }
  return [...byDay.values()];
}

const YEAR = /\b(?:1[89]|20)\d\d\b/gu;
// A day number followed (perhaps through "and Friday 14", "to 28", "–") by a month name.
const DAY_BEFORE_MONTH = new RegExp(
  `\\b(\\d{1,2})(?:st|nd|rd|th)?\\b(?=(?:(?:\\s*(?:,|and|to|until|till|–|—|-|&)\\s*|\\s+)(?:(?:${WEEKDAY_RE}),?\\s+)?\\d{1,2}(?:st|nd|rd|th)?\\b)*\\s*(?:of\\s+)?(?:${MONTH_RE})\\b)`,
  'gu',
);
// A month name followed by a day ("January 6, 2024", "March 13–14").
const MONTH_THEN_DAY = new RegExp(`\\b(${MONTH_RE})\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:\\s*(?:–|—|-|and|to)\\s*(\\d{1,2})\\b)?`, 'gu');
// A month name in a date: after a day number, or before a day or year.
const MONTH_IN_DATE = new RegExp(`(?<=\\d(?:st|nd|rd|th)?\\s+(?:of\\s+)?)(?:${MONTH_RE})\\b|\\b(?:${MONTH_RE})(?=\\s+\\[?\\d)`, 'gu');
const SLASH_DATE = /\b(\d{1,2})\/(\d{1,2})\/((?:1[89]|20)\d\d)\b/gu;
const ISO_DATE = /\b((?:1[89]|20)\d\d)-(\d\d)-(\d\d)\b/gu;

/**
 * Shifts the dates of one release: years by Δ (a year with the same calendar), days by whole
 * weeks, months within their weekday class. Returns the new text.
 */
function shiftDates(text, rng) {
  const years = [...text.matchAll(YEAR)].map((m) => Number(m[0]));
  const dayEdits = []; // [start, end, day]
  const monthEdits = []; // [start, end, monthIndex]
  const numericMonths = []; // [start, end, month(0-based)]
  for (const m of text.matchAll(DAY_BEFORE_MONTH)) dayEdits.push([m.index, m.index + m[1].length, Number(m[1])]);
  for (const m of text.matchAll(MONTH_THEN_DAY)) {
    const at = m.index + m[0].indexOf(m[2], m[1].length);
    dayEdits.push([at, at + m[2].length, Number(m[2])]);
    if (m[3]) {
      const at3 = m.index + m[0].lastIndexOf(m[3]);
      dayEdits.push([at3, at3 + m[3].length, Number(m[3])]);
    }
  }
  for (const m of text.matchAll(SLASH_DATE)) {
    dayEdits.push([m.index, m.index + m[1].length, Number(m[1])]);
    const at = m.index + m[1].length + 1;
    numericMonths.push([at, at + m[2].length, Number(m[2]) - 1]);
  }
  for (const m of text.matchAll(ISO_DATE)) {
    const monthAt = m.index + 5;
    numericMonths.push([monthAt, monthAt + 2, Number(m[2]) - 1]);
    dayEdits.push([monthAt + 3, monthAt + 5, Number(m[3])]);
  }
  for (const m of text.matchAll(MONTH_IN_DATE)) monthEdits.push([m.index, m.index + m[0].length, MONTHS.indexOf(m[0])]);

  // Years: an offset that gives every year of the release a year with the same calendar.
  const distinct = [...new Set(years)];
  const deltas = [];
  for (let d = -30; d <= 30; d++) if (d !== 0 && distinct.every((y) => sameCalendar(y, y + d))) deltas.push(d);
  const delta = distinct.length && deltas.length ? rng.pick(deltas) : 0;

  // Days: whole weeks, keeping every day in 1..28 (a release naming a 29th–31st keeps its days,
  // so that a planted impossible date stays impossible).
  const days = dayEdits.map((e) => e[2]).filter((d) => d >= 1 && d <= 31);
  const maxDay = days.length ? Math.max(...days) : 0;
  const minDay = days.length ? Math.min(...days) : 1;
  const weekShifts = [];
  if (maxDay <= 28) for (let w = -3; w <= 3; w++) if (minDay + 7 * w >= 1 && maxDay + 7 * w <= 28) weekShifts.push(7 * w);
  const dayShift = weekShifts.length ? rng.pick(weekShifts) : 0;

  // Months: only where the release names its years, all leap or all common, and no day is past the 28th.
  const leapness = new Set(distinct.map(isLeap));
  const monthMap = MONTHS.map((_, i) => i);
  if (distinct.length && leapness.size === 1 && maxDay <= 28) {
    for (const group of monthClasses([...leapness][0])) {
      const moved = rng.shuffled(group);
      group.forEach((m, i) => (monthMap[m] = moved[i]));
    }
  }

  const edits = [];
  for (const m of text.matchAll(YEAR)) if (delta) edits.push([m.index, m.index + 4, String(Number(m[0]) + delta)]);
  for (const [s, e, d] of dayEdits) if (dayShift && d >= 1 && d <= 28) edits.push([s, e, String(d + dayShift).padStart(e - s, '0')]);
  for (const [s, e, m] of monthEdits) if (monthMap[m] !== m) edits.push([s, e, MONTHS[monthMap[m]]]);
  for (const [s, e, m] of numericMonths) if (m >= 0 && m < 12 && monthMap[m] !== m) edits.push([s, e, String(monthMap[m] + 1).padStart(e - s, '0')]);
  return applyEdits(text, edits);
}

/** Applies non-overlapping [start, end, replacement] edits (overlaps: the first wins). */
function applyEdits(text, edits) {
  edits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let out = '';
  let at = 0;
  for (const [s, e, r] of edits) {
    if (s < at) continue;
    out += text.slice(at, s) + r;
    at = e;
  }
  return out + text.slice(at);
}

// ---------------------------------------------------------------------------------------------
// One varied release

/** Swaps each official of the release for another person of the corpus, keeping the form of each mention. */
function swapPeople(release, people, rng) {
  const officials = [...new Set(release.mentions.map((m) => m.official))];
  if (!officials.length || people.length < 2) return release.text;
  const used = new Set();
  const swap = new Map();
  for (const o of officials) {
    let p;
    for (let tries = 0; tries < 20; tries++) {
      p = rng.int(0, people.length - 1);
      if (p !== o && !used.has(p)) break;
    }
    used.add(p);
    swap.set(o, people[p]);
  }
  return applyEdits(
    release.text,
    release.mentions.map((m) => {
      const person = swap.get(m.official);
      return [m.start, m.end, m.form === 'surname' ? person.surname : m.form === 'given' ? person.given : person.name];
    }),
  );
}

/** Rotates the Source: line's value through the corpus's sources. */
function rotateSource(lines, sources, copy) {
  for (let i = 1; i < Math.min(lines.length, 6); i++) {
    const m = /^(Source\s*:\s*)(.*)$/iu.exec(lines[i]);
    if (!m) continue;
    const k = sources.indexOf(m[2].trim());
    if (k >= 0 && sources.length > 1) lines[i] = m[1] + sources[(k + copy) % sources.length];
    return i;
  }
  return -1;
}

/** Shuffles the body's paragraphs, keeping the first (the dateline) first and a "For more information" footer last. */
function shuffleParagraphs(text, sources, copy, rng) {
  const lines = text.split('\n');
  const sourceLine = rotateSource(lines, sources, copy);
  const headerEnd = sourceLine >= 0 ? sourceLine : 0;
  const header = sourceLine >= 0 ? [lines[0], '', lines[sourceLine]] : [lines[0]];
  const paragraphs = [];
  let current = [];
  for (const line of lines.slice(headerEnd + 1)) {
    if (BLANK_LINE.test(line)) {
      if (current.length) paragraphs.push(current.join('\n'));
      current = [];
    } else current.push(line);
  }
  if (current.length) paragraphs.push(current.join('\n'));
  let footer = paragraphs.findIndex((p, i) => i > 0 && /^For (?:more|further) information/iu.test(p));
  if (footer < 0) footer = paragraphs.length;
  const body = paragraphs.length > 2 ? [paragraphs[0], ...rng.shuffled(paragraphs.slice(1, footer)), ...paragraphs.slice(footer)] : paragraphs;
  return [header.join('\n'), ...body].join('\n\n');
}

/** Endless varied releases: round after round of the corpus in a shuffled order. */
export function* variedReleases(corpus, seed) {
  const rng = makeRandom(seed);
  const titles = new Set();
  for (let copy = 0; ; copy++) {
    for (const index of rng.shuffled(corpus.releases.map((_, i) => i))) {
      const release = corpus.releases[index];
      let text = shuffleParagraphs(shiftDates(swapPeople(release, corpus.people, rng), rng), corpus.sources, copy, rng);
      const newline = text.indexOf('\n');
      const title = newline < 0 ? text : text.slice(0, newline);
      if (titles.has(title)) {
        let n = 2;
        while (titles.has(`${title} (${n})`)) n++;
        text = `${title} (${n})${newline < 0 ? '' : text.slice(newline)}`;
        titles.add(`${title} (${n})`);
      } else titles.add(title);
      yield text;
    }
  }
}

/** An archive of at least `bytes` UTF-8 bytes; returns the text and each release's [start, end) (UTF-16). */
export function makeArchive(corpus, bytes, seed) {
  const parts = [];
  const spans = [];
  let size = 0;
  let offset = 0;
  for (const release of variedReleases(corpus, seed)) {
    if (size >= bytes) break;
    spans.push([offset, offset + release.length]);
    parts.push(release);
    offset += release.length + 2;
    size += Buffer.byteLength(release) + 2;
  }
  return { text: `${parts.join('\n\n')}\n`, spans };
}

// ---------------------------------------------------------------------------------------------
// On disk, cached

/**
 * Makes (or reuses) the inputs under bench/.build: `archive-1mb.releases`, `archive-10mb.releases`
 * (each with a `.spans.json` of release offsets) and `workspace/` with `files` files.
 */
export async function prepareInputs({ seed, archives, workspaceFiles, log = () => {} }) {
  const corpus = await loadCorpus();
  mkdirSync(buildDir, { recursive: true });
  const key = (what) => createHash('sha1').update(JSON.stringify({ v: GENERATOR_VERSION, seed, digest: corpus.digest, what })).digest('hex');
  const out = { corpus: { origin: corpus.origin, releases: corpus.releases.length, people: corpus.people.length, sources: corpus.sources.length }, archives: {}, workspace: null };

  for (const { name, bytes } of archives) {
    const path = join(buildDir, `archive-${name}.releases`);
    const spansPath = `${path}.spans.json`;
    let meta = null;
    try {
      meta = JSON.parse(readFileSync(spansPath, 'utf8'));
    } catch {
      // not made yet
    }
    if (!meta || meta.key !== key({ name, bytes }) || !existsSync(path)) {
      const started = performance.now();
      const { text, spans } = makeArchive(corpus, bytes, hashSeed(seed, 'archive', name));
      writeFileSync(path, text);
      meta = { key: key({ name, bytes }), bytes: Buffer.byteLength(text), chars: text.length, releases: spans.length, spans };
      writeFileSync(spansPath, JSON.stringify(meta));
      log(`  made ${path} (${(meta.bytes / 1e6).toFixed(2)} MB, ${meta.releases} releases) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    out.archives[name] = { path, spansPath, bytes: meta.bytes, chars: meta.chars, releases: meta.releases };
  }

  if (workspaceFiles > 0) {
    const dir = join(buildDir, 'workspace');
    const manifestPath = join(buildDir, 'workspace.json');
    let manifest = null;
    try {
      manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    } catch {
      // not made yet
    }
    if (!manifest || manifest.key !== key({ workspaceFiles }) || !existsSync(dir)) {
      const started = performance.now();
      rmSync(dir, { recursive: true, force: true });
      const rng = makeRandom(hashSeed(seed, 'workspace-sizes'));
      const releases = variedReleases(corpus, hashSeed(seed, 'workspace'));
      const files = [];
      let bytes = 0;
      let count = 0;
      for (let i = 0; i < workspaceFiles; i++) {
        const folder = join(dir, `batch-${String(Math.floor(i / 100)).padStart(2, '0')}`);
        if (i % 100 === 0) mkdirSync(folder, { recursive: true });
        const n = rng.int(1, 4);
        const own = [];
        for (let k = 0; k < n; k++) own.push(releases.next().value);
        const text = `${own.join('\n\n')}\n`;
        const path = join(folder, `releases-${String(i).padStart(4, '0')}.releases`);
        writeFileSync(path, text);
        files.push({ path, titles: own.map((r) => r.slice(0, r.indexOf('\n') < 0 ? r.length : r.indexOf('\n'))) });
        bytes += Buffer.byteLength(text);
        count += n;
      }
      manifest = { key: key({ workspaceFiles }), dir, files: files.length, releases: count, bytes, samples: files.filter((_, i) => i % Math.max(1, Math.floor(files.length / 25)) === 0) };
      writeFileSync(manifestPath, JSON.stringify(manifest));
      log(`  made ${dir} (${files.length} files, ${count} releases, ${(bytes / 1e6).toFixed(2)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    out.workspace = manifest;
  }
  return { corpus, ...out };
}
