import type { Message } from 'discord.js';
import { quoteQuestion } from '../../answer/quote.js';
import type { Place } from '../../conversation/place.js';
import { findCaseNumbers } from '../../corpus/case-numbers.js';
import { logFailure, tellFailure } from '../../service/failure.js';
import { NO_MENTIONS, replyMessage, type DiscordContext } from './reply-message.js';
import { renderAnswer, type DiscordReply } from './render-answer.js';
import { requestOf } from './custom-ids.js';
import { renderError } from './render-notice.js';

/** At most this many case numbers from one message get a reply, so a pasted list does not flood the channel. */
const MAX_CASE_REPLIES = 3;

export interface MessageOptions {
  /** Reply to case numbers in messages that do not mention the bot (needs the Message Content intent). */
  caseNumberReplies: boolean;
  /**
   * Answer a mention in a channel in a new thread, and follow-ups in a thread the bot answered in
   * without a mention (needs the Message Content intent for those).
   */
  threadFollowUps: boolean;
}

/**
 * A message in a channel, thread or DM. Mentions of the bot and direct messages are questions (or
 * watch commands, `følg fysioterapi`); in a thread the bot has answered in, a message without a
 * mention is a follow-up read in the thread's context; with `caseNumberReplies`, a case number in
 * any other message is answered with the items of that case. Other messages are ignored. A failure
 * is answered with its error id when the bot was asked, and only logged when it was not.
 */
export async function handleMessage(message: Message, ctx: DiscordContext, options: MessageOptions): Promise<void> {
  if (message.author.bot || message.system || message.webhookId !== null) return;
  const me = message.client.user;
  if (me === null) return;
  const mentioned = message.mentions.users.has(me.id);
  const direct = message.channel.isDMBased();
  const inThread = message.channel.isThread();
  const log = ctx.logger.child({ message: message.id, channel: message.channelId });
  const threadPlace: Place = { platform: 'discord', channel: message.channelId, thread: message.channelId };
  const followUp = inThread && !mentioned && (await ctx.chat.conversation.followsThread(threadPlace));
  if (!(mentioned || direct || followUp)) {
    if (options.caseNumberReplies) await answerCaseNumbers(message, ctx).catch((error: unknown) => logFailure(log, error, 'case number reply'));
    return;
  }
  const query = message.content.replace(new RegExp(`<@!?${me.id}>`, 'g'), ' ').replace(/\s+/g, ' ').trim();
  let send = (reply: DiscordReply) => message.reply({ ...reply, allowedMentions: { ...NO_MENTIONS, repliedUser: false } });
  try {
    let place: Place = threadPlace;
    let threaded = direct || inThread;
    if (!threaded && options.threadFollowUps && message.inGuild()) {
      // A mention in a channel starts a thread, so follow-ups there need no mention.
      const thread = await message.startThread({ name: quoteQuestion(query || 'mødebot', 90), autoArchiveDuration: 1440 }).catch((error: unknown) => {
        log.warn({ err: error }, 'could not start a thread for the answer (the bot may lack Create Public Threads); replying in the channel');
        return undefined;
      });
      if (thread) {
        place = { platform: 'discord', channel: thread.id, thread: thread.id };
        threaded = true;
        send = (reply) => thread.send({ ...reply, allowedMentions: NO_MENTIONS });
      }
    }
    if (!threaded) place = { platform: 'discord', channel: message.channelId };
    const reply = await ctx.chat.conversation.reply({ text: query, place, threaded });
    await send(replyMessage(reply, ctx));
  } catch (error) {
    const failure = logFailure(log, error, followUp ? 'discord thread follow-up' : 'discord message reply');
    await tellFailure(log, failure, [() => send(renderError(failure.errorId)), () => message.reply({ content: failure.text, allowedMentions: NO_MENTIONS })]);
  }
}

/** Case numbers in any printed form; unknown ones get no reply (the bot was not asked). */
async function answerCaseNumbers(message: Message, ctx: DiscordContext): Promise<void> {
  const seen = new Set<string>();
  for (const found of findCaseNumbers(message.content)) {
    if (seen.has(found.key) || seen.size >= MAX_CASE_REPLIES) continue;
    seen.add(found.key);
    const answer = await ctx.chat.conversation.engine.ask(found.text);
    if (answer.status !== 'found' || answer.mode !== 'case') continue;
    const reply = renderAnswer(answer, { ids: ctx.ids, request: requestOf(answer), feedback: ctx.chat.feedback !== undefined });
    await message.reply({ ...reply, allowedMentions: { ...NO_MENTIONS, repliedUser: false } });
  }
}
