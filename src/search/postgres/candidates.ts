import type { AgendaItem, Meeting } from '../../corpus/types.js';
import { sectionText } from '../../corpus/sections.js';
import type { SqlClient } from '../../db/sql-client.js';
import type { AnalyzedQuery } from '../query.js';
import { layOutPostings, type PostingLists, type Postings } from '../postings.js';
import type { Passage } from '../passages.js';
import { FIELDS, TERM_SEPARATOR } from '../index-fields.js';
import { scoreOptions, searchTerms } from '../searcher.js';
import { SearchIndex } from '../search-index.js';
import { compareMeetings, type CorpusStatistics } from './corpus-statistics.js';
import { unpackFields } from './analysed-item.js';

/**
 * The database's part of answering: which items could answer a question (candidates), and those
 * items as a small index that mødebot's own ranking then orders exactly as it would the whole
 * corpus (the corpus's statistics injected, see `CorpusStatistics.partPostings`).
 */

/**
 * Candidates per question. The ranking's head (`ANSWER.groupedHead`, 300) groups near-duplicate
 * items of many meetings; answers and their "also relevant" come from the first few groups, so a
 * hundred candidates a branch leave the answer as the whole corpus gives it, and every one
 * more costs reading its item.
 */
export const CANDIDATES = 100;
/**
 * Matches up to which every matching item is ranked on all its text (passages included): below
 * it a question costs little whatever it matches, and a small corpus is answered from every item
 * that matches, exactly as in process.
 */
const RANK_ALL_MATCHES = 2_000;
/**
 * Above that, the question's terms are taken rarest first, as long as together they match at
 * most this many documents: ranked on all the items' text, and (a second budget) on the items' own
 * fields (`head`: title, recommendation, case number, meta). The rarest terms decide which items
 * answer; a term in a fifth of all items barely moves BM25 and would cost a scan of the table.
 */
const RARE_MATCHES = 3_000;
const HEAD_MATCHES = 5_000;

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
      for (const [expansion] of stats.termTree.atPrefix(term)) if (expansion !== term) put(expansion, weight * (options.weights?.prefix ?? 1));
    }
    const fuzzy = typeof options.fuzzy === 'function' ? options.fuzzy(term, 0, [term]) : false;
    if (fuzzy) {
      const f = fuzzy === true ? 0.2 : fuzzy;
      // The scorer's rule (MiniSearch's): a fraction of the term's length, at most `maxFuzzy` (6) edits.
      const distance = f < 1 ? Math.min(options.maxFuzzy ?? 6, Math.round(term.length * f)) : f;
      if (distance) for (const [expansion] of stats.termTree.fuzzyGet(term, distance)) if (expansion !== term) put(expansion, weight * (options.weights?.fuzzy ?? 1));
    }
  }
  return out;
}

/**
 * Items of the meetings held by these committees on these dates (parallel arrays): the meetings
 * first (by their date index), then their items (by meeting), so a month of meetings reads their
 * few hundred items, not every item the other condition matches.
 */
export function inMeetings(committees: string, dates: string): string {
  return `meeting_id IN (SELECT m.id FROM search_meetings m JOIN unnest(${committees}, ${dates}) AS p (committee, meeting_date) ON m.committee = p.committee AND m.meeting_date = p.meeting_date)`;
}

/** The filters as SQL conditions, each after ` AND `, their values pushed onto `params`. */
export function filterSql(filters: CandidateFilters, params: unknown[]): string {
  const where: string[] = [];
  if (filters.committee !== undefined) where.push(`committee = $${params.push(filters.committee)}`);
  if (filters.dateFrom !== undefined) where.push(`meeting_date >= $${params.push(filters.dateFrom)}::date`);
  if (filters.dateTo !== undefined) where.push(`meeting_date <= $${params.push(filters.dateTo)}::date`);
  if (filters.itemIds !== undefined) where.push(`id = ANY($${params.push([...filters.itemIds])}::text[])`);
  return where.map((w) => ` AND ${w}`).join('');
}

