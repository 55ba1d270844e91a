import type { AnalyzedQuery } from './query.js';
import type { SearchIndex } from './search-index.js';
import { PostingScorer, scorerFor, type ScoreOptions } from './posting-scorer.js';
import { RETRIEVAL } from './ranking-parameters.js';

/**
 * Ranking: BM25 (MiniSearch's formula, computed by `PostingScorer`) over item documents and
 * passage documents, summed per item as item score + best passage + a share of the second best,
 * then weighted by how much of the question the item covers. Fuzzy and prefix matches count, but
 * less than exact ones.
 */

/** Query terms whose matches are tracked per item for coverage; later ones still score. */
const TRACKED_TERMS = 64;
/** Up to this many terms, coverage per matched-term mask is kept in a table (2^n entries). */
const COVERAGE_TABLE_TERMS = 16;

export interface RankedItem {
  itemIndex: number;
  score: number;
  /** Index into the item's passages of the best matching passage, -1 when none matched. */
  bestPassage: number;
  /** Share (0–1) of the question's weight that the item matches. */
  coverage: number;
  /** Which of the first 64 search terms the item matched (bit i = `searchTerms(…)[i]`), low and high word. */
  matchedLo: number;
  matchedHi: number;
}

/**
 * The terms a question is searched with, in the order their matches are tracked (the bits of
 * `RankedItem.matchedLo/Hi`): terms the corpus has (and typed words, for typos), without those in
 * most items unless they are all the question has.
 */
export function searchTerms(index: SearchIndex, query: AnalyzedQuery): Map<string, number> {
  // Synonym and variant terms the corpus does not have cannot match; typed words still go in, for fuzzy matching.
  const typed = new Set(query.words.flatMap((w) => w.alternatives.filter((a) => a.weight >= 0.99).flatMap((a) => a.terms)));
  const candidates = [...query.terms].filter(([term]) => typed.has(term) || index.documentFrequency(term) > 0);
  // Terms in most items (`kommune` in a big corpus) barely move BM25 but cost the most to score;
  // they are left out unless they are all the question has.
  const common = Math.max(RETRIEVAL.commonTermMinItems, index.corpusItemCount * RETRIEVAL.commonTermShare);
  const informative = candidates.filter(([term]) => index.documentFrequency(term) <= common);
  return new Map(informative.length > 0 ? informative : candidates);
}

/** Whether a ranked item matched a term (one of the first 64 of `terms`, the question's `searchTerms`). */
export function matchedTerm(ranked: RankedItem, terms: readonly string[], term: string): boolean {
  const i = terms.indexOf(term);
  if (i < 0 || i >= TRACKED_TERMS) return false;
  return ((i < 32 ? ranked.matchedLo >>> i : ranked.matchedHi >>> (i - 32)) & 1) === 1;
}

/**
 * Score multipliers for matched items (meeting hints, recency): sets `factors[k]` for `items[k]`,
 * k < count (1 leaves an item as it is). One call per question with every matched item, as a call
 * per item returning a number costs a heap-allocated number each (tens of thousands a question).
 */
export type ItemBoost = (items: Int32Array, count: number, factors: Float64Array) => void;

export interface SearchItemsOptions {
  /** Multiplies matched items' scores (meeting hints, recency). */
  boost?: ItemBoost;
  /** Only these items (hard filters). */
  filter?: (itemIndex: number) => boolean;
  /**
   * Only the best `limit` items, exactly `searchItems(…).slice(0, limit)`: a question in a large
   * corpus matches tens of thousands of items, and sorting them all costs more than scoring.
   */
  limit?: number;
}

/**
 * Per-item accumulators, allocated once per index and reused by every query: a query touches
 * thousands of items in a large corpus, and objects per item would make the collector the
 * slowest part of answering. One row per item (not one array per quantity), so touching an item
 * costs two cache lines rather than eight.
 */
class Scratch {
  /** Per item: [item document's score, best passage score, second best, final score]. */
  readonly acc: Float64Array;
  /** Per item: [unused, matched-term mask low, high, best passage + 1 (0: none)]. */
  readonly flags: Int32Array;
  /** The items of the last fold, ascending; only their rows are current. */
  readonly touched: Int32Array;
  readonly coverage: Float64Array;
  /** Boost factors of the touched items, in `touched` order. */
  readonly factors: Float64Array;
  /** The best items found so far, worst first (a binary heap), when a limit is given. */
  readonly heap: Int32Array;
  /** Coverage per matched-term mask of the current question, valid where `coverageStamp` is its number. */
  readonly coverageTable = new Float64Array(1 << COVERAGE_TABLE_TERMS);
  readonly coverageStamp = new Uint32Array(1 << COVERAGE_TABLE_TERMS);
  private question = 0;
  count = 0;

