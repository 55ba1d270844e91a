import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { caseNumbersIn } from '../question.js';
import { renderAnswer } from '../render.js';
import { POST_OPTIONS, type HandlerDeps } from './deps.js';
import { reportFailure } from './report-failure.js';

/** At most this many case numbers answered per message, so a pasted list cannot flood a thread. */
const MAX_CASES_PER_MESSAGE = 3;

/**
 * A case number (`SAG-…`) posted in a channel the bot is in: replies in thread with the items of
 * that case. Only registered when `SLACK_CASE_NUMBER_REPLIES=true`. Stays silent for case numbers
 * not in the material (people post case numbers for many reasons), for messages that mention the
 * bot (the mention handler answers those) and for direct messages (answered as questions).
 */
export function caseNumberMessage({ engine, config, logger }: HandlerDeps) {
  return async ({ message, say, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    if (message.subtype !== undefined || message.bot_id !== undefined || message.channel_type === 'im') return;
    const textOf = message.text ?? '';
    if (context.botUserId && textOf.includes(`<@${context.botUserId}>`)) return;
    const thread_ts = message.thread_ts ?? message.ts;
    const log = logger.child({ handler: 'case-number', user: message.user, channel: message.channel });
    try {
      for (const caseNumber of caseNumbersIn(textOf).slice(0, MAX_CASES_PER_MESSAGE)) {
        const answer = engine.ask(caseNumber);
        if (answer.status !== 'found' || answer.mode !== 'case') continue;
        await say({ thread_ts, ...renderAnswer(answer, { command: config.command }), ...POST_OPTIONS });
      }
    } catch (error) {
      await reportFailure(log, error, 'case number reply', (m) => say({ thread_ts, ...m }));
    }
  };
}
