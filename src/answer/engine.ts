import type { Logger } from 'pino';
import type { AgendaItem, Meeting } from '../corpus/types.js';
import type { Answer, AnswerEngine, AnswerFilters, AskOptions, EarlierMention, Hit, ReloadReport, Suggestion } from './types.js';
import { loadOrBuildIndex } from '../search/index-store.js';
import type { SearchIndex } from '../search/search-index.js';
import { Synonyms } from '../search/synonyms.js';
import { parseQueryHints, type QueryHints } from '../search/query-hints.js';
import { analyzeQuery, type QueryWord } from '../search/query.js';
import { prepareSearch, searchItems, type ItemBoost, type RankedItem } from '../search/searcher.js';
import { answerKind, bestSnippet, countedNoun, markSnippet, type AnswerKind } from './snippet.js';
import { reorderByEvidence } from './evidence-order.js';
import { analyzeText, analyzeToken } from '../search/analyzer.js';
import { groupNearDuplicates, isBriefingItem, isStandardItem, recencyFactor, STANDARD_ITEM_FACTOR, topicTerms } from '../search/meeting-ranking.js';
import { foldDanish } from '../search/fold.js';
import { formatDanishDate } from '../corpus/danish-dates.js';
import { caseKey } from '../corpus/case-numbers.js';
import { quoteQuestion } from './quote.js';

/** Longer than any chat message a person types; longer input is refused with an explanation. */
export const MAX_QUESTION_LENGTH = 2000;
/** Results per answer unless asked otherwise: the answer and three "also relevant". */
export const DEFAULT_LIMIT = 4;
/**
 * The best item must match at least this share of the question's weight (rare words weigh more)
 * to be presented as the answer; below it the bot says it found nothing good.
 */
export const MIN_COVERAGE = 0.3;
/** Score multiplier for items of the meeting the question points at (`juni 2024`, `næste møde`). */
export const MEETING_HINT_BOOST = 3;
export const COMMITTEE_HINT_BOOST = 1.3;
/** Score multiplier for items of a year named in the question, or about it (`… for 2026`). */
export const YEAR_HINT_BOOST = 1.3;
/** Earlier meetings listed under an answer whose topic recurs. */
export const MAX_EARLIER = 5;
/** How many of the best ranked items are grouped and can be paged through. */
export const GROUPED_HEAD = 300;

const SUGGESTIONS = [
  'Prøv med færre eller andre ord, fx et emne som "fysioterapi" eller "flygtninge".',
  'Søg på et sagsnummer, fx SAG-2025-01103, eller et punkt, fx "punkt 4.3 fra juni 2024".',
  'Skriv "hjælp" for flere eksempler.',
];

export interface EngineOptions {
  corpusDir: string;
  dataDir: string;
  logger?: Logger;
  /** Rebuild the index even when the persisted one is current. */
  rebuild?: boolean;
}

function compareAgendaOrder(a: AgendaItem, b: AgendaItem): number {
  if (a.meetingDate !== b.meetingDate) return a.meetingDate.localeCompare(b.meetingDate);
  if (a.committee !== b.committee) return a.committee.localeCompare(b.committee);
  return a.position - b.position;
}

/** A snippet-sized part of a long text, ending at a word. */
function shorten(text: string, max = 480): string {
  return text.length > max ? `${text.slice(0, max - 1).replace(/\s+\S*$/, '')} …` : text;
}

/** An item of a meeting in that year, or one whose title is about it (`Økonomiforhandlinger for 2026`). */
function aboutYear(item: AgendaItem, year: number): boolean {
  return item.meetingDate.startsWith(String(year)) || item.title.includes(String(year));
}

/** One meeting: a committee on a date (items and meetings both have the two). */
function meetingKey(x: { committee: string; meetingDate: string }): string {
  return `${x.committee}|${x.meetingDate}`;
}

