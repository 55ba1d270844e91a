import type { Answer } from './types.js';

/**
 * The JSON form of an answer that `npm run ask -- --json` prints and other tools read:
 * `{ query, status, mode, message?, results: [{ id, committee, publisher, meetingDate, kind, number,
 * title, caseNumber, recommendation, decision, snippet, link, unstructured, score }] }`, best first.
 */
export function answerToJson(answer: Answer) {
  return {
    query: answer.query,
    status: answer.status,
    mode: answer.mode,
    ...(answer.message ? { message: answer.message } : {}),
    results: answer.results.map((h) => ({
      id: h.item.id,
      committee: h.item.committee,
      publisher: h.item.publisher ?? null,
      meetingDate: h.item.meetingDate,
      kind: h.item.kind,
      number: h.item.number,
      title: h.item.title,
      caseNumber: h.item.caseNumber,
      recommendation: h.item.recommendation,
      decision: h.item.decision,
      snippet: h.snippet,
      link: h.link ?? null,
      unstructured: h.item.unstructured === true,
      score: h.score,
    })),
  };
}
