import MiniSearch from 'minisearch';
import { analyseCorpus } from '../../src/search/compile-corpus.js';
import { miniSearchOptions, type IndexDoc } from '../../src/search/index-fields.js';
import type { SearchIndex } from '../../src/search/search-index.js';

/**
 * MiniSearch built through its public API (`addAll`) over the documents the index is made of: the
 * reference our postings and scorer must agree with. Built once per index.
 */
const references = new WeakMap<SearchIndex, MiniSearch<IndexDoc>>();

export function referenceFor(index: SearchIndex): MiniSearch<IndexDoc> {
  let ms = references.get(index);
  if (!ms) {
    ms = referenceOf(analyseCorpus(index.meetings).docs);
    references.set(index, ms);
  }
  return ms;
}

export function referenceOf(docs: readonly IndexDoc[]): MiniSearch<IndexDoc> {
  const ms = new MiniSearch<IndexDoc>(miniSearchOptions());
  ms.addAll(docs as IndexDoc[]);
  return ms;
}
