import type { AgendaItem, SectionRole } from '../../corpus/types.js';
import { itemHeadline, meetingLine, UNSTRUCTURED_NOTE } from '../../answer/present.js';

/** What a section without a printed heading is called, by what it holds. */
const UNNAMED: Record<SectionRole, string> = {
  background: 'Baggrund',
  recommendation: 'Indstilling',
  presentation: 'Sagsfremstilling',
  decision: 'Beslutning',
  attachments: 'Bilag',
  history: 'Tidligere behandling',
  other: 'Tekst',
};

/** The whole item as plain text, for `vis N` in the terminal chat: every section as printed. */
export function renderItemText(item: AgendaItem): string {
  const lines = [itemHeadline(item), `${meetingLine(item)}${item.caseNumber ? ` · ${item.caseNumber}` : ''}${item.caseOfficers.length ? ` (${item.caseOfficers.join('/')})` : ''}`];
  if (item.unstructured) lines.push(UNSTRUCTURED_NOTE);
  for (const section of item.sections) {
    if (section.role === 'attachments' || section.text === '') continue;
    lines.push('', `${section.heading || UNNAMED[section.role]}:`, section.text);
  }
  // A recommendation read from the case text (no heading of its own) is shown too.
  if (item.recommendation && !item.sections.some((s) => s.role === 'recommendation')) lines.push('', 'Indstilling:', item.recommendation);
  if (item.attachments.length) lines.push('', 'Bilag:', ...item.attachments.map((a) => `  • ${a}`));
  if (item.links.length) lines.push('', 'Links:', ...item.links.map((l) => `  ${l}`));
  if (item.link) lines.push('', `Materiale: ${item.link}`);
  return lines.join('\n');
}
