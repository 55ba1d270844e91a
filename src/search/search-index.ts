import MiniSearch, { type AsPlainObject } from 'minisearch';
import type { AgendaItem, Meeting } from '../corpus/types.js';
import { Lexicon, tokenize, analyzeToken } from './analyzer.js';
import { itemPassages, passageText, type Passage } from './passages.js';

/**
 * The searchable form of the corpus: one MiniSearch document per item (title, recommendation,
 * case number, meeting) and one per passage (paragraphs, briefings), all pointing at their item.
 */

/** Fields of the MiniSearch documents. Item documents fill the first four, passages `text`. */
export const FIELDS = ['title', 'recommendation', 'caseNumber', 'meta', 'text'] as const;

/** A MiniSearch document id: `[itemIndex, passageIndex]` packed; passage -1 is the item itself. */
export interface DocRef {
  item: number;
  passage: number;
}

interface IndexDoc {
  id: number;
  title?: string;
  recommendation?: string;
  caseNumber?: string;
  meta?: string;
  text?: string;
}

/** Terms are analysed before MiniSearch sees them, so its own tokenizer only splits on spaces. */
const TERM_SEPARATOR = ' ';

export interface PersistedIndex {
  version: number;
  meetings: Meeting[];
  passages: Array<Passage[]>;
  /** Document frequency per term, over items (for weighting query terms and splitting compounds). */
  termItems: Array<[string, number]>;
  docRefs: Array<[number, number]>;
  miniSearch: AsPlainObject;
}

export const INDEX_FORMAT_VERSION = 4;

function miniSearchOptions() {
  return {
    fields: [...FIELDS],
    storeFields: [],
    tokenize: (text: string) => text.split(TERM_SEPARATOR).filter((t) => t !== ''),
    processTerm: (term: string) => term,
  };
}

function metaText(item: AgendaItem): string {
  return `${item.heading} ${item.committee} ${item.number}`;
}

export class SearchIndex {
  readonly items: AgendaItem[];
  readonly itemIndex: Map<string, number>;
  private constructor(
    readonly meetings: Meeting[],
    readonly passages: Array<Passage[]>,
    readonly termItems: Map<string, number>,
    readonly lexicon: Lexicon,
    readonly docRefs: Array<[number, number]>,
    readonly miniSearch: MiniSearch<IndexDoc>,
  ) {
    this.items = meetings.flatMap((m) => m.items);
    this.itemIndex = new Map(this.items.map((item, i) => [item.id, i]));
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

  /** Builds the index from parsed meetings (two passes: vocabulary first, for compound splitting). */
  static build(meetings: Meeting[]): SearchIndex {
    const items = meetings.flatMap((m) => m.items);
    const termItems = new Map<string, number>();
    const lexicon = new Lexicon();
    // Agenda text repeats its words a lot: each distinct token is analysed once per pass
    // (stemming and compound splitting dominate the build otherwise).
    const plain = new Map<string, string[]>();
    for (const item of items) {
      const seen = new Set<string>();
      for (const token of tokenize(`${item.title}\n${item.recommendation}\n${item.background}\n${item.presentation}\n${item.attachments.join('\n')}`)) {
        let terms = plain.get(token);
        if (terms === undefined) {
          terms = analyzeToken(token);
          plain.set(token, terms);
        }
        for (const term of terms) seen.add(term);
      }
      for (const term of seen) {
        termItems.set(term, (termItems.get(term) ?? 0) + 1);
        lexicon.add(term);
      }
    }
    const passages = items.map((item) => itemPassages(item));
    const docRefs: Array<[number, number]> = [];
    const docs: IndexDoc[] = [];
    plain.clear();
    const withParts = new Map<string, string[]>();
    const analyse = (text: string) => {
      const out: string[] = [];
      for (const token of tokenize(text)) {
        let terms = withParts.get(token);
        if (terms === undefined) {
          terms = analyzeToken(token, lexicon);
          withParts.set(token, terms);
        }
        for (const term of terms) out.push(term);
      }
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
    // Compound parts found in the second pass are known terms too.
    const miniSearch = new MiniSearch<IndexDoc>(miniSearchOptions());
    miniSearch.addAll(docs);
    return new SearchIndex(meetings, passages, termItems, lexicon, docRefs, miniSearch);
  }

  toJSON(): PersistedIndex {
    return {
      version: INDEX_FORMAT_VERSION,
      meetings: this.meetings,
      passages: this.passages,
      termItems: [...this.termItems],
      docRefs: this.docRefs,
      miniSearch: this.miniSearch.toJSON(),
    };
  }

  /** Restores a persisted index without analysing any text again. */
  static fromJSON(data: PersistedIndex): SearchIndex {
    const termItems = new Map(data.termItems);
    const miniSearch = MiniSearch.loadJS<IndexDoc>(data.miniSearch, miniSearchOptions());
    return new SearchIndex(data.meetings, data.passages, termItems, new Lexicon(termItems.keys()), data.docRefs, miniSearch);
  }
}
