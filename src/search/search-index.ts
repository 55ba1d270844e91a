import MiniSearch from 'minisearch';
import type { AgendaItem, Meeting } from '../corpus/types.js';
import { Lexicon, tokenize, analyzeToken } from './analyzer.js';
import { itemPassages, passageText, type Passage } from './passages.js';

/**
 * The searchable form of the corpus: one MiniSearch document per item (title, recommendation,
 * case number, meeting) and one per passage (paragraphs, briefings), all pointing at their item.
 *
 * The postings live in flat typed arrays (`Postings`), which MiniSearch reads through small views
 * (see `attachPostings`): building skips MiniSearch's per-occurrence `add`, and loading a saved
 * index maps arrays instead of re-creating millions of Map entries. Scores are exactly those of
 * `MiniSearch.addAll` over the same documents (tests/bench/index-format.test.ts).
 */

/** Fields of the MiniSearch documents. Item documents fill the first four, passages `text`. */
export const FIELDS = ['title', 'recommendation', 'caseNumber', 'meta', 'text'] as const;
export type FieldName = (typeof FIELDS)[number];

/** A MiniSearch document id: `[itemIndex, passageIndex]` packed; passage -1 is the item itself. */
export interface DocRef {
  item: number;
  passage: number;
}

export interface IndexDoc {
  id: number;
  title?: string;
  recommendation?: string;
  caseNumber?: string;
  meta?: string;
  text?: string;
}

/** Terms are analysed before MiniSearch sees them, so its own tokenizer only splits on spaces. */
const TERM_SEPARATOR = ' ';

/** Bump when the saved form changes; an index saved by other code is rebuilt. */
export const INDEX_FORMAT_VERSION = 7;

export function miniSearchOptions() {
  return {
    fields: [...FIELDS],
    storeFields: [],
    tokenize: (text: string) => text.split(TERM_SEPARATOR).filter((t) => t !== ''),
    processTerm: (term: string) => term,
  };
}

function metaText(item: AgendaItem): string {
  return `${item.heading} ${item.committee} ${item.publisher ?? ''} ${item.number}`;
}

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
}

/** MiniSearch 7's BM25+ parameters (`defaultSearchOptions` in its source). */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

