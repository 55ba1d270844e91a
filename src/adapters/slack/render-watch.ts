import { itemHeadline, meetingLine } from '../../answer/present.js';
import { shorten } from '../../answer/shorten.js';
import { LABEL, watchMatchHeading } from '../../answer/texts.js';
import type { WatchMatch } from '../../watches/topic-watcher.js';
import { context, fallback, section, type KnownBlock, type SlackMessage } from './block-kit.js';
import { SLACK_LIMITS } from './limits.js';
import { bold, italic, link, markup, text } from './mrkdwn.js';
import { feedbackButtons, showItemButton } from './render-answer.js';
import { actions } from './block-kit.js';

/** Characters of each item's recommendation or decision in a watch post. */
const SUMMARY_CHARS = 400;

/**
 * New material about a followed topic, as a Slack post: the topic, then each item with its
 * meeting, its decision (minutes) or recommendation, and "Vis punktet".
 */
export function renderWatchMatch(match: WatchMatch): SlackMessage {
  const heading = watchMatchHeading(match.topic, match.hits.length);
  const blocks: KnownBlock[] = [section([bold(heading)])];
  const room = SLACK_LIMITS.blocksPerMessage - 3;
  for (const hit of match.hits.slice(0, room)) {
    const item = hit.item;
    const summary = item.decision?.trim() ? `${LABEL.decision}: ${item.decision.trim()}` : item.recommendation.trim();
    blocks.push(
      section([link(hit.link ?? item.link, itemHeadline(item), true), markup('\n'), text(meetingLine(item)), ...(summary ? [markup('\n'), italic(shorten(summary, SUMMARY_CHARS, { flat: true }))] : [])], {
        accessory: showItemButton(item, LABEL.showListedItem),
      }),
    );
  }
  if (match.hits.length > room) blocks.push(context([text(`… og ${match.hits.length - room} mere.`)]));
  const feedback = feedbackButtons(match.topic, match.hits[0]?.item.id);
  if (feedback.length > 0) blocks.push(actions(feedback));
  return { text: fallback([text(`${heading}: ${match.hits.map((h) => itemHeadline(h.item)).join('; ')}`)]), blocks };
}
