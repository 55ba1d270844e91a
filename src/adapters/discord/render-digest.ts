import type { APIEmbed } from 'discord.js';
import { danishDate, danishDay } from '../../answer/present.js';
import { DIGEST_NO_MEETINGS, DIGEST_TITLE, LABEL, digestScope, digestStatus } from '../../answer/texts.js';
import { splitStanding } from '../../digest/standing.js';
import type { Digest, DigestItem, DigestMeeting } from '../../digest/types.js';
import { LIMITS, embedLength, fitEmbeds, truncate } from './limits.js';
import { isHttpUrl, maskedLink, safeText, tidy } from './markdown.js';
import { COLOURS } from './render-notice.js';

/**
 * The daily digest as embeds: a heading embed, then one embed per meeting with its items.
 * Pure; `packDigest` splits the result into messages that each fit Discord's limits.
 */
export function renderDigest(digest: Digest): APIEmbed[] {
  const intro: APIEmbed = {
    color: COLOURS.answer,
    title: DIGEST_TITLE,
    description: digest.meetings.length === 0 ? DIGEST_NO_MEETINGS : `${digestScope(digest.windowDays)}, set ${danishDay(digest.date)}.`,
  };
  return [intro, ...digest.meetings.map(meetingEmbed)];
}

function meetingEmbed(meeting: DigestMeeting): APIEmbed {
  const when = `${danishDate(meeting.date)}${meeting.time ? ` kl. ${meeting.time}` : ''}`;
  const status = digestStatus(meeting.status, meeting.isNew, meeting.items.length > 0);
  const heading = meeting.status === 'published' ? '' : meeting.items.length > 0 ? `\n\n**${LABEL.expectedItems}**` : '';
  const { topical, standing } = splitStanding(meeting.items);
  const lines = [...(standing.length > 0 ? [`• ${LABEL.standingItems}: ${safeText(standing.join(' · '))}`] : []), ...topical.map(itemLine)];
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
  // The recommendation as the digest gives it (whole, or ending in …), each point on its own line.
  const rec = item.recommendation ? `\n${safeText(item.recommendation).split('\n').map((l) => `  ${l}`).join('\n')}` : '';
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
