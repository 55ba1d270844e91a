import type { Logger } from 'pino';
import type { AgendaItem, Meeting } from '../corpus/types.js';
import { caseKey } from '../corpus/case-numbers.js';
import type { SqlClient } from '../db/sql-client.js';
import { formatDanishDate } from '../corpus/danish-dates.js';
import { foldDanish } from '../search/fold.js';
import { parseQueryHints, type QueryHints } from '../search/query-hints.js';
import { analyzeQuery } from '../search/query.js';
import type { Answer, AnswerEngine, AnswerFilters, AskOptions, MeetingFilter, MeetingSummary, ReloadReport, Suggestion } from './types.js';
import { loadAnswerData, type AnswerData, type Served } from './served.js';
import type { AnswerPlace } from './answer-builders.js';
import { readQuestion, withinOptions, withoutRestriction } from './question-input.js';
import { caseLookup, itemLookup } from './lookups.js';
import { topicSearch } from './topic-search.js';
import { pointedMeetings, readScope } from './scope.js';
import { compareMeetings, CorpusStatistics } from '../search/postgres/corpus-statistics.js';
import { candidateIds, expandedTerms, filterSql, inMeetings, ItemCache, parseItem, partIndex, readItemRows, type CandidateFilters } from '../search/postgres/candidates.js';
import { syncCorpus } from '../search/postgres/sync-corpus.js';

/**
 * The answer engine over PostgreSQL (SEARCH_BACKEND=postgres): the database finds candidates (by
 * the items' term vectors, or by case and item number columns) and mødebot's own ranking,
 * grouping, evidence and snippets answer from them, as the in-process engine would from the
 * whole corpus. In memory it keeps only the corpus statistics and the meetings without their
 * items (`CorpusStatistics`), so it serves a corpus of any size in a few hundred MiB.
 */

/** Items a look-up reads at most; a page beyond it is not offered. */
const LOOKUP_ITEMS = 2000;

export interface PostgresEngineOptions {
  db: SqlClient;
  corpusDir: string;
  logger?: Logger;
  /** Skip syncing the corpus folder at open (the tables were filled otherwise, e.g. by the benchmark). */
  sync?: boolean;
  /**
   * How often (ms) a question may check whether another process changed the search tables, and
   * have the statistics read again if so (default 30 s). This process's own syncs read them at once.
   */
  statisticsCheckMs?: number;
}

const STATISTICS_CHECK_MS = 30_000;

export class PostgresEngine implements AnswerEngine {
  report: ReloadReport = { meetings: 0, items: 0, skipped: [], rebuilt: false };
  private readonly items = new ItemCache();
  private summaries: { stats: CorpusStatistics; list: readonly MeetingSummary[] } | undefined;
  private checkedAt = Date.now();
  private refreshing: Promise<void> | undefined;

  private constructor(
    private readonly options: PostgresEngineOptions,
    private stats: CorpusStatistics,
    private data: AnswerData,
  ) {}

  /** Opens the engine: syncs the corpus folder into the tables (unless `sync: false`) and reads the statistics. */
  static async open(options: PostgresEngineOptions): Promise<PostgresEngine> {
    const engine = new PostgresEngine(options, await CorpusStatistics.load(options.db), await loadAnswerData(options.corpusDir));
    if (options.sync !== false) await engine.reload();
    else engine.report = { meetings: engine.stats.view.meetings.length, items: engine.stats.view.itemCount, skipped: [], rebuilt: false };
    return engine;
  }

  private get db(): SqlClient {
    return this.options.db;
  }

  async reload(): Promise<ReloadReport> {
    const sync = await syncCorpus(this.db, this.options.corpusDir, this.options.logger ? { logger: this.options.logger } : {});
    const [stats, data] = await Promise.all([CorpusStatistics.load(this.db), loadAnswerData(this.options.corpusDir)]);
    this.stats = stats;
    this.data = data;
    const rebuilt = sync.added.length + sync.changed.length + sync.removed.length > 0;
    this.report = { meetings: sync.meetings, items: sync.items, skipped: sync.skipped, rebuilt };
    for (const s of sync.skipped) this.options.logger?.warn({ file: s.file }, `corpus file skipped: ${s.file}: ${s.reason}`);
    return this.report;
  }

