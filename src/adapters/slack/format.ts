import type { AgendaItem } from '../../corpus/types.js';

const DANISH_DATE = new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * A meeting date as Danish readers write it: `2025-04-11` → `11. april 2025`. Falls back to the
 * input when it is not a date, so a bad date never breaks a message.
 */
export function danishDate(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? isoDate : DANISH_DATE.format(d);
}

/** `3.6 Forslag til …`: how an item is named in every message. */
export function itemLabel(item: Pick<AgendaItem, 'number' | 'title'>): string {
  return `${item.number} ${item.title}`;
}

/** Where to read an item: the answer's link, else the item's own. */
export function itemLink(item: Pick<AgendaItem, 'link'>, hitLink?: string): string | undefined {
  return hitLink ?? item.link;
}

const DANISH_DAY = new Intl.DateTimeFormat('da-DK', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `2025-04-11` → `fredag den 11. april 2025`, for meetings ahead. */
export function danishDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? isoDate : DANISH_DAY.format(d);
}

/** `1 punkt`, `2 punkter`: a count with the Danish singular or plural. */
export function count(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
