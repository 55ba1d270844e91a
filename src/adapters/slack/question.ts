/**
 * Turning what Slack delivers into the question the core expects. Slack sends message and command
 * text with `&`, `<`, `>` escaped and with mentions, links and channels as `<…>` sequences.
 */

/**
 * The question in a message or command: the bot's mention removed, links and channel names as
 * their labels, entities decoded.
 *
 * @example questionFrom('<@U0BOT> hvad med &lt;fysioterapi&gt;?') // 'hvad med <fysioterapi>?'
 */
export function questionFrom(slackText: string | undefined): string {
  return (slackText ?? '')
    .replace(/<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g, ' ')
    .replace(/<#[CG][A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<![^>]*>/g, ' ')
    .replace(/<([^>|]+)\|([^>]*)>/g, '$2')
    .replace(/<([^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

const CASE_NUMBER = /\bSAG-\d{4}-\d{3,6}\b/gi;

/**
 * The distinct case numbers (`SAG-2025-01103`) in a text, upper-cased, in order of appearance.
 * @example caseNumbersIn('se sag-2025-01103 og SAG-2025-01103') // ['SAG-2025-01103']
 */
export function caseNumbersIn(t: string): string[] {
  return [...new Set((t.match(CASE_NUMBER) ?? []).map((s) => s.toUpperCase()))];
}
