import type { App } from '@slack/bolt';
import type { Digest, DigestTarget } from '../../digest/types.js';
import { POST_OPTIONS } from './handlers/deps.js';
import { renderDigest } from './render-digest.js';

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
