import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import type { AgendaItem } from '../../corpus/types.js';
import type { Answer, Hit } from '../../answer/types.js';
import { HELP_EXAMPLES, HELP_INTRO, HELP_TITLE } from '../../answer/help.js';
import type { ButtonIds, MoreRequest } from './custom-ids.js';
import {
  LIMITS,
  boldSnippet,
  danishDate,
  isHttpUrl,
  maskedLink,
  neutraliseMentions,
  safeText,
  tidy,
  truncate,
  truncateWithLink,
} from './text.js';
import { quoteQuestion } from '../../answer/quote.js';

/**
 * Answers as Discord message parts: embeds and button rows as plain API JSON, within Discord's
 * limits. Pure: the same answer always renders the same reply, so tests read it as data.
 */

/** A reply before it is sent; the adapter adds `allowedMentions: { parse: [] }`. */
export interface DiscordReply {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
}

/** Colours: the bot's blue for answers, grey for "nothing found", red-brown for problems. */
export const COLOURS = { answer: 0x1d5c96, other: 0x6b7b8c, notFound: 0x8a8f98, problem: 0xa3472f } as const;

/** How "more results" and "show the whole item" buttons find their way back. */
export interface RenderContext {
  ids: ButtonIds;
  /** The options the question was asked with, so "more results" repeats them. */
  request: MoreRequest;
  /** How the command is written in help text, e.g. `/dagsorden`. */
  command?: string;
}

const MAX_ITEM_BUTTONS = (LIMITS.rows - 1) * LIMITS.buttonsPerRow;

/** Renders one answer of the engine. */
export function renderAnswer(answer: Answer, ctx: RenderContext): DiscordReply {
  if (answer.status === 'invalid') {
    return { embeds: [messageEmbed('Det kan jeg ikke søge på', answer.message ?? 'Spørgsmålet kan ikke bruges.', answer.suggestions, COLOURS.problem)], components: [] };
  }
  if (answer.status === 'not-found' || answer.results.length === 0) {
    const text = answer.message ?? `Jeg fandt ikke noget punkt, der svarer på «${quoteQuestion(answer.query)}».`;
    return { embeds: [messageEmbed('Intet svar fundet', text, answer.suggestions, COLOURS.notFound)], components: [] };
  }
  const embeds = answer.mode === 'case' ? caseEmbeds(answer) : searchEmbeds(answer);
  return { embeds: fitEmbeds(embeds, undefined, 'Læs hele punktet i materialet'), components: answerButtons(answer, ctx) };
}

function searchEmbeds(answer: Answer): APIEmbed[] {
  const [best, ...others] = answer.results as [Hit, ...Hit[]];
  const item = best.item;
  const link = isHttpUrl(best.link) ? best.link : isHttpUrl(item.link) ? item.link : undefined;

  const snippet = best.snippetParts.length > 0 ? boldSnippet(best.snippetParts) : safeText(best.snippet);
  const recommendation = tidy(item.recommendation);
  const parts: string[] = [];
  if (answer.offset > 0) parts.push(`*Resultat ${answer.offset + 1}–${answer.offset + answer.results.length}*`);
  if (snippet.trim() !== '') parts.push(`> ${tidy(snippet).replace(/\n/g, '\n> ')}`);
  if (recommendation !== '') parts.push(`**Indstilling**\n${safeText(recommendation)}`);
  if (link !== undefined) parts.push(maskedLink('Åbn materialet', link));
  const description = truncateWithLink(parts.join('\n\n'), LIMITS.description, link, 'Læs hele punktet i materialet');

  const fields: APIEmbedField[] = [];
  if (item.caseNumber !== '') fields.push({ name: 'Sag', value: safeText(item.caseNumber), inline: true });
  if (item.heading !== '') fields.push({ name: 'Under', value: truncate(safeText(item.heading), LIMITS.fieldValue), inline: true });
  if (best.earlier.length > 0) {
    const lines = best.earlier.map((e) => {
      const label = `${e.committee} ${danishDate(e.meetingDate)}, punkt ${e.number}`;
      return `• ${isHttpUrl(e.link) ? maskedLink(label, e.link) : safeText(label)}`;
    });
    fields.push({ name: 'Også på dagsordenen', value: joinWithin(lines, LIMITS.fieldValue) });
  }

  const main: APIEmbed = {
    color: COLOURS.answer,
    author: { name: truncate(`${item.committee} · ${danishDate(item.meetingDate)}`, LIMITS.authorName) },
    title: truncate(safeText(`${item.number} ${tidy(item.title)}`), LIMITS.title),
    ...(link !== undefined ? { url: link } : {}),
    description,
    fields,
    footer: { text: footerText(answer) },
  };
  const embeds = [main];
  if (others.length > 0) embeds.push(othersEmbed(others));
  return embeds;
}

