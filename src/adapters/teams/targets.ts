import { Activity, ActivityTypes } from '@microsoft/agents-activity';
import { CardFactory, type CloudAdapter } from '@microsoft/agents-hosting';
import type { Digest, DigestTarget } from '../../digest/types.js';
import type { Logger } from '../../log.js';
import { withRetryAfter } from '../../service/retry-after.js';
import type { WatchMatch, WatchTarget } from '../../watches/topic-watcher.js';
import type { AdaptiveCard } from './card.js';
import { TEAMS_CONVERSATIONS_FILE, referenceFor, type ConversationStore } from './conversation-store.js';
import { digestSummary, renderDigest } from './render-digest.js';
import { renderWatchMatch } from './render-watch.js';
import { watchMatchHeading } from '../../answer/texts.js';

/**
 * Where mødebot posts without being asked: the daily digest and topic-watch matches, as new
 * messages in conversations the bot has seen (see `ConversationStore`). A post refused with HTTP
 * 429 is retried after Retry-After.
 */

/**
 * A new message (not a reply) with `card` in a stored conversation. `appId` is set when the bot has
 * credentials; the SDK then fetches a token for the post. Without it (local development) the post
 * is sent without a token, as the replies are.
 */
async function postCard(adapter: CloudAdapter, store: ConversationStore, appId: string | undefined, conversationId: string, card: AdaptiveCard, summary: string): Promise<string> {
  const conversation = await store.get(conversationId);
  if (!conversation) {
    throw new Error(
      `Teams conversation ${conversationId} is unknown: add the app to that team or chat and send it a message there, ` +
        `so its address is recorded (in ${TEAMS_CONVERSATIONS_FILE}, or the database with DATABASE_URL).`,
    );
  }
  const reference = referenceFor(conversation);
  const message = Activity.fromObject({ type: ActivityTypes.Message, summary, attachments: [CardFactory.adaptiveCard(card)] });
  message.applyConversationReference(reference);
  // An object without `aud` is the SDK's anonymous identity: no token is fetched.
  const identity = appId ?? { name: 'anonymous' };
  await withRetryAfter(() =>
    adapter.continueConversation(identity, reference, async (context) => {
      // Through the adapter rather than context.sendActivity: the turn context would make the post
      // a reply to the synthetic continuation activity instead of a new message.
      await adapter.sendActivities(context, [message]);
    }),
  );
  return conversation.id;
}

/**
 * Posts the digest to a Teams conversation the bot has seen: a new post in a channel, a message in
 * a chat. `conversationId` is an id from `teams-conversations.json` (what
 * `DIGEST_TEAMS_CONVERSATIONS` lists).
 */
export function teamsDigestTarget(adapter: CloudAdapter, store: ConversationStore, appId: string | undefined, logger: Logger): DigestTarget {
  return {
    platform: 'teams',
    async post(conversationId: string, digest: Digest): Promise<void> {
      const id = await postCard(adapter, store, appId, conversationId, renderDigest(digest), digestSummary(digest));
      logger.info({ conversationId: id, meetings: digest.meetings.length }, 'teams digest posted');
    },
  };
}

/** Posts topic-watch matches to the conversation that follows the topic (where `følg` was written). */
export function teamsWatchTarget(adapter: CloudAdapter, store: ConversationStore, appId: string | undefined): WatchTarget {
  return {
    platform: 'teams',
    async post(conversationId: string, match: WatchMatch): Promise<void> {
      await postCard(adapter, store, appId, conversationId, renderWatchMatch(match), watchMatchHeading(match.topic, match.hits.length).slice(0, 200));
    },
  };
}
