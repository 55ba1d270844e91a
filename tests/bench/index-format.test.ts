import { describe, expect, it } from 'vitest';
import { readdirSync, writeFileSync, readFileSync, statSync } from 'node:fs';
import { pino } from 'pino';
import path from 'node:path';
import { generateMeetings } from '../../src/bench/synthetic-corpus.js';
import { loadCorpus, corpusFingerprint } from '../../src/corpus/load-corpus.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { analyseCorpus, compileCorpus } from '../../src/search/compile-corpus.js';
import { buildPostings } from '../../src/search/postings.js';
import { scorerFor, type ScoreOptions } from '../../src/search/posting-scorer.js';
import { referenceOf } from '../helpers/minisearch-reference.js';
import { loadOrBuildIndex, saveIndex, INDEX_FILE, POSTINGS_FILE } from '../../src/search/index-store.js';
import { tempDir } from '../helpers/temp-dir.js';

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

/** The documents the scorer matched, with their scores, in MiniSearch's result order (best first, then by id). */
function scored(index: SearchIndex, terms: string[], scoreOptions: ScoreOptions): Array<[number, number]> {
  const scorer = scorerFor(index);
  const n = scorer.search(terms, scoreOptions);
  return Array.from(scorer.matched.subarray(0, n), (doc) => [doc, scorer.documentScore(doc)] as [number, number]).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
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
    const ref = referenceOf(analyseCorpus(meetings).docs);
    const built = SearchIndex.build(meetings);
    const dataDir = tempDir('moedebot-index-');
    // Saved for an empty corpus folder, so loading it through the store finds it current.
    const loadedDir = tempDir('moedebot-corpus-');
    await saveIndex(dataDir, built, await corpusFingerprint(loadedDir));
    const loaded = await loadOrBuildIndex(loadedDir, dataDir);
    expect(loaded.rebuilt).toBe(false);
    expect(ref.termCount).toBe(built.postings.terms.length);
    expect(ref.termCount).toBe(loaded.index.postings.terms.length);
    for (const queries of QUERIES) {
      const want = ref.search({ combineWith: 'OR', queries }, options).map((r) => [r.id as number, r.score] as const);
      expect(want.length).toBeGreaterThan(0);
      for (const index of [built, loaded.index]) {
        const got = new Map(scored(index, queries, options));
        expect(got.size).toBe(want.length);
        for (const [doc, score] of want) expect(got.get(doc)).toBeCloseTo(score, 9);
      }
    }
    expect(loaded.index.items).toEqual(built.items);
    expect(loaded.index.passages).toEqual(built.passages);
    expect(loaded.index.docRefs).toEqual(built.docRefs);
    expect([...loaded.index.termItems]).toEqual([...built.termItems]);
  }, 60_000);

  it('keeps the index in two files and rebuilds when one of them is damaged or from another build', async () => {
    const dataDir = tempDir('moedebot-index-');
    const first = await loadOrBuildIndex('corpus', dataDir);
    expect(first.rebuilt).toBe(true);
    expect(statSync(path.join(dataDir, INDEX_FILE)).size).toBeGreaterThan(0);
    expect(statSync(path.join(dataDir, POSTINGS_FILE)).size).toBeGreaterThan(0);
    expect((await loadOrBuildIndex('corpus', dataDir)).rebuilt).toBe(false);

    const bin = readFileSync(path.join(dataDir, POSTINGS_FILE));
    bin.write('00000000-0000-0000-0000-000000000000', 0, 'latin1');
    writeFileSync(path.join(dataDir, POSTINGS_FILE), bin);
    const again = await loadOrBuildIndex('corpus', dataDir);
    expect(again).toMatchObject({ rebuilt: true, reason: 'damaged' });

    writeFileSync(path.join(dataDir, INDEX_FILE), '{"version":5,');
    expect(await loadOrBuildIndex('corpus', dataDir)).toMatchObject({ rebuilt: true, reason: 'damaged' });
    const rebuilt = await loadOrBuildIndex('corpus', dataDir);
    expect(rebuilt.rebuilt).toBe(false);
    expect(scored(rebuilt.index, ['fysioterapi'], {}).length).toBeGreaterThan(0);
  });

  it('rebuilds with a warning when the postings are changed in the middle, cut short or from another format version', async () => {
    const dataDir = tempDir('moedebot-index-');
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line).msg) });
    await loadOrBuildIndex('corpus', dataDir, false, logger);
    const binFile = path.join(dataDir, POSTINGS_FILE);

    // One flipped byte far from the build id: only the checksum can tell.
    const bin = readFileSync(binFile);
    bin[Math.floor(bin.length / 2)]! ^= 0xff;
    writeFileSync(binFile, bin);
    expect(await loadOrBuildIndex('corpus', dataDir, false, logger)).toMatchObject({ rebuilt: true, reason: 'damaged' });

    writeFileSync(binFile, readFileSync(binFile).subarray(0, 100));
    expect(await loadOrBuildIndex('corpus', dataDir, false, logger)).toMatchObject({ rebuilt: true, reason: 'damaged' });

    const [header, ...rest] = readFileSync(path.join(dataDir, INDEX_FILE), 'utf8').split('\n');
    writeFileSync(path.join(dataDir, INDEX_FILE), [JSON.stringify({ ...JSON.parse(header!), version: 1 }), ...rest].join('\n'));
    expect(await loadOrBuildIndex('corpus', dataDir, false, logger)).toMatchObject({ rebuilt: true, reason: 'format changed' });

    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/saved index .* is damaged; rebuilding it from the corpus/);
    expect(warnings[2]).toMatch(/from another version of mødebot/);
    // Nothing but the two index files: every write went through a temporary file that was renamed.
    expect(readdirSync(dataDir).sort()).toEqual([INDEX_FILE, POSTINGS_FILE].sort());
    expect((await loadOrBuildIndex('corpus', dataDir, false, logger)).rebuilt).toBe(false);
  });

  it('stops with one clear line naming CORPUS_DIR when the corpus folder cannot be read', async () => {
    const dataDir = tempDir('moedebot-index-');
    const missing = path.join(dataDir, 'no-such-folder');
    await expect(loadOrBuildIndex(missing, dataDir)).rejects.toThrow(`The corpus folder ${missing} cannot be read (there is no such folder); set CORPUS_DIR`);
    writeFileSync(path.join(dataDir, 'a-file'), 'x');
    await expect(loadOrBuildIndex(path.join(dataDir, 'a-file'), dataDir)).rejects.toThrow(/it is a file, not a folder/);
  });
});
