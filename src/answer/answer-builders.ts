import type { AgendaItem } from '../corpus/types.js';
import type { Answer, AnswerFilters, AnswerMode, EarlierMention, Hit } from './types.js';
import type { SearchIndex } from '../search/search-index.js';
import type { QueryWord } from '../search/query.js';
import type { RankedItem } from '../search/searcher.js';
import { SNIPPET } from '../search/ranking-parameters.js';
import { answerKind, asksAboutDecision, bestSnippet, markSnippet } from './snippet.js';
import { danishDate } from './present.js';
import { leadSentences } from './sentences.js';

/**
 * The shapes of an answer: invalid, nothing found, a page of look-up results, hits from a ranked
 * search. Every way of answering builds its `Answer` here, so the shapes stay the same.
 */

/** What to try when nothing was found. */
export const SUGGESTIONS = [
  'Prøv med færre eller andre ord, fx et emne som "fysioterapi" eller "flygtninge".',
  'Søg på et sagsnummer, fx SAG-2025-01103, eller et punkt, fx "punkt 4.3 fra juni 2024".',
  'Skriv "hjælp" for flere eksempler.',
];

/** Where an answer stands: the question, the page and the filters it was answered with. */
export interface AnswerPlace {
  query: string;
  mode: AnswerMode;
  filters: AnswerFilters;
  offset: number;
}

/** A question that could not be used (empty, too long). */
export function invalidAnswer(query: string, message: string, suggestions: string[] = []): Answer {
  return { query, status: 'invalid', mode: 'search', results: [], hasMore: false, offset: 0, filters: {}, message, suggestions };
}

/** Nothing (more) to show, and why. */
export function notFoundAnswer(place: AnswerPlace, message: string, suggestions: string[] = SUGGESTIONS): Answer {
  return { ...place, status: 'not-found', results: [], hasMore: false, message, suggestions };
}

/** Results to show; `message` is a note that goes with them (a scope the corpus lacks, a meeting whose date has passed). */
export function foundAnswer(place: AnswerPlace, results: Hit[], hasMore: boolean, message?: string): Answer {
  return { ...place, status: 'found', results, hasMore, suggestions: [], ...(message ? { message } : {}) };
}

/** An item shown without a question to answer (a look-up): its decision, recommendation or first paragraph. */
export function plainHit(item: AgendaItem, score: number): Hit {
  const text = item.decision || item.recommendation || item.background.split('\n\n')[0] || item.title;
  const snippet = leadSentences(text, SNIPPET.maxSnippet, SNIPPET.maxSentence) || item.title;
  return { item, snippet, snippetParts: [{ text: snippet, match: false }], ...(item.link ? { link: item.link } : {}), score, earlier: [] };
}

/** One page of look-up results; only the page's items become hits (a look-up can match thousands). */
export function pageAnswer(place: AnswerPlace, items: readonly AgendaItem[], limit: number, emptyMessage: string): Answer {
  if (items.length === 0) return notFoundAnswer(place, emptyMessage);
  const results = items.slice(place.offset, place.offset + limit).map((item, k) => plainHit(item, items.length - place.offset - k));
  if (results.length === 0) return notFoundAnswer(place, 'Der er ikke flere resultater.', []);
  return foundAnswer(place, results, place.offset + limit < items.length);
}

/** An earlier meeting where the same topic was on the agenda. */
export function mention(item: AgendaItem): EarlierMention {
  return { id: item.id, committee: item.committee, meetingDate: item.meetingDate, number: item.number, title: item.title, ...(item.link ? { link: item.link } : {}) };
}

/**
 * A ranked item as a hit: the unit that answers the question as its snippet, or, for a question
 * about what was decided, the decision when the minutes give one.
 */
export function rankedHit(index: SearchIndex, ranked: RankedItem, question: string, words: readonly QueryWord[]): Hit {
  const item = index.items[ranked.itemIndex]!;
  const passage = ranked.bestPassage >= 0 ? index.passages[ranked.itemIndex]![ranked.bestPassage] : undefined;
  let snippet: { text: string; parts: Hit['snippetParts'] };
  const kind = answerKind(question);
  if (kind === 'decision' && item.decision) {
    const text = leadSentences(item.decision, SNIPPET.maxSnippet, SNIPPET.maxSentence);
    snippet = { text, parts: markSnippet(text, words, index.lexicon) };
  } else if (kind === 'when' && item.decision && asksAboutDecision(question)) {
    // `hvornår blev … vedtaget?`: the minutes' decision was made at their meeting.
    const text = `Besluttet på mødet ${danishDate(item.meetingDate)}: ${leadSentences(item.decision, SNIPPET.maxSnippet - 40, SNIPPET.maxSentence)}`;
    snippet = { text, parts: markSnippet(text, words, index.lexicon) };
  } else {
    snippet = bestSnippet({ item, question, words, lexicon: index.lexicon, ...(passage ? { bestPassage: passage } : {}) });
  }
  return { item, snippet: snippet.text, snippetParts: snippet.parts, ...(item.link ? { link: item.link } : {}), score: Math.round(ranked.score * 1000) / 1000, earlier: [] };
}
