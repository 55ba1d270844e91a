import type { AgendaItem } from '../../corpus/types.js';
import { card, factSet, fitCard, markdownBlock, escapeText, openUrl, safeUrl, textBlock, truncate, type AdaptiveCard, type CardElement } from './card.js';
import { danishDate } from './format.js';

/** Character budgets of the long sections per shrink level. */
const SECTION_CHARS = [12_000, 6_000, 3_500, 2_000, 1_000, 500];
const LEVELS = SECTION_CHARS.length;

/**
 * Renders a whole agenda item ("Vis hele punktet"): facts, Baggrund, Indstilling, Sagsfremstilling
 * and Bilag. Long sections are shortened until the card fits in a Teams message, with a note and a
 * button to the material.
 */
export function renderItem(item: AgendaItem): AdaptiveCard {
  return fitCard((level) => build(item, level), LEVELS);
}

function build(item: AgendaItem, level: number): AdaptiveCard {
  const budget = SECTION_CHARS[level]!;
  let truncated = false;
  const body: CardElement[] = [
    textBlock(truncate(item.title, 400).text, { weight: 'Bolder', size: 'Medium' }),
    factSet([
      ['Udvalg', item.committee],
      ['Møde', danishDate(item.meetingDate)],
      ['Punkt', `${item.number}${item.heading ? ` (${item.heading})` : ''}`],
      ...(item.caseNumber ? [['Sag', truncate(item.caseNumber, 40).text] as const] : []),
      ...(item.caseOfficers.length > 0 ? [['Sagsbehandler', item.caseOfficers.join(', ')] as const] : []),
    ]),
  ];

  // The recommendation is what readers come for, so it gets the budget first.
  const sections: Array<[string, string, number]> = [
    ['Indstilling', item.recommendation, budget],
    ['Baggrund', item.background, Math.floor(budget / 2)],
    ['Sagsfremstilling', item.presentation, budget],
  ];
  for (const [heading, text, max] of sections) {
    if (text.trim() === '') continue;
    const t = truncate(text, max);
    truncated ||= t.truncated;
    body.push(textBlock(heading, { weight: 'Bolder', spacing: 'Medium' }));
    body.push(textBlock(t.text, { spacing: 'Small' }));
  }
  if (item.attachments.length > 0) {
    body.push(textBlock('Bilag', { weight: 'Bolder', spacing: 'Medium' }));
    const shown = item.attachments.slice(0, 20);
    truncated ||= shown.length < item.attachments.length;
    body.push(markdownBlock(shown.map((a) => `- ${escapeText(truncate(a, 200).text)}`).join('\n'), { spacing: 'Small' }));
  }

  const link = safeUrl(item.link);
  if (truncated) {
    body.push(
      textBlock(link ? 'Teksten er afkortet: åbn materialet for at læse det hele.' : 'Teksten er afkortet.', {
        isSubtle: true,
        size: 'Small',
        spacing: 'Medium',
      }),
    );
  }
  return card(body, link ? [openUrl('Åbn materialet', link)] : []);
}

/** The card for an item id that no longer exists (the corpus was reloaded since the card was sent). */
export function renderItemGone(): AdaptiveCard {
  return card([textBlock('Punktet findes ikke længere i materialet. Stil spørgsmålet igen for at få et nyt svar.')]);
}
