import { analyzeQueryWord, tokenize } from './analyzer.js';
import type { SearchIndex } from './search-index.js';
import type { Synonyms } from './synonyms.js';
import { QUESTION_PROCEDURAL_TERMS, PROCEDURAL_WEIGHT } from './procedural-words.js';

/**
 * One way a question word may appear in the text: a single term (a stem, a spelling variant, a
 * compound part) or a phrase whose terms must all appear (a multi-word synonym such as
 * `local government denmark`).
 */
export interface Alternative {
  terms: string[];
  weight: number;
}

/** One word (or phrase) of the question with every form that may stand for it in the text. */
export interface QueryWord {
  raw: string;
  alternatives: Alternative[];
  /** How much finding this word tells (inverse document frequency of its best known form). */
  idf: number;
}

export interface AnalyzedQuery {
  words: QueryWord[];
  /** Every distinct term with its highest weight, for the index search. */
  terms: Map<string, number>;
}

/** Weight of synonym terms relative to the words as typed. */
export const SYNONYM_WEIGHT = 0.6;
/** A term of a multi-word synonym counts this share alone in the index search (the phrase counts whole in snippets). */
export const PHRASE_TERM_SHARE = 0.5;

export function idf(index: SearchIndex, term: string): number {
  const n = index.itemCount;
  const df = index.documentFrequency(term);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function addAlternative(list: Alternative[], terms: string[], weight: number): void {
  if (terms.length === 0) return;
  const key = terms.join(' ');
  const existing = list.find((a) => a.terms.join(' ') === key);
  if (existing) existing.weight = Math.max(existing.weight, weight);
  else list.push({ terms, weight });
}

/**
 * Analyses a question against the index: stems, folding variants, compound parts and synonyms.
 * A synonym phrase stands for the words it covers (`finger plan` → `fingerplan`).
 */
export function analyzeQuery(text: string, index: SearchIndex, synonyms: Synonyms): AnalyzedQuery {
  const tokens = tokenize(text);
  const spanAt = new Map(synonyms.find(tokens).map((s) => [s.start, s]));
  const words: QueryWord[] = [];
  for (let i = 0; i < tokens.length; ) {
    const span = spanAt.get(i);
    const end = span ? span.end : i + 1;
    const typed = tokens.slice(i, end);
    const alternatives: Alternative[] = [];
    // Words of a multi-word phrase count less alone: the phrase's synonyms carry its meaning.
    const scale = typed.length > 1 ? 0.6 : 1;
    for (const token of typed) {
      for (const t of analyzeQueryWord(token, index.lexicon)) {
        addAlternative(alternatives, [t.term], t.weight * scale * (QUESTION_PROCEDURAL_TERMS.has(t.term) ? PROCEDURAL_WEIGHT : 1));
      }
    }
    const procedural = alternatives.length > 0 && alternatives.every((a) => a.weight <= PROCEDURAL_WEIGHT);
    // Inside a phrase (`go to hospital`), each word keeps its own synonyms too (`hospital` → `sygehus`).
    const wordSynonyms = typed.length > 1 ? typed.flatMap((t) => synonyms.find([t]).flatMap((f) => f.synonyms)) : [];
    // A procedural word's synonyms (`besluttede` → `decision`) add nothing but noise.
    for (const synonym of procedural ? [] : [...(span?.synonyms ?? []), ...wordSynonyms]) {
      // A synonym stands as written: its spelling variants count, its compound parts would only add noise.
      const parts = tokenize(synonym).map((token) => analyzeQueryWord(token, index.lexicon).filter((t) => t.weight === 1));
      if (parts.length === 1) for (const t of parts[0]!) addAlternative(alternatives, [t.term], t.weight * SYNONYM_WEIGHT);
      else addAlternative(alternatives, parts.filter((p) => p.length > 0).map((p) => p[0]!.term), SYNONYM_WEIGHT);
    }
    i = end;
    if (alternatives.length === 0) continue;
    // A word the corpus knows under some form weighs what its rarest known form weighs; a word
    // unknown in every form still counts, as the user asked about it.
    const known = alternatives.filter((a) => a.terms.every((t) => index.documentFrequency(t) > 0));
    const wordIdf =
      known.length > 0
        ? Math.max(...known.map((a) => Math.min(...a.terms.map((t) => idf(index, t))) * Math.min(1, a.weight / SYNONYM_WEIGHT)))
        : idf(index, alternatives[0]!.terms[0]!);
    words.push({ raw: typed.join(' '), alternatives, idf: procedural ? wordIdf * PROCEDURAL_WEIGHT : wordIdf });
  }
  const terms = new Map<string, number>();
  for (const w of words) {
    for (const a of w.alternatives) {
      const weight = a.terms.length > 1 ? a.weight * PHRASE_TERM_SHARE : a.weight;
      for (const t of a.terms) terms.set(t, Math.max(terms.get(t) ?? 0, weight));
    }
  }
  return { words, terms };
}

/** Whether an item matched a question word: every term of one of its forms matched. */
export function wordMatched(word: QueryWord, matchedQueryTerms: ReadonlySet<string>): boolean {
  return word.alternatives.some((a) => a.terms.every((t) => matchedQueryTerms.has(t)));
}
