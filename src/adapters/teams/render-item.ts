import { danishDate, itemSections, UNSTRUCTURED_NOTE } from '../../answer/present.js';
import { ITEM_GONE_TEXT, ITEM_WITHOUT_TEXT, LABEL, TEXT_CUT_NOTE, sectionsNotShownText } from '../../answer/texts.js';
import type { AgendaItem } from '../../corpus/types.js';
import { card, escapeText, factSet, markdownBlock, openUrl, safeUrl, textBlock, truncate, type AdaptiveCard, type CardElement } from './card.js';
import { fitCard } from './limits.js';

/** Character budgets of each section per shrink level. */
const SECTION_CHARS = [12_000, 6_000, 3_500, 2_000, 1_000, 500, 250];
/** Sections shown per shrink level; the rest are counted. */
const MAX_SECTIONS = [40, 40, 30, 20, 12, 8, 4];
const LEVELS = SECTION_CHARS.length;

/**
 * Renders a whole agenda item ("Vis hele punktet"): facts (committee and publisher, meeting, agenda
 * or minutes, number, case), then every section in the order the material prints it under its own
 * heading (*Sagens kerne*, *Indstilling*, *Beslutning* …), then attachments. Long sections are
 * shortened until the card fits in a Teams message, with a note and a button to the material.
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
      ['Udvalg', truncate(`${item.committee}${item.publisher ? `, ${item.publisher}` : ''}`, 300).text],
      ['Møde', `${danishDate(item.meetingDate)}${item.kind === 'minutes' ? ' (referat)' : ''}`],
      ...(item.number ? [['Punkt', `${item.number}${item.heading ? ` (${truncate(item.heading, 200).text})` : ''}`] as const] : []),
      ...(item.caseNumber ? [[LABEL.case, truncate(item.caseNumber, 40).text] as const] : []),
      ...(item.caseOfficers.length > 0 ? [[LABEL.caseOfficers, truncate(item.caseOfficers.join(', '), 200).text] as const] : []),
    ]),
  ];
  if (item.unstructured) body.push(textBlock(UNSTRUCTURED_NOTE, { isSubtle: true, size: 'Small' }));

  const sections = itemSections(item);
  const shown = sections.slice(0, MAX_SECTIONS[level]!);
  for (const s of shown) {
    const t = truncate(s.text, budget);
    truncated ||= t.truncated;
    body.push(textBlock(truncate(s.heading, 200).text, { weight: 'Bolder', spacing: 'Medium' }));
    body.push(textBlock(t.text, { spacing: 'Small' }));
  }
  if (shown.length < sections.length) body.push(textBlock(sectionsNotShownText(sections.length - shown.length), { isSubtle: true, size: 'Small' }));
  if (item.attachments.length > 0) {
    body.push(textBlock(LABEL.attachments, { weight: 'Bolder', spacing: 'Medium' }));
    const attachments = item.attachments.slice(0, 20);
    truncated ||= attachments.length < item.attachments.length;
    body.push(markdownBlock(attachments.map((a) => `- ${escapeText(truncate(a, 200).text)}`).join('\n'), { spacing: 'Small' }));
  }
  if (sections.length === 0 && item.attachments.length === 0) body.push(textBlock(ITEM_WITHOUT_TEXT, { spacing: 'Medium' }));

  const link = safeUrl(item.link);
  if (truncated) body.push(textBlock(link ? TEXT_CUT_NOTE : 'Teksten er afkortet.', { isSubtle: true, size: 'Small', spacing: 'Medium' }));
  return card(body, link ? [openUrl(LABEL.openMaterial, link)] : []);
}

/** The card for an item id that no longer exists (the corpus was reloaded since the card was sent). */
export function renderItemGone(): AdaptiveCard {
  return card([textBlock(ITEM_GONE_TEXT)]);
}
