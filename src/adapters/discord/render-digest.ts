import type { APIEmbed } from 'discord.js';
import type { Digest, DigestItem, DigestMeeting } from '../../digest/types.js';
import { COLOURS, embedLength, fitEmbeds } from './render.js';
import { LIMITS, danishDate, isHttpUrl, maskedLink, safeText, tidy, truncate } from './text.js';

/**
 * The daily digest as embeds: a heading embed, then one embed per meeting with its items.
 * Pure; `packDigest` splits the result into messages that each fit Discord's limits.
 */
export function renderDigest(digest: Digest): APIEmbed[] {
  const intro: APIEmbed = {
    color: COLOURS.answer,
    title: 'Kommende KKR-møder',
    description:
      digest.meetings.length === 0
        ? `Ingen kendte møder de næste ${digest.windowDays} dage.`
        : `Møder de næste ${digest.windowDays} dage, set ${danishDate(digest.date)}.`,
  };
  return [intro, ...digest.meetings.map(meetingEmbed)];
}

function meetingEmbed(meeting: DigestMeeting): APIEmbed {
  const when = `${danishDate(meeting.date)}${meeting.time ? ` kl. ${meeting.time}` : ''}`;
  const status =
    meeting.status === 'published'
      ? `Dagsordenen er offentliggjort${meeting.isNew ? ' (ny)' : ''}.`
      : 'Dagsordenen er ikke offentliggjort endnu.';
  const heading =
    meeting.status === 'published' ? '' : meeting.items.length > 0 ? '\n\n**Forventede punkter**' : '';
  const lines = meeting.items.map(itemLine);
  const link = isHttpUrl(meeting.link) ? meeting.link : undefined;
  const tail = link !== undefined ? `\n\n${maskedLink('Se mødematerialet', link)}` : '';
  let body = `${status}${heading}`;
  const room = LIMITS.description - tail.length;
  for (let i = 0; i < lines.length; i++) {
    const next = `${body}\n${lines[i]}`;
    const left = lines.length - i - 1;
    if (next.length + (left > 0 ? 30 : 0) > room) {
      body += `\n… og ${lines.length - i} punkter mere`;
      break;
    }
    body = next;
  }
  return {
    color: meeting.status === 'published' ? COLOURS.answer : COLOURS.other,
    title: truncate(`${safeText(meeting.committee)} · ${when}`, LIMITS.title),
    ...(link !== undefined ? { url: link } : {}),
    description: `${body}${tail}`,
  };
}

function itemLine(item: DigestItem): string {
  const title = truncate(tidy(item.title), 200);
  const label = item.number ? `${item.number} ${title}` : title;
  const head = isHttpUrl(item.link) ? maskedLink(label, item.link) : safeText(label);
  const fresh = item.isNew ? ' 🆕' : '';
  const rec = item.recommendation ? `\n  ${truncate(safeText(tidy(item.recommendation)).replace(/\n/g, ' '), 300)}` : '';
  return `• ${head}${fresh}${rec}`;
}

/**
 * Splits embeds into messages of at most 10 embeds and 6000 characters each, keeping order, so a
 * long digest is posted as several messages rather than refused.
 */
export function packDigest(embeds: readonly APIEmbed[]): APIEmbed[][] {
  const messages: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let size = 0;
  for (const raw of embeds) {
    const [embed] = fitEmbeds([raw]);
    if (embed === undefined) continue;
    const n = embedLength(embed);
    if (current.length > 0 && (current.length >= LIMITS.embeds || size + n > LIMITS.total)) {
      messages.push(current);
      current = [];
      size = 0;
    }
    current.push(embed);
    size += n;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}
