import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed, type APIEmbedField } from 'discord.js';
import { danishDate, itemHeadline, meetingLine, UNSTRUCTURED_NOTE } from '../../answer/present.js';
import { shorten } from '../../answer/shorten.js';
import {
  INVALID_QUESTION_TITLE,
  LABEL,
  NOT_FOUND_TITLE,
  earlierMention,
  filterNote,
  followUpNote,
  notFoundText,
  questionNote,
  sharedBy,
} from '../../answer/texts.js';
import type { Answer, Hit } from '../../answer/types.js';
import type { ButtonIds, MoreRequest } from './custom-ids.js';
import { LIMITS, fitEmbeds, joinWithin, truncate, truncateWithLink } from './limits.js';
import { boldSnippet, isHttpUrl, maskedLink, neutraliseMentions, safeText, tidy } from './markdown.js';
import { COLOURS } from './render-notice.js';

/**
 * Answers as Discord message parts: embeds and button rows as plain API JSON, within Discord's
 * limits. Pure: the same answer always renders the same reply, so tests read it as data.
 */

/** A reply before it is sent; the adapter adds `allowedMentions: { parse: [] }`. */
export interface DiscordReply {
  /** A line above the embeds ("Delt af @Anne"); mentions in it never ping (allowed mentions are none). */
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
}

/** How the buttons find their way back, and what the answer offers. */
export interface RenderContext {
  ids: ButtonIds;
  /** The options the question was asked with, so "more results" repeats them. */
  request: MoreRequest;
  /** How the command is written in help text, e.g. `/dagsorden`. */
  command?: string;
  /** 👍 and 👎 under a found answer (default true). */
  feedback?: boolean;
  /** The answer is seen by the asker only: offer "Del i kanalen". */
  share?: boolean;
  /** How a thread follow-up was understood, noted under the answer. */
  followUp?: string;
  /** The Discord user id of whoever shared this answer into the channel. */
  sharedBy?: string;
}

/** Rows for items: the last row is kept for more, share and feedback. */
const MAX_ITEM_BUTTONS = (LIMITS.rows - 1) * LIMITS.buttonsPerRow;
/** Characters of a decision under the answer; the rest is a click away in the material. */
const DECISION_CHARS = 1000;

/** Renders one answer of the engine. */
export function renderAnswer(answer: Answer, ctx: RenderContext): DiscordReply {
  if (answer.status === 'invalid') {
    return { embeds: [messageEmbed(INVALID_QUESTION_TITLE, answer.message ?? 'Spørgsmålet kan ikke bruges.', answer.suggestions, COLOURS.problem)], components: [] };
  }
  if (answer.status === 'not-found' || answer.results.length === 0) {
    const text = answer.message ?? notFoundText(answer.query);
    return { embeds: [messageEmbed(NOT_FOUND_TITLE, text, answer.suggestions, COLOURS.notFound)], components: [] };
  }
  const embeds = answer.mode === 'case' ? caseEmbeds(answer, ctx) : searchEmbeds(answer, ctx);
  return {
    ...(ctx.sharedBy && /^\d{15,22}$/.test(ctx.sharedBy) ? { content: `${sharedBy('')}<@${ctx.sharedBy}>` } : {}),
    embeds: fitEmbeds(embeds, undefined, LABEL.readItem),
    components: answerButtons(answer, ctx),
  };
}

function linkOf(hit: Hit): string | undefined {
  return isHttpUrl(hit.link) ? hit.link : isHttpUrl(hit.item.link) ? hit.item.link : undefined;
}

/** `**Indstilling**` and, from minutes, `**Beslutning**` (visibly cut when long), as description parts. */
export function recommendationParts(item: Hit['item'], link: string | undefined): string[] {
  const parts: string[] = [];
  const recommendation = tidy(item.recommendation);
  if (recommendation !== '') parts.push(`**${LABEL.recommendation}**\n${safeText(recommendation)}`);
  const decision = tidy(item.decision ?? '');
  if (decision !== '') parts.push(`**${LABEL.decision}**\n${truncateWithLink(safeText(decision), DECISION_CHARS, link, LABEL.readDecision)}`);
  return parts;
}

