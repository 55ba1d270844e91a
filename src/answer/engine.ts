import type { Logger } from 'pino';
import type { AgendaItem, Meeting } from '../corpus/types.js';
import type { Answer, AnswerEngine, AnswerFilters, AskOptions, MeetingFilter, MeetingSummary, ReloadReport, Suggestion } from './types.js';
import { loadOrBuildIndex } from '../search/index-store.js';
import type { SearchIndex } from '../search/search-index.js';
import { Synonyms } from '../search/synonyms.js';
import { parseQueryHints } from '../search/query-hints.js';
import { prepareSearch } from '../search/searcher.js';
import { rankingContext } from '../search/ranking-context.js';
import { emptyAnswerData, loadAnswerData, type AnswerData, type Served } from './served.js';
import type { AnswerPlace } from './answer-builders.js';
import { readQuestion, withinOptions, withoutRestriction } from './question-input.js';
import { caseLookup, itemLookup, lookupMaps } from './lookups.js';
import { topicSearch } from './topic-search.js';
import { suggest } from './suggestions.js';

/**
 * The answer engine: holds one index and the data read with it, and sends each question to the
 * way it is answered — a case look-up (`SAG-2025-01103`), an item look-up (`punkt 4.3 fra juni
 * 2024`) or a free-text search — each in its own module.
 */

export { DEFAULT_LIMIT, MAX_QUESTION_LENGTH } from './question-input.js';

export interface EngineOptions {
  corpusDir: string;
  dataDir: string;
  logger?: Logger;
  /** Rebuild the index even when the persisted one is current. */
  rebuild?: boolean;
}

class Engine implements AnswerEngine {
  /** What the last load or reload found. */
  report: ReloadReport = { meetings: 0, items: 0, skipped: [], rebuilt: false };
  private served: Served;
  private summaries: { index: SearchIndex; list: readonly MeetingSummary[] } | undefined;

  constructor(
    index: SearchIndex,
    data: AnswerData,
    private readonly options: EngineOptions,
  ) {
    this.served = { index, ...data };
  }

  /**
   * Replaces the index and its data at once, after preparing what answering needs per index (the
   * scorer's arrays, ranking data, look-up maps: ~0.2 s at 100,000 items that the first question
   * would otherwise wait for). A question is answered entirely from one index.
   */
  swap(index: SearchIndex, data: AnswerData): void {
    prepare(index);
    this.served = { index, ...data };
  }

  async catalog(): Promise<readonly MeetingSummary[]> {
    // Asked per follow-up and per autocomplete keystroke: made once per index, not per call.
    const index = this.served.index;
    if (this.summaries?.index !== index) this.summaries = { index, list: index.meetings.map(summaryOf) };
    return this.summaries.list;
  }

  async meetings(filter: MeetingFilter = {}): Promise<Meeting[]> {
    const ids = filter.ids ? new Set(filter.ids) : undefined;
    const found = this.served.index.meetings.filter(
      (m) => (ids === undefined || ids.has(m.id)) && (filter.from === undefined || m.meetingDate >= filter.from) && (filter.to === undefined || m.meetingDate <= filter.to),
    );
    return filter.items === false ? found.map((m) => ({ ...m, items: [] })) : found;
  }

  async item(id: string): Promise<AgendaItem | undefined> {
    const index = this.served.index;
    const i = index.itemIndex.get(id);
    return i === undefined ? undefined : index.items[i];
  }

  async suggest(partial: string, limit = 25): Promise<Suggestion[]> {
    return suggest(this.served.index, partial, limit);
  }

  async reload(): Promise<ReloadReport> {
    const { index, skipped, rebuilt } = await loadOrBuildIndex(this.options.corpusDir, this.options.dataDir, false, this.options.logger);
    this.swap(index, await loadAnswerData(this.options.corpusDir));
    this.report = { meetings: index.meetings.length, items: index.itemCount, skipped, rebuilt };
    return this.report;
  }

  async askWithin(question: string, itemIds: ReadonlySet<string>, options: AskOptions = {}): Promise<Answer> {
    return withoutRestriction(this.answer(question, withinOptions(itemIds, options)));
  }

  async ask(question: string, options: AskOptions = {}): Promise<Answer> {
    return this.answer(question, options);
  }

  private answer(question: string, options: AskOptions = {}): Answer {
    const input = readQuestion(question, options);
    if (!input.ok) return input.answer;
    const { query, limit, offset } = input;
    // One index and its data for the whole question, even if a reload swaps them meanwhile.
    const served = this.served;
    const hints = parseQueryHints(query);
    const filters: AnswerFilters = { ...options.filters };
    const now = options.now ?? new Date();
    if (hints.caseNumbers.length > 0) return caseLookup(served, { query, mode: 'case', filters, offset }, hints, limit);
    // `punkt 3` where items are numbered 3.1, 3.2 …: words to search, not an item to look up.
    if (hints.itemNumber !== undefined && hints.itemText !== undefined && !lookupMaps(served.index).numberItems.has(hints.itemNumber)) {
      hints.text = `${hints.text} ${hints.itemText}`.trim();
      delete hints.itemNumber;
    }
    if (hints.itemNumber !== undefined) return itemLookup(served, { query, mode: 'item', filters, offset }, hints, limit, now);
    const place: AnswerPlace = { query, mode: 'search', filters, offset };
    return topicSearch(served, place, query, hints, limit, now);
  }
}

/** A meeting as lists of meetings show it, without its items. */
export function summaryOf(m: Meeting): MeetingSummary {
  return { id: m.id, committee: m.committee, meetingDate: m.meetingDate, kind: m.kind, ...(m.publisher ? { publisher: m.publisher } : {}), itemCount: m.items.length };
}

/** What answering needs per index besides the index, made before it serves. */
function prepare(index: SearchIndex): void {
  prepareSearch(index);
  rankingContext(index);
  lookupMaps(index);
}

/**
 * An engine over an index built in memory (evaluation with distractors, benchmarks); `reload()`
 * re-reads `options.corpusDir` like an opened engine. `data` defaults to no synonyms, glossary or
 * calendar; a `Synonyms` alone is taken as the synonyms.
 */
export function engineFromIndex(index: SearchIndex, data: Partial<AnswerData> | Synonyms, options: EngineOptions): AnswerEngine {
  const full = data instanceof Synonyms ? { ...emptyAnswerData(), synonyms: data } : { ...emptyAnswerData(), ...data };
  prepare(index);
  return new Engine(index, full, options);
}

/**
 * Opens the answer engine on a corpus folder: loads the persisted index from `dataDir` when it
 * matches the corpus, else parses the corpus and saves a new one; reads the synonyms, glossary
 * and calendar beside it.
 *
 * @example
 * const engine = await openEngine({ corpusDir: 'corpus', dataDir: 'data' });
 * (await engine.ask('fysioterapi')).results[0]?.item.number; // '3.6'
 */
export async function openEngine(options: EngineOptions): Promise<AnswerEngine & { report: ReloadReport }> {
  const { index, skipped, rebuilt } = await loadOrBuildIndex(options.corpusDir, options.dataDir, options.rebuild ?? false, options.logger);
  const engine = new Engine(index, await loadAnswerData(options.corpusDir), options);
  prepare(index);
  engine.report = { meetings: index.meetings.length, items: index.itemCount, skipped, rebuilt };
  for (const s of skipped) options.logger?.warn({ file: s.file }, `corpus file skipped: ${s.file}: ${s.reason}`);
  return engine;
}
