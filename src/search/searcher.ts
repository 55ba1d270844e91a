import type { SearchResult } from 'minisearch';
import { wordMatched, type AnalyzedQuery } from './query.js';
import type { SearchIndex } from './search-index.js';

/**
 * Ranking: BM25 (MiniSearch) over item documents and passage documents, summed per item as
 * item score + best passage + a share of the second best, then weighted by how much of the
 * question the item covers. Fuzzy and prefix matches count, but less than exact ones.
 */

export const FIELD_BOOSTS = { title: 2.5, recommendation: 1.3, caseNumber: 3, meta: 0.5, text: 1 } as const;
/** Fuzzy matches weigh this much of an exact match, so typos find items without outranking exact hits. */
export const FUZZY_WEIGHT = 0.3;
export const PREFIX_WEIGHT = 0.45;
export const SECOND_PASSAGE_SHARE = 0.35;
/** Terms found in more than this share of all items are too common to search for (see `searchItems`). */
export const COMMON_TERM_SHARE = 0.5;
/** …but only in corpora large enough for document frequencies to mean something. */
export const COMMON_TERM_MIN_ITEMS = 200;

export interface RankedItem {
  itemIndex: number;
  score: number;
  /** Index into the item's passages of the best matching passage, -1 when none matched. */
  bestPassage: number;
  /** Share (0–1) of the question's weight that the item matches. */
  coverage: number;
}

export interface SearchItemsOptions {
  /** Multiplies an item's score (meeting hints, recency); 1 leaves it. */
  boost?: (itemIndex: number) => number;
  /** Only these items (hard filters). */
  filter?: (itemIndex: number) => boolean;
}

/**
 * Typos are what fuzzy matching is for, so only words the corpus does not know get it: a known
 * word already matches exactly, and fuzzy expansion of every term is what makes large indexes slow.
 */
function fuzzyFor(term: string, known: boolean): number | false {
  if (known || /^\d/.test(term) || term.length < 5) return false;
  return term.length >= 9 ? 2 : 1;
}

export function searchItems(index: SearchIndex, query: AnalyzedQuery, options: SearchItemsOptions = {}): RankedItem[] {
  // Synonym and variant terms the corpus does not have cannot match; typed words still go in, for fuzzy matching.
  const typed = new Set(query.words.flatMap((w) => w.alternatives.filter((a) => a.weight >= 0.99).flatMap((a) => a.terms)));
  const candidates = [...query.terms].filter(([term]) => typed.has(term) || index.documentFrequency(term) > 0);
  // Terms in a large share of all items (`kommune`, `møde` in a big corpus) barely move BM25 but
  // cost the most to score; they are left out unless they are all the question has.
  const limit = Math.max(COMMON_TERM_MIN_ITEMS, index.itemCount * COMMON_TERM_SHARE);
  const informative = candidates.filter(([term]) => index.documentFrequency(term) <= limit);
  const weights = new Map(informative.length > 0 ? informative : candidates);
  if (weights.size === 0) return [];
  const results: SearchResult[] = index.miniSearch.search(
    { combineWith: 'OR', queries: [...weights.keys()] },
    {
      boost: FIELD_BOOSTS,
      fuzzy: (term) => fuzzyFor(term, index.documentFrequency(term) > 0),
      prefix: (term) => term.length >= 5 && !/^\d/.test(term) && index.documentFrequency(term) <= limit / 4,
      weights: { fuzzy: FUZZY_WEIGHT, prefix: PREFIX_WEIGHT },
      boostTerm: (term) => weights.get(term) ?? 1,
      ...(options.filter ? { filter: (r: SearchResult) => options.filter!(index.docRefs[r.id as number]![0]) } : {}),
    },
  );

  const totalWeight = query.words.reduce((s, w) => s + w.idf, 0);
  interface Acc {
    itemScore: number;
    best: number;
    bestPassage: number;
    second: number;
    queryTerms: Set<string>;
  }
  const byItem = new Map<number, Acc>();
  for (const r of results) {
    const [itemIdx, passage] = index.docRefs[r.id as number]!;
    let acc = byItem.get(itemIdx);
    if (!acc) {
      acc = { itemScore: 0, best: 0, bestPassage: -1, second: 0, queryTerms: new Set() };
      byItem.set(itemIdx, acc);
    }
    if (passage < 0) acc.itemScore += r.score;
    else if (r.score > acc.best) {
      acc.second = acc.best;
      acc.best = r.score;
      acc.bestPassage = passage;
    } else if (r.score > acc.second) acc.second = r.score;
    for (const t of r.queryTerms) acc.queryTerms.add(t);
  }

  const ranked: RankedItem[] = [];
  for (const [itemIndex, acc] of byItem) {
    let matchedWeight = 0;
    for (const word of query.words) if (wordMatched(word, acc.queryTerms)) matchedWeight += word.idf;
    const coverage = totalWeight > 0 ? matchedWeight / totalWeight : 0;
    const base = acc.itemScore + acc.best + SECOND_PASSAGE_SHARE * acc.second;
    const score = base * (0.5 + coverage) * (options.boost?.(itemIndex) ?? 1);
    ranked.push({ itemIndex, score, bestPassage: acc.bestPassage, coverage });
  }
  ranked.sort((a, b) => b.score - a.score || a.itemIndex - b.itemIndex);
  return ranked;
}
