import { FIELDS, type FieldName } from './index-fields.js';
import type { Postings } from './postings.js';
import type { SearchIndex } from './search-index.js';
import type { TermTree } from './term-tree.js';
import { RETRIEVAL } from './ranking-parameters.js';

/** BM25+ parameters when a search gives none. */
const BM25 = RETRIEVAL.bm25;

/** MiniSearch 7's search defaults (`defaultSearchOptions` in its source). */
const DEFAULT_WEIGHTS = { fuzzy: 0.45, prefix: 0.375 } as const;
const DEFAULT_MAX_FUZZY = 6;
/** Slots of a document's row in `PostingScorer.words` (slots 0–1 hold its sum, a double). */
const STAMP = 2;
const COUNT = 3;
const MASK_LO = 4;
const MASK_HI = 5;
/** First 16-bit slot of the field lengths in a row (bytes 24–31). */
const LENGTHS = 12;
/** Query terms a search may hold: a document's row keeps the last term it counted in 16 bits. */
const MAX_TERMS = 0xfffe;

/** The subset of MiniSearch's `SearchOptions` that `PostingScorer` honours, with the same meaning. */
export interface ScoreOptions {
  boost?: Partial<Record<FieldName, number>>;
  fuzzy?: boolean | number | ((term: string, i: number, terms: string[]) => boolean | number);
  prefix?: boolean | ((term: string, i: number, terms: string[]) => boolean);
  boostTerm?: (term: string, i: number, terms: string[]) => number;
  /** Both, as in MiniSearch (which would read a missing one as undefined). */
  weights?: { fuzzy: number; prefix: number };
  maxFuzzy?: number;
  /** BM25 parameters, all three (MiniSearch's `bm25` option); MiniSearch's defaults when absent. */
  bm25?: { k: number; b: number; d: number };
}

/** One query term resolved against the index: the index terms it matches and what each weighs. */
interface TermPlan {
  /** Position in the query: bit `position` of the masks (below 64). */
  readonly position: number;
  /** Index term ids: the term itself, then prefix, then fuzzy expansions (MiniSearch's order). */
  readonly ids: readonly number[];
  /** Per id: expansion weight × term boost. */
  readonly factors: readonly number[];
}

/**
 * BM25+ over the flat postings with MiniSearch 7's formula and expansions: its scores equal
 * `miniSearch.search({ combineWith: 'OR', queries: terms }, options)` up to rounding in the last
 * bits (tests/search/posting-scorer.test.ts). MiniSearch makes a result object per matching
 * document per term, which at 100,000 items is ~120,000 objects and half a second per question;
 * this writes into typed arrays allocated once per index and reused by every query.
 *
 * After `search`, `matched[0 … count-1]` are the matching documents in the order they were first
 * met, and `matchedBits` has their bits set, for reading them in index order. Each document has one
 * 32-byte row, as a query touches tens of thousands of documents at random and every separate
 * array would cost a cache miss each time: `sums[doc * 4]` is the sum of its term scores,
 * `words[doc * 8 + …]` holds `STAMP` (the search that wrote the row), `COUNT` (in the low 16 bits,
 * how many query terms matched; above, the last term counted) and `MASK_LO`/`MASK_HI` (which of the
 * first 64 query terms matched, bit i = terms[i]), and its last 8 bytes the document's field
 * lengths. MiniSearch multiplies a document's sum by its count (`documentScore`). Everything is
 * overwritten by the next search: not for concurrent searches (the engine answers one question
 * at a time, synchronously).
 */
export class PostingScorer {
  static readonly COUNT = COUNT;
  static readonly MASK_LO = MASK_LO;
  static readonly MASK_HI = MASK_HI;
  /** Per document, at `doc * 4`: the sum of its term scores (the row's other slots are `words`). */
  readonly sums: Float64Array;
  /** Per document, at `doc * 8 + STAMP | COUNT | MASK_LO | MASK_HI` (slots 0–1 are the sum). */
  readonly words: Uint32Array;
  /** The rows as 16-bit slots: `LENGTHS + f % 4` of a document's 16 hold its field f's length. */
  private readonly lengths: Uint16Array;
  /** Where `scoreUntil` reads field f of a document: `lengthTable[doc * lengthStride + lengthOffset[f]]`. */
  private lengthTable: Uint16Array | Uint32Array = new Uint16Array(0);
  private lengthStride = 16;
  private readonly lengthOffset = new Int32Array(FIELDS.length);
  readonly matched: Int32Array;
  /** One bit per document: set for the documents the current search matched. */
  readonly matchedBits: Uint32Array;
  count = 0;
  /** Stamps the current search in the rows, so nothing needs clearing between queries. */
  private epoch = 0;
  private readonly fieldBoost = new Float64Array(FIELDS.length);
  private bm25: { k: number; b: number; d: number } = BM25;

