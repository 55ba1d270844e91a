import { HELP_EXAMPLES, HELP_INTRO, HELP_TITLE } from '../../answer/help.js';
import { HELP_MORE } from '../../answer/texts.js';
import type { DiscordReply } from './render-answer.js';
import { LIMITS, truncate } from './limits.js';
import { COLOURS } from './render-notice.js';

/** The shared help text with the Discord command in front of each example. */
export function renderHelp(command = '/dagsorden'): DiscordReply {
  return {
    embeds: [
      {
        color: COLOURS.answer,
        title: HELP_TITLE,
        description:
          `${HELP_INTRO}\n\n` +
          `Brug \`${command} spørgsmål:\` med dit spørgsmål. Med \`møde:\` (fx 2025-04-11 eller juni 2024) og ` +
          '`udvalg:` (fx KKR Hovedstaden) afgrænser du søgningen. Du kan også nævne mig i en kanal med dit spørgsmål.\n\n' +
          HELP_MORE,
        fields: HELP_EXAMPLES.slice(0, LIMITS.fields).map((e) => ({
          name: truncate(`${command} spørgsmål: ${e.question}`, LIMITS.fieldName),
          value: truncate(e.explains, LIMITS.fieldValue),
        })),
      },
    ],
    components: [],
  };
}
