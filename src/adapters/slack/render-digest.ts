import { count, danishDate, danishDay } from '../../answer/present.js';
import { DIGEST_NEW, DIGEST_NO_MEETINGS, DIGEST_TITLE, LABEL, digestScope, digestStatus, notShownText } from '../../answer/texts.js';
import { splitStanding } from '../../digest/standing.js';
import type { Digest, DigestItem, DigestMeeting } from '../../digest/types.js';
import { context, divider, fallback, header, section, type KnownBlock, type SlackMessage } from './block-kit.js';
import { SLACK_LIMITS } from './limits.js';
import { italic, link, markup, text, type Piece } from './mrkdwn.js';

/**
 * The daily digest as a Slack message (pure). One block for each meeting's date and status and
 * one for its items; meetings that do not fit in Slack's 50 blocks are counted at the end.
 */

const BLOCKS_PER_MEETING = 3;

function itemPieces(item: DigestItem): Piece[] {
  const pieces: Piece[] = [markup('\n• ')];
  if (item.isNew) pieces.push(markup(`*${DIGEST_NEW}* `));
  pieces.push(link(item.link, item.number ? `${item.number} ${item.title}` : item.title));
  const lines = (item.recommendation ?? '').split('\n').filter((l) => l.trim() !== '');
  // The recommendation as the digest gives it (whole, or ending in …), each point on its own line.
  lines.forEach((line, i) => pieces.push(markup(i === 0 ? ' — ' : '\n      '), italic(line)));
  return pieces;
}

function meetingBlocks(meeting: DigestMeeting): KnownBlock[] {
  const when = `${danishDay(meeting.date)}${meeting.time ? ` kl. ${meeting.time}` : ''}`;
  const blocks: KnownBlock[] = [
    section([link(meeting.link, meeting.committee, true), text(` · ${when}`), markup('\n'), text(digestStatus(meeting.status, meeting.isNew, meeting.items.length > 0))]),
  ];
  if (meeting.items.length > 0) {
    const { topical, standing } = splitStanding(meeting.items);
    const pieces: Piece[] = [markup(`*${meeting.status === 'published' ? LABEL.items : LABEL.expectedItems}*`)];
    if (standing.length > 0) pieces.push(markup(`\n• ${LABEL.standingItems}: `), text(standing.join(' · ')));
    pieces.push(...topical.flatMap(itemPieces));
    const overflow: Piece[] = meeting.link ? [markup(' '), link(meeting.link, LABEL.seeAgenda)] : [];
    blocks.push(section(pieces, { overflow }));
  }
  return blocks;
}

/**
 * A digest as a Slack message.
 *
 * @example renderDigest({ date: '2025-04-07', windowDays: 14, meetings: [] }).text
 *   // 'Kommende møder 7. april 2025: Der er ingen kendte kommende møder.'
 */
export function renderDigest(digest: Digest): SlackMessage {
  const blocks: KnownBlock[] = [header(DIGEST_TITLE), context([text(`${danishDay(digest.date)} · ${digestScope(digest.windowDays)}`)])];
  if (digest.meetings.length === 0) {
    blocks.push(section([text(DIGEST_NO_MEETINGS)]));
    return { text: fallback([text(`${DIGEST_TITLE} ${danishDate(digest.date)}: ${DIGEST_NO_MEETINGS}`)]), blocks };
  }

  let shown = 0;
  for (const meeting of digest.meetings) {
    // One block stays free for the "more meetings" note.
    if (blocks.length + BLOCKS_PER_MEETING > SLACK_LIMITS.blocksPerMessage - 1) break;
    if (shown > 0) blocks.push(divider());
    blocks.push(...meetingBlocks(meeting));
    shown++;
  }
  const notShown = digest.meetings.length - shown;
  if (notShown > 0) blocks.push(context([text(notShownText(notShown, 'møde'))]));

  const summary = digest.meetings
    .map((m) => `${m.committee} ${danishDate(m.date)} (${m.status === 'published' ? count(m.items.length, 'punkt', 'punkter') : 'forventet'})`)
    .join('; ');
  return { text: fallback([text(`${DIGEST_TITLE}: ${summary}`)]), blocks };
}