/**
 * The ids of the items most likely to answer: matches of the question's terms and their
 * expansions (`expandedTerms`) by the GIN indexes, ranked by `ts_rank` with the field weights, plus the matches in
 * the meetings the question points at. How much is ranked depends on how many items the terms
 * match (the corpus statistics say so before asking), so a common word costs a bounded amount.
 */
export async function candidateIds(db: SqlClient, stats: CorpusStatistics, expanded: ReadonlyMap<string, number>, filters: CandidateFilters, meetingKeys?: ReadonlySet<string>): Promise<string[]> {
  const terms = [...expanded];
  if (terms.length === 0) return [];
  const params: unknown[] = [];
  const tsquery = (list: ReadonlyArray<readonly [string, number]>) => `$${params.push(list.map(([t]) => quoteLexeme(t)).join(' | '))}::tsquery`;
  // Pushed only when used: the server refuses a parameter no statement reads.
  let anyParam: string | undefined;
  const any = () => (anyParam ??= tsquery(terms));
  const filter = filterSql(filters, params);
  const limit = `$${params.push(CANDIDATES)}`;
  const ranked = (column: string, query: string) => `(SELECT id FROM search_items WHERE ${column} @@ ${query}${filter} ORDER BY ts_rank('${LABEL_WEIGHTS}', ${column}, ${query}) DESC, meeting_date DESC, seq LIMIT ${limit})`;
  const matching = terms.reduce((sum, [t]) => sum + stats.anyDocuments(t), 0);
  const branches: string[] = [];
  if (matching <= RANK_ALL_MATCHES || filters.itemIds !== undefined) branches.push(ranked('vector', any()));
  else {
    const headDocuments = (t: string) => stats.documents(t, 0) + stats.documents(t, 1) + stats.documents(t, 2) + stats.documents(t, 3);
    const rarest = (count: (t: string) => number, budget: number) => {
      const chosen: Array<[string, number]> = [];
      for (const term of [...terms].sort((a, b) => count(a[0]) - count(b[0]))) {
        budget -= count(term[0]);
        if (budget < 0) break;
        chosen.push(term);
      }
      return chosen;
    };
    const rare = rarest(stats.anyDocuments.bind(stats), RARE_MATCHES);
    if (rare.length > 0) branches.push(ranked('vector', tsquery(rare)));
    const head = rarest(headDocuments, HEAD_MATCHES);
    if (head.length > 0) branches.push(ranked('head', tsquery(head)));
    else {
      // Every term is common: the newest items naming the rarest of them in their own fields
      // (recency lifts the newest among equals anyway), found walking the items newest first.
      const [first] = [...terms].sort((a, b) => headDocuments(a[0]) - headDocuments(b[0]));
      branches.push(`(SELECT id FROM search_items WHERE head @@ ${tsquery([first!])}${filter} ORDER BY seq DESC LIMIT ${limit})`);
    }
  }
  if (meetingKeys !== undefined && meetingKeys.size > 0) {
    const pairs = [...meetingKeys].map((k) => k.split('|'));
    const committees = `$${params.push(pairs.map((p) => p[0]))}::text[]`;
    const dates = `$${params.push(pairs.map((p) => p[1]))}::date[]`;
    branches.push(`(SELECT id FROM search_items WHERE ${inMeetings(committees, dates)} AND vector @@ ${any()}${filter} LIMIT ${limit})`);
  }
  const { rows } = await db.query<{ id: string }>(branches.join(' UNION '), params);
  return rows.map((r) => r.id);
}

interface StoredRow {
  id: string;
  /** The row's version (`xmin`): any write to the item gives it another. */
  version: string;
  /** Null when the caller's cached row of this version is still the item. */
  item: AgendaItem | string | null;
  meeting_id: string;
  fields: string;
  lengths: string;
  cuts: string;
  /** The passages' terms, one passage per line. */
  passages: string | null;
}

