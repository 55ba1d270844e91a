import type { AgendaItem } from '../../corpus/types.js';
import { danishDate, itemHeadline, meetingLine, UNSTRUCTURED_NOTE } from '../../answer/present.js';
import { shorten } from '../../answer/shorten.js';
import {
  INVALID_QUESTION_TEXT,
  LABEL,
  caseHeading,
  earlierMention,
  filterNote,
  followUpNote,
  moreResultsHeading,
  noMoreResultsText,
  notFoundText,
  notShownText,
  sharedBy,
} from '../../answer/texts.js';
import type { Answer, Hit } from '../../answer/types.js';
import {
  ACTION_FEEDBACK_DOWN,
  ACTION_FEEDBACK_UP,
  ACTION_MORE_RESULTS,
  ACTION_OPEN_LINK,
  ACTION_SHARE,
  ACTION_SHOW_ITEM,
  encodeAskRequest,
  encodeFeedback,
} from './action-ids.js';
import { actions, context, divider, fallback, linkButton, section, valueButton, type Button, type KnownBlock, type SlackMessage } from './block-kit.js';
import { SLACK_LIMITS } from './limits.js';
import { bold, italic, link, markup, text, type Piece } from './mrkdwn.js';
import { helpHint } from './render-help.js';

/**
 * An answer of the core as a Slack message (Block Kit + fallback text). Pure: nothing here talks
 * to Slack, so what a user would see is tested as plain data.
 */

export type { SlackMessage } from './block-kit.js';

export interface RenderOptions {
  /** The slash command, for the hint under answers that found nothing. Default `/dagsorden`. */
  command?: string;
  /** 👍 and 👎 under a found answer (default true). */
  feedback?: boolean;
  /** The answer is seen by the asker only: offer "Del i kanalen". */
  share?: boolean;
  /** How a thread follow-up was understood, noted above the answer. */
  followUp?: string;
  /** The Slack user id of whoever shared this answer into the channel. */
  sharedBy?: string;
}

/** Characters of one entry in a list of results: enough for the answering sentence. */
const LIST_ENTRY_CHARS = 700;
/** Characters of a recommendation shown in a list (case answers). */
const LIST_RECOMMENDATION_CHARS = 300;
/** Characters of a decision under the answer; the rest is a click away in the material. */
const DECISION_CHARS = 1200;
/** Blocks kept free at the end of an answer for "not all shown" and the buttons. */
const RESERVED_TAIL_BLOCKS = 2;

function overflowLink(url: string | undefined, label: string): Piece[] {
  return url === undefined ? [] : [markup(' '), link(url, label)];
}

function snippetPieces(hit: Hit): Piece[] {
  if (hit.snippetParts.length === 0) return [text(hit.snippet)];
  // Adjacent marked parts are joined so Slack sees one `*…*` pair instead of `*a**b*`.
  const merged: Array<{ text: string; match: boolean }> = [];
  for (const part of hit.snippetParts) {
    const last = merged.at(-1);
    if (last && last.match === part.match) last.text += part.text;
    else merged.push({ ...part });
  }
  return merged.map((p) => (p.match ? bold(p.text) : text(p.text)));
}

/** `KKR Hovedstaden, møde 11. april 2025 · SAG-2025-01103`: whose meeting, when, which case. */
export function itemMeta(item: AgendaItem, withOfficers = false): string {
  const parts = [meetingLine(item)];
  if (item.caseNumber) parts.push(item.caseNumber);
  if (withOfficers && item.caseOfficers.length > 0) parts.push(`sagsbehandler ${item.caseOfficers.join(', ')}`);
  return parts.join(' · ');
}

export function titleSection(item: AgendaItem, url: string | undefined, withOfficers = false): KnownBlock {
  return section([link(url, itemHeadline(item), true), markup('\n'), text(itemMeta(item, withOfficers))]);
}

export function showItemButton(item: AgendaItem, label: string = LABEL.showItem, primary = false): Button | undefined {
  return valueButton(label, ACTION_SHOW_ITEM, item.id, primary);
}

export function compact<T>(xs: ReadonlyArray<T | undefined>): T[] {
  return xs.filter((x): x is T => x !== undefined);
}

/** Where to read an item: the answer's link, else the item's own. */
function itemLink(item: AgendaItem, hitLink?: string): string | undefined {
  return hitLink ?? item.link;
}

