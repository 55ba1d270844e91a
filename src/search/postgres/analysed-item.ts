import type { AgendaItem } from '../../corpus/types.js';
import { analyzeToken, tokenize, type Lexicon } from '../analyzer.js';
import { FIELDS, metaText, TERM_SEPARATOR, type IndexDoc } from '../index-fields.js';
import { itemPassages, passageText } from '../passages.js';

/**
 * One item as the database stores it for ranking: the terms of its own document per field and
 * of each passage, analysed exactly as `compileCorpus` analyses them, so that postings made from
 * them later (for one question's candidates) equal the in-process index's.
 */
export interface AnalysedItem {
  /** Terms of title, recommendation (with attachment titles), case number and meta, in order. */
  fields: [string, string, string, string];
  /** Terms of each passage, in `itemPassages` order. */
  passages: string[];
  /** Plain stems (no compound parts) of title, recommendation and passages: what `termItems` counts. */
  stems: string[];
}

/** Line between the fields of `AnalysedItem.fields` as stored (terms hold no line breaks). */
const FIELD_SEPARATOR = '\n';

/** The text fields of an item that `compileCorpus` reads, before analysis. */
function fieldTexts(item: AgendaItem) {
  return {
    title: item.title,
    recommendation: `${item.recommendation}\n${item.attachments.join('\n')}`,
    meta: metaText(item),
    passages: itemPassages(item).map((p) => passageText(item, p)),
  };
}

/**
 * The plain stems of an item (the first pass of `compileCorpus`): what a batch adds to the
 * lexicon before its items are analysed with compound parts.
 */
export function itemStems(item: AgendaItem): Set<string> {
  const texts = fieldTexts(item);
  const stems = new Set<string>();
  for (const text of [texts.title, texts.recommendation, ...texts.passages]) {
    for (const token of tokenize(text)) for (const term of analyzeToken(token)) stems.add(term);
  }
  return stems;
}

/** Analyses an item against the corpus lexicon (stems and compound parts). */
export function analyseItem(item: AgendaItem, lexicon: Lexicon): AnalysedItem {
  const texts = fieldTexts(item);
  const analyse = (text: string) => {
    const out: string[] = [];
    for (const token of tokenize(text)) for (const term of analyzeToken(token, lexicon)) if (term !== '') out.push(term);
    return out.join(TERM_SEPARATOR);
  };
  return {
    fields: [
      analyse(texts.title),
      analyse(texts.recommendation),
      // Case numbers are indexed as written (lower-cased), not analysed.
      item.caseNumber.toLowerCase().split(TERM_SEPARATOR).filter((t) => t !== '').join(TERM_SEPARATOR),
      analyse(texts.meta),
    ],
    passages: texts.passages.map(analyse),
    stems: [...itemStems(item)],
  };
}

export function packFields(fields: AnalysedItem['fields']): string {
  return fields.join(FIELD_SEPARATOR);
}

export function unpackFields(packed: string): AnalysedItem['fields'] {
  const [title = '', recommendation = '', caseNumber = '', meta = ''] = packed.split(FIELD_SEPARATOR);
  return [title, recommendation, caseNumber, meta];
}

/** The index documents of an item (its own, then one per passage), numbered from `firstId`. */
export function indexDocs(fields: AnalysedItem['fields'], passages: readonly string[], firstId: number): IndexDoc[] {
  const [title, recommendation, caseNumber, meta] = fields;
  return [{ id: firstId, title, recommendation, caseNumber, meta }, ...passages.map((text, j) => ({ id: firstId + 1 + j, text }))];
}

/** Distinct terms of the item's four fields, then of each passage: the field lengths BM25 reads. */
export function itemLengths(analysed: Pick<AnalysedItem, 'fields' | 'passages'>): number[] {
  return [...analysed.fields.map((t) => distinct(t).size), ...analysed.passages.map((t) => distinct(t).size)];
}

const distinct = (terms: string) => new Set(terms.split(TERM_SEPARATOR).filter((t) => t !== ''));

/**
 * What an item adds to the corpus statistics: per term, the documents holding it per field
 * (`FIELDS` order) and whether it is one of the item's plain stems; the distinct-term count of
 * every field (BM25's field lengths, summed).
 */
export function itemStatistics(analysed: Pick<AnalysedItem, 'fields' | 'passages' | 'stems'>, add: (term: string, field: number, items: number) => void): number[] {
  const lengths = new Array<number>(FIELDS.length).fill(0);
  analysed.fields.forEach((text, f) => {
    const terms = distinct(text);
    lengths[f] = terms.size;
    for (const t of terms) add(t, f, 0);
  });
  for (const text of analysed.passages) {
    const terms = distinct(text);
    lengths[4]! += terms.size;
    for (const t of terms) add(t, 4, 0);
  }
  for (const stem of analysed.stems) add(stem, -1, 1);
  return lengths;
}

/** Weight labels of the fields in `vector`: what `ts_rank` weighs them by (see candidates.ts). */
const FIELD_LABELS = ['A', 'B', 'A', 'D', 'C'] as const;
/** Positions kept per term and field: `ts_rank` needs a frequency, not every occurrence. */
const MAX_POSITIONS = 4;
/** PostgreSQL's largest position in a tsvector. */
const MAX_POSITION = 16383;

function quoteLexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * A tsvector (as text, for a `::tsvector` cast) of analysed fields: every term with up to four
 * positions per field, labelled by field. The terms are mødebot's own (stems folded æ→ae, compound
 * parts), so the database matches exactly what ranking scores.
 */
export function tsvectorText(fields: ReadonlyArray<readonly [field: number, terms: string]>): string {
  const positions = new Map<string, string[]>();
  const perField = new Map<string, number>();
  let position = 0;
  for (const [f, text] of fields) {
    for (const term of text.split(TERM_SEPARATOR)) {
      if (term === '') continue;
      const key = `${f}\u0000${term}`;
      const seen = perField.get(key) ?? 0;
      if (seen >= MAX_POSITIONS) continue;
      perField.set(key, seen + 1);
      position = Math.min(MAX_POSITION, position + 1);
      const list = positions.get(term);
      const entry = `${position}${FIELD_LABELS[f]}`;
      if (list) list.push(entry);
      else positions.set(term, [entry]);
    }
  }
  const out: string[] = [];
  for (const [term, list] of positions) out.push(`${quoteLexeme(term)}:${list.join(',')}`);
  return out.join(' ');
}
