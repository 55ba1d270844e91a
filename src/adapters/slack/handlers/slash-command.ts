import type { AllMiddlewareArgs, RespondArguments, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { SLOW_ANSWER_TEXT } from '../../../answer/texts.js';
import { logFailure, tellFailure } from '../../../service/failure.js';
import { withRetryAfter } from '../../../service/retry-after.js';
import { noticeWhenSlow } from '../../../service/slow-notice.js';
import { takeTurn } from '../../../service/take-turn.js';
import { questionFrom } from '../question.js';
import { renderError, renderNotice } from '../render-notice.js';
import type { HandlerDeps } from './deps.js';
import { replyMessage } from './reply-message.js';

/**
 * `/dagsorden <question>` (also `følg <emne>`, `følger`, `stop <emne>`): acknowledges at once
 * (Slack allows 3 seconds), then answers through the command's response_url, in the channel or
 * only to the asker as configured (with "Del i kanalen" then). Help goes only to the asker. An
 * answer that takes long is announced, a failure is told with its error id, and a response_url
 * post refused with HTTP 429 is retried after Retry-After.
 */
export function slashCommand({ chat, config, logger }: HandlerDeps) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const log = logger.child({ handler: 'slash-command', user: command.user_id, channel: command.channel_id });
    const send = (message: RespondArguments) =>
      withRetryAfter(() => respond(message), { onRetry: (waitMs) => log.warn({ waitMs }, 'Slack rate-limited the reply; retrying after Retry-After') });
    const slow = noticeWhenSlow(() => send({ response_type: 'ephemeral', ...renderNotice(SLOW_ANSWER_TEXT) }), log);
    try {
      // Acknowledgements of other requests first (Slack waits 3 s for each), then this answer.
      await takeTurn();
      const reply = await chat.conversation.reply({ text: questionFrom(command.text), place: { platform: 'slack', channel: command.channel_id }, threaded: false });
      slow.done();
      const ephemeral = reply.kind === 'help' || config.response === 'ephemeral';
      const message = replyMessage(reply, { command: config.command, feedback: chat.feedback !== undefined, share: reply.kind === 'answer' && config.response === 'ephemeral' });
      await send({ response_type: ephemeral ? 'ephemeral' : 'in_channel', ...message });
    } catch (error) {
      slow.done();
      const failure = logFailure(log, error, 'slash command');
      await tellFailure(log, failure, [() => send({ response_type: 'ephemeral', ...renderError(failure.errorId) }), () => send({ response_type: 'ephemeral', text: failure.text })]);
    }
  };
}
