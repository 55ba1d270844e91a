import type { Answer, Hit, SnippetPart } from '../../answer/types.js';
import {
  bold,
  card,
  escapeText,
  fitCard,
  markdownBlock,
  openUrl,
  safeUrl,
  textBlock,
  truncate,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
} from './card.js';
import { moreResults, showItem, submit } from './card-actions.js';
import { danishDate, meetingLine } from './format.js';
import { quoteQuestion } from '../../answer/quote.js';

/** Character budgets per shrink level; level 0 is what a reader wants, later levels make the card fit. */
const RECOMMENDATION_CHARS = [900, 600, 400, 250, 120];
const SNIPPET_CHARS = [600, 400, 300, 200, 120];
const TITLE_CHARS = [300, 200, 150, 120, 100];
const LIST_RECOMMENDATION_CHARS = [280, 200, 120, 60, 0];
const LIST_MAX = [50, 30, 15, 8, 4];
const LEVELS = RECOMMENDATION_CHARS.length;

/**
 * Renders an answer as one Adaptive Card: the best item (title, meeting, recommendation, the
 * sentence that answers, bold where the question matched), earlier mentions of the topic, the
 * other results, and buttons to open the material, show the whole item and get more results.
 * Case-number answers and later pages are a list. Pure: the same answer gives the same card.
 *
 * @example
 * const attachment = CardFactory.adaptiveCard(renderAnswer(engine.ask('fysioterapi')));
 */
export function renderAnswer(answer: Answer): AdaptiveCard {
  if (answer.status === 'invalid') {
    return card([textBlock(answer.message ?? 'Jeg kunne ikke bruge spørgsmålet. Skriv et ord eller en sætning om det, du leder efter.')]);
  }
  if (answer.status === 'not-found' || answer.results.length === 0) return renderNotFound(answer);
  if (answer.mode === 'case' || answer.offset > 0) return fitCard((level) => renderList(answer, level), LEVELS);
  return fitCard((level) => renderBest(answer, level), LEVELS);
}

function renderNotFound(answer: Answer): AdaptiveCard {
  const body: CardElement[] = [
    textBlock(answer.message ?? `Jeg fandt ikke noget punkt, der svarer på »${quoteQuestion(answer.query)}«.`),
  ];
  if (answer.suggestions.length > 0) {
    body.push(textBlock('Prøv fx:', { weight: 'Bolder', spacing: 'Medium' }));
    body.push(markdownBlock(answer.suggestions.slice(0, 6).map((s) => `- ${escapeText(truncate(s, 200).text)}`).join('\n')));
  }
  if (!answer.suggestions.some((s) => /hj[æa]lp/i.test(s))) {
    body.push(textBlock('Skriv »hjælp« for at se, hvordan du kan spørge.', { isSubtle: true, size: 'Small', spacing: 'Medium' }));
  }
  return card(body);
}

/** Snippet with the matched words in bold. */
export function snippetMarkdown(parts: readonly SnippetPart[], maxChars: number): string {
  let used = 0;
  let out = '';
  for (const part of parts) {
    if (used >= maxChars) break;
    const room = maxChars - used;
    const { text, truncated } = part.text.length > room ? truncate(part.text, room) : { text: part.text, truncated: false };
    out += part.match ? bold(text) : escapeText(text);
    used += part.text.length;
    if (truncated) break;
  }
  if (used > maxChars && !out.endsWith('…')) out += '…';
  return out.replace(/\s+/g, ' ').trim();
}

