import { invalidAnswer, SUGGESTIONS } from './answer-builders.js';
import type { Answer, AskOptions } from './types.js';

/** Longer than any chat message a person types; longer input is refused with an explanation. */
export const MAX_QUESTION_LENGTH = 2000;
/** Results per answer unless asked otherwise: the answer and three "also relevant". */
export const DEFAULT_LIMIT = 4;
/** Results per answer at most, whatever is asked. */
export const MAX_LIMIT = 50;

/** A question ready to answer, or the answer that says why it cannot be. */
export type QuestionInput = { ok: true; query: string; limit: number; offset: number } | { ok: false; answer: Answer };

/**
 * What every engine checks before it looks anything up: the question with its spacing tidied, not
 * empty and not too long, and the page asked for within bounds.
 */
export function readQuestion(question: string, options: AskOptions): QuestionInput {
  const query = (question ?? '').replace(/\s+/g, ' ').trim();
  const limit = Math.max(1, Math.min(options.limit ?? DEFAULT_LIMIT, MAX_LIMIT));
  const offset = Math.max(0, options.offset ?? 0);
  if (query === '') return { ok: false, answer: invalidAnswer(query, 'Skriv et spørgsmål, et emne eller et sagsnummer, fx "fysioterapi" eller "SAG-2025-01103".', SUGGESTIONS) };
  if (query.length > MAX_QUESTION_LENGTH) {
    return { ok: false, answer: invalidAnswer(query.slice(0, 100), `Spørgsmålet er for langt (${query.length} tegn; højst ${MAX_QUESTION_LENGTH}). Skriv det kortere, fx de vigtigste ord.`) };
  }
  return { ok: true, query, limit, offset };
}

/** The options of `askWithin`: up to MAX_LIMIT results from `itemIds` only. */
export function withinOptions(itemIds: ReadonlySet<string>, options: AskOptions): AskOptions {
  return { limit: MAX_LIMIT, ...options, filters: { ...options.filters, itemIds } };
}

/** The answer of `askWithin` without its restriction: how the watch asked, not a filter to show or to ask with again. */
export function withoutRestriction(answer: Answer): Answer {
  const { itemIds: _restricted, ...filters } = answer.filters;
  return { ...answer, filters };
}