  constructor(size: number) {
    this.acc = new Float64Array(size * 4);
    this.flags = new Int32Array(size * 4);
    this.touched = new Int32Array(size);
    this.coverage = new Float64Array(size);
    this.factors = new Float64Array(size);
    this.heap = new Int32Array(size);
  }

  /** Stores a folded item as the `at`-th touched one. */
  record(at: number, item: number, itemScore: number, best: number, second: number, lo: number, hi: number, bestPassage: number): void {
    const row = item * 4;
    this.acc[row] = itemScore;
    this.acc[row + 1] = best;
    this.acc[row + 2] = second;
    this.flags[row + 1] = lo;
    this.flags[row + 2] = hi;
    this.flags[row + 3] = bestPassage;
    this.touched[at] = item;
  }

  /** Numbers a new question for `coverageStamp`. */
  nextQuestion(): number {
    this.question = (this.question + 1) >>> 0;
    if (this.question === 0) {
      this.coverageStamp.fill(0);
      this.question = 1;
    }
    return this.question;
  }
}

const scratches = new WeakMap<SearchIndex, Scratch>();

function scratchFor(index: SearchIndex): Scratch {
  let s = scratches.get(index);
  if (!s) {
    s = new Scratch(index.itemCount);
    scratches.set(index, s);
  }
  return s;
}

/**
 * Allocates what searching an index needs (the scorer's rows, the per-item accumulators: ~60 bytes
 * per document, ~30 MiB at 100,000 items), so the first question does not wait for it.
 */
export function prepareSearch(index: SearchIndex): void {
  scorerFor(index);
  scratchFor(index);
}

/**
 * Typos are what fuzzy matching is for, so only words the corpus does not know get it: a known
 * word already matches exactly, and fuzzy expansion of every term is what makes large indexes slow.
 */
function fuzzyFor(term: string, known: boolean): number | false {
  if (known || /^\d/.test(term) || term.length < RETRIEVAL.fuzzyMinLength) return false;
  return term.length >= RETRIEVAL.fuzzyTwoEditsLength ? 2 : 1;
}

/** Coverage of a matched-term mask: the share of the question's weight whose words matched. */
function coverageFunction(index: SearchIndex, query: AnalyzedQuery, bit: ReadonlyMap<string, number>, s: Scratch): (lo: number, hi: number) => number {
  // A word counts as matched when every term of one of its forms matched, as far as that form
  // stands for it: a form weighing less than the word's strongest known form (a part of a
  // phrase, `pulje` for `special subsidy pool`) covers that share of it.
  const wordMasks = query.words.map((w) => {
    const known = w.alternatives.filter((a) => a.terms.every((t) => index.documentFrequency(t) > 0));
    const strongest = Math.max(0, ...known.map((a) => a.weight));
    return {
      idf: w.idf,
      alternatives: w.alternatives
        .filter((a) => a.terms.every((t) => bit.has(t)))
        .map((a) => {
          let lo = 0;
          let hi = 0;
          for (const t of a.terms) {
            const b = bit.get(t)!;
            if (b < 32) lo |= 1 << b;
            else hi |= 1 << (b - 32);
          }
          const share = strongest > 0 ? Math.min(1, a.weight / strongest) ** RETRIEVAL.weakFormCoverage : 1;
          return [lo >>> 0, hi >>> 0, share] as const;
        }),
    };
  });
  const totalWeight = query.words.reduce((sum, w) => sum + w.idf, 0);
  const coverageOf = (lo: number, hi: number): number => {
    let matchedWeight = 0;
    for (const w of wordMasks) {
      let best = 0;
      for (const [alo, ahi, share] of w.alternatives) if (share > best && (lo & alo) >>> 0 === alo && (hi & ahi) >>> 0 === ahi) best = share;
      matchedWeight += w.idf * best;
    }
    return totalWeight > 0 ? matchedWeight / totalWeight : 0;
  };
  // Tens of thousands of items share a handful of masks: with few terms, a table indexed by the
  // mask answers each in one read (the scratch's, reused: no allocation per question).
  if (bit.size > COVERAGE_TABLE_TERMS) return coverageOf;
  const { coverageTable: table, coverageStamp: stamp } = s;
  const question = s.nextQuestion();
  return (lo, hi) => {
    if (stamp[lo] === question) return table[lo]!;
    stamp[lo] = question;
    return (table[lo] = coverageOf(lo, hi));
  };
}