  /**
   * The statistics to answer with. Another bot process on the same database syncs its own corpus
   * folder: now and then (`statisticsCheckMs`) a question starts a check in the background whether
   * the tables changed, and the statistics are read again if so; the question itself never waits.
   */
  private statistics(): CorpusStatistics {
    const every = this.options.statisticsCheckMs ?? STATISTICS_CHECK_MS;
    if (this.refreshing === undefined && Date.now() - this.checkedAt >= every) {
      this.checkedAt = Date.now();
      const seen = this.stats;
      this.refreshing = (async () => {
        if (await seen.current(this.db)) return;
        const fresh = await CorpusStatistics.load(this.db);
        // A reload of our own meanwhile read them too, maybe later.
        if (this.stats === seen) this.stats = fresh;
      })()
        .catch((err: unknown) => this.options.logger?.warn({ err }, 'checking the search tables for other processes\' changes failed; answering with the statistics read before'))
        .finally(() => (this.refreshing = undefined));
    }
    return this.stats;
  }

  /** Settles once a check started by `statistics()` is done (tests, and closing). */
  async settled(): Promise<void> {
    await this.refreshing;
  }

  async catalog(): Promise<readonly MeetingSummary[]> {
    // Asked per follow-up and per autocomplete keystroke: made from the statistics read at (re)load, once.
    const stats = this.statistics();
    if (this.summaries?.stats !== stats) {
      const list = stats.view.meetings.map((m) => ({
        id: m.id,
        committee: m.committee,
        meetingDate: m.meetingDate,
        kind: m.kind,
        ...(m.publisher ? { publisher: m.publisher } : {}),
        itemCount: stats.itemCounts.get(m.id) ?? 0,
      }));
      this.summaries = { stats, list };
    }
    return this.summaries.list;
  }

