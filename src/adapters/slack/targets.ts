import type { App } from '@slack/bolt';
import type { Digest, DigestTarget } from '../../digest/types.js';
import type { WatchMatch, WatchTarget } from '../../watches/topic-watcher.js';
import { POST_OPTIONS } from './handlers/deps.js';
import { renderDigest } from './render-digest.js';
import { renderWatchMatch } from './render-watch.js';

/**
 * Where mødebot posts without being asked: the daily digest and topic-watch matches.
 */

/**
 * Posts the daily digest to Slack channels with chat.postMessage. The bot must be a member of a
 * private channel; public channels need `chat:write.public` or membership. Rejects with Slack's
 * error (e.g. `channel_not_found`, `not_in_channel`) so the scheduler can log and retry.
 */
export function slackDigestTarget(client: App['client']): DigestTarget {
  return {
    platform: 'slack',
    async post(channel: string, digest: Digest): Promise<void> {
      await client.chat.postMessage({ channel, ...renderDigest(digest), ...POST_OPTIONS });
    },
  };
}

/**
 * Posts topic-watch matches to the channel that follows the topic. Rejects with Slack's error
 * (`not_in_channel` in a private channel the bot is not in) so the watcher tries again later.
 */
export function slackWatchTarget(client: App['client']): WatchTarget {
  return {
    platform: 'slack',
    async post(channel: string, match: WatchMatch): Promise<void> {
      await client.chat.postMessage({ channel, ...renderWatchMatch(match), ...POST_OPTIONS });
    },
  };
}
