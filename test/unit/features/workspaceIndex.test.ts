import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCandidate, listCandidates, readReleaseFile, WorkspaceIndexer, type ProgressReporter } from '../../../server/src/features/workspaceIndex';
import { SymbolIndex } from '../../../server/src/features/workspaceSymbols';
import { release } from './fixture';
import { SAMPLE } from './sample';

let root = '';

const RELEASES = SAMPLE.join('\n');
const OTHER = [...release('Chair of the NATO Military Committee visits Finland', 'NATO', 'On 26 May 2025, the Chair of the NATO Military Committee, Admiral Giuseppe Cavo Dragone, visited Finland.'), ...release('Second', 'NATO', 'On 27 May 2025, Admiral Giuseppe Cavo Dragone left.')].join('\n');

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'attache-index-'));
  await mkdir(join(root, 'nested', 'deeper'), { recursive: true });
  await mkdir(join(root, 'node_modules'), { recursive: true });
  await mkdir(join(root, '.hidden'), { recursive: true });
  await writeFile(join(root, 'march.releases'), RELEASES);
  await writeFile(join(root, 'nested', 'deeper', 'may.txt'), OTHER);
  await writeFile(join(root, 'nested', 'notes.txt'), 'Shopping list\n\nMilk, eggs, bread.\n');
  await writeFile(join(root, 'nested', 'binary.release'), Buffer.from([0x41, 0, 0x42]));
  await writeFile(join(root, 'node_modules', 'skip.releases'), RELEASES);
  await writeFile(join(root, '.hidden', 'skip.releases'), RELEASES);
  await writeFile(join(root, 'big.release'), `${'x'.repeat(200_000)}\n${RELEASES}`);
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A progress reporter that records what it was told. */
function recorder(): ProgressReporter & { events: string[] } {
  const events: string[] = [];
  return { events, begin: (title) => events.push(`begin ${title}`), report: (p) => events.push(`report ${p}`), done: () => events.push('done') };
}

describe('workspace index', () => {
  it('knows which files are candidates', () => {
    assert.equal(isCandidate('/a/b.release', false), true);
    assert.equal(isCandidate('/a/b.RELEASES', false), true);
    assert.equal(isCandidate('/a/b.txt', true), true);
    assert.equal(isCandidate('/a/b.txt', false), false);
    assert.equal(isCandidate('/a/b.md', true), false);
  });

  it('lists candidates, skipping hidden and dependency folders', async () => {
    const found = (await listCandidates(root, true)).map((p) => p.slice(root.length + 1).replace(/\\/g, '/'));
    assert.deepEqual(found, ['big.release', 'march.releases', 'nested/binary.release', 'nested/deeper/may.txt', 'nested/notes.txt']);
  });

  it('reads release files in chunks, refusing binary files and unrelated text', async () => {
    assert.equal(await readReleaseFile(join(root, 'march.releases')), RELEASES);
    assert.equal(await readReleaseFile(join(root, 'nested', 'deeper', 'may.txt')), OTHER);
    assert.equal(await readReleaseFile(join(root, 'nested', 'notes.txt')), null);
    assert.equal(await readReleaseFile(join(root, 'nested', 'binary.release')), null);
    const big = await readReleaseFile(join(root, 'big.release'));
    assert.equal(big?.length, 200_001 + RELEASES.length, 'several chunks joined');
  });

  it('keeps multi-byte characters whole across chunk boundaries', async () => {
    const path = join(root, 'boundary.release');
    const text = `${'a'.repeat(64 * 1024 - 1)}ęęę😀\n${RELEASES}`;
    await writeFile(path, text);
    try {
      assert.equal(await readReleaseFile(path), text);
    } finally {
      await rm(path);
    }
  });

  it('crawls the folders into the index, reporting progress', async () => {
    const index = new SymbolIndex();
    const progress = recorder();
    const logs: string[] = [];
    const indexer = new WorkspaceIndexer(index, { plainText: () => true, createProgress: async () => progress, log: (m) => logs.push(m) });
    await indexer.crawl([root]);
    assert.deepEqual(index.search('visits poland').map((s) => s.name), ['NATO Secretary General visits Poland', 'NATO Secretary General visits Poland'], 'from march.releases and big.release');
    assert.deepEqual(index.search('cavo').map((s) => s.name), ['Giuseppe Cavo Dragone'], 'from the .txt that looks like releases');
    assert.equal(index.search('shopping').length, 0, 'not from unrelated text');
    assert.equal(progress.events[0], 'begin Attaché: indexing releases');
    assert.equal(progress.events.at(-1), 'done');
    assert.ok(progress.events.includes('report 100'));
    assert.match(logs.join('\n'), /Indexed 5 release file/);
  });

  it('updates on changed and deleted files', async () => {
    const index = new SymbolIndex();
    const indexer = new WorkspaceIndexer(index, { plainText: () => true, createProgress: async () => recorder(), log: () => undefined });
    await indexer.crawl([root]);
    const path = join(root, 'nested', 'new.releases');
    await writeFile(path, [...release('A brand new release', 'NATO', 'On 2 June 2025, Mr Mark Rutte spoke.')].join('\n'));
    indexer.fileChanged(path);
    for (let i = 0; i < 100 && index.search('brand new').length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(index.search('brand new').length, 1);
    indexer.fileDeleted(path);
    await rm(path);
    assert.equal(index.search('brand new').length, 0);
  });

  it('leaves .txt files out when plain-text detection is off', async () => {
    const index = new SymbolIndex();
    const indexer = new WorkspaceIndexer(index, { plainText: () => false, createProgress: async () => recorder(), log: () => undefined });
    await indexer.crawl([root]);
    assert.equal(index.search('cavo').length, 0);
  });

  it('stops a crawl that a newer one replaces', async () => {
    const index = new SymbolIndex();
    const indexer = new WorkspaceIndexer(index, { plainText: () => true, createProgress: async () => recorder(), log: () => undefined });
    const first = indexer.crawl([root]);
    const second = indexer.crawl([join(root, 'nested')]);
    await Promise.all([first, second]);
    assert.equal(index.search('visits poland').length, 0, 'files outside the new folders are gone');
    assert.equal(index.search('cavo').length, 1);
  });
});
