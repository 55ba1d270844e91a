import { itemHeadline, meetingLine } from '../../answer/present.js';
import { shorten } from '../../answer/shorten.js';
import { LABEL, watchMatchHeading } from '../../answer/texts.js';
import type { WatchMatch } from '../../watches/topic-watcher.js';

/** New material about a followed topic, as lines for the terminal chat. */
export function renderWatchText(match: WatchMatch): string {
  const lines = [`${watchMatchHeading(match.topic, match.hits.length)}:`];
  for (const hit of match.hits) {
    const item = hit.item;
    const summary = item.decision?.trim() ? `${LABEL.decision}: ${item.decision.trim()}` : item.recommendation.trim();
    lines.push(`  • ${itemHeadline(item)}`, `    ${meetingLine(item)}`);
    if (summary) lines.push(`    ${shorten(summary, 300, { flat: true })}`);
    if (hit.link ?? item.link) lines.push(`    ${hit.link ?? item.link}`);
  }
  return lines.join('\n');
}
