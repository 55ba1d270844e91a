import { Routes, type REST } from 'discord.js';
import type { Digest, DigestTarget } from '../../digest/types.js';
import type { WatchMatch, WatchTarget } from '../../watches/topic-watcher.js';
import type { ButtonIds } from './custom-ids.js';
import { NO_MENTIONS } from './reply-message.js';
import { packDigest, renderDigest } from './render-digest.js';
import { renderWatchMatch } from './render-watch.js';

/**
 * Where mødebot posts without being asked: the daily digest and topic-watch matches, through
 * Discord's REST API (which waits out a rate limit, HTTP 429, by itself). Both reject when Discord
 * refuses (unknown channel, missing access), so the scheduler or watcher tries again later.
 */

/** Posts the digest to a channel by id, as one or more messages that each fit the embed limits. */
export function discordDigestTarget(rest: REST): DigestTarget {
  return {
    platform: 'discord',
    async post(channel: string, digest: Digest): Promise<void> {
      for (const embeds of packDigest(renderDigest(digest))) {
        await rest.post(Routes.channelMessages(channel), { body: { embeds, allowed_mentions: NO_MENTIONS } });
      }
    },
  };
}

/** Posts a topic-watch match to the channel (or thread) that follows the topic. */
export function discordWatchTarget(rest: REST, ids: ButtonIds): WatchTarget {
  return {
    platform: 'discord',
    async post(channel: string, match: WatchMatch): Promise<void> {
      await rest.post(Routes.channelMessages(channel), { body: { ...renderWatchMatch(match, ids), allowed_mentions: NO_MENTIONS } });
    },
  };
}