function othersEmbed(hits: readonly Hit[]): APIEmbed {
  const lines = hits.map((h) => {
    const link = isHttpUrl(h.link) ? h.link : isHttpUrl(h.item.link) ? h.item.link : undefined;
    const title = `${h.item.number} ${tidy(h.item.title)}`;
    const head = link !== undefined ? maskedLink(truncate(title, 200), link) : `**${safeText(truncate(title, 200))}**`;
    const where = `${safeText(h.item.committee)}, ${danishDate(h.item.meetingDate)}`;
    const snippet = h.snippetParts.length > 0 ? boldSnippet(h.snippetParts) : safeText(h.snippet);
    const short = snippet.trim() === '' ? '' : `\n> ${truncate(tidy(snippet).replace(/\n/g, ' '), 280)}`;
    return `${head} — ${where}${short}`;
  });
  return { color: COLOURS.other, title: 'Også relevant', description: joinWithin(lines, LIMITS.description, '\n\n') };
}

function caseEmbeds(answer: Answer): APIEmbed[] {
  const caseNumber = answer.results[0]!.item.caseNumber || answer.query;
  const hits = answer.results.slice(0, LIMITS.fields);
  const shown = hits.length;
  const intro =
    answer.results.length > shown || answer.hasMore || answer.offset > 0
      ? `Punkt ${answer.offset + 1}–${answer.offset + shown} på sagen, i dagsordenens rækkefølge.`
      : `${shown === 1 ? 'Ét punkt' : `${shown} punkter`} på sagen, i dagsordenens rækkefølge.`;
  const title = truncate(`Sag ${safeText(caseNumber)}`, LIMITS.title);
  const footer = footerText(answer);
  // Share the 6000 characters evenly so every item listed in the intro gets its field.
  const perField = Math.floor((LIMITS.total - title.length - intro.length - footer.length - 20) / Math.max(1, shown));
  const fields: APIEmbedField[] = hits.map((hit) => {
    const item = hit.item;
    const link = isHttpUrl(hit.link) ? hit.link : isHttpUrl(item.link) ? item.link : undefined;
    const name = truncate(safeText(`${item.number} ${tidy(item.title)}`), Math.min(LIMITS.fieldName, Math.max(40, Math.floor(perField / 3))));
    const budget = Math.min(LIMITS.fieldValue, perField - name.length);
    const where = `${safeText(item.committee)}, ${danishDate(item.meetingDate)}`;
    let tail = link !== undefined ? `\n${maskedLink('Åbn materialet', link)}` : '';
    if (where.length + tail.length > budget) tail = '';
    const rec = tidy(item.recommendation);
    const lines = [where];
    if (rec !== '') lines.push(truncate(safeText(rec), 400));
    return { name, value: truncate(lines.join('\n'), Math.max(1, budget - tail.length)) + tail };
  });
  return [{ color: COLOURS.answer, title, description: intro, fields, footer: { text: footer } }];
}

function footerText(answer: Answer): string {
  const parts = [`Spørgsmål: ${quoteQuestion(answer.query)}`];
  if (answer.filters.label) parts.push(`Afgrænset: ${answer.filters.label}`);
  if (answer.message) parts.push(answer.message);
  // Footers show no markdown and never ping, but a copied footer could; neutralise anyway.
  return truncate(neutraliseMentions(parts.join(' · ')), LIMITS.footer);
}

