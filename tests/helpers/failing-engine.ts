import type { AnswerEngine } from '../../src/answer/types.js';

/**
 * `engine` with every question failing as a broken index or database would make it fail (a
 * rejected promise with `message`); everything else answered by `engine` itself.
 */
export function failingQuestions(engine: AnswerEngine, message: string): AnswerEngine {
  return {
    ask: () => Promise.reject(new Error(message)),
    askWithin: (q, ids, o) => engine.askWithin(q, ids, o),
    item: (id) => engine.item(id),
    catalog: () => engine.catalog(),
    meetings: (filter) => engine.meetings(filter),
    suggest: (p, l) => engine.suggest(p, l),
    reload: () => engine.reload(),
  };
}