function searchEmbeds(answer: Answer, ctx: RenderContext): APIEmbed[] {
  const [best, ...others] = answer.results as [Hit, ...Hit[]];
  const item = best.item;
  const link = linkOf(best);

  const snippet = best.snippetParts.length > 0 ? boldSnippet(best.snippetParts) : safeText(best.snippet);
  const parts: string[] = [];
  if (answer.offset > 0) parts.push(`*Resultat ${answer.offset + 1}–${answer.offset + answer.results.length}*`);
  if (item.unstructured) parts.push(`*${safeText(UNSTRUCTURED_NOTE)}*`);
  const plainSnippet = best.snippet.trim();
  if (snippet.trim() !== '' && !item.recommendation.includes(plainSnippet) && !(item.decision ?? '').includes(plainSnippet)) {
    parts.push(`> ${tidy(snippet).replace(/\n/g, '\n> ')}`);
  }
  parts.push(...recommendationParts(item, link));
  if (link !== undefined) parts.push(maskedLink(LABEL.openMaterial, link));
  const description = truncateWithLink(parts.join('\n\n'), LIMITS.description, link, LABEL.readItem);

  const fields: APIEmbedField[] = [];
  if (item.caseNumber !== '') fields.push({ name: LABEL.case, value: truncate(safeText(item.caseNumber), LIMITS.fieldValue), inline: true });
  if (item.heading !== '') fields.push({ name: LABEL.heading, value: truncate(safeText(item.heading), LIMITS.fieldValue), inline: true });
  if (best.earlier.length > 0) {
    const lines = best.earlier.map((e) => `• ${isHttpUrl(e.link) ? maskedLink(earlierMention(e), e.link) : safeText(earlierMention(e))}`);
    fields.push({ name: LABEL.earlier, value: joinWithin(lines, LIMITS.fieldValue) });
  }

  const main: APIEmbed = {
    color: COLOURS.answer,
    author: { name: truncate(meetingLine(item), LIMITS.authorName) },
    title: truncate(safeText(itemHeadline({ number: item.number, title: tidy(item.title) })), LIMITS.title),
    ...(link !== undefined ? { url: link } : {}),
    description,
    fields,
    footer: { text: footerText(answer, ctx) },
  };
  const embeds = [main];
  if (others.length > 0) embeds.push(othersEmbed(others));
  return embeds;
}

function othersEmbed(hits: readonly Hit[]): APIEmbed {
  const lines = hits.map((h) => {
    const link = linkOf(h);
    const title = itemHeadline({ number: h.item.number, title: tidy(h.item.title) });
    const head = link !== undefined ? maskedLink(truncate(title, 200), link) : `**${safeText(truncate(title, 200))}**`;
    const where = `${safeText(h.item.committee)}, ${danishDate(h.item.meetingDate)}`;
    const snippet = h.snippetParts.length > 0 ? boldSnippet(h.snippetParts) : safeText(h.snippet);
    const short = snippet.trim() === '' ? '' : `\n> ${truncate(tidy(snippet).replace(/\n/g, ' '), 280)}`;
    return `${head} — ${where}${short}`;
  });
  return { color: COLOURS.other, title: LABEL.alsoRelevant, description: joinWithin(lines, LIMITS.description, '\n\n') };
}

