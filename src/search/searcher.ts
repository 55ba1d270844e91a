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

export interface RankedItem {
  itemIndex: number;
  score: number;
  /** Index into the item's passages of the best matching passage, -1 when none matched. */
  bestPassage: number;
  /** Document terms that matched (exact, prefix or fuzzy), for snippets and highlighting. */
  matchedTerms: Set<string>;
  /** Share (0–1) of the question's weight that the item matches. */
  coverage: number;
}

export interface SearchItemsOptions {
  /** Multiplies an item's score (meeting hints, recency); 1 leaves it. */
  boost?: (itemIndex: number) => number;
  /** Only these items (hard filters). */
  filter?: (itemIndex: number) => boolean;
}

function fuzzyFor(term: string): number | false {
  if (/^\d/.test(term) || term.length < 5) return false;
  return term.length >= 9 ? 2 : 1;
}

export function searchItems(index: SearchIndex, query: AnalyzedQuery, options: SearchItemsOptions = {}): RankedItem[] {
  if (query.terms.size === 0) return [];
  const weights = query.terms;
  const results: SearchResult[] = index.miniSearch.search(
    { combineWith: 'OR', queries: [...weights.keys()] },
    {
      boost: FIELD_BOOSTS,
      fuzzy: (term) => fuzzyFor(term),
      prefix: (term) => term.length >= 4 && !/^\d/.test(term),
      weights: { fuzzy: FUZZY_WEIGHT, prefix: PREFIX_WEIGHT },
      boostTerm: (term) => weights.get(term) ?? 1,
      ...(options.filter ? { filter: (r: SearchResult) => options.filter!(index.docRefs[r.id as number]![0]) } : {}),
    },
  );

  const totalWeight = query.words.reduce((s, w) => s + w.idf, 0);
  interface Acc {
    itemScore: number;
    passages: Array<[number, number]>;
    queryTerms: Set<string>;
    terms: Set<string>;
  }
  const byItem = new Map<number, Acc>();
  for (const r of results) {
    const [itemIdx, passage] = index.docRefs[r.id as number]!;
    let acc = byItem.get(itemIdx);
    if (!acc) {
      acc = { itemScore: 0, passages: [], queryTerms: new Set(), terms: new Set() };
      byItem.set(itemIdx, acc);
    }
    if (passage < 0) acc.itemScore += r.score;
    else acc.passages.push([passage, r.score]);
    for (const t of r.queryTerms) acc.queryTerms.add(t);
    for (const t of r.terms) acc.terms.add(t);
  }

  const ranked: RankedItem[] = [];
  for (const [itemIndex, acc] of byItem) {
    acc.passages.sort((a, b) => b[1] - a[1]);
    const best = acc.passages[0];
    const second = acc.passages[1];
    let matchedWeight = 0;
    for (const word of query.words) if (wordMatched(word, acc.queryTerms)) matchedWeight += word.idf;
    const coverage = totalWeight > 0 ? matchedWeight / totalWeight : 0;
    const base = acc.itemScore + (best?.[1] ?? 0) + SECOND_PASSAGE_SHARE * (second?.[1] ?? 0);
    const score = base * (0.5 + coverage) * (options.boost?.(itemIndex) ?? 1);
    ranked.push({ itemIndex, score, bestPassage: best?.[0] ?? -1, matchedTerms: acc.terms, coverage });
  }
  ranked.sort((a, b) => b.score - a.score || a.itemIndex - b.itemIndex);
  return ranked;
}
