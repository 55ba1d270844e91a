import type { AgendaItem } from '../corpus/types.js';
import { formatDanishDate } from '../corpus/danish-dates.js';

/**
 * How an item is named to users on every platform: `3.6 Forslag til revision …`, or the title
 * alone when the material prints no number.
 */
export function itemHeadline(item: Pick<AgendaItem, 'number' | 'title'>): string {
  return item.number ? `${item.number} ${item.title}` : item.title;
}

/** `Økonomiudvalget, Odense Kommune, møde 5. september 2012 (referat)`: which meeting, whose, and what kind of material. */
export function meetingLine(item: Pick<AgendaItem, 'committee' | 'publisher' | 'meetingDate' | 'kind'>): string {
  return `${item.committee}${item.publisher ? `, ${item.publisher}` : ''}, møde ${formatDanishDate(item.meetingDate)}${item.kind === 'minutes' ? ' (referat)' : ''}`;
}

/** Said under an answer from a document that could not be split into items. */
export const UNSTRUCTURED_NOTE = 'Dokumentet kunne ikke deles op i punkter; svaret er fra hele dokumentet.';
