import type { AgendaItem } from '../corpus/types.js';
import type { AnalyzedQuery } from '../search/query.js';
import { matchedTerm, searchItems, searchTerms, type ItemBoost, type RankedItem } from '../search/searcher.js';
import { groupNearDuplicates, type HitGroup } from '../search/meeting-ranking.js';
import type { RankingContext } from '../search/ranking-context.js';
import { ANSWER, MEETINGS } from '../search/ranking-parameters.js';
import { reorderByEvidence } from './evidence-order.js';

/**
 * How a free-text question's items are ranked, stage by stage. Every number the stages use is in
 * `search/ranking-parameters.ts`.
 *
 * 1. `itemBoost`: per matched item, a factor for recency, for the meeting, committee or year the
 *    question names, and for standard items the question is not about.
 * 2. `retrieveItems`: BM25+ over item and passage documents, summed per item, times how much of
 *    the question the item covers, times the boost; the best `ANSWER.groupedHead` items.
 * 3. `isAnswered`: the best item must cover enough of the question, or nothing is shown.
 * 4. `groupTopics`: near-duplicate items of different meetings become one topic, answered by the
 *    newest member that matches about as well as the best (unless the question names a date).
 * 5. `orderByEvidence`: the best topics re-ordered by how much of the question their best sentence holds.
 * 6. `keepRelevant`: the "also relevant" topics must cover and score a fair part of what the answer does.
 */

/** What the question says besides its words, as the stages need it. */
export interface RankingRequest {
  query: AnalyzedQuery;
  /** Keys (`meetingKey`) of the meetings the question points at. */
  meetings?: ReadonlySet<string>;
  /** A committee the question names (and the corpus holds). */
  committee?: string;
  /** A year the question names. */
  year?: number;
  /** The year is what items are about (`aftalen for 2025`): meetings held in it are not meant. */
  aboutYear?: boolean;
  /**
   * Terms of a time the question names as a fact of the text (`i januar 2024` → `2024`): among
   * near-duplicates, the newest that mentions it answers.
   */
  timeTerms?: readonly string[];
  /**
   * The question names a date or month, even one no meeting has (`næste møde i september
   * 2024`): it says which of the recurring items is meant, so the newest does not win by default.
   */
  dated: boolean;
  /** Only these items (the caller's filters). */
  filter?: (itemIndex: number) => boolean;
}

/**
 * An item of a meeting in that year, or one whose title is about it (`Økonomiforhandlinger for
 * 2026`); only the latter when `onlyAbout` (the question asks `for 2025`).
 */
export function aboutYear(item: AgendaItem, year: number, onlyAbout = false): boolean {
  return (!onlyAbout && item.meetingDate.startsWith(String(year))) || item.title.includes(String(year));
}

/** Stage 1: the score factor of every matched item. */
export function itemBoost(context: RankingContext, request: RankingRequest): ItemBoost {
  const items = context.index.items;
  const queryTerms = new Set(request.query.terms.keys());
  // Whether the question is about each kind of standard item, decided once, not per matched item.
  const askedAbout = context.standardTitles.map((title) => [...title].some((t) => queryTerms.has(t)));
  const { meetings, committee, year } = request;
  const recency = context.recency;
  // For every matched item (tens of thousands in a large corpus): typed arrays first, and the
  // item object (a cache miss each) only when the question names a committee or a year.
  return (matched, count, factors) => {
    for (let k = 0; k < count; k++) {
      const i = matched[k]!;
      let factor = recency[i]!;
      if (meetings?.has(context.meetingKeys[i]!)) factor *= MEETINGS.meetingHintBoost;
      if (committee !== undefined && items[i]!.committee === committee) factor *= MEETINGS.committeeHintBoost;
      if (year !== undefined && aboutYear(items[i]!, year, request.aboutYear)) factor *= MEETINGS.yearHintBoost;
      const kind = context.standardKind[i]!;
      if (kind >= 0 && !askedAbout[kind]) factor *= MEETINGS.standardItemFactor;
      factors[k] = factor;
    }
  };
}

/** Stage 2: the best items by BM25+, coverage and boost. */
export function retrieveItems(context: RankingContext, request: RankingRequest, boost?: ItemBoost): RankedItem[] {
  return searchItems(context.index, request.query, { limit: ANSWER.groupedHead, ...(boost ? { boost } : {}), ...(request.filter ? { filter: request.filter } : {}) });
}

/** Stage 3: whether the best item covers enough of the question to be shown at all. */
export function isAnswered(ranked: readonly RankedItem[]): boolean {
  return ranked.length > 0 && ranked[0]!.coverage >= ANSWER.minCoverage;
}

/** Stage 4: near-duplicates of different meetings grouped into topics. */
export function groupTopics(context: RankingContext, ranked: readonly RankedItem[], request: RankingRequest): HitGroup[] {
  const items = context.index.items;
  const { committee, year } = request;
  const terms = [...searchTerms(context.index, request.query).keys()];
  const mentions = (r: RankedItem, term: string) => matchedTerm(r, terms, term);
  const times = request.timeTerms ?? [];
  const meetings = request.meetings;
  // A meeting the question names answers with its own member of a recurring topic; a committee
  // keeps the newest of that committee's; a year the newest of that year's or about it; a time in
  // the text the newest that mentions it.
  const eligible =
    meetings !== undefined || committee !== undefined || year !== undefined || times.length > 0
      ? (r: RankedItem) =>
          (meetings === undefined || meetings.has(context.meetingKeys[r.itemIndex]!)) &&
          (committee === undefined || items[r.itemIndex]!.committee === committee) &&
          (year === undefined || aboutYear(items[r.itemIndex]!, year, request.aboutYear) || mentions(r, String(year))) &&
          times.every((t) => mentions(r, t))
      : undefined;
  // A date that names no meeting the corpus holds still says that the newest is not meant.
  const preferNewest = !request.dated || meetings !== undefined;
  return groupNearDuplicates(ranked, items, { preferNewest, ...(eligible ? { eligible } : {}), termsOf: (r) => context.groupingTermsOf(r.itemIndex, r.bestPassage), isStandard: (i) => context.standardItem[i]! > 0 });
}

/** Stage 5: the head re-ordered by evidence (in place). */
export function orderByEvidence(context: RankingContext, groups: HitGroup[], request: RankingRequest): void {
  reorderByEvidence(groups, (g) => context.index.items[g.best.itemIndex]!, request.query.words, context.index.lexicon);
}

/** Stage 6: the answer and the "also relevant" topics that match a fair part of the question too. */
export function keepRelevant(groups: readonly HitGroup[]): HitGroup[] {
  const top = groups[0]?.score ?? 0;
  return groups.filter((g, i) => i === 0 || (g.best.coverage >= ANSWER.minCoverage && g.score >= top * ANSWER.alsoRelevantShare));
}

/**
 * Ranks a question's topics through every stage: the answer first, then the also-relevant ones;
 * empty when nothing covers enough of the question.
 */
export function rankTopics(context: RankingContext, request: RankingRequest): HitGroup[] {
  const ranked = retrieveItems(context, request, itemBoost(context, request));
  if (!isAnswered(ranked)) return [];
  const groups = groupTopics(context, ranked, request);
  orderByEvidence(context, groups, request);
  return keepRelevant(groups);
}
