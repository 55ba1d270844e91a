/**
 * Commands a channel gives the bot in words, on every platform (`/dagsorden følg fysioterapi` in
 * Slack, `@mødebot følg fysioterapi` in Teams and Discord, `følg fysioterapi` in the terminal).
 */
export type WatchCommand =
  /** Follow a topic: post newly indexed items about it in this channel. */
  | { kind: 'follow'; topic: string }
  /** List this channel's topics. */
  | { kind: 'list' }
  /** Stop following a topic. */
  | { kind: 'stop'; topic: string };

/** The longest topic accepted: a few words, not a paragraph. */
export const MAX_TOPIC_LENGTH = 100;

const FOLLOW = /^(?:følg|folg|foelg|følge|follow)\s+(.+)$/iu;
const LIST = /^(?:følger|folger|foelger|hvad følger (?:vi|kanalen|du)|emner|watches|following)\s*\??$/iu;
const STOP = /^(?:stop(?:\s+med\s+at\s+følge)?|følg\s+ikke|glem|unfollow)\s+(.+)$/iu;

function topicOf(text: string): string {
  return text
    .trim()
    .replace(/^["'«»“”„]+|["'«»“”„.!?]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The watch command in a message, or undefined when the message is a question.
 *
 * @example parseWatchCommand('følg fysioterapi') // { kind: 'follow', topic: 'fysioterapi' }
 * @example parseWatchCommand('stop «fysioterapi»') // { kind: 'stop', topic: 'fysioterapi' }
 */
export function parseWatchCommand(text: string): WatchCommand | undefined {
  const t = text.trim();
  if (LIST.test(t)) return { kind: 'list' };
  const stop = STOP.exec(t);
  if (stop) {
    const topic = topicOf(stop[1]!);
    return topic === '' ? undefined : { kind: 'stop', topic };
  }
  const follow = FOLLOW.exec(t);
  if (follow) {
    const topic = topicOf(follow[1]!);
    return topic === '' ? undefined : { kind: 'follow', topic };
  }
  return undefined;
}