function answerButtons(answer: Answer, ctx: RenderContext): APIActionRowComponent<APIButtonComponent>[] {
  // One button per item: Discord refuses two components with the same custom id.
  const seen = new Set<string>();
  const hits = answer.results.filter((h) => (seen.has(h.item.id) ? false : (seen.add(h.item.id), true))).slice(0, MAX_ITEM_BUTTONS);
  const numbers = hits.map((h) => h.item.number);
  const ambiguous = new Set(numbers.filter((n, i) => numbers.indexOf(n) !== i));
  const buttons: APIButtonComponent[] = hits.map((hit, i) => ({
    type: ComponentType.Button,
    style: i === 0 && answer.mode !== 'case' ? ButtonStyle.Primary : ButtonStyle.Secondary,
    custom_id: ctx.ids.item(hit.item.id),
    label: truncate(
      hits.length === 1
        ? 'Vis hele punktet'
        : `Hele punkt ${hit.item.number}${ambiguous.has(hit.item.number) ? ` (${shortDate(hit.item.meetingDate)})` : ''}`,
      LIMITS.buttonLabel,
    ),
  }));
  const rows = chunk(buttons, LIMITS.buttonsPerRow).map(rowOf);
  if (answer.hasMore) {
    rows.push(
      rowOf([
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          custom_id: ctx.ids.more(answer.offset + answer.results.length, ctx.request),
          label: 'Flere resultater',
        },
      ]),
    );
  }
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

/**
 * The whole item for "show the whole item": recommendation, background, presentation and
 * attachments, each in its own embed, cut with a link to the material where it is too long.
 */
export function renderItem(item: AgendaItem): DiscordReply {
  const link = isHttpUrl(item.link) ? item.link : undefined;
  const fields: APIEmbedField[] = [];
  if (item.caseNumber !== '') fields.push({ name: 'Sag', value: safeText(item.caseNumber), inline: true });
  if (item.caseOfficers.length > 0) fields.push({ name: 'Sagsbehandlere', value: truncate(safeText(item.caseOfficers.join(', ')), LIMITS.fieldValue), inline: true });
  if (item.heading !== '') fields.push({ name: 'Under', value: truncate(safeText(item.heading), LIMITS.fieldValue), inline: true });
  if (item.page !== undefined) fields.push({ name: 'Side', value: String(item.page), inline: true });

  const section = (title: string, text: string): APIEmbed | undefined => {
    const t = tidy(text);
    if (t === '') return undefined;
    return { color: COLOURS.other, title, description: truncateWithLink(safeText(t), LIMITS.description, link, 'Læs resten i materialet') };
  };
  const rec = tidy(item.recommendation);
  const main: APIEmbed = {
    color: COLOURS.answer,
    author: { name: truncate(`${item.committee} · ${danishDate(item.meetingDate)}`, LIMITS.authorName) },
    title: truncate(safeText(`${item.number} ${tidy(item.title)}`), LIMITS.title),
    ...(link !== undefined ? { url: link } : {}),
    description: truncateWithLink(
      [rec !== '' ? `**Indstilling**\n${safeText(rec)}` : '*Punktet har ingen indstilling.*', link !== undefined ? maskedLink('Åbn materialet', link) : '']
        .filter((s) => s !== '')
        .join('\n\n'),
      LIMITS.description,
      link,
      'Læs resten i materialet',
    ),
    fields,
  };
  const embeds: APIEmbed[] = [main];
  const background = section('Baggrund', item.background);
  if (background) embeds.push(background);
  const presentation = section('Sagsfremstilling', item.presentation);
  if (presentation) embeds.push(presentation);
  const extras: string[] = [...item.attachments.map((a) => `• ${safeText(tidy(a))}`)];
  const links = item.links.filter(isHttpUrl);
  if (extras.length > 0 || links.length > 0) {
    const linkLines = links.map((l, i) => `• ${maskedLink(`Link ${i + 1}`, l)}`);
    embeds.push({
      color: COLOURS.other,
      title: 'Bilag og links',
      description: joinWithin([...extras, ...linkLines], LIMITS.description),
    });
  }
  return { embeds: fitEmbeds(embeds, link, 'Læs resten i materialet'), components: [] };
}

/** The shared help text with the Discord command in front of each example. */
export function renderHelp(command = '/dagsorden'): DiscordReply {
  return {
    embeds: [
      {
        color: COLOURS.answer,
        title: HELP_TITLE,
        description:
          `${HELP_INTRO}\n\n` +
          `Brug \`${command} spørgsmål:\` med dit spørgsmål. Med \`møde:\` (fx 2025-04-11 eller juni 2024) og ` +
          '`udvalg:` (fx KKR Hovedstaden) afgrænser du søgningen. Du kan også nævne mig i en kanal med dit spørgsmål.',
        fields: HELP_EXAMPLES.slice(0, LIMITS.fields).map((e) => ({
          name: truncate(`${command} spørgsmål: ${e.question}`, LIMITS.fieldName),
          value: truncate(e.explains, LIMITS.fieldValue),
        })),
      },
    ],
    components: [],
  };
}

