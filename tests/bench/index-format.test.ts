import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { generateMeetings } from '../../src/bench/synthetic-corpus.js';
import { loadCorpus, corpusFingerprint } from '../../src/corpus/load-corpus.js';
import { analyseCorpus, buildPostings, compileCorpus, miniSearchOptions, SearchIndex, type IndexDoc } from '../../src/search/search-index.js';
import { loadOrBuildIndex, saveIndex, INDEX_FILE, POSTINGS_FILE } from '../../src/search/index-store.js';

const QUERIES = [
  ['fysioterapi'],
  ['kapacitet', 'praksisplan', 'fysioterapi'],
  ['flygtning', 'kommunefordel', '2025'],
  ['aeldrereform', 'minist'],
  ['sag-2025-01103'],
  ['sundhedsreform', 'implementering', 'status'],
  ['fysoterapi'],
  ['kommun', 'okonomi', 'forhandling'],
];

/** The options `searchItems` uses: prefix and fuzzy expansion, field boosts, term weights. */
const options = {
  boost: { title: 2.5, recommendation: 1.3, caseNumber: 3, meta: 0.5, text: 1 },
  fuzzy: (term: string) => (term.length >= 5 && !/^\d/.test(term) ? (term.length >= 9 ? 2 : 1) : false),
  prefix: (term: string) => term.length >= 4 && !/^\d/.test(term),
  weights: { fuzzy: 0.3, prefix: 0.45 },
  boostTerm: (term: string) => (term.length % 3) + 0.5,
};

async function corpus() {
  const { meetings } = await loadCorpus('corpus');
  return [...generateMeetings({ count: 25, seed: 21 }), ...meetings];
}

function reference(docs: IndexDoc[]): MiniSearch<IndexDoc> {
  const ms = new MiniSearch<IndexDoc>(miniSearchOptions());
  ms.addAll(docs);
  return ms;
}

describe('the compact index', () => {
  it('is compiled from the text exactly as the readable definition builds it', async () => {
    const meetings = await corpus();
    const slow = analyseCorpus(meetings);
    const fast = compileCorpus(meetings);
    const want = buildPostings(slow.docs);
    expect(fast.postings.terms).toEqual(want.terms);
    expect(fast.postings.averageFieldLength).toEqual(want.averageFieldLength);
    expect(fast.postings.documentCount).toBe(want.documentCount);
    // Byte comparison: deep equality over millions of typed-array elements is slow.
    const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    for (const name of ['termStart', 'segField', 'segStart', 'segLength', 'docs', 'freqs', 'fieldLengths'] as const) {
      expect(bytes(fast.postings[name]).equals(bytes(want[name])), name).toBe(true);
    }
    expect([...fast.termItems].sort()).toEqual([...slow.termItems].sort());
    expect(fast.passages).toEqual(slow.passages);
    expect(fast.docRefs).toEqual(slow.docRefs);
    expect(fast.lexicon.toJSON().sort()).toEqual(slow.lexicon.toJSON().sort());
  }, 60_000);

  it('scores exactly as MiniSearch.addAll over the same documents, built and after a save and load', async () => {
    const meetings = await corpus();
    const ref = reference(analyseCorpus(meetings).docs);
    const built = SearchIndex.build(meetings);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'moedebot-index-'));
    // Saved for an empty corpus folder, so loading it through the store finds it current.
    const loadedDir = mkdtempSync(path.join(os.tmpdir(), 'moedebot-corpus-'));
    await saveIndex(dataDir, built, await corpusFingerprint(loadedDir));
    const loaded = await loadOrBuildIndex(loadedDir, dataDir);
    expect(loaded.rebuilt).toBe(false);
    expect(ref.termCount).toBe(built.miniSearch.termCount);
    for (const queries of QUERIES) {
      const want = ref.search({ combineWith: 'OR', queries }, options);
      expect(want.length).toBeGreaterThan(0);
      expect(built.miniSearch.search({ combineWith: 'OR', queries }, options)).toEqual(want);
      expect(loaded.index.miniSearch.search({ combineWith: 'OR', queries }, options)).toEqual(want);
    }
    expect(loaded.index.items).toEqual(built.items);
    expect(loaded.index.passages).toEqual(built.passages);
    expect(loaded.index.docRefs).toEqual(built.docRefs);
    expect([...loaded.index.termItems]).toEqual([...built.termItems]);
  }, 60_000);

  it('keeps the index in two files and rebuilds when one of them is damaged or from another build', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'moedebot-index-'));
    const first = await loadOrBuildIndex('corpus', dataDir);
    expect(first.rebuilt).toBe(true);
    expect(statSync(path.join(dataDir, INDEX_FILE)).size).toBeGreaterThan(0);
    expect(statSync(path.join(dataDir, POSTINGS_FILE)).size).toBeGreaterThan(0);
    expect((await loadOrBuildIndex('corpus', dataDir)).rebuilt).toBe(false);

    const bin = readFileSync(path.join(dataDir, POSTINGS_FILE));
    bin.write('00000000-0000-0000-0000-000000000000', 0, 'latin1');
    writeFileSync(path.join(dataDir, POSTINGS_FILE), bin);
    const again = await loadOrBuildIndex('corpus', dataDir);
    expect(again).toMatchObject({ rebuilt: true, reason: 'unreadable' });

    writeFileSync(path.join(dataDir, INDEX_FILE), '{"version":5,');
    expect(await loadOrBuildIndex('corpus', dataDir)).toMatchObject({ rebuilt: true, reason: 'unreadable' });
    const rebuilt = await loadOrBuildIndex('corpus', dataDir);
    expect(rebuilt.rebuilt).toBe(false);
    expect(rebuilt.index.miniSearch.search('fysioterapi')[0]).toBeDefined();
  });
});