/** Documents scored and folded per block: their rows (32 bytes each) stay in the processor's cache. */
const BLOCK_DOCS = 8192;

/**
 * Folds the scored documents of items `itemFrom … itemTo - 1` into their items (item score, best
 * and second best passage, matched terms), appending the items to `touched`; documents count as
 * MiniSearch counts them, their sum times the number of terms they matched.
 */
function foldItems(s: Scratch, scorer: PostingScorer, index: SearchIndex, itemFrom: number, itemTo: number, filter: ((itemIndex: number) => boolean) | undefined): void {
  const { itemFirstDoc: first, docItem } = index;
  const { matchedBits, sums, words } = scorer;
  const docFrom = first[itemFrom]!;
  const docTo = first[itemTo]!;
  let count = s.count;
  // Documents in index order, where an item's documents (itself, then its passages) are a run:
  // every array is read front to back, and the item's sums stay in locals until the next item.
  // Between equal passages the earlier one stays best. (No closures here: variables they
  // capture live on the heap, not in registers.)
  let item = -1;
  let allowed = false;
  let start = 0;
  let itemScore = 0;
  let best = 0;
  let second = 0;
  let bestPassage = 0;
  let lo = 0;
  let hi = 0;
  for (let w = docFrom >>> 5; w < (docTo + 31) >>> 5; w++) {
    let word = matchedBits[w]!;
    // Only this block's documents of the first and last word.
    if (w === docFrom >>> 5) word = (word & ~((1 << (docFrom & 31)) - 1)) >>> 0;
    if (w === (docTo - 1) >>> 5 && (docTo & 31) !== 0) word = (word & ((1 << (docTo & 31)) - 1)) >>> 0;
    while (word !== 0) {
      const low = word & -word;
      word = (word ^ low) >>> 0;
      const doc = (w << 5) + 31 - Math.clz32(low);
      const i = docItem[doc]!;
      if (i !== item) {
        if (allowed) s.record(count++, item, itemScore, best, second, lo, hi, bestPassage);
        item = i;
        allowed = !filter || filter(i);
        start = first[i]!;
        itemScore = 0;
        best = 0;
        second = 0;
        bestPassage = 0;
        lo = 0;
        hi = 0;
      }
      if (!allowed) continue;
      const w32 = doc * 8;
      const score = sums[doc * 4]! * (words[w32 + PostingScorer.COUNT]! & 0xffff);
      if (doc === start) itemScore = score;
      else if (score > best) {
        second = best;
        best = score;
        bestPassage = doc - start;
      } else if (score > second) second = score;
      lo |= words[w32 + PostingScorer.MASK_LO]!;
      hi |= words[w32 + PostingScorer.MASK_HI]!;
    }
  }
  if (allowed) s.record(count++, item, itemScore, best, second, lo, hi, bestPassage);
  s.count = count;
}

/** Gives every touched item its final score: base × (coverage base + coverage) × boost. */
function finalScores(s: Scratch, coverageOf: (lo: number, hi: number) => number, boost: ItemBoost | undefined): void {
  const { acc, flags, touched, coverage, factors } = s;
  if (boost) boost(touched, s.count, factors);
  for (let k = 0; k < s.count; k++) {
    const i = touched[k]!;
    const r = i * 4;
    const c = coverageOf(flags[r + 1]!, flags[r + 2]!);
    acc[r + 3] = (acc[r]! + acc[r + 1]! + RETRIEVAL.secondPassageShare * acc[r + 2]!) * (RETRIEVAL.coverageBase + c) * (boost ? factors[k]! : 1);
    coverage[i] = c;
  }
}

/**
 * How a question's search terms are scored: field boosts, term weights, and which terms expand to
 * prefix and fuzzy matches. Also what a database search expands the terms with when it looks for
 * candidates, so it finds what scoring would.
 */
