import type { AgendaItem } from '../corpus/types.js';

/**
 * The documents the index is made of: one per item (its title, recommendation, case number and
 * meta line) and one per passage (`text`), all of whose terms are analysed before indexing.
 */

/** Fields of the index documents. Item documents fill the first four, passages `text`. */
export const FIELDS = ['title', 'recommendation', 'caseNumber', 'meta', 'text'] as const;
export type FieldName = (typeof FIELDS)[number];

/** What a document stands for: an item (passage -1) or one of its passages. */
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

/** Document fields hold analysed terms separated by spaces. */
export const TERM_SEPARATOR = ' ';

/**
 * Options under which `new MiniSearch(options).addAll(docs)` indexes these documents exactly as
 * `compileCorpus` does: the reference that tests and the benchmark compare the index with.
 */
export function miniSearchOptions() {
  return {
    fields: [...FIELDS],
    storeFields: [],
    tokenize: (text: string) => text.split(TERM_SEPARATOR).filter((t) => t !== ''),
    processTerm: (term: string) => term,
  };
}

/** The meta field of an item document: heading, committee, publisher and number. */
export function metaText(item: AgendaItem): string {
  return `${item.heading} ${item.committee} ${item.publisher ?? ''} ${item.number}`;
}

