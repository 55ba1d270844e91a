import { Routes, type REST } from 'discord.js';
import type { Digest, DigestTarget } from '../../digest/types.js';
import { NO_MENTIONS } from './answer-question.js';
import { packDigest, renderDigest } from './render-digest.js';

/**
 * Posts the digest to a channel by id through Discord's REST API, as one or more messages that
 * each fit the embed limits. Rejects when Discord refuses (unknown channel, missing access).
 */
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