export function scoreOptions(index: SearchIndex, query: AnalyzedQuery, weights: ReadonlyMap<string, number>): ScoreOptions {
  const typed = new Set(query.words.flatMap((w) => w.alternatives.filter((a) => a.weight >= 0.99).flatMap((a) => a.terms)));
  const common = Math.max(RETRIEVAL.commonTermMinItems, index.corpusItemCount * RETRIEVAL.commonTermShare);
  return {
    boost: RETRIEVAL.fieldBoosts,
    fuzzy: (term) => fuzzyFor(term, index.documentFrequency(term) > 0),
    // Prefix matching catches inflections of what the user typed; synonyms are listed in their forms already.
    prefix: (term) => typed.has(term) && term.length >= RETRIEVAL.prefixMinLength && !/^\d/.test(term) && index.documentFrequency(term) <= common * RETRIEVAL.prefixMaxCommonShare,
    weights: { fuzzy: RETRIEVAL.fuzzyWeight, prefix: RETRIEVAL.prefixWeight },
    boostTerm: (term) => weights.get(term) ?? 1,
  };
}

export function searchItems(index: SearchIndex, query: AnalyzedQuery, options: SearchItemsOptions = {}): RankedItem[] {
  const weights = searchTerms(index, query);
  if (weights.size === 0) return [];
  const terms = [...weights.keys()];
  const bit = new Map(terms.slice(0, TRACKED_TERMS).map((t, i) => [t, i]));
  const scorer = scorerFor(index);
  scorer.begin(terms, scoreOptions(index, query, weights));
  const s = scratchFor(index);
  // Block by block: score the block's documents, then fold them into their items while their
  // rows are still in cache. Blocks end at item boundaries.
  s.count = 0;
  const first = index.itemFirstDoc;
  for (let from = 0; from < index.itemCount; ) {
    let to = from + 1;
    while (to < index.itemCount && first[to]! - first[from]! < BLOCK_DOCS) to++;
    scorer.scoreUntil(first[to]!);
    foldItems(s, scorer, index, from, to, options.filter);
    from = to;
  }
  if (s.count === 0) return [];
  finalScores(s, coverageFunction(index, query, bit, s), options.boost);

  const { acc, flags, touched, coverage } = s;
  // Higher score first, then lower item index: a total order, so the list does not depend on how it is sorted.
  const before = (a: number, b: number) => acc[a * 4 + 3]! > acc[b * 4 + 3]! || (acc[a * 4 + 3] === acc[b * 4 + 3] && a < b);
  let order: Int32Array;
  const keep = Math.min(s.count, Math.max(0, Math.floor(options.limit ?? s.count)));
  if (keep >= s.count) {
    // Everything: a native numeric sort of the scores, then each item goes to the first free
    // place of its score. `touched` is in ascending item order, so equal scores keep it, and no
    // comparator runs tens of thousands of times.
    const items = touched;
    const keys = new Float64Array(s.count);
    for (let k = 0; k < s.count; k++) keys[k] = -acc[items[k]! * 4 + 3]!;
    keys.sort();
    const firstFree = new Map<number, number>();
    for (let k = s.count - 1; k >= 0; k--) firstFree.set(keys[k]!, k);
    order = new Int32Array(s.count);
    for (let k = 0; k < s.count; k++) {
      const i = items[k]!;
      const key = -acc[i * 4 + 3]!;
      const at = firstFree.get(key)!;
      order[at] = i;
      firstFree.set(key, at + 1);
    }
  } else {
    // Keep the best `keep` in a heap whose root is the worst of them.
    const heap = s.heap;
    let size = 0;
    const down = (at: number) => {
      const x = heap[at]!;
      for (;;) {
        const l = 2 * at + 1;
        if (l >= size) break;
        const r = l + 1;
        const worse = r < size && before(heap[l]!, heap[r]!) ? r : l;
        if (!before(x, heap[worse]!)) break;
        heap[at] = heap[worse]!;
        at = worse;
      }
      heap[at] = x;
    };
    for (let k = 0; k < s.count; k++) {
      const i = touched[k]!;
      if (size < keep) {
        let at = size++;
        while (at > 0) {
          const parent = (at - 1) >> 1;
          if (!before(heap[parent]!, i)) break;
          heap[at] = heap[parent]!;
          at = parent;
        }
        heap[at] = i;
      } else if (keep > 0 && before(i, heap[0]!)) {
        heap[0] = i;
        down(0);
      }
    }
    order = heap.slice(0, size).sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  }
  const ranked: RankedItem[] = new Array(order.length);
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    ranked[k] = { itemIndex: i, score: acc[i * 4 + 3]!, bestPassage: flags[i * 4 + 3]! - 1, coverage: coverage[i]!, matchedLo: flags[i * 4 + 1]! >>> 0, matchedHi: flags[i * 4 + 2]! >>> 0 };
  }
  return ranked;
}