/** An item read for answering: parsed, with its analysed fields and passages as stored. */
export interface ItemRow extends Omit<StoredRow, 'item'> {
  item: AgendaItem;
}

/**
 * Items recently read for answering, by id, least recently used first. Questions about popular
 * topics read the same candidates again and again; kept, they are neither sent again nor parsed,
 * and the same item object lets the answer units analysed for it (`answer-units.ts`, by object)
 * be reused instead of analysing its sentences again. Bounded, so the bot's memory stays small.
 * Each read still asks the database for the rows' versions, so an item changed or removed by any
 * sync (another process's too) is never answered from here.
 */
export class ItemCache {
  private readonly rows = new Map<string, ItemRow>();

  constructor(readonly capacity = 1000) {}

  get(id: string): ItemRow | undefined {
    const row = this.rows.get(id);
    if (row) {
      this.rows.delete(id);
      this.rows.set(id, row);
    }
    return row;
  }

  set(row: ItemRow): void {
    this.rows.delete(row.id);
    this.rows.set(row.id, row);
    for (const oldest of this.rows.keys()) {
      if (this.rows.size <= this.capacity) break;
      this.rows.delete(oldest);
    }
  }
}

/** Reads items (with their analysed fields and passages) by id; those unchanged in `cache` from it. */
export async function readItemRows(db: SqlClient, ids: readonly string[], cache?: ItemCache): Promise<ItemRow[]> {
  if (ids.length === 0) return [];
  // Taken now: another question may evict them from the cache while this one waits.
  const cached = new Map<string, ItemRow>();
  for (const id of ids) {
    const row = cache?.get(id);
    if (row) cached.set(id, row);
  }
  const known = [...cached.values()];
  // Passages as one text, not an array: the driver parses arrays in JavaScript, slowly.
  const { rows } = await db.query<StoredRow>(
    `SELECT i.id, i.xmin::text AS version, CASE WHEN c.id IS NULL THEN i.item END AS item, i.meeting_id,
       CASE WHEN c.id IS NULL THEN i.fields END AS fields, CASE WHEN c.id IS NULL THEN i.lengths END AS lengths, CASE WHEN c.id IS NULL THEN i.cuts END AS cuts,
       CASE WHEN c.id IS NULL THEN (SELECT string_agg(p.terms, E'\\n' ORDER BY p.n) FROM search_passages p WHERE p.item_id = i.id) END AS passages
     FROM search_items i LEFT JOIN unnest($2::text[], $3::text[]) AS c (id, version) ON c.id = i.id AND c.version = i.xmin::text
     WHERE i.id = ANY($1::text[])`,
    [ids, known.map((r) => r.id), known.map((r) => r.version)],
  );
  return rows.map((r) => {
    if (r.item === null) return cached.get(r.id)!;
    const row: ItemRow = { ...r, item: parseItem(r.item) };
    cache?.set(row);
    return row;
  });
}

/** An item as `meeting-rows.ts` stored it, with its background and presentation made from its sections again. */
export function parseItem(item: AgendaItem | string): AgendaItem {
  const stored = (typeof item === 'string' ? JSON.parse(item) : item) as Omit<AgendaItem, 'background' | 'presentation'> & Partial<AgendaItem>;
  return { ...stored, background: stored.background ?? sectionText(stored.sections, 'background'), presentation: stored.presentation ?? sectionText(stored.sections, 'presentation') };
}

function parseCuts(cuts: string): Passage[] {
  if (cuts === '') return [];
  return cuts.split(' ').map((c) => {
    const [section, start, end] = c.split(':').map(Number) as [number, number, number];
    return { section, start, end };
  });
}

/** Relevant terms up to which a field is searched for them before it is split into terms. */
const PROBE_TERMS = 24;

/**
 * Postings of a part of the corpus holding only `relevant` terms: the scorer reads no others (a
 * question's terms and their expansions), and counting every term of a few hundred items costs
 * more than the rest of answering. Field lengths come stored with the items.
 */
