import { quoteQuestion } from './quote.js';
import type { AgendaItem, Meeting } from '../corpus/types.js';
import { caseKey } from '../corpus/case-numbers.js';
import type { SearchIndex } from '../search/search-index.js';
import type { QueryHints } from '../search/query-hints.js';
import { analyzeQuery } from '../search/query.js';
import { searchItems } from '../search/searcher.js';
import { rankingContext } from '../search/ranking-context.js';
import { ANSWER } from '../search/ranking-parameters.js';
import type { Answer, AnswerFilters } from './types.js';
import type { Served } from './served.js';
import { pageAnswer, type AnswerPlace } from './answer-builders.js';
import { pointedMeetings } from './scope.js';

/**
 * Exact look-ups: every item of a case number, an item by its number. They need no ranking, only
 * maps from numbers to items, made once per index.
 */
export interface LookupMaps {
  /** Items by case number (`caseKey`), in index order. */
  caseItems: Map<string, number[]>;
  /** Items by item number, newest meeting first. */
  numberItems: Map<string, number[]>;
  /** The meetings by date (stable: equal dates keep the index's order). */
  meetingsByDate: Meeting[];
  /** The committees the corpus holds. */
  committees: Set<string>;
}

const maps = new WeakMap<SearchIndex, LookupMaps>();
const meetingMaps = new WeakMap<readonly Meeting[], Pick<LookupMaps, 'meetingsByDate' | 'committees'>>();

/**
 * Scope reads every meeting of the corpus, also when an index holds only a question's candidates;
 * those share one list of meetings, sorted once for all of them.
 */
function corpusMeetingMaps(meetings: readonly Meeting[]): Pick<LookupMaps, 'meetingsByDate' | 'committees'> {
  let m = meetingMaps.get(meetings);
  if (!m) {
    m = { meetingsByDate: [...meetings].sort((a, b) => a.meetingDate.localeCompare(b.meetingDate)), committees: new Set(meetings.map((meeting) => meeting.committee)) };
    meetingMaps.set(meetings, m);
  }
  return m;
}

/** The look-up maps of an index, made on first use and kept with it. */
export function lookupMaps(index: SearchIndex): LookupMaps {
  let m = maps.get(index);
  if (!m) {
    const caseItems = new Map<string, number[]>();
    const numberItems = new Map<string, number[]>();
    const add = (map: Map<string, number[]>, key: string, i: number) => {
      const list = map.get(key);
      if (list) list.push(i);
      else map.set(key, [i]);
    };
    index.items.forEach((item, i) => {
      if (item.caseNumber) add(caseItems, caseKey(item.caseNumber), i);
      if (item.number) add(numberItems, item.number, i);
    });
    const newestFirst = (a: number, b: number) => index.items[b]!.meetingDate.localeCompare(index.items[a]!.meetingDate);
    for (const list of numberItems.values()) list.sort(newestFirst);
    m = { caseItems, numberItems, ...corpusMeetingMaps(index.corpusMeetings) };
    maps.set(index, m);
  }
  return m;
}

export function inRange(date: string, from?: string, to?: string): boolean {
  return (from === undefined || date >= from) && (to === undefined || date <= to);
}

/** Whether an item passes the caller's filters. */
export function passes(item: AgendaItem, filters: AnswerFilters): boolean {
  return (
    (filters.committee === undefined || item.committee === filters.committee) &&
    inRange(item.meetingDate, filters.dateFrom, filters.dateTo) &&
    (filters.itemIds === undefined || filters.itemIds.has(item.id))
  );
}

function compareAgendaOrder(a: AgendaItem, b: AgendaItem): number {
  if (a.meetingDate !== b.meetingDate) return a.meetingDate.localeCompare(b.meetingDate);
  if (a.committee !== b.committee) return a.committee.localeCompare(b.committee);
  return a.position - b.position;
}

/**
 * Real agendas give every item of a meeting the meeting's case number, so a pasted case number
 * alone lists the whole agenda in order; words next to it (`SAG-2025-01103 fysioterapi`) say
 * which items are meant, and those come first, best match first. Words that every item matches
 * (`hvad indstilles der i SAG-…`) pick nothing, and the agenda order stays.
 */
function byTopic(served: Served, items: AgendaItem[], text: string): AgendaItem[] {
  if (items.length < 2 || text.trim() === '') return items;
  const index = served.index;
  const allowed = new Set(items.map((item) => index.itemIndex.get(item.id)!));
  const ranked = searchItems(index, analyzeQuery(text, index, served), { filter: (i) => allowed.has(i) }).filter((r) => r.coverage >= ANSWER.minCoverage);
  if (ranked.length === 0 || ranked.length === items.length) return items;
  const first = ranked.map((r) => index.items[r.itemIndex]!);
  const chosen = new Set(first);
  return [...first, ...items.filter((item) => !chosen.has(item))];
}

/** Every item filed under the question's case numbers, in agenda order (or the named item, or those about its words, first). */
export function caseLookup(served: Served, place: AnswerPlace, hints: QueryHints, limit: number): Answer {
  const { caseItems } = lookupMaps(served.index);
  const found = new Set(hints.caseNumbers.flatMap((c) => caseItems.get(c) ?? []));
  let items = [...found].map((i) => served.index.items[i]!).filter((i) => passes(i, place.filters)).sort(compareAgendaOrder);
  if (hints.itemNumber !== undefined) {
    const first = items.filter((i) => i.number === hints.itemNumber);
    items = [...first, ...items.filter((i) => i.number !== hints.itemNumber)];
  } else items = byTopic(served, items, hints.text);
  const label = hints.caseNumbers.join(', ');
  // A case lists all its items on one page unless an item was named.
  const pageSize = hints.itemNumber ? limit : Math.max(limit, 50);
  return pageAnswer(place, items, pageSize, `Der er ingen punkter med sagsnummer ${quoteQuestion(label)} i materialet. Tjek nummeret, eller søg på emnet i stedet.`);
}

/** The items with the question's item number, newest meeting first, of the meeting it names when it names one. */
export function itemLookup(served: Served, place: AnswerPlace, hints: QueryHints, limit: number, now: Date): Answer {
  const meetings = pointedMeetings(served, hints, now, true);
  if ((hints.dateFrom !== undefined || hints.relative !== undefined) && meetings === undefined) {
    return pageAnswer(place, [], limit, `Jeg har ingen dagsorden fra ${hints.dateLabel ?? 'det møde'}${hints.committee ? ` for ${hints.committee}` : ''}.`);
  }
  const index = served.index;
  const { meetingKeys } = rankingContext(index);
  const items = (lookupMaps(index).numberItems.get(hints.itemNumber!) ?? [])
    .filter((i) => meetings === undefined || meetings.has(meetingKeys[i]!))
    .map((i) => index.items[i]!)
    .filter((i) => passes(i, place.filters) && (hints.committee === undefined || i.committee === hints.committee));
  return pageAnswer(place, items, limit, `Der er intet punkt ${hints.itemNumber} på de dagsordener, jeg kender${hints.dateLabel ? ` fra ${hints.dateLabel}` : ''}.`);
}