/** Counts postings the way `MiniSearch.add` does, without its per-occurrence tree walk. */
export function buildPostings(docs: readonly IndexDoc[]): Postings {
  const nFields = FIELDS.length;
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  // Per term and field: document ids and frequencies, appended in document order.
  const lists: Array<Array<{ docs: number[]; freqs: number[] } | undefined>> = [];
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
    fieldLengths,
    averageFieldLength,
    documentCount: docs.length,
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
        const freq = list.freqs[i]!;
        if (freq > 0xffff) throw new Error(`term "${terms[t]}" occurs ${freq} times in one field; the index stores at most 65535`);
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

/**
 * The postings of one term in one field as MiniSearch reads them (`size`, `keys()`, `get(doc)`):
 * a view on the flat arrays, so a term costs nothing until a query touches it and nothing after.
 */
class PostingList {
  /** Position of the document `keys()` yielded last: MiniSearch asks `get` for it right after. */
  private cursor = -1;

  constructor(
    private readonly docs: Uint32Array,
    private readonly freqs: Uint16Array,
    private readonly start: number,
    readonly size: number,
  ) {}

  private find(doc: number): number {
    if (this.cursor >= 0 && this.docs[this.start + this.cursor] === doc) return this.cursor;
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.docs[this.start + mid]!;
      if (v === doc) return mid;
      if (v < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  get(doc: number): number | undefined {
    const i = this.find(doc);
    return i < 0 ? undefined : this.freqs[this.start + i];
  }

  has(doc: number): boolean {
    return this.find(doc) >= 0;
  }

  keys(): IterableIterator<number> {
    let i = 0;
    const self = this;
    return {
      next(): IteratorResult<number> {
        if (i >= self.size) return { done: true, value: undefined };
        self.cursor = i;
        return { done: false, value: self.docs[self.start + i++]! };
      },
      [Symbol.iterator]() {
        return this;
      },
    };
  }

  *entries(): IterableIterator<[number, number]> {
    for (let i = 0; i < this.size; i++) yield [this.docs[this.start + i]!, this.freqs[this.start + i]!];
  }

  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries();
  }
}

/** A term's postings per field id, as MiniSearch's index values are (`Map<fieldId, postings>`). */
class TermPostings {
  constructor(
    private readonly postings: Postings,
    /** Position of the term in `postings.terms`; the scorer reads it off MiniSearch's term tree. */
    readonly term: number,
  ) {}

  get size(): number {
    return this.postings.termStart[this.term + 1]! - this.postings.termStart[this.term]!;
  }

  get(field: number): PostingList | undefined {
    const p = this.postings;
    for (let s = p.termStart[this.term]!; s < p.termStart[this.term + 1]!; s++) {
      if (p.segField[s] === field) return new PostingList(p.docs, p.freqs, p.segStart[s]!, p.segLength[s]!);
    }
    return undefined;
  }

  has(field: number): boolean {
    return this.get(field) !== undefined;
  }

  *entries(): IterableIterator<[number, PostingList]> {
    const p = this.postings;
    for (let s = p.termStart[this.term]!; s < p.termStart[this.term + 1]!; s++) {
      yield [p.segField[s]!, new PostingList(p.docs, p.freqs, p.segStart[s]!, p.segLength[s]!)];
    }
  }

  *keys(): IterableIterator<number> {
    for (const [field] of this.entries()) yield field;
  }

  [Symbol.iterator](): IterableIterator<[number, PostingList]> {
    return this.entries();
  }
}

/** Document ids are their own short ids (0 … n-1), so MiniSearch's id maps are ranges. */
class DenseIds {
  constructor(readonly size: number) {}
  has(id: number): boolean {
    return Number.isInteger(id) && id >= 0 && id < this.size;
  }
  get(id: number): number | undefined {
    return this.has(id) ? id : undefined;
  }
  *keys(): IterableIterator<number> {
    for (let i = 0; i < this.size; i++) yield i;
  }
  *entries(): IterableIterator<[number, number]> {
    for (let i = 0; i < this.size; i++) yield [i, i];
  }
  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries();
  }
}

/** `_fieldLength.get(doc)[field]`, read straight from the flat array. */
class FieldLengths {
  private readonly row: number[] = [];
  constructor(private readonly lengths: Uint32Array) {}
  get(doc: number): number[] {
    // One reused row: MiniSearch reads one field of it at once and keeps nothing.
    const n = FIELDS.length;
    for (let f = 0; f < n; f++) this.row[f] = this.lengths[doc * n + f]!;
    return this.row;
  }
  has(doc: number): boolean {
    return doc >= 0 && doc * FIELDS.length < this.lengths.length;
  }
}

/** MiniSearch's term tree (its `SearchableMap`), which finds prefix and fuzzy expansions. */
export interface TermTree {
  set(term: string, value: unknown): unknown;
  get(term: string): unknown;
  atPrefix(prefix: string): Iterable<[string, unknown]>;
  fuzzyGet(term: string, maxEditDistance: number): Map<string, [unknown, number]>;
}

/** The parts of MiniSearch 7's state that `search` reads. */
interface MiniSearchState {
  _index: TermTree;
  _documentCount: number;
  _documentIds: unknown;
  _idToShortId: unknown;
  _fieldLength: unknown;
  _avgFieldLength: number[];
  _nextId: number;
  _dirtCount: number;
}

/**
 * A MiniSearch instance that searches the given postings. Only `search` (and `termCount`) may
 * be used on it: the index is read-only, as the answer engine never changes an index in place.
 * @throws Error when the installed MiniSearch keeps its state differently (a major upgrade).
 */
export function attachPostings(postings: Postings): MiniSearch<IndexDoc> {
  const miniSearch = new MiniSearch<IndexDoc>(miniSearchOptions());
  const state = miniSearch as unknown as MiniSearchState;
  for (const key of ['_index', '_documentIds', '_fieldLength', '_avgFieldLength', '_documentCount', '_idToShortId'] as const) {
    if (!(key in state)) throw new Error(`the installed minisearch has no ${key}; this index needs minisearch 7 (see package.json)`);
  }
  postings.terms.forEach((term, t) => state._index.set(term, new TermPostings(postings, t)));
  const ids = new DenseIds(postings.documentCount);
  state._documentCount = postings.documentCount;
  state._nextId = postings.documentCount;
  state._documentIds = ids;
  state._idToShortId = ids;
  state._fieldLength = new FieldLengths(postings.fieldLengths);
  state._avgFieldLength = [...postings.averageFieldLength];
  state._dirtCount = 0;
  return miniSearch;
}

/** What analysing the corpus gives: the documents MiniSearch indexes and the term statistics. */
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

/** Passages of every item packed as `[section, start, end, …]` per item, for saving. */
export function packPassages(passages: ReadonlyArray<readonly Passage[]>): number[][] {
  return passages.map((list) => list.flatMap((p) => [p.section, p.start, p.end]));
}

export function unpackPassages(packed: readonly (readonly number[])[]): Array<Passage[]> {
  return packed.map((flat) => {
    const out: Passage[] = [];
    for (let i = 0; i + 2 < flat.length; i += 3) out.push({ section: flat[i]!, start: flat[i + 1]!, end: flat[i + 2]! });
    return out;
  });
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

export class SearchIndex {
  readonly items: AgendaItem[];
  readonly itemIndex: Map<string, number>;
  readonly miniSearch: MiniSearch<IndexDoc>;
  /** `docRefs` as two flat arrays: item and passage (-1: the item itself) of each document. */
  readonly docItem: Int32Array;
  readonly docPassage: Int32Array;
  /**
   * First document of each item, and the document count at the end: item i's documents are
   * `itemFirstDoc[i] … itemFirstDoc[i+1] - 1`, the item itself and then passage 0, 1, ….
   */
  readonly itemFirstDoc: Int32Array;
  private constructor(
    readonly meetings: Meeting[],
    readonly passages: Array<Passage[]>,
    readonly termItems: Map<string, number>,
    readonly lexicon: Lexicon,
    docRefs: ReadonlyArray<readonly [number, number]> | undefined,
    readonly postings: Postings,
  ) {
    this.items = meetings.flatMap((m) => m.items);
    this.itemIndex = new Map(this.items.map((item, i) => [item.id, i]));
    this.miniSearch = attachPostings(postings);
    this.docItem = new Int32Array(postings.documentCount);
    this.docPassage = new Int32Array(postings.documentCount);
    if (docRefs) {
      docRefs.forEach(([item, passage], d) => {
        this.docItem[d] = item;
        this.docPassage[d] = passage;
      });
    } else {
      // The item itself, then each passage: the order the index was built in.
      let d = 0;
      passages.forEach((list, i) => {
        this.docItem[d] = i;
        this.docPassage[d++] = -1;
        for (let j = 0; j < list.length; j++) {
          this.docItem[d] = i;
          this.docPassage[d++] = j;
        }
      });
    }
    this.itemFirstDoc = new Int32Array(this.items.length + 1).fill(postings.documentCount);
    for (let d = postings.documentCount - 1; d >= 0; d--) {
      if (this.docPassage[d] === -1) this.itemFirstDoc[this.docItem[d]!] = d;
    }
  }

  private docRefList?: Array<[number, number]>;

  /**
   * `[itemIndex, passageIndex]` per document (passage -1: the item itself), made on first use:
   * half a million small arrays at 100,000 items are worth not making at every load.
   */
  get docRefs(): Array<[number, number]> {
    this.docRefList ??= Array.from(this.docItem, (item, d) => [item, this.docPassage[d]!] as [number, number]);
    return this.docRefList;
  }

  /** MiniSearch's term tree over this index's terms, which finds prefix and fuzzy expansions. */
  get termTree(): TermTree {
    return (this.miniSearch as unknown as MiniSearchState)._index;
  }

  get itemCount(): number {
    return this.items.length;
  }

  /** Items containing a term (after analysis); 0 for unknown terms. */
  documentFrequency(term: string): number {
    return this.termItems.get(term) ?? 0;
  }

  passageText(itemIndex: number, passageIndex: number): string {
    const item = this.items[itemIndex]!;
    return passageText(item, this.passages[itemIndex]![passageIndex]!);
  }

  /** Builds the index from parsed meetings. */
  static build(meetings: Meeting[]): SearchIndex {
    const { passages, termItems, lexicon, docRefs, postings } = compileCorpus(meetings);
    return new SearchIndex(meetings, passages, termItems, lexicon, docRefs, postings);
  }

  /** Restores an index from its saved parts (see index-store.ts) without analysing any text. */
  static restore(meetings: Meeting[], passages: Array<Passage[]>, termItems: Map<string, number>, postings: Postings): SearchIndex {
    return new SearchIndex(meetings, passages, termItems, new Lexicon(termItems.keys()), undefined, postings);
  }
}
