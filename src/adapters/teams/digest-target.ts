import { Activity, ActivityTypes } from '@microsoft/agents-activity';
import { CardFactory, type CloudAdapter } from '@microsoft/agents-hosting';
import type { Digest, DigestTarget } from '../../digest/types.js';
import type { Logger } from '../../log.js';
import { TEAMS_CONVERSATIONS_FILE, referenceFor, type ConversationStore } from './conversation-store.js';
import { digestSummary, renderDigest } from './render-digest.js';

/**
 * Posts the digest to a Teams conversation the bot has seen (see `ConversationStore`): a new post
 * in a channel, a message in a chat. `conversationId` is an id from `teams-conversations.json`
 * (what `DIGEST_TEAMS_CONVERSATIONS` lists).
 *
 * `appId` is set when the bot has credentials; the SDK then fetches a token for the post. Without
 * it (local development) the post is sent without a token, as the replies are.
 */
export function teamsDigestTarget(adapter: CloudAdapter, store: ConversationStore, appId: string | undefined, logger: Logger): DigestTarget {
  return {
    platform: 'teams',
    async post(conversationId: string, digest: Digest): Promise<void> {
      const conversation = store.get(conversationId);
      if (!conversation) {
        throw new Error(
          `Teams conversation ${conversationId} is unknown: add the app to that team or chat and send it a message there, ` +
            `so its address is recorded in ${TEAMS_CONVERSATIONS_FILE}.`,
        );
      }
      const reference = referenceFor(conversation);
      const message = Activity.fromObject({
        type: ActivityTypes.Message,
        summary: digestSummary(digest),
        attachments: [CardFactory.adaptiveCard(renderDigest(digest))],
      });
      message.applyConversationReference(reference);
      // An object without `aud` is the SDK's anonymous identity: no token is fetched.
      const identity = appId ?? { name: 'anonymous' };
      await adapter.continueConversation(identity, reference, async (context) => {
        // Through the adapter rather than context.sendActivity: the turn context would make the post
        // a reply to the synthetic continuation activity instead of a new message.
        await adapter.sendActivities(context, [message]);
      });
      logger.info({ conversationId: conversation.id, meetings: digest.meetings.length }, 'teams digest posted');
    },
  };
}
