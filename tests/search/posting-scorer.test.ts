import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchResult } from 'minisearch';
import { generateMeetings } from '../../src/bench/synthetic-corpus.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { buildPostings } from '../../src/search/postings.js';
import { buildTermTree } from '../../src/search/term-tree.js';
import { referenceFor, referenceOf } from '../helpers/minisearch-reference.js';
import { PostingScorer, scorerFor, type ScoreOptions } from '../../src/search/posting-scorer.js';
import { Random } from '../../src/bench/prng.js';

/** The options `searchItems` uses, with term weights that differ per term. */
const SEARCHER_LIKE: ScoreOptions = {
  boost: { title: 2.5, recommendation: 1.3, caseNumber: 3, meta: 0.5, text: 1 },
  weights: { fuzzy: 0.3, prefix: 0.45 },
  boostTerm: (term) => (term.length % 3) * 0.4 + 0.6,
};

const MODES: Record<string, ScoreOptions> = {
  exact: SEARCHER_LIKE,
  prefix: { ...SEARCHER_LIKE, prefix: (term) => term.length >= 4 },
  fuzzy: { ...SEARCHER_LIKE, fuzzy: (term) => (term.length >= 5 ? (term.length >= 9 ? 2 : 1) : false) },
  'prefix and fuzzy': { ...SEARCHER_LIKE, prefix: (term) => term.length >= 4, fuzzy: (term) => (term.length >= 5 ? (term.length >= 9 ? 2 : 1) : false) },
  // MiniSearch's defaults: fuzzy as a share of the term length, default weights and boosts.
  defaults: { prefix: true, fuzzy: 0.2 },
};

/** Differences between the scorer and MiniSearch over one query; empty when they agree. */
function differences(index: SearchIndex, terms: string[], scorerOptions: ScoreOptions, miniSearchOptions: ScoreOptions = scorerOptions): string[] {
  const want: SearchResult[] = referenceFor(index).search({ combineWith: 'OR', queries: terms }, miniSearchOptions);
  const scorer = scorerFor(index);
  const n = scorer.search(terms, scorerOptions);
  const out: string[] = [];
  if (n !== want.length) out.push(`${terms.join(' ')}: ${n} documents matched, MiniSearch ${want.length}`);
  const matched = new Set(scorer.matched.subarray(0, n));
  for (const r of want) {
    const doc = r.id as number;
    if (!matched.has(doc)) {
      out.push(`${terms.join(' ')}: document ${doc} missing`);
      continue;
    }
    const got = scorer.documentScore(doc);
    if (Math.abs(got - r.score) > 1e-9 * Math.max(1, Math.abs(r.score))) out.push(`${terms.join(' ')}: document ${doc} scored ${got}, MiniSearch ${r.score}`);
    if (scorer.termsMatched(doc) !== r.queryTerms.length) out.push(`${terms.join(' ')}: document ${doc} matched ${scorer.termsMatched(doc)} terms, MiniSearch ${r.queryTerms.length}`);
    const mine = terms.filter((_, i) => i < 64 && scorer.matchedTerm(doc, i)).sort();
    const theirs = r.queryTerms.filter((t) => terms.indexOf(t) < 64).sort();
    if (mine.join(' ') !== theirs.join(' ')) out.push(`${terms.join(' ')}: document ${doc} terms [${mine}], MiniSearch [${theirs}]`);
  }
  return out;
}

/** Query terms drawn from the index: words as indexed, shortened (prefixes), misspelt (typos), and unknown. */
function queries(index: SearchIndex, seed: number, count: number): string[][] {
  const rng = new Random(seed);
  const words = index.postings.terms.filter((t) => /^\p{L}{4,}$/u.test(t));
  const typo = (w: string) => {
    const at = rng.int(1, w.length - 1);
    return rng.next() < 0.5 ? w.slice(0, at) + w.slice(at + 1) : w.slice(0, at) + 'e' + w.slice(at);
  };
  const out: string[][] = [];
  for (let q = 0; q < count; q++) {
    const terms = new Set<string>();
    const n = rng.int(1, 5);
    while (terms.size < n) {
      const w = words[rng.int(0, words.length - 1)]!;
      const r = rng.next();
      terms.add(r < 0.4 ? w : r < 0.65 ? w.slice(0, Math.max(4, w.length - rng.int(1, 4))) : r < 0.9 ? typo(w) : `${w}xq`);
    }
    out.push([...terms]);
  }
  return out;
}

