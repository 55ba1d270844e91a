import { danishDate, danishLongDate } from './dates.js';
import type { Digest, DigestMeeting } from './types.js';

/** The label put after what is new since the last digest. */
export const NEW_LABEL = '[NY]';

function meetingHeading(m: DigestMeeting): string {
  const when = `${danishLongDate(m.date)}${m.time !== undefined ? ` kl. ${m.time}` : ''}`;
  const note = m.note !== undefined ? ` (${m.note})` : '';
  return `${m.committee} – ${when}${note}${m.isNew ? ` ${NEW_LABEL}` : ''}`;
}

function meetingLines(m: DigestMeeting, today: string): string[] {
  const lines = [meetingHeading(m)];
  if (m.date === today) lines.push('Mødet er i dag.');
  if (m.status === 'published') {
    lines.push(m.items.length > 0 ? 'Dagsordenen er offentliggjort:' : 'Dagsordenen er offentliggjort, men har ingen punkter.');
    for (const item of m.items) {
      lines.push(`  ${item.number ?? '•'} ${item.title}${item.isNew ? ` ${NEW_LABEL}` : ''}`);
      if (item.recommendation !== undefined) lines.push(`      Indstilling: ${item.recommendation}`);
      if (item.link !== undefined && item.link !== m.link) lines.push(`      ${item.link}`);
    }
  } else if (m.items.length > 0) {
    const from = m.announcedAt !== undefined ? ` (varslet på mødet ${danishDate(m.announcedAt)})` : '';
    lines.push(`Dagsordenen er ikke offentliggjort endnu. Forventede punkter${from}:`);
    for (const item of m.items) lines.push(`  • ${item.title}${item.isNew ? ` ${NEW_LABEL}` : ''}`);
  } else {
    lines.push('Dagsordenen er ikke offentliggjort endnu, og der er ikke varslet punkter.');
  }
  if (m.link !== undefined) lines.push(`Mødemateriale: ${m.link}`);
  return lines;
}

/**
 * The digest as plain Danish text, for the terminal and `npm run digest`.
 *
 * @example renderDigestText(buildDigest({ meetings, calendar, date: '2025-06-01' }))
 */
export function renderDigestText(digest: Digest): string {
  const head = `Kommende møder – ${danishLongDate(digest.date)}`;
  const scope = `Møder de næste ${digest.windowDays} dage og mindst næste møde i hvert råd.`;
  if (digest.meetings.length === 0) {
    return `${head}\n\nDer er ingen kendte kommende møder.\n`;
  }
  const blocks = digest.meetings.map((m) => meetingLines(m, digest.date).join('\n'));
  return `${head}\n${scope}\n\n${blocks.join('\n\n')}\n`;
}
