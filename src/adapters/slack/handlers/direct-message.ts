import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { questionFrom } from '../question.js';
import { answerQuestion } from './answer-question.js';
import { POST_OPTIONS, type HandlerDeps } from './deps.js';
import { reportFailure } from './report-failure.js';

/**
 * A question in a direct message to the bot: answered in the message's thread, like a mention.
 * Edits, joins and other bots' messages (any subtype or bot id) are ignored.
 */
export function directMessage({ engine, config, logger }: HandlerDeps) {
  return async ({ message, say }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    if (message.channel_type !== 'im' || message.subtype !== undefined || message.bot_id !== undefined) return;
    const thread_ts = message.thread_ts ?? message.ts;
    const log = logger.child({ handler: 'direct-message', user: message.user, channel: message.channel });
    try {
      const reply = answerQuestion(engine, questionFrom(message.text), config.command);
      await say({ thread_ts, ...reply, ...POST_OPTIONS });
    } catch (error) {
      await reportFailure(log, error, 'direct message', (m) => say({ thread_ts, ...m }));
    }
  };
}
