import { MessageFlags, SlashCommandBuilder, type ApplicationCommandOptionChoiceData, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { danishDate } from '../../../answer/present.js';
import { parseFilters } from '../filters.js';
import { LIMITS, truncate } from '../limits.js';
import { NO_MENTIONS, replyMessage, type DiscordContext } from '../reply-message.js';
import { renderNotice } from '../render-notice.js';

/** Longest question accepted; the engine refuses longer ones anyway, and the option enforces it in the client. */
const MAX_QUESTION = 300;

/** `/dagsorden spørgsmål:<text> [møde:<dato|måned>] [udvalg:<KKR …>]`. */
export const data = new SlashCommandBuilder()
  .setName('dagsorden')
  .setDescription('Spørg om dagsordener fra KKR-møderne')
  .addStringOption((o) =>
    o
      .setName('spørgsmål')
      .setDescription('Dit spørgsmål, et sagsnummer (SAG-2025-01103) eller et punktnummer')
      .setRequired(true)
      .setAutocomplete(true)
      .setMaxLength(MAX_QUESTION),
  )
  .addStringOption((o) =>
    o.setName('møde').setDescription('Afgræns til et møde: en dato (2025-04-11), en måned (juni 2024) eller et år').setAutocomplete(true).setMaxLength(40),
  )
  .addStringOption((o) =>
    o.setName('udvalg').setDescription('Afgræns til et udvalg, fx KKR Hovedstaden').setAutocomplete(true).setMaxLength(80),
  );

/**
 * Answers through the core (a question, or `følg`/`følger`/`stop` for topic watches), in the
 * channel, or only to the asker with "Del i kanalen" when DISCORD_RESPONSE=ephemeral.
 */
export async function execute(interaction: ChatInputCommandInteraction, ctx: DiscordContext): Promise<void> {
  // Defer first: Discord allows three seconds for the first response, and a cold index can take longer.
  await interaction.deferReply(ctx.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  const request = {
    query: interaction.options.getString('spørgsmål', true),
    meeting: interaction.options.getString('møde') ?? '',
    committee: interaction.options.getString('udvalg') ?? '',
  };
  const parsed = parseFilters(request.meeting, request.committee);
  if (!parsed.ok) {
    await interaction.editReply({ ...renderNotice(parsed.message), allowedMentions: NO_MENTIONS });
    return;
  }
  const reply = await ctx.chat.conversation.reply({
    text: request.query,
    place: { platform: 'discord', channel: interaction.channelId },
    threaded: false,
    filters: parsed.filters,
  });
  await interaction.editReply({ ...replyMessage(reply, ctx, { request, share: ctx.ephemeral === true && reply.kind === 'answer' }), allowedMentions: NO_MENTIONS });
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: DiscordContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const typed = focused.value.trim();
  let choices: ApplicationCommandOptionChoiceData<string>[];
  if (focused.name === 'møde') choices = await meetingChoices(ctx, typed);
  else if (focused.name === 'udvalg') choices = await committeeChoices(ctx, typed);
  else {
    choices = (await ctx.chat.conversation.engine.suggest(typed, LIMITS.autocompleteChoices))
      .filter((s) => s.value.length > 0 && s.value.length <= LIMITS.choiceValue)
      .map((s) => ({ name: truncate(s.label, LIMITS.choiceName), value: s.value }));
  }
  await interaction.respond(dedupe(choices).slice(0, LIMITS.autocompleteChoices));
}

async function meetingChoices(ctx: DiscordContext, typed: string): Promise<ApplicationCommandOptionChoiceData<string>[]> {
  const t = typed.toLowerCase();
  return [...(await ctx.chat.conversation.engine.catalog())]
    .reverse()
    .map((m) => ({ name: truncate(`${danishDate(m.meetingDate)} · ${m.committee}`, LIMITS.choiceName), value: m.meetingDate }))
    .filter((c) => t === '' || c.name.toLowerCase().includes(t) || c.value.includes(t));
}

async function committeeChoices(ctx: DiscordContext, typed: string): Promise<ApplicationCommandOptionChoiceData<string>[]> {
  const t = typed.toLowerCase();
  const names = [...new Set((await ctx.chat.conversation.engine.catalog()).map((m) => m.committee))].sort((a, b) => a.localeCompare(b, 'da'));
  return names
    .filter((n) => t === '' || n.toLowerCase().includes(t))
    .map((n) => ({ name: truncate(n, LIMITS.choiceName), value: truncate(n, LIMITS.choiceValue) }));
}

/** Discord refuses autocomplete answers with two choices of the same value. */
function dedupe(choices: ApplicationCommandOptionChoiceData<string>[]): ApplicationCommandOptionChoiceData<string>[] {
  const seen = new Set<string>();
  return choices.filter((c) => (seen.has(c.value) ? false : (seen.add(c.value), true)));
}