function partPostingsOf(docs: ReadonlyArray<readonly [field: number, terms: string, length: number]>, documentCount: number, docOf: readonly number[], relevant: ReadonlySet<string>): Postings {
  const nFields = FIELDS.length;
  const fieldLengths = new Uint32Array(documentCount * nFields);
  // Per relevant term and field: documents (ascending) and frequencies.
  const lists = new Map<string, PostingLists[number]>();
  // Many expansions (a typo's) would make the probe cost more than the split it saves.
  const probe = relevant.size <= PROBE_TERMS ? [...relevant] : undefined;
  docs.forEach(([f, text, length], k) => {
    const d = docOf[k]!;
    fieldLengths[d * nFields + f] = length;
    if (relevant.size === 0 || text === '') return;
    // Most fields hold none of a question's few terms: a substring search finds that without
    // splitting the field into a list of strings (what most of this function's time went to).
    if (probe && !probe.some((t) => text.includes(t))) return;
    for (const term of text.split(TERM_SEPARATOR)) {
      if (!relevant.has(term)) continue;
      let byField = lists.get(term);
      if (!byField) lists.set(term, (byField = []));
      let list = byField[f];
      if (!list) byField[f] = list = { docs: [], freqs: [] };
      const last = list.docs.length - 1;
      if (last >= 0 && list.docs[last] === d) list.freqs[last]!++;
      else {
        list.docs.push(d);
        list.freqs.push(1);
      }
    }
  });
  return layOutPostings([...lists.keys()], [...lists.values()], { fieldLengths, averageFieldLength: [], documentCount }, 'clamp');
}

const shellMaps = new WeakMap<readonly Meeting[], ReadonlyMap<string, Meeting>>();

/**
 * The corpus's meetings by id, made once per set of statistics: every question needs it, and
 * making it anew cost more than the rest of `partIndex` (tens of thousands of meetings at a million items).
 */
function meetingsById(meetings: readonly Meeting[]): ReadonlyMap<string, Meeting> {
  let map = shellMaps.get(meetings);
  if (!map) shellMaps.set(meetings, (map = new Map(meetings.map((m) => [m.id, m]))));
  return map;
}

/**
 * The items as an index of their own, in corpus order (meetings oldest first, items in agenda
 * order: ties in ranking fall as they would in the whole corpus), scored with the corpus's
 * statistics. Its postings hold the `relevant` terms only (none: an index to read, not to search).
 */
export function partIndex(stats: CorpusStatistics, rows: readonly ItemRow[], relevant: ReadonlySet<string> = new Set()): SearchIndex {
  const shells = meetingsById(stats.view.meetings);
  const byMeeting = new Map<string, Array<{ item: AgendaItem; row: ItemRow }>>();
  for (const r of rows) {
    const list = byMeeting.get(r.meeting_id) ?? [];
    list.push({ item: r.item, row: r });
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
  const docs: Array<readonly [number, string, number]> = [];
  const docOf: number[] = [];
  let documentCount = 0;
  for (const m of meetings) {
    for (const { row } of byMeeting.get(m.id)!) {
      const cuts = parseCuts(row.cuts);
      const lengths = row.lengths.split(' ').map(Number);
      const passageTerms = row.passages === null ? [] : row.passages.split('\n');
      passages.push(cuts);
      const itemDoc = documentCount++;
      unpackFields(row.fields).forEach((text, f) => {
        docs.push([f, text, lengths[f] ?? 0]);
        docOf.push(itemDoc);
      });
      cuts.forEach((_, j) => {
        docs.push([4, passageTerms[j] ?? '', lengths[4 + j] ?? 0]);
        docOf.push(documentCount++);
      });
    }
  }
  return SearchIndex.part(meetings, passages, stats.partPostings(partPostingsOf(docs, documentCount, docOf, relevant)), stats.view);
}
