import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { findCaseNumbers } from '../../../corpus/case-numbers.js';
import { logFailure } from '../../../service/failure.js';
import { questionFrom } from '../question.js';
import { renderAnswer } from '../render-answer.js';
import { answerInThread } from './answer-in-thread.js';
import { POST_OPTIONS, type HandlerDeps } from './deps.js';

/** At most this many case numbers answered per message, so a pasted list cannot flood a thread. */
const MAX_CASES_PER_MESSAGE = 3;

/**
 * A message in a channel the bot is in, without a mention (the mention handler answers those):
 *
 * - in a thread the bot has answered in (within THREAD_CONTEXT_HOURS): a follow-up, answered in
 *   the thread's context ("og i 2024?", "vis punkt 3.12", "mere");
 * - elsewhere, with `SLACK_CASE_NUMBER_REPLIES=true`: case numbers in any printed form are
 *   answered in the thread with their items. Case numbers not in the material get no reply
 *   (people post case numbers for many reasons), and a failure is only logged: nobody asked.
 */
export function channelMessage(deps: HandlerDeps) {
  const { chat, config, logger } = deps;
  return async ({ message, say, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    if (message.subtype !== undefined || message.bot_id !== undefined || message.channel_type === 'im') return;
    const textOf = message.text ?? '';
    if (context.botUserId && textOf.includes(`<@${context.botUserId}>`)) return;
    const log = logger.child({ handler: 'channel-message', user: message.user, channel: message.channel });
    if (message.thread_ts !== undefined && (await chat.conversation.followsThread({ platform: 'slack', channel: message.channel, thread: message.thread_ts }))) {
      await answerInThread(deps, { text: questionFrom(textOf), channel: message.channel, threadTs: message.thread_ts, what: 'thread follow-up' }, say, log);
      return;
    }
    if (!config.caseNumberReplies) return;
    const thread_ts = message.thread_ts ?? message.ts;
    try {
      const seen = new Set<string>();
      for (const found of findCaseNumbers(questionFrom(textOf))) {
        if (seen.has(found.key) || seen.size >= MAX_CASES_PER_MESSAGE) continue;
        seen.add(found.key);
        const answer = await chat.conversation.engine.ask(found.text);
        if (answer.status !== 'found' || answer.mode !== 'case') continue;
        await say({ thread_ts, ...renderAnswer(answer, { command: config.command, feedback: chat.feedback !== undefined }), ...POST_OPTIONS });
      }
    } catch (error) {
      logFailure(log, error, 'case number reply');
    }
  };
}
