import type { Answer, Hit } from './types.js';
import { danishDate as formatDanishDate } from './present.js';
import { HELP_EXAMPLES, HELP_INTRO, HELP_TITLE } from './help.js';
import { itemHeadline, meetingLine, UNSTRUCTURED_NOTE } from './present.js';
import { LABEL } from './texts.js';

/**
 * Plain-text rendering of an answer, for the terminal chat and `npm run ask`. `emphasis` wraps
 * words that matched the question (bold on a terminal, nothing when piped).
 */
export function renderAnswerText(answer: Answer, emphasis: (s: string) => string = (s) => s): string {
  if (answer.status !== 'found') {
    const lines = [answer.message ?? 'Intet fundet.'];
    for (const s of answer.suggestions) lines.push(`  • ${s}`);
    return lines.join('\n');
  }
  const [best, ...others] = answer.results;
  const lines: string[] = [];
  if (answer.mode === 'case' && answer.offset === 0) lines.push(answer.hasMore ? 'Punkter på sagen (skriv "mere" for resten):' : `${answer.results.length} punkt(er) på sagen:`);
  // A note on the answer: what the corpus lacks, or when the next meeting is.
  if (answer.message) lines.push(answer.message, '');
  if (best) lines.push(...renderHit(best, emphasis, answer.mode === 'search'));
  if (others.length > 0) {
    lines.push('', answer.mode === 'search' ? `${LABEL.alsoRelevant}:` : 'Flere punkter:');
    for (const h of others) lines.push(`  • ${itemHeadline(h.item)} (${h.item.committee}, ${formatDanishDate(h.item.meetingDate)})${h.link ? ` ${h.link}` : ''}`);
  }
  if (answer.hasMore) lines.push('', 'Der er flere resultater.');
  return lines.join('\n');
}

function renderHit(hit: Hit, emphasis: (s: string) => string, withSnippet: boolean): string[] {
  const { item } = hit;
  const lines = [itemHeadline(item), `${meetingLine(item)}${item.caseNumber ? ` · ${item.caseNumber}` : ''}`];
  if (item.unstructured) lines.push(UNSTRUCTURED_NOTE);
  if (item.recommendation) lines.push('', `${LABEL.recommendation}: ${item.recommendation}`);
  if (item.decision) lines.push('', `${LABEL.decision}: ${item.decision}`);
  if (withSnippet && hit.snippet && hit.snippet !== item.recommendation && hit.snippet !== item.decision) {
    lines.push('', `Svar: ${hit.snippetParts.map((p) => (p.match ? emphasis(p.text) : p.text)).join('')}`);
  }
  if (hit.link) lines.push('', `Materiale: ${hit.link}`);
  if (hit.earlier.length > 0) {
    lines.push('', 'Også på tidligere dagsordener:');
    for (const e of hit.earlier) lines.push(`  • ${formatDanishDate(e.meetingDate)}, ${e.committee}: ${itemHeadline(e)}${e.link ? ` ${e.link}` : ''}`);
  }
  return lines;
}

export function renderHelpText(): string {
  return [HELP_TITLE, '', HELP_INTRO, '', ...HELP_EXAMPLES.map((e) => `  ${e.question}\n      ${e.explains}`)].join('\n');
}