  constructor(
    private readonly postings: Postings,
    private readonly tree: TermTree,
  ) {
    const n = postings.documentCount;
    const rows = new ArrayBuffer(n * 32);
    this.sums = new Float64Array(rows);
    this.words = new Uint32Array(rows);
    this.lengths = new Uint16Array(rows);
    this.matched = new Int32Array(n);
    this.matchedBits = new Uint32Array((n + 31) >>> 5);
    this.embedLengths();
  }

  /**
   * BM25 reads the field's length for every posting: kept in the document's row (the last 8
   * bytes, four 16-bit slots), it comes with the cache line the row needs anyway instead of one
   * more random read. Field f goes to slot f % 4 (item documents fill the first four fields,
   * passages the fifth); if a corpus ever puts two such fields in one document, or a length
   * passes 65,535, the scorer reads `fieldLengths` instead.
   */
  private embedLengths(): void {
    const { fieldLengths, documentCount } = this.postings;
    const nFields = FIELDS.length;
    for (let doc = 0; doc < documentCount; doc++) {
      for (let f = 0; f < nFields; f++) {
        const length = fieldLengths[doc * nFields + f]!;
        if (length === 0) continue;
        const slot = doc * 16 + LENGTHS + (f % 4);
        if (length > 0xffff || this.lengths[slot] !== 0) {
          this.lengths.fill(0);
          this.lengthTable = fieldLengths;
          this.lengthStride = nFields;
          for (let g = 0; g < nFields; g++) this.lengthOffset[g] = g;
          return;
        }
        this.lengths[slot] = length;
      }
    }
    this.lengthTable = this.lengths;
    for (let g = 0; g < nFields; g++) this.lengthOffset[g] = LENGTHS + (g % 4);
  }

  /** How many query terms document `doc` matched in the current search. */
  termsMatched(doc: number): number {
    return this.words[doc * 8 + COUNT]! & 0xffff;
  }

  /** Whether document `doc` matched `terms[i]` (i < 64) in the current search. */
  matchedTerm(doc: number, i: number): boolean {
    if (i >= 64) return false;
    const word = this.words[doc * 8 + (i < 32 ? MASK_LO : MASK_HI)]!;
    return ((word >>> i % 32) & 1) === 1;
  }

  /** A matched document's score as MiniSearch gives it: the sum times the number of terms matched. */
  documentScore(doc: number): number {
    return this.sums[doc * 4]! * (this.words[doc * 8 + COUNT]! & 0xffff);
  }

  /**
   * Scores the documents matching any of `terms` (OR), as MiniSearch does (read them with
   * `documentScore`). Each term is one index term: non-empty, without spaces, and distinct from
   * the others (what MiniSearch's tokenizer would leave alone).
   * @returns how many documents matched (the length of `matched` to read).
   * @throws Error for an empty, spaced or repeated term.
   */
  search(terms: readonly string[], options: ScoreOptions = {}): number {
    this.begin(terms, options);
    this.scoreUntil(this.postings.documentCount);
    return this.count;
  }

