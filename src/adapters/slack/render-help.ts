import { HELP_EXAMPLES, HELP_INTRO, HELP_TITLE } from '../../answer/help.js';
import { HELP_MORE } from '../../answer/texts.js';
import { context, fallback, header, section, type KnownBlock, type SlackMessage } from './block-kit.js';
import { markup, text, type Piece } from './mrkdwn.js';

/** The line under answers that found nothing: where the examples are. */
export function helpHint(command: string): KnownBlock {
  return context([markup('Skriv '), text(`${command} hjælp`), markup(' for eksempler på spørgsmål.')]);
}

/** Usage with examples, for `/dagsorden hjælp`, an empty question or a bare mention. */
export function renderHelp(command = '/dagsorden'): SlackMessage {
  const examples: Piece[] = [markup('*Eksempler*')];
  for (const e of HELP_EXAMPLES) {
    examples.push(markup('\n• `'), text(`${command} ${e.question}`), markup('` — '), text(e.explains));
  }
  return {
    text: fallback([text(`${HELP_TITLE}: ${HELP_INTRO}`)]),
    blocks: [
      header(HELP_TITLE),
      section([text(HELP_INTRO)]),
      section(examples),
      context([
        text(
          'Du kan også nævne mig i en kanal eller skrive direkte til mig; så svarer jeg i tråden. ' +
            'Under et svar kan du vise hele punktet, få flere resultater og sige, om svaret var brugbart.',
        ),
      ]),
      context([text(HELP_MORE)]),
    ],
  };
}
