/** How much of a question a reply repeats: enough to recognise it, not a wall of the user's text. */
export const QUOTE_MAX = 60;

/**
 * The question as a reply quotes it: at most {@link QUOTE_MAX} characters, cut at a word where
 * one is near and marked with `…`, never inside a surrogate pair.
 *
 * @example
 * quoteQuestion('fysioterapi'); // 'fysioterapi'
 */
export function quoteQuestion(question: string, max = QUOTE_MAX): string {
  const chars = Array.from(question.replace(/\s+/g, ' ').trim());
  if (chars.length <= max) return chars.join('');
  const head = chars.slice(0, max - 1).join('');
  const space = head.lastIndexOf(' ');
  return `${space > max / 2 ? head.slice(0, space) : head}…`;
}
