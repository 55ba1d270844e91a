import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import { COMMAND_UNKNOWN_TEXT } from '../../answer/texts.js';
import { logFailure, tellFailure, type Failure } from '../../service/failure.js';
import { handleButton } from './buttons.js';
import { findCommand } from './commands/index.js';
import { NO_MENTIONS, type DiscordContext } from './reply-message.js';
import { renderError, renderNotice } from './render-notice.js';

/**
 * Routes one interaction to its command, autocomplete or button handler. A handler's error is
 * logged in full with an error id and told to the user with the same id: in the deferred reply
 * when there is one, as a follow-up when the reply was already sent, else as a reply only the
 * user sees, and as plain text when Discord refuses the embed.
 */
export async function dispatchInteraction(interaction: Interaction, ctx: DiscordContext): Promise<void> {
  try {
    if (interaction.isChatInputCommand()) {
      const command = findCommand(interaction.commandName);
      if (command === undefined) {
        ctx.logger.warn({ command: interaction.commandName }, 'unknown discord command; run npm run discord:register');
        await interaction.reply({ ...renderNotice(COMMAND_UNKNOWN_TEXT), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
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
    const log = ctx.logger.child({ interaction: describe(interaction) });
    if (interaction.isAutocomplete()) {
      log.error({ err: error }, 'discord autocomplete failed');
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
      return;
    }
    const failure = logFailure(log, error, 'discord interaction');
    if (interaction.isRepliable()) await politeError(interaction, failure, log);
  }
}

async function politeError(interaction: RepliableInteraction, failure: Failure, log: DiscordContext['logger']): Promise<void> {
  const notice = { ...renderError(failure.errorId), allowedMentions: NO_MENTIONS };
  const plain = { content: failure.text, embeds: [], components: [], allowedMentions: NO_MENTIONS };
  const say = (message: typeof notice | typeof plain) => {
    if (interaction.deferred && !interaction.replied) return interaction.editReply(message);
    if (interaction.replied || interaction.deferred) return interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
    return interaction.reply({ ...message, flags: MessageFlags.Ephemeral });
  };
  // The interaction may have expired or Discord may be unreachable; then nothing more can be said.
  await tellFailure(log, failure, [() => say(notice), () => say(plain), () => interaction.followUp({ ...plain, flags: MessageFlags.Ephemeral })]);
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
