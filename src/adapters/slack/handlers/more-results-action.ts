import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decodeMoreResults } from '../action-ids.js';
import { renderAnswer, renderItemGone } from '../render.js';
import type { HandlerDeps } from './deps.js';
import { replyToAction } from './reply-to-action.js';
import { reportFailure } from './report-failure.js';
import { takeTurn } from '../../../service/take-turn.js';

/** "Flere resultater": asks the same question again from where the last answer stopped. */
export function moreResultsAction({ engine, config, logger }: HandlerDeps) {
  return async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    // Acknowledgements of other requests first (Slack waits 3 s for each), then this answer.
    await takeTurn();
    const log = logger.child({ handler: 'more-results', user: body.user.id, channel: body.channel?.id });
    try {
      const more = decodeMoreResults(action.value);
      const message = more
        ? renderAnswer(engine.ask(more.query, { offset: more.offset }), { command: config.command })
        : renderItemGone();
      await replyToAction(body, client, respond, message, log);
    } catch (error) {
      await reportFailure(log, error, 'more results', (m) => respond({ response_type: 'ephemeral', replace_original: false, ...m }));
    }
  };
}
