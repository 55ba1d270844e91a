import { FIELDS, miniSearchOptions, type IndexDoc } from './index-fields.js';

/**
 * Every posting of the index in flat arrays. Term `t` has segments `termStart[t]` to
 * `termStart[t+1]`; segment `s` holds field `segField[s]` and the postings
 * `segStart[s] … segStart[s] + segLength[s]` of `docs` (ascending document ids) and `freqs`.
 */
export interface Postings {
  /** Terms in the order MiniSearch first met them while adding documents (its tree's insertion order). */
  terms: string[];
  termStart: Uint32Array;
  segField: Uint8Array;
  segStart: Uint32Array;
  segLength: Uint32Array;
  docs: Uint32Array;
  freqs: Uint16Array;
  /** Distinct terms per document and field: `fieldLengths[doc * FIELDS.length + field]`. */
  fieldLengths: Uint32Array;
  /** MiniSearch's running average field lengths, computed the same way it computes them. */
  averageFieldLength: number[];
  documentCount: number;
  /**
   * When these postings hold part of a corpus: the whole corpus's document count, and per segment
   * how many of its documents hold the term in the field (what BM25's idf reads instead of
   * `documentCount` and `segLength`).
   */
  corpusDocumentCount?: number;
  segCorpusLength?: Uint32Array;
}

/**
 * Counts postings the way `MiniSearch.add` does, from documents whose fields hold analysed terms:
 * the readable definition of the postings, which `compileCorpus` makes faster from the text.
 */
export function buildPostings(docs: readonly IndexDoc[]): Postings {
  const nFields = FIELDS.length;
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  // Per term and field: document ids and frequencies, appended in document order.
  const lists: PostingLists = [];
  const fieldLengths = new Uint32Array(docs.length * nFields);
  const averageFieldLength: number[] = [];
  const tokenizeField = miniSearchOptions().tokenize;
  docs.forEach((doc, d) => {
    if (doc.id !== d) throw new Error(`index documents must be numbered 0, 1, 2 …; document ${d} has id ${doc.id}`);
    for (let f = 0; f < nFields; f++) {
      const value = doc[FIELDS[f]!];
      if (value == null) continue;
      const tokens = tokenizeField(value);
      const unique = new Set(tokens).size;
      fieldLengths[d * nFields + f] = unique;
      // MiniSearch's addFieldLength: a running mean over all documents added so far.
      averageFieldLength[f] = ((averageFieldLength[f] || 0) * d + unique) / (d + 1);
      for (const term of tokens) {
        let t = termIds.get(term);
        if (t === undefined) {
          t = terms.length;
          termIds.set(term, t);
          terms.push(term);
          lists.push([]);
        }
        const byField = lists[t]!;
        let list = byField[f];
        if (list === undefined) {
          list = { docs: [], freqs: [] };
          byField[f] = list;
        }
        const last = list.docs.length - 1;
        if (last >= 0 && list.docs[last] === d) list.freqs[last]!++;
        else {
          list.docs.push(d);
          list.freqs.push(1);
        }
      }
    }
  });
  return layOutPostings(terms, lists, { fieldLengths, averageFieldLength, documentCount: docs.length }, 'throw');
}

/** Per term, per field: the documents holding it (ascending) and its frequency in each. */
export type PostingLists = Array<Array<{ docs: number[]; freqs: number[] } | undefined>>;

/**
 * Lists (`lists[t]` for `terms[t]`) laid out as flat postings, term by term, fields in order; each
 * term's lists are let go once copied. A frequency above what `freqs` holds is an error
 * (`'throw'`: an index is built from the text) or the most it holds (`'clamp'`).
 */
export function layOutPostings(terms: string[], lists: PostingLists, rest: Pick<Postings, 'fieldLengths' | 'averageFieldLength' | 'documentCount'>, overflow: 'throw' | 'clamp'): Postings {
  let segments = 0;
  let postings = 0;
  for (const byField of lists) {
    for (const list of byField) {
      if (list) {
        segments++;
        postings += list.docs.length;
      }
    }
  }
  const out: Postings = {
    terms,
    termStart: new Uint32Array(terms.length + 1),
    segField: new Uint8Array(segments),
    segStart: new Uint32Array(segments),
    segLength: new Uint32Array(segments),
    docs: new Uint32Array(postings),
    freqs: new Uint16Array(postings),
    ...rest,
  };
  let s = 0;
  let p = 0;
  lists.forEach((byField, t) => {
    out.termStart[t] = s;
    byField.forEach((list, f) => {
      if (!list) return;
      out.segField[s] = f;
      out.segStart[s] = p;
      out.segLength[s] = list.docs.length;
      for (let i = 0; i < list.docs.length; i++) {
        let freq = list.freqs[i]!;
        if (freq > 0xffff) {
          if (overflow === 'throw') throw new Error(`term "${terms[t]}" occurs ${freq} times in one field; the index stores at most 65535`);
          freq = 0xffff;
        }
        out.docs[p] = list.docs[i]!;
        out.freqs[p] = freq;
        p++;
      }
      s++;
    });
    lists[t] = [];
  });
  out.termStart[terms.length] = s;
  return out;
}

