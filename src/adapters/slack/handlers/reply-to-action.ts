import type { App, BlockButtonAction, RespondFn } from '@slack/bolt';
import type { Logger } from '../../../log.js';
import type { SlackMessage } from '../render.js';
import { POST_OPTIONS } from './deps.js';

/**
 * Where the answer to a button goes. Under a normal message: in that message's thread, so the
 * channel stays quiet. Under an ephemeral message (an answer only the asker sees), or when the bot
 * may not post in the channel (a slash command in a channel it was never added to): only to the
 * clicker, through the response_url.
 */
export async function replyToAction(
  body: BlockButtonAction,
  client: App['client'],
  respond: RespondFn,
  message: SlackMessage,
  log: Logger,
): Promise<void> {
  const container = body.container as { type?: string; is_ephemeral?: boolean; message_ts?: string; thread_ts?: string };
  const channel = body.channel?.id ?? (body.container as { channel_id?: string }).channel_id;
  const messageTs = body.message?.ts ?? container.message_ts;
  if (container.type === 'message' && container.is_ephemeral !== true && channel && messageTs) {
    const thread_ts = (body.message?.thread_ts as string | undefined) ?? container.thread_ts ?? messageTs;
    try {
      await client.chat.postMessage({ channel, thread_ts, ...message, ...POST_OPTIONS });
      return;
    } catch (error) {
      log.warn({ err: error, channel }, 'could not post in the thread; answering the clicker only');
    }
  }
  await respond({ response_type: 'ephemeral', replace_original: false, ...message });
}
