import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import { NO_MENTIONS, type DiscordContext } from './answer-question.js';
import { handleButton } from './buttons.js';
import { findCommand } from './commands/index.js';
import { ERROR_TEXT, renderNotice } from './render.js';

/**
 * Routes one interaction to its command, autocomplete or button handler. A handler's error is
 * logged in full and answered politely: in the deferred reply when there is one, as a follow-up
 * when the reply was already sent, else as a reply only the user sees.
 */
export async function dispatchInteraction(interaction: Interaction, ctx: DiscordContext): Promise<void> {
  try {
    if (interaction.isChatInputCommand()) {
      const command = findCommand(interaction.commandName);
      if (command === undefined) {
        ctx.logger.warn({ command: interaction.commandName }, 'unknown discord command; run npm run discord:register');
        await interaction.reply({ ...renderNotice('Den kommando kender jeg ikke længere. Prøv /dagsorden.'), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
        return;
      }
      await command.execute(interaction, ctx);
    } else if (interaction.isAutocomplete()) {
      const command = findCommand(interaction.commandName);
      if (command?.autocomplete) await command.autocomplete(interaction, ctx);
      else await interaction.respond([]);
    } else if (interaction.isButton()) {
      await handleButton(interaction, ctx);
    }
  } catch (error) {
    ctx.logger.error({ err: error, interaction: describe(interaction) }, 'discord interaction failed');
    await answerFailure(interaction, ctx);
  }
}

async function answerFailure(interaction: Interaction, ctx: DiscordContext): Promise<void> {
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable()) return;
    await politeError(interaction);
  } catch (error) {
    // The interaction may have expired or Discord may be unreachable; nothing more can be said to the user.
    ctx.logger.warn({ err: error }, 'could not tell the discord user about a failure');
  }
}

async function politeError(interaction: RepliableInteraction): Promise<void> {
  const notice = { ...renderNotice(ERROR_TEXT), allowedMentions: NO_MENTIONS };
  if (interaction.deferred && !interaction.replied) await interaction.editReply(notice);
  else if (interaction.replied || interaction.deferred) await interaction.followUp({ ...notice, flags: MessageFlags.Ephemeral });
  else await interaction.reply({ ...notice, flags: MessageFlags.Ephemeral });
}

function describe(interaction: Interaction): Record<string, unknown> {
  return {
    id: interaction.id,
    type: interaction.type,
    ...(interaction.isCommand() || interaction.isAutocomplete() ? { command: interaction.commandName } : {}),
    ...(interaction.isButton() ? { customId: interaction.customId } : {}),
    guild: interaction.guildId,
    channel: interaction.channelId,
  };
}
