import type { AgendaItem, Meeting } from '../corpus/types.js';
import { Lexicon } from './analyzer.js';
import { passageText, type Passage } from './passages.js';
import { compileCorpus } from './compile-corpus.js';
import type { Postings } from './postings.js';
import { buildTermTree, type TermTree } from './term-tree.js';

/**
 * The searchable form of the corpus: the meetings and their items, each item's passages, the
 * postings of one document per item (title, recommendation, case number, meeting) and one per
 * passage, all pointing at their item, and the term statistics that ranking reads. Scoring is
 * `PostingScorer`'s (BM25+ as MiniSearch computes it); expansions come from the term tree.
 */

/** Bump when the saved form changes; an index saved by other code is rebuilt. */
export const INDEX_FORMAT_VERSION = 7;

/**
 * What ranking reads about the whole corpus when an index holds only part of it (the candidates a
 * database returned for one question): item and document counts, term statistics, the lexicon and
 * every meeting. With it, the part scores its items as the whole corpus would.
 */
export interface CorpusView {
  itemCount: number;
  /** Items containing each plain stem (`SearchIndex.termItems` of the whole corpus). */
  termItems: ReadonlyMap<string, number>;
  lexicon: Lexicon;
  /** Every meeting, oldest first; their `items` may be empty (a catalog). */
  meetings: readonly Meeting[];
  /** The newest meeting date of the corpus, for recency. */
  newestMeetingDate: string;
}

export class SearchIndex {
  readonly items: AgendaItem[];
  readonly itemIndex: Map<string, number>;
  /** The terms in a radix tree, for prefix and fuzzy expansion. */
  readonly termTree: TermTree;
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
    readonly termItems: ReadonlyMap<string, number>,
    readonly lexicon: Lexicon,
    docRefs: ReadonlyArray<readonly [number, number]> | undefined,
    readonly postings: Postings,
    /** Set when this index holds part of a corpus: what ranking reads about the whole. */
    readonly corpus?: CorpusView,
  ) {
    this.items = meetings.flatMap((m) => m.items);
    this.itemIndex = new Map(this.items.map((item, i) => [item.id, i]));
    this.termTree = buildTermTree(postings.terms);
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

  get itemCount(): number {
    return this.items.length;
  }

  /** Items of the whole corpus, for idf: `itemCount` unless this index holds part of a corpus. */
  get corpusItemCount(): number {
    return this.corpus?.itemCount ?? this.items.length;
  }

  /** Every meeting of the whole corpus, oldest first (for a part, without their items). */
  get corpusMeetings(): readonly Meeting[] {
    return this.corpus?.meetings ?? this.meetings;
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

  /**
   * An index over part of a corpus (one question's candidates), its postings made from already
   * analysed documents, scored with the whole corpus's statistics (`corpus`, and the postings'
   * `corpusDocumentCount`/`segCorpusLength`).
   */
  static part(meetings: Meeting[], passages: Array<Passage[]>, postings: Postings, corpus: CorpusView): SearchIndex {
    return new SearchIndex(meetings, passages, corpus.termItems, corpus.lexicon, undefined, postings, corpus);
  }

  /** Restores an index from its saved parts (see index-store.ts) without analysing any text. */
  static restore(meetings: Meeting[], passages: Array<Passage[]>, termItems: Map<string, number>, postings: Postings): SearchIndex {
    return new SearchIndex(meetings, passages, termItems, new Lexicon(termItems.keys()), undefined, postings);
  }
}
