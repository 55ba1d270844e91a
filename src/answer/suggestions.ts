import { formatDanishDate } from '../corpus/danish-dates.js';
import type { SearchIndex } from '../search/search-index.js';
import { foldDanish } from '../search/fold.js';
import type { Suggestion } from './types.js';

/**
 * Autocomplete: item titles and case numbers that contain what the user has typed so far,
 * newest first. Asked per keystroke, so titles and case numbers are folded once per index.
 */
const foldedTexts = new WeakMap<SearchIndex, { titles: string[]; cases: string[] }>();

function folded(index: SearchIndex) {
  let f = foldedTexts.get(index);
  if (!f) {
    f = {
      titles: index.items.map((item) => foldDanish(item.title.toLowerCase())),
      cases: index.items.map((item) => foldDanish(item.caseNumber.toLowerCase())),
    };
    foldedTexts.set(index, f);
  }
  return f;
}

/** Up to `limit` (default 25) suggestions: a case number once, with its committee and date; titles with their number and date. */
export function suggest(index: SearchIndex, partial: string, limit = 25): Suggestion[] {
  const needle = foldDanish(partial.toLowerCase().trim());
  const out: Suggestion[] = [];
  const seenCases = new Set<string>();
  const { titles, cases } = folded(index);
  const items = index.items;
  // Newest first: items are in meeting order.
  for (let i = items.length - 1; i >= 0 && out.length < limit; i--) {
    const item = items[i]!;
    if (item.caseNumber && !seenCases.has(item.caseNumber) && needle !== '' && cases[i]!.includes(needle)) {
      seenCases.add(item.caseNumber);
      out.push({ label: `${item.caseNumber} (${item.committee}, ${formatDanishDate(item.meetingDate)})`, value: item.caseNumber });
      continue;
    }
    if (needle === '' || titles[i]!.includes(needle)) {
      out.push({ label: `${item.number ? `${item.number} ` : ''}${item.title} (${formatDanishDate(item.meetingDate)})`, value: item.title });
    }
  }
  return out;
}
