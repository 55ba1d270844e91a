import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { questionFrom } from '../question.js';
import { answerQuestion } from './answer-question.js';
import { POST_OPTIONS, type HandlerDeps } from './deps.js';
import { reportFailure } from './report-failure.js';

/**
 * `@mødebot <question>` in a channel: answers in the thread of the mention, so follow-ups
 * ("Vis hele punktet", "Flere resultater") stay together. Bolt acknowledges events itself.
 */
export function appMention({ engine, config, logger }: HandlerDeps) {
  return async ({ event, say }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> => {
    const thread_ts = event.thread_ts ?? event.ts;
    const log = logger.child({ handler: 'app-mention', user: event.user, channel: event.channel });
    try {
      const message = answerQuestion(engine, questionFrom(event.text), config.command);
      await say({ thread_ts, ...message, ...POST_OPTIONS });
    } catch (error) {
      await reportFailure(log, error, 'app mention', (m) => say({ thread_ts, ...m }));
    }
  };
}