/** A short notice: a problem, an expired button, a filter that was not understood. */
export function renderNotice(text: string, colour: number = COLOURS.problem): DiscordReply {
  return { embeds: [{ color: colour, description: truncate(safeText(text), LIMITS.description) }], components: [] };
}

/** What a user sees when answering failed; the log has the details. */
export const ERROR_TEXT = 'Beklager, noget gik galt, da jeg skulle svare. Prøv igen om lidt.';

function messageEmbed(title: string, text: string, suggestions: readonly string[], colour: number): APIEmbed {
  const tries = suggestions.length > 0 ? `\n\n**Prøv fx**\n${suggestions.slice(0, 10).map((s) => `• ${safeText(s)}`).join('\n')}` : '';
  return { color: colour, title, description: truncate(`${safeText(text)}${tries}`, LIMITS.description) };
}

/** Joins lines, leaving out whole lines that do not fit and saying how many were left out. */
function joinWithin(lines: readonly string[], max: number, sep = '\n'): string {
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const line = truncate(lines[i]!, max);
    const next = out === '' ? line : `${out}${sep}${line}`;
    const remaining = lines.length - i - 1;
    const note = remaining > 0 ? `${sep}… og ${remaining} mere` : '';
    if (next.length + note.length > max) {
      const left = lines.length - i;
      const tail = `${out === '' ? '' : sep}… og ${left} mere`;
      return out.length + tail.length <= max ? `${out}${tail}` : truncate(out, max);
    }
    out = next;
  }
  return out;
}

/** Characters that count towards the 6000-character limit of one message's embeds. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

export function totalEmbedLength(embeds: readonly APIEmbed[]): number {
  return embeds.reduce((n, e) => n + embedLength(e), 0);
}

/**
 * Makes embeds fit one message: each part within its limit, at most 10 embeds and 25 fields each,
 * and the 6000-character total, shortening the longest descriptions first (ending them with a
 * link to the material), then dropping fields and finally whole embeds from the end.
 */
export function fitEmbeds(input: readonly APIEmbed[], link?: string, linkText = 'Læs hele teksten i materialet'): APIEmbed[] {
  const embeds = input.slice(0, LIMITS.embeds).map(clampEmbed);
  let excess = totalEmbedLength(embeds) - LIMITS.total;
  const MIN_DESCRIPTION = 300;
  while (excess > 0) {
    let longest: APIEmbed | undefined;
    for (const e of embeds) {
      if ((e.description?.length ?? 0) > MIN_DESCRIPTION && (e.description?.length ?? 0) > (longest?.description?.length ?? 0)) longest = e;
    }
    if (longest === undefined) break;
    const current = longest.description!.length;
    const target = Math.max(MIN_DESCRIPTION, current - excess);
    longest.description = truncateWithLink(longest.description!, target, link ?? longest.url, linkText);
    excess = totalEmbedLength(embeds) - LIMITS.total;
    if (longest.description.length >= current) break;
  }
  while (excess > 0) {
    const last = [...embeds].reverse().find((e) => (e.fields?.length ?? 0) > 0);
    if (last === undefined) break;
    last.fields = last.fields!.slice(0, -1);
    excess = totalEmbedLength(embeds) - LIMITS.total;
  }
  while (excess > 0 && embeds.length > 1) {
    embeds.pop();
    excess = totalEmbedLength(embeds) - LIMITS.total;
  }
  if (excess > 0) {
    const only = embeds[0]!;
    only.description = truncate(only.description ?? '', Math.max(0, (only.description?.length ?? 0) - excess));
  }
  return embeds;
}

function clampEmbed(embed: APIEmbed): APIEmbed {
  const e: APIEmbed = { ...embed };
  if (e.title !== undefined) e.title = truncate(e.title, LIMITS.title);
  if (e.description !== undefined) e.description = truncate(e.description, LIMITS.description);
  if (e.footer !== undefined) e.footer = { ...e.footer, text: truncate(e.footer.text, LIMITS.footer) };
  if (e.author !== undefined) e.author = { ...e.author, name: truncate(e.author.name, LIMITS.authorName) };
  if (e.url !== undefined && !isHttpUrl(e.url)) delete e.url;
  if (e.fields !== undefined) {
    e.fields = e.fields
      .slice(0, LIMITS.fields)
      .map((f) => ({ ...f, name: truncate(f.name, LIMITS.fieldName) || '\u200b', value: truncate(f.value, LIMITS.fieldValue) || '\u200b' }));
  }
  return e;
}