describe('PostingScorer', () => {
  let seed: SearchIndex;
  let synthetic: SearchIndex;
  beforeAll(async () => {
    seed = SearchIndex.build((await loadCorpus('corpus')).meetings);
    synthetic = SearchIndex.build(generateMeetings({ items: 1500, seed: 7 }));
  }, 120_000);

  it('scores every document as MiniSearch does on the seed corpus: fixed questions', () => {
    const fixed = [['fysioterapi'], ['kapacitet', 'praksisplan', 'fysioterapi'], ['flygtning', 'kommunefordel', '2025'], ['sag-2025-01103'], ['fysoterapi', 'sundhedsref'], ['kommun', 'okonomi', 'forhandling']];
    for (const [mode, options] of Object.entries(MODES)) {
      for (const terms of fixed) expect(differences(seed, terms, options), `${mode}: ${terms.join(' ')}`).toEqual([]);
    }
  });

  it.each(Object.keys(MODES))('scores every document as MiniSearch does, %s, on the seed and a synthetic corpus', (mode) => {
    const options = MODES[mode]!;
    for (const [name, index, seedNumber] of [['seed', () => seed, 3], ['synthetic', () => synthetic, 5]] as const) {
      let matchedSomething = 0;
      for (const terms of queries(index(), seedNumber, 40)) {
        expect(differences(index(), terms, options), `${name}: ${terms.join(' ')}`).toEqual([]);
        if (referenceFor(index()).search({ combineWith: 'OR', queries: terms }, options).length > 0) matchedSomething++;
      }
      expect(matchedSomething).toBeGreaterThan(20);
    }
  }, 60_000);

  it('follows term positions past 32 in its masks and counts every matched term', () => {
    const terms = queries(synthetic, 11, 30).flat().filter((t, i, all) => all.indexOf(t) === i).slice(0, 70);
    expect(terms.length).toBe(70);
    expect(differences(synthetic, terms, MODES['prefix and fuzzy']!)).toEqual([]);
  });

  it('reuses its arrays: a second query leaves nothing of the first', () => {
    const scorer = scorerFor(seed);
    const first = scorer.search(['fysioterapi', 'kommun'], MODES.prefix!);
    expect(first).toBeGreaterThan(0);
    expect(differences(seed, ['sundhedsreform'], MODES.exact!)).toEqual([]);
    expect(scorer.search(['zzzzunknown'], MODES.fuzzy!)).toBe(0);
  });

  it('notices a different formula: other BM25 parameters or expansion weights disagree with MiniSearch', () => {
    const terms = ['fysioterapi', 'kommun', 'fysoterapi'];
    const options = MODES['prefix and fuzzy']!;
    expect(differences(seed, terms, options)).toEqual([]);
    // The same non-default parameters on both sides still agree …
    const k15 = { ...options, bm25: { k: 1.5, b: 0.7, d: 0.5 } };
    expect(differences(seed, terms, k15)).toEqual([]);
    // … and any change on one side shows.
    expect(differences(seed, terms, { ...options, bm25: { k: 1.2, b: 0.75, d: 0.5 } }, options).length).toBeGreaterThan(0);
    expect(differences(seed, terms, { ...options, bm25: { k: 1.2, b: 0.7, d: 0.6 } }, options).length).toBeGreaterThan(0);
    expect(differences(seed, terms, { ...options, weights: { fuzzy: 0.3, prefix: 0.46 } }, options).length).toBeGreaterThan(0);
    expect(differences(seed, terms, { ...options, weights: { fuzzy: 0.31, prefix: 0.45 } }, options).length).toBeGreaterThan(0);
    expect(differences(seed, terms, { ...options, boost: { ...options.boost, text: 1.1 } }, options).length).toBeGreaterThan(0);
  });

  it('scores documents whose fields share a length slot, or are longer than 65,535 terms, as MiniSearch does', () => {
    // The scorer keeps field lengths in its rows, four 16-bit slots per document (title and text
    // share one); documents like these make it read the index's own lengths instead.
    const long = Array.from({ length: 70_000 }, (_, i) => `w${i}`).join(' ');
    const docs = [
      { id: 0, title: 'fysioterapi praksis', text: 'fysioterapi kapacitet kommun' },
      { id: 1, title: 'kommun', text: `${long} fysioterapi` },
      { id: 2, text: 'kapacitet fysioterapi fysioterapi' },
    ];
    const postings = buildPostings(docs);
    const miniSearch = referenceOf(docs);
    const scorer = new PostingScorer(postings, buildTermTree(postings.terms));
    const terms = ['fysioterapi', 'kommun', 'kapacitet'];
    const n = scorer.search(terms, MODES.exact!);
    const want = miniSearch.search({ combineWith: 'OR', queries: terms }, MODES.exact!);
    expect(n).toBe(want.length);
    for (const r of want) expect(scorer.documentScore(r.id as number)).toBeCloseTo(r.score, 9);
  });

  it('refuses terms MiniSearch would split or count once', () => {
    expect(() => scorerFor(seed).search(['a b'])).toThrow(/distinct single terms/);
    expect(() => scorerFor(seed).search(['fysioterapi', 'fysioterapi'])).toThrow(/distinct single terms/);
    expect(() => scorerFor(seed).search([''])).toThrow(/distinct single terms/);
  });
});
