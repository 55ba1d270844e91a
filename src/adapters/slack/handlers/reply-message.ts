import type { Reply } from '../../../conversation/conversation.js';
import { renderAnswer, type SlackMessage } from '../render-answer.js';
import { renderHelp } from '../render-help.js';
import { renderItem } from '../render-item.js';
import { renderNotice } from '../render-notice.js';

export interface ReplyOptions {
  command: string;
  /** 👍/👎 under found answers. */
  feedback: boolean;
  /** The reply is seen by the asker only: found answers offer "Del i kanalen". */
  share?: boolean;
}

/** The core's reply as a Slack message. */
export function replyMessage(reply: Reply, options: ReplyOptions): SlackMessage {
  switch (reply.kind) {
    case 'help':
      return renderHelp(options.command);
    case 'answer':
      return renderAnswer(reply.answer, {
        command: options.command,
        feedback: options.feedback,
        ...(options.share ? { share: true } : {}),
        ...(reply.followUp ? { followUp: reply.followUp } : {}),
      });
    case 'item':
      return renderItem(reply.item);
    case 'notice':
      return renderNotice(reply.text);
  }
}
