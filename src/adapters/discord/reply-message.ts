import type { ChatServices } from '../../conversation/chat-services.js';
import type { Reply } from '../../conversation/conversation.js';
import type { Logger } from '../../log.js';
import type { ButtonIds, MoreRequest } from './custom-ids.js';
import { requestOf } from './custom-ids.js';
import { renderAnswer, type DiscordReply } from './render-answer.js';
import { renderHelp } from './render-help.js';
import { renderItem } from './render-item.js';
import { renderNotice } from './render-notice.js';

/** What every handler gets: the chat core, the button ids, the logger and the settings that change replies. */
export interface DiscordContext {
  chat: ChatServices;
  ids: ButtonIds;
  logger: Logger;
  /** `/dagsorden` answers only the asker sees, with "Del i kanalen" (DISCORD_RESPONSE=ephemeral). */
  ephemeral?: boolean;
}

export interface ReplyOptions {
  /** Offer "Del i kanalen" (an answer only the asker sees). */
  share?: boolean;
  /** The options the question was asked with, for "more results"; default the answer's own. */
  request?: MoreRequest;
}

/** The core's reply as a Discord message. */
export function replyMessage(reply: Reply, ctx: DiscordContext, options: ReplyOptions = {}): DiscordReply {
  switch (reply.kind) {
    case 'help':
      return renderHelp();
    case 'answer':
      return renderAnswer(reply.answer, {
        ids: ctx.ids,
        request: options.request ?? requestOf(reply.answer),
        feedback: ctx.chat.feedback !== undefined,
        ...(options.share ? { share: true } : {}),
        ...(reply.followUp ? { followUp: reply.followUp } : {}),
      });
    case 'item':
      return renderItem(reply.item);
    case 'notice':
      return renderNotice(reply.text);
  }
}

/** Every message the bot sends pings no one: document text may contain @everyone or role mentions. */
export const NO_MENTIONS = { parse: [] as [] };
