import type { AgendaItem, Meeting } from '../../corpus/types.js';
import { sectionText } from '../../corpus/sections.js';
import type { SqlClient } from '../../db/sql-client.js';
import type { AnalyzedQuery } from '../query.js';
import { buildPostings } from '../postings.js';
import { itemPassages, type Passage } from '../passages.js';
import { scoreOptions, searchTerms } from '../searcher.js';
import { SearchIndex } from '../search-index.js';
import { compareMeetings, type CorpusStatistics } from './corpus-statistics.js';
import { indexDocs, unpackFields } from './analysed-item.js';

/**
 * The database's part of answering: which items could answer a question (candidates), and those
 * items as a small index that mødebot's own ranking then orders exactly as it would the whole
 * corpus (the corpus's statistics injected, see `CorpusStatistics.partPostings`).
 */

/**
 * Candidates per question. The ranking's head (`ANSWER.groupedHead`, 300) groups near-duplicate
 * items of many meetings; answers and their "also relevant" come from the first few groups, so a
 * good hundred and a half candidates leave the answer as the whole corpus gives it, and every one
 * more costs reading its item.
 */
export const CANDIDATES = 160;
/**
 * Matches up to which every matching item is ranked on all its text (passages included): below
 * it a question costs little whatever it matches, and a small corpus is answered from every item
 * that matches, exactly as in process.
 */
const RANK_ALL_MATCHES = 2_000;
/**
 * Above that, the items' own fields (`head`: title, recommendation, case number, meta, small
 * vectors kept in the row) rank every match, and a question's rare terms are also looked for in
 * passages up to this many matching documents.
 */
const RARE_MATCHES = 4_000;
/**
 * `ts_rank` weights of the labels D, C, B, A (see `tsvectorText`): the field boosts, scaled to
 * at most 1 (D meta 0.5, C passages 1, B recommendation 1.3, A title 2.5 and case number 3).
 */
const LABEL_WEIGHTS = '{0.17,0.33,0.43,1}';

/** Hard filters of a question, applied in the database. */
export interface CandidateFilters {
  committee?: string;
  dateFrom?: string;
  dateTo?: string;
  itemIds?: ReadonlySet<string>;
}

function quoteLexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The index terms a question matches: its search terms and their prefix and typo expansions, each with a weight. */
export function expandedTerms(stats: CorpusStatistics, query: AnalyzedQuery): Map<string, number> {
  const index = stats.emptyIndex;
  const weights = searchTerms(index, query);
  const options = scoreOptions(index, query, weights);
  const n = Math.max(1, stats.view.itemCount);
  const idf = (term: string) => {
    const df = Math.min(n, stats.anyDocuments(term));
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };
  const out = new Map<string, number>();
  const put = (term: string, weight: number) => {
    if (stats.anyDocuments(term) === 0) return;
    out.set(term, Math.max(out.get(term) ?? 0, weight * idf(term)));
  };
  for (const [term, weight] of weights) {
    put(term, weight);
    if (typeof options.prefix === 'function' && options.prefix(term, 0, [term])) {
      for (const [expansion] of stats.termTree.atPrefix(term)) if (expansion !== term) put(expansion, weight * 0.45);
    }
    const fuzzy = typeof options.fuzzy === 'function' ? options.fuzzy(term, 0, [term]) : false;
    if (fuzzy) {
      const f = fuzzy === true ? 0.2 : fuzzy;
      const distance = f < 1 ? Math.min(6, Math.round(term.length * f)) : f;
      if (distance) for (const [expansion] of stats.termTree.fuzzyGet(term, distance)) if (expansion !== term) put(expansion, weight * 0.3);
    }
  }
  return out;
}

function filterSql(filters: CandidateFilters, params: unknown[]): string {
  const where: string[] = [];
  if (filters.committee !== undefined) where.push(`committee = $${params.push(filters.committee)}`);
  if (filters.dateFrom !== undefined) where.push(`meeting_date >= $${params.push(filters.dateFrom)}::date`);
  if (filters.dateTo !== undefined) where.push(`meeting_date <= $${params.push(filters.dateTo)}::date`);
  if (filters.itemIds !== undefined) where.push(`id = ANY($${params.push([...filters.itemIds])}::text[])`);
  return where.map((w) => ` AND ${w}`).join('');
}

/**
 * The ids of the items most likely to answer: matches of the question's terms (and their
 * expansions) by the GIN indexes, ranked by `ts_rank` with the field weights, plus the matches in
 * the meetings the question points at. How much is ranked depends on how many items the terms
 * match (the corpus statistics say so before asking), so a common word costs a bounded amount.
 */
