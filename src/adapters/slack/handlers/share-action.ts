import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { logFailure, tellFailure } from '../../../service/failure.js';
import { withRetryAfter } from '../../../service/retry-after.js';
import { takeTurn } from '../../../service/take-turn.js';
import { decodeAskRequest } from '../action-ids.js';
import { renderAnswer } from '../render-answer.js';
import { renderError, renderItemGone } from '../render-notice.js';
import type { HandlerDeps } from './deps.js';

/**
 * "Del i kanalen" under an answer only the asker sees (`SLACK_RESPONSE=ephemeral`): posts the same
 * answer in the channel through the command's response_url, which works in any channel the command
 * was used in, with "Delt af @asker" on top, and removes the private copy.
 */
export function shareAction({ chat, config, logger }: HandlerDeps) {
  return async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const log = logger.child({ handler: 'share', user: body.user.id, channel: body.channel?.id });
    const send = (message: Parameters<typeof respond>[0]) => withRetryAfter(() => respond(message));
    try {
      await takeTurn();
      const request = decodeAskRequest(action.value);
      if (request === undefined) {
        await send({ response_type: 'ephemeral', replace_original: false, ...renderItemGone() });
        return;
      }
      const answer = await chat.conversation.engine.ask(request.query, { offset: request.offset, ...(request.filters ? { filters: request.filters } : {}) });
      const message = renderAnswer(answer, { command: config.command, feedback: chat.feedback !== undefined, sharedBy: body.user.id });
      await send({ response_type: 'in_channel', replace_original: false, ...message });
      await send({ delete_original: true }).catch((err: unknown) => log.warn({ err }, 'the private copy of a shared answer could not be removed'));
    } catch (error) {
      const failure = logFailure(log, error, 'share');
      await tellFailure(log, failure, [() => send({ response_type: 'ephemeral', replace_original: false, ...renderError(failure.errorId) })]);
    }
  };
}