function renderBest(answer: Answer, level: number): AdaptiveCard {
  const best = answer.results[0]!;
  const item = best.item;
  const body: CardElement[] = [];
  let truncated = false;

  if (answer.message) body.push(textBlock(answer.message, { isSubtle: true, size: 'Small' }));
  if (answer.mode === 'item') body.push(textBlock(`Punkt ${item.number}`, { isSubtle: true, size: 'Small', spacing: 'None' }));

  const title = truncate(item.title, TITLE_CHARS[level]!);
  body.push(textBlock(title.text, { weight: 'Bolder', size: 'Medium' }));
  body.push(textBlock(meetingLine(item) + (item.caseNumber ? ` · ${truncate(item.caseNumber, 40).text}` : ''), { isSubtle: true, spacing: 'None' }));

  if (item.recommendation.trim() !== '') {
    const rec = truncate(item.recommendation, RECOMMENDATION_CHARS[level]!);
    truncated ||= rec.truncated;
    body.push(textBlock('Indstilling', { weight: 'Bolder', spacing: 'Medium' }));
    body.push(textBlock(rec.text, { spacing: 'Small' }));
  }

  const snippet = best.snippetParts.length > 0 ? best.snippetParts : [{ text: best.snippet, match: false }];
  if (snippet.some((p) => p.text.trim() !== '') && best.snippet.trim() !== item.recommendation.trim()) {
    body.push(textBlock('Svar i teksten', { weight: 'Bolder', spacing: 'Medium' }));
    body.push(markdownBlock(snippetMarkdown(snippet, SNIPPET_CHARS[level]!), { spacing: 'Small' }));
  }

  if (best.earlier.length > 0) {
    const lines = best.earlier
      .slice(0, 3)
      .map((e) => `- ${escapeText(`${e.committee} ${danishDate(e.meetingDate)}, punkt ${e.number}: ${truncate(e.title, 120).text}`)}`);
    body.push(textBlock('Også behandlet', { weight: 'Bolder', spacing: 'Medium' }));
    body.push(markdownBlock(lines.join('\n'), { spacing: 'Small' }));
  }

  const others = answer.results.slice(1, 1 + LIST_MAX[level]!);
  if (others.length > 0) {
    body.push(textBlock('Også relevant', { weight: 'Bolder', spacing: 'Medium', separator: true }));
    for (const hit of others) body.push(listEntry(hit, 0, TITLE_CHARS[level]!));
    truncated ||= others.length < answer.results.length - 1;
  }

  if (truncated && safeUrl(best.link ?? item.link)) {
    body.push(textBlock('Teksten er afkortet: åbn materialet for at læse det hele.', { isSubtle: true, size: 'Small', spacing: 'Medium' }));
  }

  const actions: CardAction[] = [];
  const link = safeUrl(best.link ?? item.link);
  if (link) actions.push(openUrl('Åbn materialet', link));
  actions.push(submit('Vis hele punktet', showItem(item.id)));
  if (answer.hasMore) actions.push(submit('Flere resultater', moreResults(answer.query, answer.offset + answer.results.length)));
  return card(body, actions);
}

function renderList(answer: Answer, level: number): AdaptiveCard {
  const body: CardElement[] = [];
  const first = answer.offset + 1;
  const last = answer.offset + answer.results.length;
  const heading =
    answer.mode === 'case'
      ? `Sag ${truncate(answer.results[0]!.item.caseNumber, 40).text || quoteQuestion(answer.query)}: ${answer.results.length === 1 ? 'ét punkt' : `${answer.results.length} punkter`}`
      : `Flere resultater for »${quoteQuestion(answer.query)}« (${first}–${last})`;
  body.push(textBlock(heading, { weight: 'Bolder', size: 'Medium' }));
  if (answer.message) body.push(textBlock(answer.message, { isSubtle: true, size: 'Small', spacing: 'None' }));
  body.push(textBlock('Tryk på et punkt for at se det hele.', { isSubtle: true, size: 'Small', spacing: 'None' }));

  const shown = answer.results.slice(0, LIST_MAX[level]!);
  for (const hit of shown) body.push(listEntry(hit, LIST_RECOMMENDATION_CHARS[level]!, TITLE_CHARS[level]!));
  if (shown.length < answer.results.length) {
    body.push(textBlock(`… og ${answer.results.length - shown.length} punkter mere, som ikke kan være i én besked.`, { isSubtle: true, size: 'Small' }));
  }

  const actions: CardAction[] = [];
  if (answer.hasMore) actions.push(submit('Flere resultater', moreResults(answer.query, answer.offset + answer.results.length)));
  return card(body, actions);
}

/** One result as a tappable block: number and title, where and when, optionally the start of the recommendation. */
function listEntry(hit: Hit, recommendationChars: number, titleChars: number): CardElement {
  const item = hit.item;
  const items: CardElement[] = [
    markdownBlock(`${bold(item.number)} ${escapeText(truncate(item.title, titleChars).text)}`, { spacing: 'None' }),
    textBlock(`${item.committee} · ${danishDate(item.meetingDate)}`, { isSubtle: true, size: 'Small', spacing: 'None' }),
  ];
  if (recommendationChars > 0 && item.recommendation.trim() !== '') {
    items.push(textBlock(truncate(item.recommendation, recommendationChars).text.replace(/\s+/g, ' '), { size: 'Small', spacing: 'None' }));
  }
  return {
    type: 'Container',
    spacing: 'Medium',
    items,
    selectAction: submit('Vis hele punktet', showItem(item.id)),
  };
}