export async function candidateIds(db: SqlClient, stats: CorpusStatistics, query: AnalyzedQuery, filters: CandidateFilters, meetingKeys?: ReadonlySet<string>): Promise<string[]> {
  const terms = [...expandedTerms(stats, query)];
  if (terms.length === 0) return [];
  const params: unknown[] = [];
  const tsquery = (list: ReadonlyArray<readonly [string, number]>) => `$${params.push(list.map(([t]) => quoteLexeme(t)).join(' | '))}::tsquery`;
  const any = tsquery(terms);
  const filter = filterSql(filters, params);
  const limit = `$${params.push(CANDIDATES)}`;
  const ranked = (column: string, query: string) => `(SELECT id FROM search_items WHERE ${column} @@ ${query}${filter} ORDER BY ts_rank('${LABEL_WEIGHTS}', ${column}, ${query}) DESC, meeting_date DESC, seq LIMIT ${limit})`;
  const matching = terms.reduce((sum, [t]) => sum + stats.anyDocuments(t), 0);
  const branches: string[] = [];
  if (matching <= RANK_ALL_MATCHES || filters.itemIds !== undefined) branches.push(ranked('vector', any));
  else {
    branches.push(ranked('head', any));
    // The rarest terms are looked for in passages too: an answer may name them only in its text.
    const rare: Array<[string, number]> = [];
    let budget = RARE_MATCHES;
    for (const term of [...terms].sort((a, b) => stats.anyDocuments(a[0]) - stats.anyDocuments(b[0]))) {
      budget -= stats.anyDocuments(term[0]);
      if (budget < 0) break;
      rare.push(term);
    }
    if (rare.length > 0) branches.push(ranked('vector', tsquery(rare)));
  }
  if (meetingKeys !== undefined && meetingKeys.size > 0) {
    const pairs = [...meetingKeys].map((k) => k.split('|'));
    const committees = `$${params.push(pairs.map((p) => p[0]))}::text[]`;
    const dates = `$${params.push(pairs.map((p) => p[1]))}::date[]`;
    branches.push(`(SELECT id FROM search_items WHERE (committee, meeting_date) IN (SELECT * FROM unnest(${committees}, ${dates})) AND vector @@ ${any}${filter} LIMIT ${limit})`);
  }
  const { rows } = await db.query<{ id: string }>(branches.join(' UNION '), params);
  return rows.map((r) => r.id);
}

interface ItemRow {
  item: AgendaItem | string;
  meeting_id: string;
  fields: string;
  passages: string[] | null;
}

/** Reads items (with their analysed fields and passages) by id. */
export async function readItemRows(db: SqlClient, ids: readonly string[]): Promise<ItemRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<ItemRow>(
    `SELECT i.item, i.meeting_id, i.fields, (SELECT array_agg(p.terms ORDER BY p.n) FROM search_passages p WHERE p.item_id = i.id) AS passages
     FROM search_items i WHERE i.id = ANY($1::text[])`,
    [ids],
  );
  return rows;
}

/** An item as `meeting-rows.ts` stored it, with its background and presentation made from its sections again. */
export function parseItem(item: AgendaItem | string): AgendaItem {
  const stored = (typeof item === 'string' ? JSON.parse(item) : item) as Omit<AgendaItem, 'background' | 'presentation'> & Partial<AgendaItem>;
  return { ...stored, background: stored.background ?? sectionText(stored.sections, 'background'), presentation: stored.presentation ?? sectionText(stored.sections, 'presentation') };
}

/**
 * The items as an index of their own, in corpus order (meetings oldest first, items in agenda
 * order: ties in ranking fall as they would in the whole corpus), scored with the corpus's
 * statistics.
 */
export function partIndex(stats: CorpusStatistics, rows: readonly ItemRow[]): SearchIndex {
  const shells = new Map(stats.view.meetings.map((m) => [m.id, m]));
  const byMeeting = new Map<string, Array<{ item: AgendaItem; fields: string; passages: string[] }>>();
  for (const r of rows) {
    const list = byMeeting.get(r.meeting_id) ?? [];
    list.push({ item: parseItem(r.item), fields: r.fields, passages: r.passages ?? [] });
    byMeeting.set(r.meeting_id, list);
  }
  const meetings: Meeting[] = [];
  for (const [id, list] of byMeeting) {
    list.sort((a, b) => a.item.position - b.item.position);
    const first = list[0]!.item;
    // A meeting written after the statistics were read still gets a shell.
    const shell = shells.get(id) ?? { id, committee: first.committee, meetingDate: first.meetingDate, kind: first.kind, source: first.source, sources: [first.source], items: [] };
    meetings.push({ ...shell, items: list.map((x) => x.item) });
  }
  meetings.sort(compareMeetings);
  const passages: Array<Passage[]> = [];
  const docs = [];
  for (const m of meetings) {
    const list = byMeeting.get(m.id)!;
    for (const { item, fields, passages: terms } of list) {
      // Passages are cut by the same code that cut them when the item was written.
      const cut = itemPassages(item).slice(0, terms.length);
      passages.push(cut);
      docs.push(...indexDocs(unpackFields(fields), terms.slice(0, cut.length), docs.length));
    }
  }
  return SearchIndex.part(meetings, passages, stats.partPostings(buildPostings(docs)), stats.view);
}
