import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { logFailure, tellFailure } from '../../../service/failure.js';
import { takeTurn } from '../../../service/take-turn.js';
import { renderItem } from '../render-item.js';
import { renderError, renderItemGone } from '../render-notice.js';
import type { HandlerDeps } from './deps.js';
import { replyToAction } from './reply-to-action.js';

/** "Vis hele punktet": the whole item, every section in printed order, attachments and links. */
export function showItemAction({ chat, logger }: HandlerDeps) {
  return async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const log = logger.child({ handler: 'show-item', user: body.user.id, channel: body.channel?.id });
    try {
      // Acknowledgements of other requests first (Slack waits 3 s for each), then this answer.
      await takeTurn();
      const item = action.value ? await chat.conversation.engine.item(action.value) : undefined;
      await replyToAction(body, client, respond, item ? renderItem(item) : renderItemGone(), log);
    } catch (error) {
      const failure = logFailure(log, error, 'show item');
      await tellFailure(log, failure, [() => respond({ response_type: 'ephemeral', replace_original: false, ...renderError(failure.errorId) })]);
    }
  };
}
