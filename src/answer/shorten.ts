/**
 * The one way material text is shortened for users, on every platform: whitespace tidied, cut at
 * a word near the limit, and the cut always shown with `…`. Platform renderers fit their markup
 * to their own limits afterwards (Slack pieces, Discord markdown, Teams card bytes); what the
 * reader sees shortened is decided here.
 */

/** A text as shown: `cut` tells whether something was left out (then `text` ends in `…`). */
export interface Shortened {
  text: string;
  cut: boolean;
}

/** The mark a shortened text ends with. */
export const ELLIPSIS = '…';

/** A line that starts a point of a list: `– Drøfter …`, `- …`, `• …`, `1. …`, `a) …`. */
const POINT = /^(?:[–—•*·-]\s|\d{1,2}[.)]\s|[a-zæøå][.)]\s)/i;

/**
 * Text tidied for reading: runs of spaces are one space; a line that starts a point of a list
 * (`– Drøfter …`, `1. …`) and a paragraph break stay; any other line break (a wrap in the PDF)
 * becomes a space. `flat` puts everything on one line.
 *
 * @example readable('Det indstilles, at KKR\n– godkender\n  planen.') // 'Det indstilles, at KKR\n– godkender planen.'
 */
export function readable(text: string, options: { flat?: boolean } = {}): string {
  const normal = text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (options.flat) return normal.replace(/\s+/g, ' ');
  return normal.replace(/([^\n])\n(?!\n)(?=([^\n]*))/g, (whole, before: string, next: string) => (POINT.test(next) ? whole : `${before} `));
}

/**
 * `text` within `max` characters (UTF-16 units, as the platforms count): whole when it fits,
 * else cut at a word boundary near the limit (never inside a surrogate pair) and ended with `…`.
 * Line breaks of lists stay unless `flat`.
 *
 * @example cutText('Det indstilles, at KKR Hovedstaden godkender planen.', 30)
 *   // { text: 'Det indstilles, at KKR…', cut: true }
 */
export function cutText(text: string, max: number, options: { flat?: boolean } = {}): Shortened {
  const tidy = readable(text, options);
  if (tidy.length <= max) return { text: tidy, cut: false };
  if (max <= 0) return { text: '', cut: true };
  let head = tidy.slice(0, max - ELLIPSIS.length);
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  const space = head.search(/\s\S*$/);
  if (space > head.length * 0.6) head = head.slice(0, space);
  head = head.replace(/[\s,;:–—-]+$/, '');
  return { text: `${head}${ELLIPSIS}`, cut: true };
}

/** {@link cutText}'s text alone. */
export function shorten(text: string, max: number, options: { flat?: boolean } = {}): string {
  return cutText(text, max, options).text;
}