/** The recommendation and, from minutes, the decision, each visibly cut when long. */
export function recommendationAndDecision(item: AgendaItem, url: string | undefined): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (item.recommendation.trim() !== '') {
    blocks.push(section([markup(`*${LABEL.recommendation}*\n`), text(item.recommendation.trim())], { overflow: overflowLink(url, LABEL.readRecommendation) }));
  }
  if (item.decision && item.decision.trim() !== '') {
    blocks.push(
      section([markup(`*${LABEL.decision}*\n`), text(item.decision.trim())], { maxChars: DECISION_CHARS, overflow: overflowLink(url, LABEL.readDecision) }),
    );
  }
  return blocks;
}

/** The blocks of the answer itself: title, recommendation, decision, the answering sentence, buttons. */
function bestHitBlocks(hit: Hit): KnownBlock[] {
  const { item } = hit;
  const url = itemLink(item, hit.link);
  const blocks: KnownBlock[] = [titleSection(item, url)];
  if (item.unstructured) blocks.push(context([italic(UNSTRUCTURED_NOTE)]));
  blocks.push(...recommendationAndDecision(item, url));
  const snippet = hit.snippet.trim();
  if (snippet !== '' && !item.recommendation.includes(snippet) && !(item.decision ?? '').includes(snippet)) {
    blocks.push(section([markup(`*${LABEL.snippet}*\n`), ...snippetPieces(hit)], { overflow: overflowLink(url, LABEL.readItem) }));
  }
  if (hit.earlier.length > 0) {
    const mentions: Piece[] = [markup(`${LABEL.earlier}: `)];
    hit.earlier.forEach((e, i) => {
      if (i > 0) mentions.push(markup(', '));
      mentions.push(link(e.link, earlierMention(e)));
    });
    blocks.push(context(mentions));
  }
  const buttons = compact([showItemButton(item, LABEL.showItem, true), linkButton(LABEL.openMaterial, ACTION_OPEN_LINK, url)]);
  if (buttons.length > 0) blocks.push(actions(buttons));
  return blocks;
}

/** One result in a list: title with link, then the answering sentence or the recommendation. */
function listEntry(hit: Hit, mode: Answer['mode']): KnownBlock {
  const { item } = hit;
  const url = itemLink(item, hit.link);
  const summary = item.decision?.trim() || item.recommendation.trim();
  const body: Piece[] =
    mode === 'case'
      ? summary === ''
        ? []
        : [markup('\n'), italic(shorten(summary, LIST_RECOMMENDATION_CHARS, { flat: true }))]
      : hit.snippet.trim() === ''
        ? []
        : [markup('\n'), ...snippetPieces(hit)];
  const when = mode === 'case' ? [] : [text(` · ${item.committee} ${danishDate(item.meetingDate)}`)];
  return section([link(url, itemHeadline(item), true), ...when, ...body], {
    maxChars: LIST_ENTRY_CHARS,
    accessory: showItemButton(item, LABEL.showListedItem),
  });
}

/** 👍 and 👎 carrying the question and the item it was answered with. */
export function feedbackButtons(query: string, itemId: string | undefined): Button[] {
  const value = encodeFeedback({ query, ...(itemId ? { itemId } : {}) });
  return compact([valueButton(LABEL.feedbackUp, ACTION_FEEDBACK_UP, value), valueButton(LABEL.feedbackDown, ACTION_FEEDBACK_DOWN, value)]);
}

/** A Slack user mention, only for a well-formed user id. */
function userMention(userId: string): Piece {
  return /^[UW][A-Z0-9]{2,20}$/.test(userId) ? markup(`<@${userId}>`) : text(userId);
}