function inRange(date: string, from?: string, to?: string): boolean {
  return (from === undefined || date >= from) && (to === undefined || date <= to);
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

class Engine implements AnswerEngine {
  /** What the last load or reload found. */
  report: ReloadReport = { meetings: 0, items: 0, skipped: [], rebuilt: false };

  constructor(
    private index: SearchIndex,
    private synonyms: Synonyms,
    private readonly options: EngineOptions,
  ) {}

  /** Replaces the index atomically: a question is answered entirely from one index. */
  swap(index: SearchIndex, synonyms: Synonyms): void {
    this.prepare(index);
    this.index = index;
    this.synonyms = synonyms;
  }

  /**
   * Builds what answering needs besides the index (per-item ranking data, look-up maps, the
   * scorer's arrays) before the index serves: ~0.2 s at 100,000 items that the first question
   * would otherwise wait for.
   */
  prepare(index: SearchIndex = this.index): void {
    prepareSearch(index);
    this.rankingContext(index);
  }

  meetings(): readonly Meeting[] {
    return this.index.meetings;
  }

  item(id: string): AgendaItem | undefined {
    const i = this.index.itemIndex.get(id);
    return i === undefined ? undefined : this.index.items[i];
  }

  /** Folded titles and case numbers per item, made on the first suggestion (autocomplete asks per keystroke). */
  private foldedCache?: { index: SearchIndex; titles: string[]; cases: string[] };

  private folded() {
    if (this.foldedCache?.index !== this.index) {
      const items = this.index.items;
      this.foldedCache = {
        index: this.index,
        titles: items.map((item) => foldDanish(item.title.toLowerCase())),
        cases: items.map((item) => foldDanish(item.caseNumber.toLowerCase())),
      };
    }
    return this.foldedCache;
  }

  suggest(partial: string, limit = 25): Suggestion[] {
    const needle = foldDanish(partial.toLowerCase().trim());
    const out: Suggestion[] = [];
    const seenCases = new Set<string>();
    const { titles, cases } = this.folded();
    const items = this.index.items;
    // Newest first: items are in meeting order.
    for (let i = items.length - 1; i >= 0 && out.length < limit; i--) {
      const item = items[i]!;
      if (item.caseNumber && !seenCases.has(item.caseNumber) && needle !== '' && cases[i]!.includes(needle)) {
        seenCases.add(item.caseNumber);
        out.push({ label: `${item.caseNumber} (${item.committee}, ${formatDanishDate(item.meetingDate)})`, value: item.caseNumber });
        continue;
      }
      if (needle === '' || titles[i]!.includes(needle)) {
        out.push({ label: `${item.number} ${item.title} (${formatDanishDate(item.meetingDate)})`, value: item.title });
      }
    }
    return out;
  }

  async reload(): Promise<ReloadReport> {
    const { index, skipped, rebuilt } = await loadOrBuildIndex(this.options.corpusDir, this.options.dataDir, false, this.options.logger);
    const synonyms = await Synonyms.load(this.options.corpusDir);
    this.swap(index, synonyms);
    this.report = { meetings: index.meetings.length, items: index.itemCount, skipped, rebuilt };
    return this.report;
  }

  /** Item ids a topic watch restricts the answer to (see `askWithin`); set only during that call. */
  private within: ReadonlySet<string> | undefined;

  askWithin(question: string, itemIds: ReadonlySet<string>, options: AskOptions = {}): Answer {
    this.within = itemIds;
    try {
      return this.ask(question, { limit: 50, ...options });
    } finally {
      this.within = undefined;
    }
  }

  ask(question: string, options: AskOptions = {}): Answer {
    const query = (question ?? '').replace(/\s+/g, ' ').trim();
    const limit = Math.max(1, Math.min(options.limit ?? DEFAULT_LIMIT, 50));
    const offset = Math.max(0, options.offset ?? 0);
    const base = { query, offset, suggestions: [] as string[], results: [] as Hit[], hasMore: false };
    if (query === '') {
      return { ...base, status: 'invalid', mode: 'search', filters: {}, message: 'Skriv et spørgsmål, et emne eller et sagsnummer, fx "fysioterapi" eller "SAG-2025-01103".', suggestions: SUGGESTIONS };
    }
    if (query.length > MAX_QUESTION_LENGTH) {
      return { ...base, query: query.slice(0, 100), status: 'invalid', mode: 'search', filters: {}, message: `Spørgsmålet er for langt (${query.length} tegn; højst ${MAX_QUESTION_LENGTH}). Skriv det kortere, fx de vigtigste ord.` };
    }
    const hints = parseQueryHints(query);
    const filters: AnswerFilters = { ...options.filters };
    const now = options.now ?? new Date();
    if (hints.caseNumbers.length > 0) return this.caseLookup(query, hints, filters, limit, offset);
    // `punkt 3` where items are numbered 3.1, 3.2 …: words to search, not an item to look up.
    if (hints.itemNumber !== undefined && hints.itemText !== undefined && !this.rankingContext().numberItems.has(hints.itemNumber)) {
      hints.text = `${hints.text} ${hints.itemText}`.trim();
      delete hints.itemNumber;
    }
    if (hints.itemNumber !== undefined) return this.itemLookup(query, hints, filters, limit, offset, now);
    return this.search(query, hints, filters, limit, offset, now);
  }

  private passes(item: AgendaItem, filters: AnswerFilters): boolean {
    return (
      (filters.committee === undefined || item.committee === filters.committee) &&
      inRange(item.meetingDate, filters.dateFrom, filters.dateTo) &&
      (this.within === undefined || this.within.has(item.id))
    );
  }

  private plainHit(item: AgendaItem, score: number): Hit {
    const text = item.decision || item.recommendation || item.background.split('\n\n')[0] || item.title;
    const snippet = shorten(text);
    return { item, snippet, snippetParts: [{ text: snippet, match: false }], ...(item.link ? { link: item.link } : {}), score, earlier: [] };
  }

  /** One page of look-up results; only the page's items become hits (a look-up can match thousands). */
  private page(query: string, mode: Answer['mode'], items: readonly AgendaItem[], filters: AnswerFilters, limit: number, offset: number, emptyMessage: string): Answer {
    const results = items.slice(offset, offset + limit).map((item, k) => this.plainHit(item, items.length - offset - k));
    if (items.length === 0) {
      return { query, status: 'not-found', mode, results: [], hasMore: false, offset, filters, message: emptyMessage, suggestions: SUGGESTIONS };
    }
    if (results.length === 0) {
      return { query, status: 'not-found', mode, results: [], hasMore: false, offset, filters, message: 'Der er ikke flere resultater.', suggestions: [] };
    }
    return { query, status: 'found', mode, results, hasMore: offset + limit < items.length, offset, filters, suggestions: [] };
  }

  private caseLookup(query: string, hints: QueryHints, filters: AnswerFilters, limit: number, offset: number): Answer {
    const { caseItems } = this.rankingContext();
    const found = new Set(hints.caseNumbers.flatMap((c) => caseItems.get(c) ?? []));
    let items = [...found].map((i) => this.index.items[i]!).filter((i) => this.passes(i, filters)).sort(compareAgendaOrder);
    if (hints.itemNumber !== undefined) {
      const first = items.filter((i) => i.number === hints.itemNumber);
      items = [...first, ...items.filter((i) => i.number !== hints.itemNumber)];
    } else items = this.byTopic(items, hints.text);
    const label = hints.caseNumbers.join(', ');
    return this.page(query, 'case', items, filters, Math.max(limit, hints.itemNumber ? limit : 50), offset, `Der er ingen punkter med sagsnummer ${quoteQuestion(label)} i materialet. Tjek nummeret, eller søg på emnet i stedet.`);
  }

  /**
   * Real agendas give every item of a meeting the meeting's case number, so a pasted case number
   * alone lists the whole agenda in order; words next to it (`SAG-2025-01103 fysioterapi`) say
   * which items are meant, and those come first, best match first. Words that every item matches
   * (`hvad indstilles der i SAG-…`) pick nothing, and the agenda order stays.
   */
  private byTopic(items: AgendaItem[], text: string): AgendaItem[] {
    if (items.length < 2 || text.trim() === '') return items;
    const index = this.index;
    const allowed = new Set(items.map((item) => index.itemIndex.get(item.id)!));
    const ranked = searchItems(index, analyzeQuery(text, index, this.synonyms), { filter: (i) => allowed.has(i) }).filter((r) => r.coverage >= MIN_COVERAGE);
    if (ranked.length === 0 || ranked.length === items.length) return items;
    const first = ranked.map((r) => index.items[r.itemIndex]!);
    const chosen = new Set(first);
    return [...first, ...items.filter((item) => !chosen.has(item))];
  }

  /** Meetings the question points at: a date or month, or the next/last meeting. */
  private hintedMeetings(hints: QueryHints, now: Date): Set<string> | undefined {
    if (hints.dateFrom === undefined && hints.relative === undefined) return undefined;
    const { meetingsByDate } = this.rankingContext();
    const meetings = hints.committee === undefined ? meetingsByDate : meetingsByDate.filter((m) => m.committee === hints.committee);
    if (hints.dateFrom !== undefined) {
      const keys = meetings.filter((m) => inRange(m.meetingDate, hints.dateFrom, hints.dateTo)).map((m) => meetingKey(m));
      return keys.length > 0 ? new Set(keys) : undefined;
    }
    const today = isoDay(now);
    let pick: Meeting | undefined;
    if (hints.relative === 'next') pick = meetings.find((m) => m.meetingDate >= today) ?? meetings[meetings.length - 1];
    else pick = meetings.findLast((m) => m.meetingDate <= today) ?? meetings[0];
    return pick ? new Set([meetingKey(pick)]) : undefined;
  }

  private itemLookup(query: string, hints: QueryHints, filters: AnswerFilters, limit: number, offset: number, now: Date): Answer {
    const meetings = this.hintedMeetings(hints, now);
    if ((hints.dateFrom !== undefined || hints.relative !== undefined) && meetings === undefined) {
      return { query, status: 'not-found', mode: 'item', results: [], hasMore: false, offset, filters, message: `Jeg har ingen dagsorden fra ${hints.dateLabel ?? 'det møde'}${hints.committee ? ` for ${hints.committee}` : ''}.`, suggestions: SUGGESTIONS };
    }
    const context = this.rankingContext();
    // Newest meeting first (the lists are kept in that order).
    const items = (context.numberItems.get(hints.itemNumber!) ?? [])
      .filter((i) => meetings === undefined || meetings.has(context.meetingKeys[i]!))
      .map((i) => this.index.items[i]!)
      .filter((i) => this.passes(i, filters) && (hints.committee === undefined || i.committee === hints.committee));
    return this.page(query, 'item', items, filters, limit, offset, `Der er intet punkt ${hints.itemNumber} på de dagsordener, jeg kender${hints.dateLabel ? ` fra ${hints.dateLabel}` : ''}.`);
  }

  /** What ranking and look-ups need per index besides the index: standard items, recency, meeting keys, look-up maps, topic terms. */
  private contextCache?: {
    index: SearchIndex;
    /** The distinct titles of standard items, as term sets. */
    standardTitles: Array<Set<string>>;
    /** Per item: index into `standardTitles`, or -1 for a topical item. */
    standardKind: Int32Array;
    recency: Float64Array;
    meetingKeys: string[];
    /** The meetings by date (stable: equal dates keep the index's order). */
    meetingsByDate: Meeting[];
    /** Items by case number, and by item number newest meeting first, for exact look-ups without a pass over every item. */
    caseItems: Map<string, number[]>;
    numberItems: Map<string, number[]>;
    topics: Map<number, Set<string>>;
  };

  private rankingContext(index: SearchIndex = this.index) {
    if (this.contextCache?.index !== index) {
      const standardTitles: Array<Set<string>> = [];
      const titleIndex = new Map<string, number>();
      const standardKind = new Int32Array(index.items.length).fill(-1);
      let newest = '';
      index.items.forEach((item, i) => {
        // *Siden sidst* holds real briefings (Movia, SOSU H, …), so only the empty standard items yield.
        if (isStandardItem(item) && !isBriefingItem(item)) {
          const key = item.title.trim().toLowerCase();
          let k = titleIndex.get(key);
          if (k === undefined) {
            k = standardTitles.push(new Set(analyzeText(item.title))) - 1;
            titleIndex.set(key, k);
          }
          standardKind[i] = k;
        }
        if (item.meetingDate > newest) newest = item.meetingDate;
      });
      const byDate = new Map<string, number>();
      const recency = Float64Array.from(index.items, (item) => {
        let factor = byDate.get(item.meetingDate);
        if (factor === undefined) byDate.set(item.meetingDate, (factor = recencyFactor(item.meetingDate, newest)));
        return factor;
      });
      const meetingKeys = index.items.map((item) => meetingKey(item));
      const caseItems = new Map<string, number[]>();
      const numberItems = new Map<string, number[]>();
      const add = (map: Map<string, number[]>, key: string, i: number) => {
        const list = map.get(key);
        if (list) list.push(i);
        else map.set(key, [i]);
      };
      index.items.forEach((item, i) => {
        if (item.caseNumber) add(caseItems, caseKey(item.caseNumber), i);
        add(numberItems, item.number, i);
      });
      const newestFirst = (a: number, b: number) => index.items[b]!.meetingDate.localeCompare(index.items[a]!.meetingDate);
      for (const list of numberItems.values()) list.sort(newestFirst);
      const meetingsByDate = [...index.meetings].sort((a, b) => a.meetingDate.localeCompare(b.meetingDate));
      this.contextCache = { index, standardTitles, standardKind, recency, meetingKeys, meetingsByDate, caseItems, numberItems, topics: new Map() };
    }
    return this.contextCache;
  }

  private search(query: string, hints: QueryHints, filters: AnswerFilters, limit: number, offset: number, now: Date): Answer {
    const index = this.index;
    const meetings = this.hintedMeetings(hints, now);
    // A date that picks a meeting says which meeting, not what about: it boosts that meeting and
    // is not searched as words. A date that picks none may be a fact in the text (`mødet den 19. april`).
    const text = meetings !== undefined && hints.dateText !== undefined ? hints.text.replace(hints.dateText, ' ') : hints.text;
    const analyzed = analyzeQuery(text, index, this.synonyms);
    const context = this.rankingContext();
    const queryTerms = new Set(analyzed.terms.keys());
    // Whether the question is about each kind of standard item, decided once, not per matched item.
    const askedAbout = context.standardTitles.map((title) => [...title].some((t) => queryTerms.has(t)));
    // For every matched item (tens of thousands in a large corpus): typed arrays first, and the
    // item object (a cache miss each) only when the question names a committee or a year.
    const boost: ItemBoost = (items, count, factors) => {
      for (let k = 0; k < count; k++) {
        const i = items[k]!;
        let factor = context.recency[i]!;
        if (meetings?.has(context.meetingKeys[i]!)) factor *= MEETING_HINT_BOOST;
        if (hints.committee !== undefined && index.items[i]!.committee === hints.committee) factor *= COMMITTEE_HINT_BOOST;
        if (hints.year !== undefined && aboutYear(index.items[i]!, hints.year)) factor *= YEAR_HINT_BOOST;
        const kind = context.standardKind[i]!;
        if (kind >= 0 && !askedAbout[kind]) factor *= STANDARD_ITEM_FACTOR;
        factors[k] = factor;
      }
    };
    const hardFilter = filters.committee !== undefined || filters.dateFrom !== undefined || filters.dateTo !== undefined || this.within !== undefined;
    const ranked = searchItems(index, analyzed, { boost, limit: GROUPED_HEAD, ...(hardFilter ? { filter: (i: number) => this.passes(index.items[i]!, filters) } : {}) });
    if (ranked.length === 0 || ranked[0]!.coverage < MIN_COVERAGE) {
      return { query, status: 'not-found', mode: 'search', results: [], hasMore: false, offset, filters, message: `Jeg fandt ikke noget punkt, der svarer godt på "${quoteQuestion(query)}".`, suggestions: SUGGESTIONS };
    }
    // Only the head of the ranking can be shown, so only it is grouped.
    const topics = context.topics;
    const termsOf = (i: number) => {
      let terms = topics.get(i);
      if (terms === undefined) {
        terms = topicTerms(index.items[i]!);
        topics.set(i, terms);
      }
      return terms;
    };
    // A date or month in the question, even one that names no meeting (`næste møde i september
    // 2024`), says which of the recurring items is meant, so the newest does not win by default; a
    const dated = meetings !== undefined || hints.dateFrom !== undefined;
    // committee or a year keeps the newest of that committee's, or of that year's.
    const committee = hints.committee;
    const eligible = committee !== undefined || hints.year !== undefined ? (i: number) => (committee === undefined || index.items[i]!.committee === committee) && (hints.year === undefined || aboutYear(index.items[i]!, hints.year)) : undefined;
    const groups = groupNearDuplicates(ranked.slice(0, GROUPED_HEAD), index.items, { preferNewest: !dated, ...(eligible ? { eligible } : {}), termsOf });
    reorderByEvidence(groups, (g) => index.items[g.best.itemIndex]!, analyzed.words, index.lexicon);
    // Also-relevant items must match a fair part of the question too; weak tails are noise.
    const relevant = groups.filter((g, i) => i === 0 || (g.best.coverage >= MIN_COVERAGE && g.score >= groups[0]!.score * 0.15));
    const kind = answerKind(query);
    const noun = countedNoun(query);
    const countTerms = noun ? new Set(analyzeToken(noun, index.lexicon)) : undefined;
    // Every agenda has a *Siden sidst*; an earlier one is not "the same topic on an earlier agenda".
    const earlierOf = (g: (typeof relevant)[number]) => (isStandardItem(index.items[g.best.itemIndex]!) ? [] : g.others.slice(0, MAX_EARLIER).map((r) => this.mention(r.itemIndex)));
    const hits = relevant.slice(offset, offset + limit).map((g) => ({ ...this.hit(g.best, analyzed.words, kind, countTerms), earlier: earlierOf(g) }));
    if (hits.length === 0) {
      return { query, status: 'not-found', mode: 'search', results: [], hasMore: false, offset, filters, message: 'Der er ikke flere resultater.', suggestions: [] };
    }
    return { query, status: 'found', mode: 'search', results: hits, hasMore: offset + limit < relevant.length, offset, filters, suggestions: [] };
  }

  private mention(itemIndex: number): EarlierMention {
    const item = this.index.items[itemIndex]!;
    return { id: item.id, committee: item.committee, meetingDate: item.meetingDate, number: item.number, title: item.title, ...(item.link ? { link: item.link } : {}) };
  }

  private hit(r: RankedItem, words: readonly QueryWord[], kind: AnswerKind, countTerms?: ReadonlySet<string>): Hit {
    const index = this.index;
    const item = index.items[r.itemIndex]!;
    const passage = r.bestPassage >= 0 ? index.passages[r.itemIndex]![r.bestPassage] : undefined;
    // A question about what was decided is answered by the decision, when the minutes give one.
    const snippet =
      kind === 'decision' && item.decision
        ? { text: shorten(item.decision), parts: markSnippet(shorten(item.decision), words, index.lexicon) }
        : bestSnippet({ item, words, lexicon: index.lexicon, kind, ...(countTerms ? { countTerms } : {}), ...(passage ? { bestPassage: passage } : {}) });
    return { item, snippet: snippet.text, snippetParts: snippet.parts, ...(item.link ? { link: item.link } : {}), score: Math.round(r.score * 1000) / 1000, earlier: [] };
  }
}

/**
 * An engine over an index built in memory (evaluation with synthetic distractors, benchmarks);
 * `reload()` re-reads `options.corpusDir` like an opened engine.
 */
export function engineFromIndex(index: SearchIndex, synonyms: Synonyms, options: EngineOptions): AnswerEngine {
  return new Engine(index, synonyms, options);
}

/**
 * Opens the answer engine on a corpus folder: loads the persisted index from `dataDir` when it
 * matches the corpus, else parses the corpus and saves a new one.
 *
 * @example
 * const engine = await openEngine({ corpusDir: 'corpus', dataDir: 'data' });
 * engine.ask('fysioterapi').results[0]?.item.number; // '3.6'
 */
export async function openEngine(options: EngineOptions): Promise<AnswerEngine & { report: ReloadReport }> {
  const { index, skipped, rebuilt } = await loadOrBuildIndex(options.corpusDir, options.dataDir, options.rebuild ?? false, options.logger);
  const synonyms = await Synonyms.load(options.corpusDir);
  const engine = new Engine(index, synonyms, options);
  engine.prepare();
  engine.report = { meetings: index.meetings.length, items: index.itemCount, skipped, rebuilt };
  for (const s of skipped) options.logger?.warn({ file: s.file }, `corpus file skipped: ${s.file}: ${s.reason}`);
  return engine;
}

