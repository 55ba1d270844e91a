import type { AgendaItem, SectionRole } from '../corpus/types.js';
import { DANISH_MONTH_NAMES } from '../corpus/danish-dates.js';

/**
 * How the material is named to users on every platform: items, meetings, dates and counts. Each
 * adapter renders these strings in its own markup; none words them itself.
 */

/**
 * How an item is named to users on every platform: `3.6 Forslag til revision …`, or the title
 * alone when the material prints no number.
 */
export function itemHeadline(item: Pick<AgendaItem, 'number' | 'title'>): string {
  return item.number ? `${item.number} ${item.title}` : item.title;
}

/** `Økonomiudvalget, Odense Kommune, møde 5. september 2012 (referat)`: which meeting, whose, and what kind of material. */
export function meetingLine(item: Pick<AgendaItem, 'committee' | 'publisher' | 'meetingDate' | 'kind'>): string {
  return `${item.committee}${item.publisher ? `, ${item.publisher}` : ''}, møde ${danishDate(item.meetingDate)}${item.kind === 'minutes' ? ' (referat)' : ''}`;
}

/** Said under an answer from a document that could not be split into items. */
export const UNSTRUCTURED_NOTE = 'Dokumentet kunne ikke deles op i punkter; svaret er fra hele dokumentet.';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEKDAYS = ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'] as const;

function parseDay(iso: string): { y: number; m: number; d: number; weekday: number } | undefined {
  const match = ISO_DAY.exec(iso);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return { y, m, d, weekday: date.getUTCDay() };
}

/**
 * A day the Danish way: `2025-04-11` → `11. april 2025`. Written out by hand, so it does not depend
 * on the ICU data Node was built with; anything that is not a day is returned as it is.
 */
export function danishDate(iso: string): string {
  const day = parseDay(iso);
  return day ? `${day.d}. ${DANISH_MONTH_NAMES[day.m - 1]} ${day.y}` : iso;
}

/** A day ahead, with its weekday: `2025-06-18` → `onsdag den 18. juni 2025`. */
export function danishDay(iso: string): string {
  const day = parseDay(iso);
  return day ? `${WEEKDAYS[day.weekday]} den ${danishDate(iso)}` : iso;
}

/** `1 punkt`, `2 punkter`: a count with the Danish singular or plural. */
export function count(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** What a section without a printed heading is called, by what it holds. */
export const SECTION_NAMES: Record<SectionRole, string> = {
  background: 'Baggrund',
  recommendation: 'Indstilling',
  presentation: 'Sagsfremstilling',
  decision: 'Beslutning',
  attachments: 'Bilag',
  history: 'Tidligere behandling',
  other: 'Tekst',
};

/** One section of an item as a reader sees it: its heading as printed (or its role's name) and its text. */
export interface ShownSection {
  heading: string;
  role: SectionRole;
  text: string;
}

/**
 * Every section of an item with text, in the order the material prints them, each under its own
 * heading (`Sagens kerne`, `Beslutning i Økonomiudvalget den …`) or, without one, its role's name.
 * Items read before sections were kept (or whose recommendation and decision came from elsewhere)
 * still show background, recommendation, presentation and decision. Attachments are not here: they
 * are a list of titles, shown apart.
 */
export function itemSections(item: AgendaItem): ShownSection[] {
  const shown: ShownSection[] = item.sections
    .filter((s) => s.role !== 'attachments' && s.text.trim() !== '')
    .map((s) => ({ heading: s.heading.trim() || SECTION_NAMES[s.role], role: s.role, text: s.text }));
  const has = (role: SectionRole) => shown.some((s) => s.role === role);
  const fallback: Array<[SectionRole, string | null]> = [
    ['background', item.background],
    ['recommendation', item.recommendation],
    ['presentation', item.presentation],
    ['decision', item.decision],
  ];
  for (const [role, text] of fallback) {
    if (text && text.trim() !== '' && !has(role)) shown.push({ heading: SECTION_NAMES[role], role, text });
  }
  return shown;
}
