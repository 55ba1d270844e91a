import SearchableMap from 'minisearch/SearchableMap';

/**
 * The index's terms in a radix tree, mapping each term to its position in `Postings.terms`: what
 * finds a typed word's prefix and fuzzy (typo) expansions. MiniSearch's `SearchableMap`, through
 * its public entry point `minisearch/SearchableMap`: scoring is our own (`PostingScorer`), so
 * serving reads nothing of MiniSearch but this documented class.
 */
export type TermTree = SearchableMap<number>;

/** A term tree over `terms`, term `terms[i]` mapping to `i`. */
export function buildTermTree(terms: readonly string[]): TermTree {
  const tree = new SearchableMap<number>();
  for (let i = 0; i < terms.length; i++) tree.set(terms[i]!, i);
  return tree;
}
