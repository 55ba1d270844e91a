/**
 * Where a message was written, in the terms every platform shares: the platform, the channel
 * (a Slack channel or DM, a Discord channel, a Teams channel or chat, the terminal) and, within
 * it, the thread (a Slack thread's first `ts`, a Discord thread, a Teams reply chain).
 */
export interface Place {
  platform: 'slack' | 'teams' | 'discord' | 'terminal';
  /** Where topic watches post: a channel or conversation id. */
  channel: string;
  /** The thread within the channel; absent for a message outside any thread. */
  thread?: string;
}

/** One key per thread, for stores: `slack|C0123|1712000000.000100`. */
export function threadKey(place: Place): string {
  return `${place.platform}|${place.channel}|${place.thread ?? ''}`;
}

/** One key per channel: `slack|C0123`. */
export function channelKey(place: Pick<Place, 'platform' | 'channel'>): string {
  return `${place.platform}|${place.channel}`;
}
