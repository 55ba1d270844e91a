import { danishDate, danishDay } from '../answer/present.js';
import { DIGEST_NO_MEETINGS, DIGEST_TITLE, LABEL, digestScope, digestStatus } from '../answer/texts.js';
import { splitStanding } from './standing.js';
import type { Digest, DigestMeeting } from './types.js';

/** The label put after what is new since the last digest. */
export const NEW_LABEL = '[NY]';

function meetingHeading(m: DigestMeeting): string {
  const when = `${danishDay(m.date)}${m.time !== undefined ? ` kl. ${m.time}` : ''}`;
  const note = m.note !== undefined ? ` (${m.note})` : '';
  return `${m.committee} – ${when}${note}${m.isNew ? ` ${NEW_LABEL}` : ''}`;
}

function indent(text: string, prefix: string): string {
  return text.split('\n').map((line) => `${prefix}${line}`).join('\n');
}

function meetingLines(m: DigestMeeting, today: string): string[] {
  const lines = [meetingHeading(m)];
  if (m.date === today) lines.push('Mødet er i dag.');
  if (m.status === 'published') {
    lines.push(m.items.length > 0 ? digestStatus('published', m.isNew, true) : 'Dagsordenen er offentliggjort, men har ingen punkter.');
    const { topical, standing } = splitStanding(m.items);
    if (standing.length > 0) lines.push(`  ${LABEL.standingItems}: ${standing.join(' · ')}`);
    for (const item of topical) {
      lines.push(`  ${item.number ? `${item.number} ` : '• '}${item.title}${item.isNew ? ` ${NEW_LABEL}` : ''}`);
      if (item.recommendation !== undefined) lines.push(indent(`${LABEL.recommendation}: ${item.recommendation}`, '      '));
      if (item.link !== undefined && item.link !== m.link) lines.push(`      ${item.link}`);
    }
  } else if (m.items.length > 0) {
    const from = m.announcedAt !== undefined ? ` (varslet på mødet ${danishDate(m.announcedAt)})` : '';
    lines.push(`${digestStatus('expected', m.isNew, true)} ${LABEL.expectedItems}${from}:`);
    for (const item of m.items) lines.push(`  • ${item.title}${item.isNew ? ` ${NEW_LABEL}` : ''}`);
  } else {
    lines.push(digestStatus('expected', m.isNew, false));
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
  const head = `${DIGEST_TITLE} – ${danishDay(digest.date)}`;
  if (digest.meetings.length === 0) {
    return `${head}\n\n${DIGEST_NO_MEETINGS}\n`;
  }
  const blocks = digest.meetings.map((m) => meetingLines(m, digest.date).join('\n'));
  return `${head}\n${digestScope(digest.windowDays)}.\n\n${blocks.join('\n\n')}\n`;
}
