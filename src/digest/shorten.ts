import { cutText, readable } from '../answer/shorten.js';

/** Longest recommendation the digest shows whole; a longer one is cut visibly (ending in `…`). */
export const MAX_RECOMMENDATION_CHARS = 400;

/**
 * A recommendation (*Indstilling*) as the digest shows it: the opening formula `Det indstilles, at`
 * dropped (every recommendation has it), each point of a list on its own line (`– Drøfter …`), and
 * the whole of it, or as much as fits in `max` characters ending in `…`, so a reader can always see
 * whether something was left out.
 *
 * @example shortenRecommendation('Det indstilles, at KKR Hovedstaden\n– godkender fordelingen.')
 *   // → 'KKR Hovedstaden\n– godkender fordelingen.'
 */
export function shortenRecommendation(text: string, max: number = MAX_RECOMMENDATION_CHARS): string {
  const body = readable(text).replace(/^Det indstilles,? at\s+/i, '');
  const shown = cutText(body.charAt(0).toUpperCase() + body.slice(1), max).text;
  return shown;
}
