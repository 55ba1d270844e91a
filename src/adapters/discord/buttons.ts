import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { parseFilters } from './filters.js';
import { BUTTON_EXPIRED_TEXT, BUTTON_UNKNOWN_TEXT, ITEM_GONE_TEXT, feedbackThanks } from '../../answer/texts.js';
import { NO_MENTIONS, type DiscordContext } from './reply-message.js';
import { requestOf, type MoreRequest } from './custom-ids.js';
import { renderAnswer, type DiscordReply } from './render-answer.js';
import { renderItem } from './render-item.js';
import { COLOURS, renderNotice } from './render-notice.js';

/**
 * The buttons under answers. "Vis hele punktet" and "Flere resultater" answer only the one who
 * clicked, so a click does not post into the channel for everyone; "Del i kanalen" posts the
 * answer for everyone, marked as shared by the clicker; 👍/👎 are stored and thanked privately.
 */
export async function handleButton(interaction: ButtonInteraction, ctx: DiscordContext): Promise<void> {
  const action = ctx.ids.parse(interaction.customId);
  if (action.kind === 'share') {
    await interaction.deferReply();
    await interaction.editReply({ ...(await askAgain(ctx, action.request, action.offset, interaction.user.id)), allowedMentions: NO_MENTIONS });
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  let reply: DiscordReply;
  switch (action.kind) {
    case 'item': {
      const item = await ctx.chat.conversation.engine.item(action.itemId);
      reply = item ? renderItem(item) : renderNotice(ITEM_GONE_TEXT, COLOURS.notFound);
      break;
    }
    case 'more':
      reply = await askAgain(ctx, action.request, action.offset);
      break;
    case 'feedback': {
      if (ctx.chat.feedback === undefined) throw new Error('a feedback button, but feedback is not kept');
      // After a restart a long question is only in the answer's footer (`Spørgsmål: …`).
      const query = action.query ?? /^Spørgsmål: (.*?)(?: · |$)/.exec(interaction.message.embeds[0]?.footer?.text ?? '')?.[1] ?? '';
      await ctx.chat.feedback.vote({ vote: action.vote, question: query, itemId: action.itemId, platform: 'discord', channel: interaction.channelId, userId: interaction.user.id });
      ctx.logger.info({ vote: action.vote }, 'feedback recorded');
      reply = renderNotice(feedbackThanks(action.vote));
      break;
    }
    case 'expired':
      reply = renderNotice(BUTTON_EXPIRED_TEXT, COLOURS.notFound);
      break;
    case 'unknown':
      reply = renderNotice(BUTTON_UNKNOWN_TEXT, COLOURS.notFound);
      break;
  }
  await interaction.editReply({ ...reply, allowedMentions: NO_MENTIONS });
}

/** The request's question again from `offset`; shared (for everyone) when `sharedBy` is the clicker. */
async function askAgain(ctx: DiscordContext, request: MoreRequest, offset: number, sharedBy?: string): Promise<DiscordReply> {
  const parsed = parseFilters(request.meeting, request.committee);
  if (!parsed.ok) return renderNotice(parsed.message);
  const answer = await ctx.chat.conversation.engine.ask(request.query, { offset, filters: parsed.filters });
  return renderAnswer(answer, {
    ids: ctx.ids,
    request: { ...requestOf(answer), meeting: request.meeting, committee: request.committee },
    feedback: ctx.chat.feedback !== undefined,
    ...(sharedBy ? { sharedBy } : {}),
  });
}
