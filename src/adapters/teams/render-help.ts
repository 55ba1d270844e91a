import { HELP_EXAMPLES, HELP_INTRO, HELP_TITLE } from '../../answer/help.js';
import { HELP_MORE } from '../../answer/texts.js';
import { card, escapeText, markdownBlock, textBlock, type AdaptiveCard } from './card.js';
import { askAgain, submit } from './card-actions.js';

export interface HelpOptions {
  /**
   * The bot's display name when the user is in a channel, where questions must mention it
   * (`@mødebot SAG-2025-01103`); absent in chats, where any message is a question.
   */
  mentionName?: string;
}

/** The help card: what the bot does, how to ask on Teams, examples to try with one tap. */
export function renderHelp(options: HelpOptions = {}): AdaptiveCard {
  const prefix = options.mentionName ? `@${options.mentionName} ` : '';
  const how = options.mentionName
    ? `I en kanal nævner du mig først: skriv @${options.mentionName} og dit spørgsmål. Jeg svarer i tråden.`
    : 'Skriv dit spørgsmål direkte her i chatten. I en kanal nævner du mig med @ først.';
  return card(
    [
      textBlock(HELP_TITLE, { weight: 'Bolder', size: 'Medium' }),
      textBlock(HELP_INTRO),
      textBlock(how, { spacing: 'Small' }),
      textBlock('Eksempler', { weight: 'Bolder', spacing: 'Medium' }),
      markdownBlock(
        HELP_EXAMPLES.map((e) => `- **${escapeText(prefix + e.question)}** – ${escapeText(e.explains)}`).join('\n'),
        { spacing: 'Small' },
      ),
      textBlock('Under et svar kan du åbne materialet, se hele punktet, få flere resultater og sige, om svaret var brugbart.', {
        isSubtle: true,
        size: 'Small',
        spacing: 'Medium',
      }),
      textBlock(HELP_MORE, { isSubtle: true, size: 'Small', spacing: 'Small' }),
    ],
    HELP_EXAMPLES.slice(0, 3).map((e) => submit(`Prøv: ${e.question}`, askAgain(e.question))),
  );
}
