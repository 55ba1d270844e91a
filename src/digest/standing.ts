import { itemHeadline } from '../answer/present.js';
import type { DigestItem } from './types.js';

/**
 * A meeting's items as the digest lists them: the standing items (approval of agenda and minutes,
 * *Eventuelt*) named together on one line, the topical items one each, in agenda order.
 *
 * @example splitStanding(items).standing // ['1.1 Godkendelse af dagsorden', '1.2 Godkendelse af referat']
 */
export function splitStanding(items: readonly DigestItem[]): { topical: DigestItem[]; standing: string[] } {
  const topical: DigestItem[] = [];
  const standing: string[] = [];
  for (const item of items) {
    if (item.standing) standing.push(itemHeadline({ number: item.number ?? '', title: item.title }));
    else topical.push(item);
  }
  return { topical, standing };
}