  async meetings(filter: MeetingFilter = {}): Promise<Meeting[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.from !== undefined) where.push(`m.meeting_date >= $${params.push(filter.from)}::date`);
    if (filter.to !== undefined) where.push(`m.meeting_date <= $${params.push(filter.to)}::date`);
    if (filter.ids !== undefined) where.push(`m.id = ANY($${params.push([...filter.ids])}::text[])`);
    // The items as stored (their JSON only): a meeting list needs neither analysed fields nor passages.
    const items = filter.items === false ? 'NULL::json' : '(SELECT json_agg(i.item ORDER BY i.position) FROM search_items i WHERE i.meeting_id = m.id)';
    const { rows } = await this.db.query<{ meeting: Omit<Meeting, 'items'> | string; items: Array<AgendaItem | string> | string | null }>(
      `SELECT m.meeting, ${items} AS items FROM search_meetings m${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`,
      params,
    );
    return rows
      .map((r) => {
        const meeting = (typeof r.meeting === 'string' ? JSON.parse(r.meeting) : r.meeting) as Omit<Meeting, 'items'>;
        const stored = (typeof r.items === 'string' ? JSON.parse(r.items) : (r.items ?? [])) as Array<AgendaItem | string>;
        return { ...meeting, items: stored.map(parseItem) };
      })
      .sort(compareMeetings);
  }

  async item(id: string): Promise<AgendaItem | undefined> {
    const { rows } = await this.db.query<{ item: AgendaItem | string }>('SELECT item FROM search_items WHERE id = $1', [id]);
    return rows[0] ? parseItem(rows[0].item) : undefined;
  }

  /**
   * Titles and case numbers containing what was typed, newest first (as the in-process engine).
   * Asked per keystroke: the trigram index (migration 4) finds what contains the typed text, the
   * newest-first index what to list before anything is typed.
   */
  async suggest(partial: string, limit = 25): Promise<Suggestion[]> {
    const needle = foldDanish(partial.toLowerCase().trim());
    const like = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // `day`, not `meeting_date`: ORDER BY would take that name for the text column and sort every row by it.
    const columns = `item->>'title' AS title, number, item->>'caseNumber' AS case_number, committee, to_char(meeting_date, 'YYYY-MM-DD') AS day`;
    const { rows } = await this.db.query<{ title: string; number: string; case_number: string; committee: string; day: string }>(
      needle === ''
        ? `SELECT ${columns} FROM search_items ORDER BY meeting_date DESC, seq DESC LIMIT $1`
        : `SELECT ${columns} FROM search_items WHERE suggest LIKE $2 ORDER BY meeting_date DESC, seq DESC LIMIT $1`,
      needle === '' ? [limit * 4] : [limit * 4, like],
    );
    const out: Suggestion[] = [];
    const seenCases = new Set<string>();
    for (const r of rows) {
      if (out.length >= limit) break;
      if (r.case_number && !seenCases.has(r.case_number) && needle !== '' && foldDanish(r.case_number.toLowerCase()).includes(needle)) {
        seenCases.add(r.case_number);
        out.push({ label: `${r.case_number} (${r.committee}, ${formatDanishDate(r.day)})`, value: r.case_number });
        continue;
      }
      if (needle === '' || foldDanish(r.title.toLowerCase()).includes(needle)) {
        out.push({ label: `${r.number ? `${r.number} ` : ''}${r.title} (${formatDanishDate(r.day)})`, value: r.title });
      }
    }
    return out;
  }

  async askWithin(question: string, itemIds: ReadonlySet<string>, options: AskOptions = {}): Promise<Answer> {
    return withoutRestriction(await this.ask(question, withinOptions(itemIds, options)));
  }

  async ask(question: string, options: AskOptions = {}): Promise<Answer> {
    const input = readQuestion(question, options);
    if (!input.ok) return input.answer;
    const { query, limit, offset } = input;
    // One set of statistics for the whole question, even if a reload replaces them meanwhile.
    const stats = this.statistics();
    const data = this.data;
    const hints = parseQueryHints(query);
    const filters: AnswerFilters = { ...options.filters };
    const now = options.now ?? new Date();
    const sqlFilters: CandidateFilters = {
      ...(filters.committee !== undefined ? { committee: filters.committee } : {}),
      ...(filters.dateFrom !== undefined ? { dateFrom: filters.dateFrom } : {}),
      ...(filters.dateTo !== undefined ? { dateTo: filters.dateTo } : {}),
      ...(filters.itemIds !== undefined ? { itemIds: filters.itemIds } : {}),
    };
    const whole: Served = { index: stats.emptyIndex, ...data };
    // Scoring reads only the question's terms and their expansions: a part index holds those.
    const termsOf = (text: string) => expandedTerms(stats, analyzeQuery(text, stats.emptyIndex, data));
    const served = async (ids: readonly string[], relevant: ReadonlyMap<string, number> = new Map()): Promise<Served> => ({
      index: partIndex(stats, await readItemRows(this.db, ids, this.items), new Set(relevant.keys())),
      ...data,
    });
    if (hints.caseNumbers.length > 0) {
      const ids = await this.lookupIds('case_key = ANY($1::text[])', [hints.caseNumbers.map((c) => caseKey(c))], sqlFilters, 'meeting_date, seq');
      return caseLookup(await served(ids, termsOf(hints.text)), { query, mode: 'case', filters, offset }, hints, limit);
    }
    // `punkt 3` where items are numbered 3.1, 3.2 …: words to search, not an item to look up.
    if (hints.itemNumber !== undefined && hints.itemText !== undefined && !(await this.hasNumber(hints.itemNumber))) {
      hints.text = `${hints.text} ${hints.itemText}`.trim();
      delete hints.itemNumber;
    }
    if (hints.itemNumber !== undefined) return itemLookup(await served(await this.numberIds(whole, hints, sqlFilters, now, offset + limit)), { query, mode: 'item', filters, offset }, hints, limit, now);
    const place: AnswerPlace = { query, mode: 'search', filters, offset };
    // The question read against the whole corpus's statistics, to know what to fetch.
    const scope = readScope(whole, hints, now);
    const terms = termsOf(scope.text);
    const ids = await candidateIds(this.db, stats, terms, sqlFilters, scope.meetings);
    return topicSearch(await served(ids, terms), place, query, hints, limit, now);
  }

  private async hasNumber(number: string): Promise<boolean> {
    return (await this.db.query('SELECT 1 FROM search_items WHERE number = $1 LIMIT 1', [number])).rows.length > 0;
  }

  /** Items by a condition and the caller's filters, in `order`, at most `LOOKUP_ITEMS`. */
  private async lookupIds(condition: string, params: unknown[], filters: CandidateFilters, order: string, limit = LOOKUP_ITEMS): Promise<string[]> {
    const all = [...params];
    const { rows } = await this.db.query<{ id: string }>(`SELECT id FROM search_items WHERE ${condition}${filterSql(filters, all)} ORDER BY ${order} LIMIT ${Math.min(limit, LOOKUP_ITEMS)}`, all);
    return rows.map((r) => r.id);
  }

  /**
   * The items an item look-up reads: the number in the meetings the question points at, or the
   * newest with that number (a page's worth and one more, so the answer knows there are more).
   */
  private async numberIds(whole: Served, hints: QueryHints, filters: CandidateFilters, now: Date, wanted: number): Promise<string[]> {
    const meetings = pointedMeetings(whole, hints, now, true);
    const withCommittee = hints.committee !== undefined && filters.committee === undefined ? { ...filters, committee: hints.committee } : filters;
    if (meetings === undefined) {
      // A number alone is on nearly every agenda: only the newest page is read.
      return this.lookupIds('number = $1', [hints.itemNumber], withCommittee, 'meeting_date DESC, seq', wanted + 1);
    }
    const pairs = [...meetings].map((k) => k.split('|'));
    return this.lookupIds(`number = $1 AND ${inMeetings('$2::text[]', '$3::date[]')}`, [hints.itemNumber, pairs.map((p) => p[0]), pairs.map((p) => p[1])], withCommittee, 'meeting_date DESC, seq');
  }
}
