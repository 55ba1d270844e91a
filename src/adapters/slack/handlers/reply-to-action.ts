import type { App, BlockButtonAction, RespondFn } from '@slack/bolt';
import type { Logger } from '../../../log.js';
import { withRetryAfter } from '../../../service/retry-after.js';
import type { SlackMessage } from '../render-answer.js';
import { POST_OPTIONS } from './deps.js';

/** The channel and thread of the message a button was clicked on, when it is a normal (not ephemeral) message. */
export function actionThread(body: BlockButtonAction): { channel: string; thread: string } | undefined {
  const container = body.container as { type?: string; is_ephemeral?: boolean; message_ts?: string; thread_ts?: string; channel_id?: string };
  const channel = body.channel?.id ?? container.channel_id;
  const messageTs = body.message?.ts ?? container.message_ts;
  if (container.type !== 'message' || container.is_ephemeral === true || !channel || !messageTs) return undefined;
  return { channel, thread: (body.message?.thread_ts as string | undefined) ?? container.thread_ts ?? messageTs };
}

/**
 * Where the answer to a button goes. Under a normal message: in that message's thread, so the
 * channel stays quiet. Under an ephemeral message (an answer only the asker sees), or when the bot
 * may not post in the channel (a slash command in a channel it was never added to): only to the
 * clicker, through the response_url. Says which it was.
 */
export async function replyToAction(
  body: BlockButtonAction,
  client: App['client'],
  respond: RespondFn,
  message: SlackMessage,
  log: Logger,
): Promise<'thread' | 'clicker'> {
  const thread = actionThread(body);
  if (thread) {
    try {
      await client.chat.postMessage({ channel: thread.channel, thread_ts: thread.thread, ...message, ...POST_OPTIONS });
      return 'thread';
    } catch (error) {
      log.warn({ err: error, channel: thread.channel }, 'could not post in the thread; answering the clicker only');
    }
  }
  await withRetryAfter(() => respond({ response_type: 'ephemeral', replace_original: false, ...message }));
  return 'clicker';
}
