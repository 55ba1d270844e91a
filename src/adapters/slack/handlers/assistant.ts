import { Assistant } from '@slack/bolt';
import { quoteQuestion } from '../../../answer/quote.js';
import { ASSISTANT_GREETING, SEARCHING_STATUS, SUGGESTIONS_TITLE } from '../../../answer/texts.js';
import { suggestedPrompts } from '../../../conversation/suggested-prompts.js';
import { logFailure, tellFailure } from '../../../service/failure.js';
import { questionFrom } from '../question.js';
import { renderError } from '../render-notice.js';
import { POST_OPTIONS, type HandlerDeps } from './deps.js';
import { replyMessage } from './reply-message.js';

/**
 * mødebot in Slack's AI-app pane (Bolt's `Assistant`): a new thread gets a greeting and prompts
 * drawn from the corpus (the next meeting, a current topic, a case number); each question becomes
 * the thread's title, shows "søger …" while it is answered, and is answered in the thread through
 * the core, so follow-ups in the thread read its context like any other thread.
 *
 * Bolt's default thread-context store reads and rewrites the first message of the thread on every
 * event; mødebot keeps its own thread context, so the store here keeps nothing.
 */
export function assistant(deps: HandlerDeps): Assistant {
  const { chat, config, logger } = deps;
  return new Assistant({
    threadContextStore: { get: async () => ({}), save: async () => {} },
    threadStarted: async ({ say, setSuggestedPrompts }) => {
      const log = logger.child({ handler: 'assistant-thread-started' });
      try {
        await say({ text: ASSISTANT_GREETING, ...POST_OPTIONS });
        const prompts = await suggestedPrompts(chat.conversation.engine, new Date());
        if (prompts.length > 0) await setSuggestedPrompts({ title: SUGGESTIONS_TITLE, prompts });
      } catch (error) {
        // The user has not asked anything yet; the next question is answered anyway.
        log.warn({ err: error }, 'the assistant thread could not be greeted');
      }
    },
    threadContextChanged: async () => {},
    userMessage: async ({ message, say, setTitle, setStatus }) => {
      if (message.subtype !== undefined || !('text' in message) || message.thread_ts === undefined) return;
      const log = logger.child({ handler: 'assistant', user: 'user' in message ? message.user : undefined, channel: message.channel });
      const text = questionFrom(message.text);
      try {
        await setTitle(quoteQuestion(text)).catch((err: unknown) => log.warn({ err }, 'the assistant thread title could not be set'));
        await setStatus(SEARCHING_STATUS).catch((err: unknown) => log.warn({ err }, 'the assistant status could not be set'));
        const reply = await chat.conversation.reply({ text, place: { platform: 'slack', channel: message.channel, thread: message.thread_ts }, threaded: true });
        await say({ ...replyMessage(reply, { command: config.command, feedback: chat.feedback !== undefined }), ...POST_OPTIONS });
      } catch (error) {
        const failure = logFailure(log, error, 'assistant question');
        await tellFailure(log, failure, [() => say({ ...renderError(failure.errorId) }), () => say({ text: failure.text })]);
      }
    },
  });
}
