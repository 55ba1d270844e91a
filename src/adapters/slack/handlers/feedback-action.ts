import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { feedbackThanks } from '../../../answer/texts.js';
import { logFailure, tellFailure } from '../../../service/failure.js';
import { withRetryAfter } from '../../../service/retry-after.js';
import { ACTION_FEEDBACK_UP, decodeFeedback } from '../action-ids.js';
import { renderError, renderNotice } from '../render-notice.js';
import type { HandlerDeps } from './deps.js';

/**
 * 👍 / 👎 under an answer: the vote is stored with the question, the item, the channel and a
 * keyed hash of the user, and the voter (only) is thanked.
 */
export function feedbackAction({ chat, logger }: HandlerDeps) {
  return async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const log = logger.child({ handler: 'feedback', channel: body.channel?.id });
    const vote = action.action_id === ACTION_FEEDBACK_UP ? 'up' : 'down';
    try {
      const value = decodeFeedback(action.value);
      if (value === undefined || chat.feedback === undefined) throw new Error('a feedback button without a question, or feedback is not kept');
      const channel = body.channel?.id ?? (body.container as { channel_id?: string }).channel_id ?? '';
      await chat.feedback.vote({ vote, question: value.query, itemId: value.itemId, platform: 'slack', channel, userId: body.user.id });
      log.info({ vote }, 'feedback recorded');
      await withRetryAfter(() => respond({ response_type: 'ephemeral', replace_original: false, ...renderNotice(feedbackThanks(vote)) }));
    } catch (error) {
      const failure = logFailure(log, error, 'feedback');
      await tellFailure(log, failure, [() => respond({ response_type: 'ephemeral', replace_original: false, ...renderError(failure.errorId) })]);
    }
  };
}
