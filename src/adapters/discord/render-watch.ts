import { ButtonStyle, ComponentType, type APIButtonComponent } from 'discord.js';
import { itemHeadline, meetingLine } from '../../answer/present.js';
import { shorten } from '../../answer/shorten.js';
import { LABEL, watchMatchHeading } from '../../answer/texts.js';
import type { WatchMatch } from '../../watches/topic-watcher.js';
import type { ButtonIds } from './custom-ids.js';
import type { DiscordReply } from './render-answer.js';
import { LIMITS, joinWithin, truncate } from './limits.js';
import { isHttpUrl, maskedLink, safeText } from './markdown.js';
import { COLOURS } from './render-notice.js';

/**
 * New material about a followed topic, as a Discord post: the topic, each item with its meeting
 * and its decision (minutes) or recommendation, and a button per item for the whole of it.
 */
export function renderWatchMatch(match: WatchMatch, ids: ButtonIds): DiscordReply {
  const lines = match.hits.map((hit) => {
    const item = hit.item;
    const link = isHttpUrl(hit.link) ? hit.link : isHttpUrl(item.link) ? item.link : undefined;
    const headline = truncate(itemHeadline(item), 200);
    const head = link !== undefined ? maskedLink(headline, link) : `**${safeText(headline)}**`;
    const summary = item.decision?.trim() ? `${LABEL.decision}: ${item.decision.trim()}` : item.recommendation.trim();
    return `${head}\n${safeText(meetingLine(item))}${summary ? `\n> ${safeText(shorten(summary, 300, { flat: true }))}` : ''}`;
  });
  const buttons: APIButtonComponent[] = match.hits.slice(0, LIMITS.buttonsPerRow * (LIMITS.rows - 1)).map(
    (hit) => ({ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: ids.item(hit.item.id), label: truncate(`Hele punkt ${hit.item.number || itemHeadline(hit.item)}`, LIMITS.buttonLabel) }) as APIButtonComponent,
  );
  const rows = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) rows.push({ type: ComponentType.ActionRow as const, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  return {
    embeds: [{ color: COLOURS.answer, title: truncate(watchMatchHeading(match.topic, match.hits.length), LIMITS.title), description: joinWithin(lines, LIMITS.description, '\n\n') }],
    components: rows,
  };
}