  /**
   * Resolves each term to the index terms it matches (exact, prefix and fuzzy expansions, with
   * MiniSearch's weights) and sets the field boosts and BM25 parameters the scoring uses.
   * @throws Error for an empty, spaced or repeated term, or more than 65,534 terms.
   */
  private plan(terms: readonly string[], options: ScoreOptions = {}): TermPlan[] {
    if (terms.length > MAX_TERMS) throw new Error(`a search takes at most ${MAX_TERMS} terms; got ${terms.length}`);
    const distinct = new Set<string>();
    for (const term of terms) {
      if (term === '' || term.includes(' ') || distinct.has(term)) throw new Error(`scorer terms must be distinct single terms; got "${term}"`);
      distinct.add(term);
    }
    FIELDS.forEach((field, f) => {
      // MiniSearch: `getOwnProperty(options.boost, field) || 1`.
      const b = options.boost && Object.prototype.hasOwnProperty.call(options.boost, field) ? options.boost[field] : undefined;
      this.fieldBoost[f] = b || 1;
    });
    this.bm25 = options.bm25 ?? BM25;
    const fuzzyWeight = options.weights?.fuzzy ?? DEFAULT_WEIGHTS.fuzzy;
    const prefixWeight = options.weights?.prefix ?? DEFAULT_WEIGHTS.prefix;
    const maxFuzzy = options.maxFuzzy ?? DEFAULT_MAX_FUZZY;
    return terms.map((term, position) => {
      // MiniSearch tokenizes each query string apart, so its callbacks see (term, 0, [term]).
      const fuzzy = typeof options.fuzzy === 'function' ? options.fuzzy(term, 0, [term]) : options.fuzzy || false;
      const prefix = typeof options.prefix === 'function' ? options.prefix(term, 0, [term]) : options.prefix === true;
      const termBoost = typeof options.boostTerm === 'function' ? options.boostTerm(term, 0, [term]) : 1;
      const ids: number[] = [];
      const factors: number[] = [];
      const exact = this.tree.get(term);
      if (exact !== undefined) {
        ids.push(exact);
        factors.push(termBoost);
      }
      let fuzzyMatches: Map<string, [number, number]> | undefined;
      if (fuzzy) {
        const f = fuzzy === true ? 0.2 : fuzzy;
        const maxDistance = f < 1 ? Math.min(maxFuzzy, Math.round(term.length * f)) : f;
        if (maxDistance) fuzzyMatches = this.tree.fuzzyGet(term, maxDistance);
      }
      if (prefix) {
        for (const [expansion, data] of this.tree.atPrefix(term)) {
          const distance = expansion.length - term.length;
          if (!distance) continue;
          // An expansion that is both a prefix and a fuzzy match counts once, as a prefix match.
          fuzzyMatches?.delete(expansion);
          ids.push(data);
          factors.push(((prefixWeight * expansion.length) / (expansion.length + 0.3 * distance)) * termBoost);
        }
      }
      if (fuzzyMatches) {
        for (const [expansion, [data, distance]] of fuzzyMatches) {
          if (!distance) continue;
          ids.push(data);
          factors.push(((fuzzyWeight * expansion.length) / (expansion.length + distance)) * termBoost);
        }
      }
      return { position, ids, factors };
    });
  }

  /** Starts a new search: no document has matched yet. */
  private start(): void {
    this.epoch = (this.epoch + 1) >>> 0;
    if (this.epoch === 0) {
      for (let w = STAMP; w < this.words.length; w += 8) this.words[w] = 0;
      this.epoch = 1;
    }
    // Clearing only the words the last search set is cheaper than clearing all when few matched.
    if (this.count * 8 < this.matchedBits.length) for (let k = 0; k < this.count; k++) this.matchedBits[this.matched[k]! >>> 5] = 0;
    else this.matchedBits.fill(0);
    this.count = 0;
  }

  /**
   * The segments of the current search in scoring order (term by term, each term's expansions
   * and fields in MiniSearch's order), with what each posting needs and a cursor: `scoreUntil`
   * resumes every segment where the last call stopped.
   */
  private segments: Array<{ cursor: number; end: number; field: number; invDocFreq: number; factor: number; position: number }> = [];

