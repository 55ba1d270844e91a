import type { SayFn } from '@slack/bolt';
import { SLOW_ANSWER_TEXT } from '../../../answer/texts.js';
import type { Logger } from '../../../log.js';
import { logFailure, tellFailure } from '../../../service/failure.js';
import { noticeWhenSlow } from '../../../service/slow-notice.js';
import { renderError, renderNotice } from '../render-notice.js';
import { POST_OPTIONS, type HandlerDeps } from './deps.js';
import { replyMessage } from './reply-message.js';

/** A message the bot answers in a thread: a mention, a direct message, a follow-up in a thread it answered in. */
export interface ThreadMessage {
  text: string;
  channel: string;
  /** The thread the answer goes into: the message's thread, or the message itself. */
  threadTs: string;
  what: string;
}

/**
 * Answers one message in its thread through the core, which reads it in the thread's context and
 * keeps the context for the next message. A slow answer is announced; a failure is told in the
 * thread with its error id (as blocks, and as plain text when Slack refuses the blocks).
 */
export async function answerInThread({ chat, config }: HandlerDeps, message: ThreadMessage, say: SayFn, log: Logger): Promise<void> {
  const thread_ts = message.threadTs;
  const slow = noticeWhenSlow(() => say({ thread_ts, ...renderNotice(SLOW_ANSWER_TEXT), ...POST_OPTIONS }), log);
  try {
    const reply = await chat.conversation.reply({
      text: message.text,
      place: { platform: 'slack', channel: message.channel, thread: thread_ts },
      threaded: true,
    });
    slow.done();
    await say({ thread_ts, ...replyMessage(reply, { command: config.command, feedback: chat.feedback !== undefined }), ...POST_OPTIONS });
  } catch (error) {
    slow.done();
    const failure = logFailure(log, error, message.what);
    await tellFailure(log, failure, [() => say({ thread_ts, ...renderError(failure.errorId) }), () => say({ thread_ts, text: failure.text })]);
  }
}
