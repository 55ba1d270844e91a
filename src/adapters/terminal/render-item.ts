import type { AgendaItem } from '../../corpus/types.js';
import { formatDanishDate } from '../../corpus/danish-dates.js';

/** The whole item as plain text, for `vis N` in the terminal chat. */
export function renderItemText(item: AgendaItem): string {
  const lines = [
    `${item.number} ${item.title}`,
    `${item.committee}, møde ${formatDanishDate(item.meetingDate)}${item.caseNumber ? ` · ${item.caseNumber}` : ''}${item.caseOfficers.length ? ` (${item.caseOfficers.join('/')})` : ''}`,
  ];
  const section = (label: string, text: string) => {
    if (text) lines.push('', `${label}:`, text);
  };
  section('Baggrund', item.background);
  section('Indstilling', item.recommendation);
  section('Sagsfremstilling', item.presentation);
  if (item.attachments.length) lines.push('', 'Bilag:', ...item.attachments.map((a) => `  • ${a}`));
  if (item.links.length) lines.push('', 'Links:', ...item.links.map((l) => `  ${l}`));
  if (item.link) lines.push('', `Materiale: ${item.link}`);
  return lines.join('\n');
}
