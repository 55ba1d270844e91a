import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { questionFrom } from '../question.js';
import { answerInThread } from './answer-in-thread.js';
import type { HandlerDeps } from './deps.js';

/**
 * A question in a direct message to the bot: answered in the message's thread, like a mention.
 * Edits, joins and other bots' messages (any subtype or bot id) are ignored. (Messages in the
 * threads of the assistant pane go to the assistant handler first.)
 */
export function directMessage(deps: HandlerDeps) {
  return async ({ message, say }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    if (message.channel_type !== 'im' || message.subtype !== undefined || message.bot_id !== undefined) return;
    const log = deps.logger.child({ handler: 'direct-message', user: message.user, channel: message.channel });
    await answerInThread(deps, { text: questionFrom(message.text), channel: message.channel, threadTs: message.thread_ts ?? message.ts, what: 'direct message' }, say, log);
  };
}
