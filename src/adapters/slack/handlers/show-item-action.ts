import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { renderItem, renderItemGone } from '../render.js';
import type { HandlerDeps } from './deps.js';
import { replyToAction } from './reply-to-action.js';
import { reportFailure } from './report-failure.js';
import { takeTurn } from '../../../service/take-turn.js';

/** "Vis hele punktet": the whole item (background, recommendation, attachments, links). */
export function showItemAction({ engine, logger }: HandlerDeps) {
  return async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    // Acknowledgements of other requests first (Slack waits 3 s for each), then this answer.
    await takeTurn();
    const log = logger.child({ handler: 'show-item', user: body.user.id, channel: body.channel?.id });
    try {
      const item = action.value ? engine.item(action.value) : undefined;
      const message = item ? renderItem(item) : renderItemGone();
      await replyToAction(body, client, respond, message, log);
    } catch (error) {
      await reportFailure(log, error, 'show item', (m) => respond({ response_type: 'ephemeral', replace_original: false, ...m }));
    }
  };
}
