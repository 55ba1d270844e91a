import type { AgendaItem } from '../../corpus/types.js';
import { itemHeadline, itemSections, meetingLine, UNSTRUCTURED_NOTE } from '../../answer/present.js';
import { LABEL } from '../../answer/texts.js';

/** The whole item as plain text, for `vis N` in the terminal chat: every section as printed, under its heading. */
export function renderItemText(item: AgendaItem): string {
  const lines = [itemHeadline(item), `${meetingLine(item)}${item.caseNumber ? ` · ${item.caseNumber}` : ''}${item.caseOfficers.length ? ` (${item.caseOfficers.join('/')})` : ''}`];
  if (item.unstructured) lines.push(UNSTRUCTURED_NOTE);
  for (const section of itemSections(item)) lines.push('', `${section.heading}:`, section.text);
  if (item.attachments.length) lines.push('', `${LABEL.attachments}:`, ...item.attachments.map((a) => `  • ${a}`));
  if (item.links.length) lines.push('', 'Links:', ...item.links.map((l) => `  ${l}`));
  if (item.link) lines.push('', `Materiale: ${item.link}`);
  return lines.join('\n');
}
