import type { Meeting } from '../corpus/types.js';
import { Lexicon, tokenize, analyzeToken } from './analyzer.js';
import { itemPassages, passageText, type Passage } from './passages.js';
import { FIELDS, metaText, TERM_SEPARATOR, type IndexDoc } from './index-fields.js';
import type { Postings } from './postings.js';

/**
 * From meetings to what the index holds: each item's passages, how many items hold each term,
 * the lexicon that splits compounds, and the postings. Two passes, as compound splitting needs the
 * corpus's whole vocabulary first.
 */

/** What analysing the corpus gives: the index documents and the term statistics. */
export interface AnalysedCorpus {
  passages: Array<Passage[]>;
  termItems: Map<string, number>;
  lexicon: Lexicon;
  docRefs: Array<[number, number]>;
  docs: IndexDoc[];
}

/** Analyses the corpus (two passes: vocabulary first, for compound splitting). */
export function analyseCorpus(meetings: readonly Meeting[]): AnalysedCorpus {
  const items = meetings.flatMap((m) => m.items);
  const termItems = new Map<string, number>();
  const lexicon = new Lexicon();
  // analyzeToken memoises per token, so repeated words cost a look-up.
  for (const item of items) {
    const seen = new Set<string>();
    const passageTexts = itemPassages(item).map((p) => passageText(item, p));
    for (const token of tokenize(`${item.title}\n${item.recommendation}\n${item.attachments.join('\n')}\n${passageTexts.join('\n')}`)) {
      for (const term of analyzeToken(token)) seen.add(term);
    }
    for (const term of seen) {
      termItems.set(term, (termItems.get(term) ?? 0) + 1);
      lexicon.add(term);
    }
  }
  const passages = items.map((item) => itemPassages(item));
  const docRefs: Array<[number, number]> = [];
  const docs: IndexDoc[] = [];
  const analyse = (text: string) => {
    const out: string[] = [];
    for (const token of tokenize(text)) for (const term of analyzeToken(token, lexicon)) out.push(term);
    return out.join(TERM_SEPARATOR);
  };
  items.forEach((item, i) => {
    docs.push({
      id: docRefs.length,
      title: analyse(item.title),
      recommendation: analyse(`${item.recommendation}\n${item.attachments.join('\n')}`),
      caseNumber: item.caseNumber.toLowerCase(),
      meta: analyse(metaText(item)),
    });
    docRefs.push([i, -1]);
    passages[i]!.forEach((p, j) => {
      docs.push({ id: docRefs.length, text: analyse(passageText(item, p)) });
      docRefs.push([i, j]);
    });
  });
  return { passages, termItems, lexicon, docRefs, docs };
}


