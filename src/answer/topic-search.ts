import { quoteQuestion } from './quote.js';
import type { QueryHints } from '../search/query-hints.js';
import { analyzeQuery } from '../search/query.js';
import { rankingContext } from '../search/ranking-context.js';
import { isStandardItem } from '../search/meeting-ranking.js';
import { ANSWER } from '../search/ranking-parameters.js';
import type { Answer, Hit } from './types.js';
import type { Served } from './served.js';
import { foundAnswer, mention, notFoundAnswer, rankedHit, type AnswerPlace } from './answer-builders.js';
import { passes } from './lookups.js';
import { rankTopics } from './ranking-pipeline.js';
import { missingNote, readScope } from './scope.js';

/**
 * A free-text question: where it asks to look (`scope.ts`), its topics ranked (`ranking-pipeline.ts`),
 * and each shown topic as a hit with the unit that answers (`snippet.ts`) and the earlier meetings
 * that had the same topic.
 */
export function topicSearch(served: Served, place: AnswerPlace, question: string, hints: QueryHints, limit: number, now: Date): Answer {
  const index = served.index;
  const scope = readScope(served, hints, now);
  const analyzed = analyzeQuery(scope.text, index, served);
  if (analyzed.words.length === 0 && scope.missing !== undefined) {
    const held = [...new Set(index.corpusMeetings.map((m) => m.committee))].sort();
    return notFoundAnswer(place, `${missingNote(scope.missing)} Jeg har dagsordener fra ${held.join(', ')}.`);
  }
  const { filters } = place;
  const hardFilter = filters.committee !== undefined || filters.dateFrom !== undefined || filters.dateTo !== undefined || filters.itemIds !== undefined;
  const topics = rankTopics(rankingContext(index), {
    query: analyzed,
    dated: scope.dated,
    ...(scope.meetings ? { meetings: scope.meetings } : {}),
    ...(scope.committee ? { committee: scope.committee } : {}),
    ...(scope.year !== undefined ? { year: scope.year, aboutYear: scope.aboutYear === true } : {}),
    ...(scope.timeTerms ? { timeTerms: scope.timeTerms } : {}),
    ...(hardFilter ? { filter: (i: number) => passes(index.items[i]!, filters) } : {}),
  });
  if (topics.length === 0) {
    const why = scope.missing !== undefined ? `${missingNote(scope.missing)} ` : '';
    return notFoundAnswer(place, `${why}Jeg fandt ikke noget punkt, der svarer godt på "${quoteQuestion(place.query)}".`);
  }
  // Every agenda has a *Siden sidst*; an earlier one is not "the same topic on an earlier agenda".
  const hits: Hit[] = topics.slice(place.offset, place.offset + limit).map((g) => {
    const hit = rankedHit(index, g.best, question, analyzed.words);
    const earlier = isStandardItem(hit.item) ? [] : g.others.slice(0, ANSWER.maxEarlier).map((r) => mention(index.items[r.itemIndex]!));
    return { ...hit, earlier };
  });
  if (hits.length === 0) return notFoundAnswer(place, 'Der er ikke flere resultater.', []);
  const first = index.items[topics[0]!.best.itemIndex]!;
  const note = [scope.missing !== undefined ? missingNote(scope.missing, first) : undefined, scope.note].filter((n) => n !== undefined).join(' ');
  return foundAnswer(place, hits, place.offset + limit < topics.length, note || undefined);
}

