import { danishDate, meetingLine, UNSTRUCTURED_NOTE } from '../../answer/present.js';
import {
  INVALID_QUESTION_TEXT,
  LABEL,
  TEXT_CUT_NOTE,
  earlierMention,
  filterNote,
  followUpNote,
  moreResultsHeading,
  notFoundText,
} from '../../answer/texts.js';
import type { Answer, Hit, SnippetPart } from '../../answer/types.js';
import type { AgendaItem } from '../../corpus/types.js';
import { bold, card, escapeText, markdownBlock, openUrl, safeUrl, textBlock, truncate, type AdaptiveCard, type CardAction, type CardElement } from './card.js';
import { feedback, moreResults, showItem, submit } from './card-actions.js';
import { fitCard } from './limits.js';

/** Character budgets per shrink level; level 0 is what a reader wants, later levels make the card fit. */
const RECOMMENDATION_CHARS = [900, 600, 400, 250, 120];
const DECISION_CHARS = [900, 600, 400, 250, 120];
const SNIPPET_CHARS = [600, 400, 300, 200, 120];
const TITLE_CHARS = [300, 200, 150, 120, 100];
const LIST_RECOMMENDATION_CHARS = [280, 200, 120, 60, 0];
const LIST_MAX = [50, 30, 15, 8, 4];
const LEVELS = RECOMMENDATION_CHARS.length;

export interface RenderOptions {
  /** 👍 and 👎 under a found answer (default true). */
  feedback?: boolean;
  /** How a thread follow-up was understood, noted above the answer. */
  followUp?: string;
}

/**
 * Renders an answer as one Adaptive Card: the best item (title, whose meeting, recommendation,
 * decision from the minutes, the sentence that answers, bold where the question matched), earlier
 * mentions of the topic, the other results, and buttons to open the material, show the whole item,
 * get more results and say whether it helped. Case-number answers and later pages are a list.
 * Pure: the same answer gives the same card.
 *
 * @example
 * const attachment = CardFactory.adaptiveCard(renderAnswer(await engine.ask('fysioterapi')));
 */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): AdaptiveCard {
  if (answer.status === 'invalid') return card([textBlock(answer.message ?? INVALID_QUESTION_TEXT)]);
  if (answer.status === 'not-found' || answer.results.length === 0) return renderNotFound(answer);
  if (answer.mode === 'case' || answer.offset > 0) return fitCard((level) => renderList(answer, level, options), LEVELS);
  return fitCard((level) => renderBest(answer, level, options), LEVELS);
}

