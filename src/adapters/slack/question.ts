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
