import type { AdaptiveCard } from './card.js';

/**
 * What Teams accepts in one message, and fitting a card into it.
 */

/**
 * Teams refuses a bot message above about 28 KB, envelope included. Cards are kept below this many
 * bytes of JSON so the activity around them (ids, serviceUrl, channel data) still fits.
 */
export const TEAMS_CARD_MAX_BYTES = 24_000;

/** Size of the card as Teams counts it: UTF-8 bytes of the JSON. */
export function cardBytes(c: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(c), 'utf8');
}

/**
 * Builds the largest version of a card that fits: `build(level)` is called with level 0, 1, 2, …
 * and should shorten more at each level; the first card within `maxBytes` wins. Throws only when
 * even the last level is too large, which means the builder ignores its level.
 */
export function fitCard(build: (level: number) => AdaptiveCard, levels: number, maxBytes = TEAMS_CARD_MAX_BYTES): AdaptiveCard {
  for (let level = 0; level < levels; level++) {
    const c = build(level);
    if (cardBytes(c) <= maxBytes) return c;
  }
  const last = build(levels - 1);
  if (cardBytes(last) <= maxBytes) return last;
  throw new Error(`card does not fit in ${maxBytes} bytes even at level ${levels - 1}`);
}