function renderNotFound(answer: Answer): AdaptiveCard {
  const body: CardElement[] = [textBlock(answer.message ?? notFoundText(answer.query))];
  if (answer.suggestions.length > 0) {
    body.push(textBlock(`${LABEL.tryFor}:`, { weight: 'Bolder', spacing: 'Medium' }));
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

/** `KKR Hovedstaden, møde 11. april 2025 · punkt 3.6 · SAG-2025-01103`. */
export function metaLine(item: AgendaItem): string {
  return [truncate(meetingLine(item), 300).text, item.number ? `punkt ${truncate(item.number, 20).text}` : '', item.caseNumber ? truncate(item.caseNumber, 40).text : ''].filter((s) => s !== '').join(' · ');
}

/** The recommendation and, from minutes, the decision, each under its label and visibly cut when long. */
export function recommendationBlocks(item: AgendaItem, recommendationChars: number, decisionChars: number): { blocks: CardElement[]; truncated: boolean } {
  const blocks: CardElement[] = [];
  let truncated = false;
  if (item.recommendation.trim() !== '') {
    const rec = truncate(item.recommendation, recommendationChars);
    truncated ||= rec.truncated;
    blocks.push(textBlock(LABEL.recommendation, { weight: 'Bolder', spacing: 'Medium' }), textBlock(rec.text, { spacing: 'Small' }));
  }
  if (item.decision && item.decision.trim() !== '') {
    const decision = truncate(item.decision, decisionChars);
    truncated ||= decision.truncated;
    blocks.push(textBlock(LABEL.decision, { weight: 'Bolder', spacing: 'Medium' }), textBlock(decision.text, { spacing: 'Small' }));
  }
  return { blocks, truncated };
}

function feedbackActions(answer: Answer, options: RenderOptions): CardAction[] {
  if (options.feedback === false) return [];
  const id = answer.results[0]?.item.id;
  return [submit(LABEL.feedbackUp, feedback('up', answer.query, id)), submit(LABEL.feedbackDown, feedback('down', answer.query, id))];
}

/** Characters of each note above an answer; they can quote what the user typed. */
const NOTE_CHARS = 300;

function notes(answer: Answer, options: RenderOptions): CardElement[] {
  const out: CardElement[] = [];
  const note = (text: string, spacing: 'None' | 'Default') => textBlock(truncate(text, NOTE_CHARS).text, { isSubtle: true, size: 'Small', spacing });
  if (options.followUp) out.push(note(followUpNote(options.followUp), 'Default'));
  if (answer.filters.label) out.push(note(filterNote(answer.filters.label), 'None'));
  if (answer.message) out.push(note(answer.message, 'None'));
  return out;
}

function renderBest(answer: Answer, level: number, options: RenderOptions): AdaptiveCard {
  const best = answer.results[0]!;
  const item = best.item;
  const body: CardElement[] = [...notes(answer, options)];
  let truncated = false;

  const title = truncate(item.title, TITLE_CHARS[level]!);
  body.push(textBlock(title.text, { weight: 'Bolder', size: 'Medium' }));
  body.push(textBlock(metaLine(item), { isSubtle: true, spacing: 'None' }));
  if (item.unstructured) body.push(textBlock(UNSTRUCTURED_NOTE, { isSubtle: true, size: 'Small', spacing: 'Small' }));

  const rd = recommendationBlocks(item, RECOMMENDATION_CHARS[level]!, DECISION_CHARS[level]!);
  body.push(...rd.blocks);
  truncated ||= rd.truncated;

  const snippet = best.snippetParts.length > 0 ? best.snippetParts : [{ text: best.snippet, match: false }];
  const plain = best.snippet.trim();
  if (snippet.some((p) => p.text.trim() !== '') && !item.recommendation.includes(plain) && !(item.decision ?? '').includes(plain)) {
    body.push(textBlock('Svar i teksten', { weight: 'Bolder', spacing: 'Medium' }));
    body.push(markdownBlock(snippetMarkdown(snippet, SNIPPET_CHARS[level]!), { spacing: 'Small' }));
  }

  if (best.earlier.length > 0) {
    const lines = best.earlier.slice(0, 3).map((e) => `- ${escapeText(`${earlierMention(e)}: ${truncate(e.title, 120).text}`)}`);
    body.push(textBlock(LABEL.earlier, { weight: 'Bolder', spacing: 'Medium' }));
    body.push(markdownBlock(lines.join('\n'), { spacing: 'Small' }));
  }

  const others = answer.results.slice(1, 1 + LIST_MAX[level]!);
  if (others.length > 0) {
    body.push(textBlock(LABEL.alsoRelevant, { weight: 'Bolder', spacing: 'Medium', separator: true }));
    for (const hit of others) body.push(listEntry(hit, 0, TITLE_CHARS[level]!));
    truncated ||= others.length < answer.results.length - 1;
  }

  if (truncated && safeUrl(best.link ?? item.link)) body.push(textBlock(TEXT_CUT_NOTE, { isSubtle: true, size: 'Small', spacing: 'Medium' }));

  const actions: CardAction[] = [];
  const link = safeUrl(best.link ?? item.link);
  if (link) actions.push(openUrl(LABEL.openMaterial, link));
  actions.push(submit(LABEL.showItem, showItem(item.id)));
  if (answer.hasMore) actions.push(submit(LABEL.moreResults, moreResults(answer.query, answer.offset + answer.results.length, answer.filters)));
  actions.push(...feedbackActions(answer, options));
  return card(body, actions);
}

function renderList(answer: Answer, level: number, options: RenderOptions): AdaptiveCard {
  const body: CardElement[] = [...notes(answer, options)];
  const first = answer.offset + 1;
  const last = answer.offset + answer.results.length;
  const heading =
    answer.mode === 'case'
      ? `Sag ${truncate(answer.results[0]!.item.caseNumber, 40).text || truncate(answer.query, 60).text}: ${answer.results.length === 1 ? 'ét punkt' : `${answer.results.length} punkter`}`
      : `${moreResultsHeading(answer.query)} (${first}–${last})`;
  body.push(textBlock(heading, { weight: 'Bolder', size: 'Medium' }));
  body.push(textBlock('Tryk på et punkt for at se det hele.', { isSubtle: true, size: 'Small', spacing: 'None' }));

  const shown = answer.results.slice(0, LIST_MAX[level]!);
  for (const hit of shown) body.push(listEntry(hit, LIST_RECOMMENDATION_CHARS[level]!, TITLE_CHARS[level]!));
  if (shown.length < answer.results.length) {
    body.push(textBlock(`… og ${answer.results.length - shown.length} punkter mere, som ikke kan være i én besked.`, { isSubtle: true, size: 'Small' }));
  }

  const actions: CardAction[] = [];
  if (answer.hasMore) actions.push(submit(LABEL.moreResults, moreResults(answer.query, answer.offset + answer.results.length, answer.filters)));
  actions.push(...feedbackActions(answer, options));
  return card(body, actions);
}

/** One result as a tappable block: number and title, where and when, optionally the start of the recommendation or decision. */
function listEntry(hit: Hit, recommendationChars: number, titleChars: number): CardElement {
  const item = hit.item;
  const title = escapeText(truncate(item.title, titleChars).text);
  const items: CardElement[] = [
    markdownBlock(item.number ? `${bold(item.number)} ${title}` : title, { spacing: 'None' }),
    textBlock(`${truncate(item.committee, 200).text} · ${danishDate(item.meetingDate)}${item.kind === 'minutes' ? ' (referat)' : ''}`, { isSubtle: true, size: 'Small', spacing: 'None' }),
  ];
  const summary = item.decision?.trim() ? `${LABEL.decision}: ${item.decision}` : item.recommendation;
  if (recommendationChars > 0 && summary.trim() !== '') {
    items.push(textBlock(truncate(summary, recommendationChars).text.replace(/\s+/g, ' '), { size: 'Small', spacing: 'None' }));
  }
  return { type: 'Container', spacing: 'Medium', items, selectAction: submit(LABEL.showItem, showItem(item.id)) };
}

