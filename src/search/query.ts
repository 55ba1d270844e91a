import { analyzeQueryWord, tokenize, type WeightedTerm } from './analyzer.js';
import type { SearchIndex } from './search-index.js';
import type { Synonyms } from './synonyms.js';

/** One word (or phrase) of the question with every term that may stand for it in the text. */
export interface QueryWord {
  raw: string;
  terms: WeightedTerm[];
  /** How much finding this word tells (inverse document frequency of its best term). */
  idf: number;
}

export interface AnalyzedQuery {
  words: QueryWord[];
  /** Every distinct term with its highest weight. */
  terms: Map<string, number>;
}

/** Weight of synonym terms relative to the words as typed. */
export const SYNONYM_WEIGHT = 0.6;

export function idf(index: SearchIndex, term: string): number {
  const n = index.itemCount;
  const df = index.documentFrequency(term);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/**
 * Analyses a question against the index: stems, folding variants, compound parts and synonyms.
 * A synonym phrase stands for the words it covers (`finger plan` → `fingerplan`).
 */
export function analyzeQuery(text: string, index: SearchIndex, synonyms: Synonyms): AnalyzedQuery {
  const tokens = tokenize(text);
  const synonymSpans = synonyms.find(tokens);
  const words: QueryWord[] = [];
  const spanAt = new Map(synonymSpans.map((s) => [s.start, s]));
  for (let i = 0; i < tokens.length; ) {
    const span = spanAt.get(i);
    const end = span ? span.end : i + 1;
    const raw = tokens.slice(i, end).join(' ');
    const terms = new Map<string, number>();
    for (const token of tokens.slice(i, end)) {
      // Words of a multi-word phrase count less alone: the phrase's synonyms carry its meaning.
      const scale = end - i > 1 ? 0.6 : 1;
      for (const t of analyzeQueryWord(token, index.lexicon)) terms.set(t.term, Math.max(terms.get(t.term) ?? 0, t.weight * scale));
    }
    // Inside a phrase (`go to hospital`), each word keeps its own synonyms too (`hospital` → `sygehus`).
    const wordSynonyms = end - i > 1 ? tokens.slice(i, end).flatMap((t) => synonyms.find([t]).flatMap((f) => f.synonyms)) : [];
    for (const synonym of [...(span?.synonyms ?? []), ...wordSynonyms]) {
      for (const token of tokenize(synonym)) {
        for (const t of analyzeQueryWord(token, index.lexicon)) {
          terms.set(t.term, Math.max(terms.get(t.term) ?? 0, t.weight * SYNONYM_WEIGHT));
        }
      }
    }
    i = end;
    if (terms.size === 0) continue;
    const weighted = [...terms].map(([term, weight]) => ({ term, weight }));
    // A word that the corpus knows under some spelling weighs what its rarest known form weighs;
    // a word unknown in every form still counts, as the user asked about it.
    const known = weighted.filter((t) => index.documentFrequency(t.term) > 0);
    const wordIdf = known.length > 0 ? Math.max(...known.map((t) => idf(index, t.term) * Math.min(1, t.weight / 0.75))) : idf(index, weighted[0]!.term);
    words.push({ raw, terms: weighted, idf: wordIdf });
  }
  const all = new Map<string, number>();
  for (const w of words) for (const t of w.terms) all.set(t.term, Math.max(all.get(t.term) ?? 0, t.weight));
  return { words, terms: all };
}
