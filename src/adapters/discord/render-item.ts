import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { AgendaItem } from '../../corpus/types.js';
import { itemHeadline, itemSections, meetingLine, UNSTRUCTURED_NOTE } from '../../answer/present.js';
import { ITEM_WITHOUT_TEXT, LABEL, sectionsNotShownText } from '../../answer/texts.js';
import type { DiscordReply } from './render-answer.js';
import { LIMITS, fitEmbeds, joinWithin, truncate, truncateWithLink } from './limits.js';
import { isHttpUrl, maskedLink, safeText, tidy } from './markdown.js';
import { COLOURS } from './render-notice.js';

/** Embeds of a message besides the first: sections, then attachments and links. */
const SECTION_EMBEDS = LIMITS.embeds - 2;

/**
 * The whole item for "show the whole item": its facts, then every section in the order the
 * material prints it under its own heading (*Sagens kerne*, *Indstilling*, *Beslutning* …), each in
 * an embed and cut with a link to the material where too long, then attachments and links.
 */
export function renderItem(item: AgendaItem): DiscordReply {
  const link = isHttpUrl(item.link) ? item.link : undefined;
  const fields: APIEmbedField[] = [];
  if (item.caseNumber !== '') fields.push({ name: LABEL.case, value: truncate(safeText(item.caseNumber), LIMITS.fieldValue), inline: true });
  if (item.caseOfficers.length > 0) fields.push({ name: LABEL.caseOfficers, value: truncate(safeText(item.caseOfficers.join(', ')), LIMITS.fieldValue), inline: true });
  if (item.heading !== '') fields.push({ name: LABEL.heading, value: truncate(safeText(item.heading), LIMITS.fieldValue), inline: true });
  if (item.page !== undefined) fields.push({ name: LABEL.page, value: String(item.page), inline: true });

  const sections = itemSections(item);
  const intro = [
    item.unstructured ? `*${safeText(UNSTRUCTURED_NOTE)}*` : '',
    sections.length === 0 && item.attachments.length === 0 ? safeText(ITEM_WITHOUT_TEXT) : '',
    link !== undefined ? maskedLink(LABEL.openMaterial, link) : '',
  ].filter((s) => s !== '');
  const main: APIEmbed = {
    color: COLOURS.answer,
    author: { name: truncate(meetingLine(item), LIMITS.authorName) },
    title: truncate(safeText(itemHeadline({ number: item.number, title: tidy(item.title) })), LIMITS.title),
    ...(link !== undefined ? { url: link } : {}),
    ...(intro.length > 0 ? { description: intro.join('\n\n') } : {}),
    fields,
  };
  const embeds: APIEmbed[] = [main];
  const shown = sections.slice(0, sections.length > SECTION_EMBEDS ? SECTION_EMBEDS - 1 : SECTION_EMBEDS);
  for (const s of shown) {
    embeds.push({
      color: s.role === 'decision' ? COLOURS.answer : COLOURS.other,
      title: truncate(safeText(s.heading), LIMITS.title),
      description: truncateWithLink(safeText(tidy(s.text)), LIMITS.description, link, LABEL.readRest) || '\u200b',
    });
  }
  if (shown.length < sections.length) embeds.push({ color: COLOURS.other, description: safeText(sectionsNotShownText(sections.length - shown.length)) });
  const extras: string[] = [...item.attachments.map((a) => `• ${safeText(tidy(a))}`)];
  const links = item.links.filter(isHttpUrl);
  if (extras.length > 0 || links.length > 0) {
    const linkLines = links.map((l, i) => `• ${maskedLink(`Link ${i + 1}`, l)}`);
    embeds.push({ color: COLOURS.other, title: `${LABEL.attachments} og links`, description: joinWithin([...extras, ...linkLines], LIMITS.description) });
  }
  return { embeds: fitEmbeds(embeds, link, LABEL.readRest), components: [] };
}
