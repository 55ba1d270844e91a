import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { answerQuestion, NO_MENTIONS, type DiscordContext } from './answer-question.js';
import { COLOURS, renderItem, renderNotice, type DiscordReply } from './render.js';

/**
 * "Show the whole item" and "more results". The answer goes only to the one who clicked, so a
 * click does not post into the channel for everyone.
 */
export async function handleButton(interaction: ButtonInteraction, ctx: DiscordContext): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const reply = buttonReply(interaction.customId, ctx);
  await interaction.editReply({ ...reply, allowedMentions: NO_MENTIONS });
}

function buttonReply(customId: string, ctx: DiscordContext): DiscordReply {
  const action = ctx.ids.parse(customId);
  switch (action.kind) {
    case 'item': {
      const item = ctx.engine.item(action.itemId);
      if (item === undefined) return renderNotice('Punktet findes ikke længere i materialet. Stil spørgsmålet igen.', COLOURS.notFound);
      return renderItem(item);
    }
    case 'more':
      return answerQuestion(ctx, action.request, action.offset);
    case 'expired':
      return renderNotice('Knappen er udløbet, fordi jeg er blevet genstartet. Stil spørgsmålet igen.', COLOURS.notFound);
    case 'unknown':
      return renderNotice('Den knap kender jeg ikke. Stil spørgsmålet igen.', COLOURS.notFound);
  }
}
