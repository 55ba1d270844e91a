import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { logFailure, tellFailure } from '../../../service/failure.js';
import { takeTurn } from '../../../service/take-turn.js';
import { decodeAskRequest } from '../action-ids.js';
import { renderAnswer } from '../render-answer.js';
import { renderError, renderItemGone } from '../render-notice.js';
import type { HandlerDeps } from './deps.js';
import { actionThread, replyToAction } from './reply-to-action.js';

/** "Flere resultater": asks the same question (with its filters) again from where the last answer stopped. */
export function moreResultsAction({ chat, config, logger }: HandlerDeps) {
  return async ({ ack, body, action, client, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const log = logger.child({ handler: 'more-results', user: body.user.id, channel: body.channel?.id });
    try {
      // Acknowledgements of other requests first (Slack waits 3 s for each), then this answer.
      await takeTurn();
      const more = decodeAskRequest(action.value);
      if (more === undefined) {
        await replyToAction(body, client, respond, renderItemGone(), log);
        return;
      }
      const answer = await chat.conversation.engine.ask(more.query, { offset: more.offset, ...(more.filters ? { filters: more.filters } : {}) });
      const posted = await replyToAction(body, client, respond, renderAnswer(answer, { command: config.command, feedback: chat.feedback !== undefined }), log);
      // The thread now continues from this page: "mere" there gives the page after it.
      const thread = actionThread(body);
      if (posted === 'thread' && thread) await chat.conversation.rememberAnswer({ platform: 'slack', ...thread }, answer);
    } catch (error) {
      const failure = logFailure(log, error, 'more results');
      await tellFailure(log, failure, [() => respond({ response_type: 'ephemeral', replace_original: false, ...renderError(failure.errorId) })]);
    }
  };
}