function caseEmbeds(answer: Answer, ctx: RenderContext): APIEmbed[] {
  const caseNumber = answer.results[0]!.item.caseNumber || answer.query;
  const hits = answer.results.slice(0, LIMITS.fields);
  const shown = hits.length;
  const intro =
    answer.results.length > shown || answer.hasMore || answer.offset > 0
      ? `Punkt ${answer.offset + 1}–${answer.offset + shown} på sagen, i dagsordenens rækkefølge.`
      : `${shown === 1 ? 'Ét punkt' : `${shown} punkter`} på sagen, i dagsordenens rækkefølge.`;
  const title = truncate(`${LABEL.case} ${safeText(caseNumber)}`, LIMITS.title);
  const footer = footerText(answer, ctx);
  // Share the 6000 characters evenly so every item listed in the intro gets its field.
  const perField = Math.floor((LIMITS.total - title.length - intro.length - footer.length - 20) / Math.max(1, shown));
  const fields: APIEmbedField[] = hits.map((hit) => {
    const item = hit.item;
    const link = linkOf(hit);
    const name = truncate(safeText(itemHeadline({ number: item.number, title: tidy(item.title) })), Math.min(LIMITS.fieldName, Math.max(40, Math.floor(perField / 3))));
    const budget = Math.min(LIMITS.fieldValue, perField - name.length);
    const where = safeText(meetingLine(item));
    let tail = link !== undefined ? `\n${maskedLink(LABEL.openMaterial, link)}` : '';
    if (where.length + tail.length > budget) tail = '';
    const summary = item.decision?.trim() ? `${LABEL.decision}: ${item.decision}` : item.recommendation;
    const lines = [where];
    if (summary.trim() !== '') lines.push(safeText(shorten(summary, 400, { flat: true })));
    return { name, value: truncate(lines.join('\n'), Math.max(1, budget - tail.length)) + tail };
  });
  return [{ color: COLOURS.answer, title, description: intro, fields, footer: { text: footer } }];
}

function footerText(answer: Answer, ctx: RenderContext): string {
  const parts = [questionNote(answer.query)];
  if (ctx.followUp) parts.push(followUpNote(ctx.followUp));
  if (answer.filters.label) parts.push(filterNote(answer.filters.label));
  if (answer.message) parts.push(answer.message);
  // Footers show no markdown and never ping, but a copied footer could; neutralise anyway.
  return truncate(neutraliseMentions(parts.join(' · ')), LIMITS.footer);
}

function button(label: string, customId: string, style: ButtonStyle = ButtonStyle.Secondary): APIButtonComponent {
  return { type: ComponentType.Button, style, custom_id: customId, label: truncate(label, LIMITS.buttonLabel) } as APIButtonComponent;
}

function answerButtons(answer: Answer, ctx: RenderContext): APIActionRowComponent<APIButtonComponent>[] {
  // One button per item: Discord refuses two components with the same custom id.
  const seen = new Set<string>();
  const hits = answer.results.filter((h) => (seen.has(h.item.id) ? false : (seen.add(h.item.id), true))).slice(0, MAX_ITEM_BUTTONS);
  const numbers = hits.map((h) => h.item.number);
  const ambiguous = new Set(numbers.filter((n, i) => numbers.indexOf(n) !== i));
  const buttons: APIButtonComponent[] = hits.map((hit, i) =>
    button(
      hits.length === 1
        ? LABEL.showItem
        : hit.item.number
          ? `Hele punkt ${hit.item.number}${ambiguous.has(hit.item.number) ? ` (${shortDate(hit.item.meetingDate)})` : ''}`
          : `Hele punktet (${shorten(hit.item.title, 40, { flat: true })})`,
      ctx.ids.item(hit.item.id),
      i === 0 && answer.mode !== 'case' ? ButtonStyle.Primary : ButtonStyle.Secondary,
    ),
  );
  const rows = chunk(buttons, LIMITS.buttonsPerRow).map(rowOf);
  const last: APIButtonComponent[] = [];
  if (answer.hasMore) last.push(button(LABEL.moreResults, ctx.ids.more(answer.offset + answer.results.length, ctx.request)));
  if (ctx.share) last.push(button(LABEL.share, ctx.ids.share(answer.offset, ctx.request), ButtonStyle.Primary));
  if (ctx.feedback !== false) {
    const itemId = answer.results[0]?.item.id;
    last.push(button(LABEL.feedbackUp, ctx.ids.feedback('up', answer.query, itemId)), button(LABEL.feedbackDown, ctx.ids.feedback('down', answer.query, itemId)));
  }
  if (last.length > 0) rows.push(rowOf(last));
  return rows;
}

function rowOf(buttons: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent> {
  return { type: ComponentType.ActionRow, components: buttons };
}

function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function shortDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

function messageEmbed(title: string, text: string, suggestions: readonly string[], colour: number): APIEmbed {
  const tries = suggestions.length > 0 ? `\n\n**${LABEL.tryFor}**\n${suggestions.slice(0, 10).map((s) => `• ${safeText(s)}`).join('\n')}` : '';
  return { color: colour, title, description: truncate(`${safeText(text)}${tries}`, LIMITS.description) };
}
