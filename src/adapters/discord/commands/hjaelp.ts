import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { NO_MENTIONS } from '../reply-message.js';
import { renderHelp } from '../render-help.js';

/** `/hjælp`: how to ask, shown only to the one who asks. */
export const data = new SlashCommandBuilder().setName('hjælp').setDescription('Sådan spørger du mødebot');

export async function execute(interaction: ChatInputCommandInteraction): Promise<void> {
  await interaction.reply({ ...renderHelp(), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
}
