import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { questionFrom } from '../question.js';
import { answerInThread } from './answer-in-thread.js';
import type { HandlerDeps } from './deps.js';

/**
 * `@mødebot <question>` in a channel: answers in the thread of the mention, so follow-ups (buttons,
 * and messages in the thread without a mention) stay together. Bolt acknowledges events itself.
 */
export function appMention(deps: HandlerDeps) {
  return async ({ event, say }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> => {
    const log = deps.logger.child({ handler: 'app-mention', user: event.user, channel: event.channel });
    await answerInThread(deps, { text: questionFrom(event.text), channel: event.channel, threadTs: event.thread_ts ?? event.ts, what: 'app mention' }, say, log);
  };
}
