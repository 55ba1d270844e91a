import { SlashCommandBuilder, type ApplicationCommandOptionChoiceData, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { answerQuestion, NO_MENTIONS, type DiscordContext } from '../answer-question.js';
import { LIMITS, danishDate, truncate } from '../text.js';

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

export async function execute(interaction: ChatInputCommandInteraction, ctx: DiscordContext): Promise<void> {
  // Defer first: Discord allows three seconds for the first response, and a cold index can take longer.
  await interaction.deferReply();
  const reply = answerQuestion(ctx, {
    query: interaction.options.getString('spørgsmål', true),
    meeting: interaction.options.getString('møde') ?? '',
    committee: interaction.options.getString('udvalg') ?? '',
  });
  await interaction.editReply({ ...reply, allowedMentions: NO_MENTIONS });
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: DiscordContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const typed = focused.value.trim();
  let choices: ApplicationCommandOptionChoiceData<string>[];
  if (focused.name === 'møde') choices = meetingChoices(ctx, typed);
  else if (focused.name === 'udvalg') choices = committeeChoices(ctx, typed);
  else {
    choices = ctx.engine
      .suggest(typed, LIMITS.autocompleteChoices)
      .filter((s) => s.value.length > 0 && s.value.length <= LIMITS.choiceValue)
      .map((s) => ({ name: truncate(s.label, LIMITS.choiceName), value: s.value }));
  }
  await interaction.respond(dedupe(choices).slice(0, LIMITS.autocompleteChoices));
}

function meetingChoices(ctx: DiscordContext, typed: string): ApplicationCommandOptionChoiceData<string>[] {
  const t = typed.toLowerCase();
  return [...ctx.engine.meetings()]
    .reverse()
    .map((m) => ({ name: truncate(`${danishDate(m.meetingDate)} · ${m.committee}`, LIMITS.choiceName), value: m.meetingDate }))
    .filter((c) => t === '' || c.name.toLowerCase().includes(t) || c.value.includes(t));
}

function committeeChoices(ctx: DiscordContext, typed: string): ApplicationCommandOptionChoiceData<string>[] {
  const t = typed.toLowerCase();
  const names = [...new Set(ctx.engine.meetings().map((m) => m.committee))].sort((a, b) => a.localeCompare(b, 'da'));
  return names
    .filter((n) => t === '' || n.toLowerCase().includes(t))
    .map((n) => ({ name: truncate(n, LIMITS.choiceName), value: truncate(n, LIMITS.choiceValue) }));
}

/** Discord refuses autocomplete answers with two choices of the same value. */
function dedupe(choices: ApplicationCommandOptionChoiceData<string>[]): ApplicationCommandOptionChoiceData<string>[] {
  const seen = new Set<string>();
  return choices.filter((c) => (seen.has(c.value) ? false : (seen.add(c.value), true)));
}