function renderFound(answer: Answer, options: RenderOptions): SlackMessage {
  const { results } = answer;
  const first = results[0]!;
  const blocks: KnownBlock[] = [];
  // Case answers and later pages are lists; a first page of a search leads with one answer.
  const listOnly = answer.mode === 'case' || answer.offset > 0;
  let fallbackPieces: Piece[];

  if (options.sharedBy) blocks.push(context([markup(`${sharedBy('')}`), userMention(options.sharedBy)]));
  if (answer.mode === 'case') {
    const meetings = [...new Set(results.map((h) => `${h.item.committee} ${danishDate(h.item.meetingDate)}`))];
    const caseNumber = first.item.caseNumber || answer.query;
    blocks.push(section([bold(caseHeading(caseNumber, results.length, answer.hasMore, answer.offset > 0)), text(` · ${meetings.join(', ')}`)]));
    fallbackPieces = [text(`Sag ${caseNumber}: ${results.map((h) => itemHeadline(h.item)).join('; ')}`)];
  } else if (answer.offset > 0) {
    blocks.push(section([bold(moreResultsHeading(answer.query))]));
    fallbackPieces = [text(`${moreResultsHeading(answer.query)}: ${results.map((h) => itemHeadline(h.item)).join('; ')}`)];
  } else {
    const rec = first.item.recommendation.trim();
    fallbackPieces = [
      text(`${itemHeadline(first.item)} (${meetingLine(first.item)})`),
      ...(rec ? [text(` — ${LABEL.recommendation}: ${rec}`)] : []),
      ...(first.item.decision ? [text(` — ${LABEL.decision}: ${first.item.decision}`)] : []),
    ];
  }
  const notes: Piece[][] = [];
  if (options.followUp) notes.push([text(followUpNote(options.followUp))]);
  if (answer.filters.label) notes.push([text(filterNote(answer.filters.label))]);
  if (answer.message) notes.push([italic(answer.message)]);
  if (notes.length > 0) blocks.push(context(...notes));

  let listStart = 0;
  if (!listOnly) {
    blocks.push(...bestHitBlocks(first));
    listStart = 1;
    if (results.length > 1) blocks.push(divider(), section([markup(`*${LABEL.alsoRelevant}*`)]));
  }

  const rest = results.slice(listStart);
  const room = Math.max(0, SLACK_LIMITS.blocksPerMessage - blocks.length - RESERVED_TAIL_BLOCKS);
  const shown = rest.slice(0, room);
  for (const hit of shown) blocks.push(listEntry(hit, answer.mode));

  const notShown = rest.length - shown.length;
  if (notShown > 0) blocks.push(context([text(notShownText(notShown, 'punkt'))]));
  const tail: Button[] = [];
  if (answer.hasMore || notShown > 0) {
    const offset = answer.offset + listStart + shown.length;
    const more = valueButton(LABEL.moreResults, ACTION_MORE_RESULTS, encodeAskRequest({ query: answer.query, offset, filters: answer.filters }));
    if (more) tail.push(more);
  }
  if (options.share) {
    const share = valueButton(LABEL.share, ACTION_SHARE, encodeAskRequest({ query: answer.query, offset: answer.offset, filters: answer.filters }), true);
    if (share) tail.push(share);
  }
  if (options.feedback !== false) tail.push(...feedbackButtons(answer.query, first.item.id));
  if (tail.length > 0) blocks.push(actions(tail));
  return { text: fallback(fallbackPieces), blocks };
}

function renderNotFound(answer: Answer, command: string): SlackMessage {
  let message: string;
  if (answer.status === 'not-found' && answer.offset > 0) message = noMoreResultsText(answer.query);
  else if (answer.message !== undefined) message = answer.message;
  else if (answer.status === 'invalid') message = INVALID_QUESTION_TEXT;
  else message = notFoundText(answer.query);
  const blocks: KnownBlock[] = [section([text(message)])];
  if (answer.suggestions.length > 0) {
    const list: Piece[] = [markup(`*${LABEL.tryFor}*`)];
    for (const s of answer.suggestions) list.push(markup('\n• '), text(s));
    blocks.push(section(list));
  }
  blocks.push(helpHint(command));
  const fallbackPieces = [text(message)];
  if (answer.suggestions.length > 0) fallbackPieces.push(text(` ${LABEL.tryFor}: ${answer.suggestions.join(', ')}`));
  return { text: fallback(fallbackPieces), blocks };
}

/**
 * An answer as a Slack message.
 *
 * - `found`, search or item: the best item (headline linked to the material, whose meeting,
 *   recommendation, decision from the minutes, the answering sentence with matched words in bold,
 *   buttons "Vis hele punktet" and "Åbn materialet"), then "Også relevant" entries, then
 *   "Flere resultater", "Del i kanalen" (answers only the asker sees) and 👍/👎.
 * - `found`, case or a later page: a list of items, each with a "Vis punktet" button.
 * - `not-found` / `invalid`: the core's message and its suggestions.
 *
 * Never more than 50 blocks; results that do not fit are left to "Flere resultater".
 */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): SlackMessage {
  const command = options.command ?? '/dagsorden';
  if (answer.status === 'found' && answer.results.length > 0) return renderFound(answer, options);
  return renderNotFound(answer, command);
}