  /**
   * Starts a search for `terms` (see `search`) without scoring anything yet: `scoreUntil` then
   * scores the documents below a bound, so a caller can work through the index in blocks whose
   * rows stay in the processor's cache, instead of jumping through all of them once per term.
   * @throws Error for an empty, spaced or repeated term, or more than 65,534 terms.
   */
  begin(terms: readonly string[], options: ScoreOptions = {}): void {
    const plans = this.plan(terms, options);
    this.start();
    const { termStart, segField, segStart, segLength, segCorpusLength } = this.postings;
    // A part of a corpus weighs its terms as the whole corpus does.
    const documentCount = this.postings.corpusDocumentCount ?? this.postings.documentCount;
    this.segments = [];
    for (const plan of plans) {
      plan.ids.forEach((t, j) => {
        for (let s = termStart[t]!; s < termStart[t + 1]!; s++) {
          const postingCount = segLength[s]!;
          const matchingCount = segCorpusLength?.[s] ?? postingCount;
          // The same expressions in the same order as MiniSearch's calcBM25Score.
          const invDocFreq = Math.log(1 + (documentCount - matchingCount + 0.5) / (matchingCount + 0.5));
          const factor = plan.factors[j]! * this.fieldBoost[segField[s]!]! * 1;
          this.segments.push({ cursor: segStart[s]!, end: segStart[s]! + postingCount, field: segField[s]!, invDocFreq, factor, position: plan.position });
        }
      });
    }
  }

  /**
   * Adds every posting of documents below `docEnd` not yet scored: per term and document, BM25+
   * per field and expansion. A term counts once per document, whichever fields and expansions
   * matched. Documents must be scored in ascending blocks (each call's `docEnd` at least the last).
   */
  scoreUntil(docEnd: number): void {
    const { docs, freqs, averageFieldLength } = this.postings;
    const { k, b, d } = this.bm25;
    const { sums, words, matched, matchedBits, epoch } = this;
    const { lengthTable, lengthStride } = this;
    let count = this.count;
    for (const segment of this.segments) {
      let p = segment.cursor;
      const end = segment.end;
      if (p >= end || docs[p]! >= docEnd) continue;
      const { field: f, invDocFreq, factor, position } = segment;
      // MiniSearch's calcBM25Score, idf · (d + tf(k+1) / (tf + k(1 − b + b·len/avg))), with what
      // is constant per segment taken out of the loop (one division per posting, not two).
      const weight = factor * invDocFreq;
      const saturated = weight * d;
      const top = weight * (k + 1);
      const lengthFree = k * (1 - b);
      const perLength = (k * b) / averageFieldLength[f]!;
      const lengthOffset = this.lengthOffset[f]!;
      // Bit `position` of the low or the high mask word; past 64 terms, only the count.
      const mask = position < 32 ? MASK_LO : MASK_HI;
      const bit = position < 64 ? (1 << position % 32) >>> 0 : 0;
      // The term's tag in the count word: a document already tagged has counted this term.
      const tag = ((position + 1) << 16) >>> 0;
      for (; p < end; p++) {
        const doc = docs[p]!;
        if (doc >= docEnd) break;
        const termFreq = freqs[p]!;
        const fieldLength = lengthTable[doc * lengthStride + lengthOffset]!;
        const weighted = saturated + (top * termFreq) / (termFreq + lengthFree + perLength * fieldLength);
        const w = doc * 8;
        if (words[w + STAMP] !== epoch) {
          words[w + STAMP] = epoch;
          words[w + COUNT] = tag | 1;
          words[w + MASK_LO] = 0;
          words[w + MASK_HI] = 0;
          words[w + mask] = bit;
          sums[doc * 4] = weighted;
          matched[count++] = doc;
          matchedBits[doc >>> 5] = (matchedBits[doc >>> 5]! | (1 << (doc & 31))) >>> 0;
        } else {
          sums[doc * 4] = sums[doc * 4]! + weighted;
          const counted = words[w + COUNT]!;
          if ((counted & 0xffff0000) >>> 0 !== tag) {
            words[w + COUNT] = (tag | ((counted & 0xffff) + 1)) >>> 0;
            words[w + mask] = (words[w + mask]! | bit) >>> 0;
          }
        }
      }
      segment.cursor = p;
    }
    this.count = count;
  }
}

const scorers = new WeakMap<SearchIndex, PostingScorer>();

/** The scorer over an index's postings, allocated on first use (~40 bytes per document) and reused. */
export function scorerFor(index: SearchIndex): PostingScorer {
  let scorer = scorers.get(index);
  if (!scorer) {
    scorer = new PostingScorer(index.postings, index.termTree);
    scorers.set(index, scorer);
  }
  return scorer;
}
