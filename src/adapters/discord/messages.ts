import type { Message } from 'discord.js';
import { answerQuestion, NO_MENTIONS, type DiscordContext } from './answer-question.js';
import { ERROR_TEXT, renderNotice, type DiscordReply } from './render.js';

/** `SAG-2025-01103`, also written with a space or without the dashes. */
const CASE_NUMBER = /\bSAG[-\s]?(\d{4})[-\s]?(\d{5})\b/gi;
/** At most this many case numbers from one message get a reply, so a pasted list does not flood the channel. */
const MAX_CASE_REPLIES = 3;

export interface MessageOptions {
  /** Reply to case numbers in messages that do not mention the bot (needs the Message Content intent). */
  caseNumberReplies: boolean;
}

/**
 * A message in a channel or DM. Mentions of the bot and direct messages are questions; with
 * `caseNumberReplies`, a case number in any other message is answered with the items of that case.
 * Other messages are ignored. Errors are logged and answered politely.
 */
export async function handleMessage(message: Message, ctx: DiscordContext, options: MessageOptions): Promise<void> {
  if (message.author.bot || message.system || message.webhookId !== null) return;
  const me = message.client.user;
  if (me === null) return;
  const mentioned = message.mentions.users.has(me.id);
  const direct = message.channel.isDMBased();
  try {
    if (mentioned || direct) {
      const query = message.content.replace(new RegExp(`<@!?${me.id}>`, 'g'), ' ').replace(/\s+/g, ' ').trim();
      await send(message, answerQuestion(ctx, { query: query === '' ? 'hjælp' : query, meeting: '', committee: '' }));
      return;
    }
    if (!options.caseNumberReplies) return;
    for (const caseNumber of caseNumbers(message.content).slice(0, MAX_CASE_REPLIES)) {
      const answer = ctx.engine.ask(caseNumber);
      // Staying quiet about unknown case numbers: the bot was not asked, so "not found" would be noise.
      if (answer.status !== 'found' || answer.mode !== 'case') continue;
      await send(message, answerQuestion(ctx, { query: caseNumber, meeting: '', committee: '' }));
    }
  } catch (error) {
    ctx.logger.error({ err: error, message: message.id, channel: message.channelId }, 'discord message reply failed');
    if (mentioned || direct) {
      await send(message, renderNotice(ERROR_TEXT)).catch((e: unknown) => ctx.logger.warn({ err: e }, 'could not tell the discord user about a failure'));
    }
  }
}

/** The distinct case numbers of a text, normalised to `SAG-YYYY-NNNNN`, in order of appearance. */
export function caseNumbers(text: string): string[] {
  const found = [...text.matchAll(CASE_NUMBER)].map((m) => `SAG-${m[1]}-${m[2]}`);
  return [...new Set(found)];
}

async function send(message: Message, reply: DiscordReply): Promise<void> {
  await message.reply({ ...reply, allowedMentions: { ...NO_MENTIONS, repliedUser: false } });
}
