import type { Answer } from './types.js';

/**
 * The JSON form of an answer that `npm run ask -- --json` prints and other tools read:
 * `{ query, status, mode, message?, results: [{ id, committee, meetingDate, number, title,
 * caseNumber, recommendation, snippet, link, score }] }`, best first.
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
      meetingDate: h.item.meetingDate,
      number: h.item.number,
      title: h.item.title,
      caseNumber: h.item.caseNumber,
      recommendation: h.item.recommendation,
      snippet: h.snippet,
      link: h.link ?? null,
      score: h.score,
    })),
  };
}