/** A growable Int32Array: token sequences of a large corpus do not fit comfortably in JS arrays. */
class IntList {
  data = new Int32Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/** Everything `SearchIndex` holds besides the meetings. */
export interface CompiledCorpus {
  passages: Array<Passage[]>;
  termItems: Map<string, number>;
  lexicon: Lexicon;
  docRefs: Array<[number, number]>;
  postings: Postings;
}

/**
 * Builds the postings straight from the text: each text is tokenised once, tokens become integer
 * ids, each distinct token is analysed once per pass, and postings are counted before they are
 * written, so no document strings or per-posting objects are made. The result equals
 * `buildPostings(analyseCorpus(meetings).docs)` (tests/bench/index-format.test.ts); that pair is
 * the readable definition, this the fast one.
 */
export function compileCorpus(meetings: readonly Meeting[]): CompiledCorpus {
  const items = meetings.flatMap((m) => m.items);
  const nFields = FIELDS.length;
  const tokenIds = new Map<string, number>();
  const tokens: string[] = [];
  /** Case numbers are indexed as written (lower-cased), not analysed. */
  const rawToken: boolean[] = [];
  const idOf = (token: string, raw: boolean): number => {
    const key = raw ? `\u0001${token}` : token;
    let id = tokenIds.get(key);
    if (id === undefined) {
      id = tokens.length;
      tokenIds.set(key, id);
      tokens.push(token);
      rawToken.push(raw);
    }
    return id;
  };
  // Fields in document order: [doc, field, start, end) into `seq`.
  const seq = new IntList();
  const segDoc = new IntList();
  const segField = new IntList();
  const segEnd = new IntList();
  const addField = (doc: number, field: number, ids: Iterable<number>) => {
    for (const id of ids) seq.push(id);
    segDoc.push(doc);
    segField.push(field);
    segEnd.push(seq.length);
  };
  const textIds = (text: string) => tokenize(text).map((t) => idOf(t, false));

  // First pass: token ids per field, and which plain stems each item contains.
  const plainOf: Array<number[] | undefined> = [];
  const plainIds = new Map<string, number>();
  const plainTerms: string[] = [];
  const plainItems: number[] = [];
  const plainLastItem: number[] = [];
  const lexicon = new Lexicon();
  const passages: Array<Passage[]> = [];
  const docRefs: Array<[number, number]> = [];
  items.forEach((item, i) => {
    const itemPassageList = itemPassages(item);
    passages.push(itemPassageList);
    const doc = docRefs.length;
    docRefs.push([i, -1]);
    const title = textIds(item.title);
    const recommendation = textIds(`${item.recommendation}\n${item.attachments.join('\n')}`);
    const meta = textIds(metaText(item));
    addField(doc, 0, title);
    addField(doc, 1, recommendation);
    addField(doc, 2, item.caseNumber.toLowerCase().split(TERM_SEPARATOR).filter((t) => t !== '').map((t) => idOf(t, true)));
    addField(doc, 3, meta);
    const seen = (ids: readonly number[] | Int32Array) => {
      for (const id of ids) {
        let plain = plainOf[id];
        if (plain === undefined) {
          plain = analyzeToken(tokens[id]!).map((term) => {
            let p = plainIds.get(term);
            if (p === undefined) {
              p = plainTerms.length;
              plainIds.set(term, p);
              plainTerms.push(term);
              plainItems.push(0);
              plainLastItem.push(-1);
              lexicon.add(term);
            }
            return p;
          });
          plainOf[id] = plain;
        }
        for (const p of plain) {
          if (plainLastItem[p] === i) continue;
          plainLastItem[p] = i;
          plainItems[p]!++;
        }
      }
    };
    seen(title);
    seen(recommendation);
    itemPassageList.forEach((p, j) => {
      const start = seq.length;
      addField(docRefs.length, 4, textIds(passageText(item, p)));
      seen(seq.data.subarray(start, seq.length));
      docRefs.push([i, j]);
    });
  });
  const termItems = new Map<string, number>(plainTerms.map((term, p) => [term, plainItems[p]!]));
  plainOf.length = 0;

  // Second pass: index terms per token (with compound parts, now that the lexicon is complete),
  // numbered in the order MiniSearch would first meet them.
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const termsOfToken: Array<number[] | undefined> = [];
  const resolve = (token: number): number[] => {
    let ids = termsOfToken[token];
    if (ids === undefined) {
      const analysed = rawToken[token] ? [tokens[token]!] : analyzeToken(tokens[token]!, lexicon);
      ids = [];
      for (const term of analysed) {
        if (term === '') continue;
        let t = termIds.get(term);
        if (t === undefined) {
          t = terms.length;
          termIds.set(term, t);
          terms.push(term);
        }
        ids.push(t);
      }
      termsOfToken[token] = ids;
    }
    return ids;
  };
  const documentCount = docRefs.length;
  const fieldLengths = new Uint32Array(documentCount * nFields);
  const averageFieldLength: number[] = [];
  let counts: Int32Array = new Int32Array(1 << 16);
  let stamp: Int32Array = new Int32Array(1 << 14).fill(-1);
  const grow = () => {
    if (terms.length * nFields > counts.length) {
      const next = new Int32Array(Math.max(counts.length * 2, terms.length * nFields));
      next.set(counts);
      counts = next;
    }
    if (terms.length > stamp.length) {
      const next = new Int32Array(Math.max(stamp.length * 2, terms.length)).fill(-1);
      next.set(stamp);
      stamp = next;
    }
  };
  // Count: distinct terms per field (field length) and documents per term and field.
  let start = 0;
  for (let s = 0; s < segDoc.length; s++) {
    const d = segDoc.data[s]!;
    const f = segField.data[s]!;
    const end = segEnd.data[s]!;
    let unique = 0;
    for (let k = start; k < end; k++) {
      const ids = resolve(seq.data[k]!);
      grow();
      for (const t of ids) {
        if (stamp[t] === s) continue;
        stamp[t] = s;
        unique++;
        counts[t * nFields + f]!++;
      }
    }
    fieldLengths[d * nFields + f] = unique;
    // MiniSearch's addFieldLength: a running mean over all documents added so far.
    averageFieldLength[f] = ((averageFieldLength[f] || 0) * d + unique) / (d + 1);
    start = end;
  }
  // Lay the postings out term by term, fields in order.
  let segments = 0;
  let total = 0;
  for (let t = 0; t < terms.length; t++) {
    for (let f = 0; f < nFields; f++) {
      const c = counts[t * nFields + f]!;
      if (c > 0) {
        segments++;
        total += c;
      }
    }
  }
  const postings: Postings = {
    terms,
    termStart: new Uint32Array(terms.length + 1),
    segField: new Uint8Array(segments),
    segStart: new Uint32Array(segments),
    segLength: new Uint32Array(segments),
    docs: new Uint32Array(total),
    freqs: new Uint16Array(total),
    fieldLengths,
    averageFieldLength,
    documentCount,
  };
  const cursor = new Uint32Array(terms.length * nFields);
  let seg = 0;
  let pos = 0;
  for (let t = 0; t < terms.length; t++) {
    postings.termStart[t] = seg;
    for (let f = 0; f < nFields; f++) {
      const c = counts[t * nFields + f]!;
      if (c === 0) continue;
      postings.segField[seg] = f;
      postings.segStart[seg] = pos;
      postings.segLength[seg] = c;
      cursor[t * nFields + f] = pos;
      pos += c;
      seg++;
    }
  }
  postings.termStart[terms.length] = seg;
  // Fill: documents come in ascending order, so a term repeated in a field adds to its last posting.
  const lastDoc = new Int32Array(terms.length * nFields).fill(-1);
  start = 0;
  for (let s = 0; s < segDoc.length; s++) {
    const d = segDoc.data[s]!;
    const f = segField.data[s]!;
    const end = segEnd.data[s]!;
    for (let k = start; k < end; k++) {
      for (const t of termsOfToken[seq.data[k]!]!) {
        const key = t * nFields + f;
        const at = cursor[key]!;
        if (lastDoc[key] === d) {
          const freq = postings.freqs[at - 1]! + 1;
          if (freq > 0xffff) throw new Error(`term "${terms[t]}" occurs more than 65535 times in one field; the index stores at most that`);
          postings.freqs[at - 1] = freq;
        } else {
          lastDoc[key] = d;
          postings.docs[at] = d;
          postings.freqs[at] = 1;
          cursor[key] = at + 1;
        }
      }
    }
    start = end;
  }
  return { passages, termItems, lexicon, docRefs, postings };
}

