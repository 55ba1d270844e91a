import { itemHeadline, meetingLine } from '../../answer/present.js';
import { LABEL, watchMatchHeading } from '../../answer/texts.js';
import type { WatchMatch } from '../../watches/topic-watcher.js';
import { card, escapeText, markdownBlock, textBlock, truncate, type AdaptiveCard, type CardElement } from './card.js';
import { showItem, submit } from './card-actions.js';
import { fitCard } from './limits.js';

const SUMMARY_CHARS = [400, 250, 120, 0];
const MAX_ITEMS = [30, 20, 10, 5];

/**
 * New material about a followed topic, as a card: the topic, then each item (tap to see it whole)
 * with its meeting and its decision (minutes) or recommendation.
 */
export function renderWatchMatch(match: WatchMatch): AdaptiveCard {
  return fitCard((level) => {
    const body: CardElement[] = [textBlock(watchMatchHeading(match.topic, match.hits.length), { weight: 'Bolder', size: 'Medium' })];
    for (const hit of match.hits.slice(0, MAX_ITEMS[level]!)) {
      const item = hit.item;
      const summary = item.decision?.trim() ? `${LABEL.decision}: ${item.decision}` : item.recommendation;
      const items: CardElement[] = [
        markdownBlock(`**${escapeText(truncate(itemHeadline(item), 200).text)}**`, { spacing: 'None' }),
        textBlock(truncate(meetingLine(item), 300).text, { isSubtle: true, size: 'Small', spacing: 'None' }),
      ];
      if (SUMMARY_CHARS[level]! > 0 && summary.trim() !== '') items.push(textBlock(truncate(summary, SUMMARY_CHARS[level]!).text, { size: 'Small', spacing: 'None' }));
      body.push({ type: 'Container', spacing: 'Medium', items, selectAction: submit(LABEL.showItem, showItem(item.id)) });
    }
    return card(body);
  }, MAX_ITEMS.length);
}
