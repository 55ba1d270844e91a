import type { Digest, DigestItem, DigestMeeting } from '../../digest/types.js';
import { context, divider, fallback, header, section, type KnownBlock, type SlackMessage } from './block-kit.js';
import { count, danishDate, danishDay } from './format.js';
import { SLACK_LIMITS } from './limits.js';
import { italic, link, markup, text, type Piece } from './mrkdwn.js';

/**
 * The daily digest as a Slack message (pure). One block for each meeting's date and status and
 * one for its items; meetings that do not fit in Slack's 50 blocks are counted at the end.
 */

/** Characters of an item's recommendation in the digest: a glimpse, the link has the rest. */
const DIGEST_RECOMMENDATION_CHARS = 220;
const BLOCKS_PER_MEETING = 3;

function shorten(t: string, max: number): string {
  const flat = t.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function itemPieces(item: DigestItem): Piece[] {
  const pieces: Piece[] = [markup('\n• ')];
  if (item.isNew) pieces.push(markup('*Nyt* '));
  const label = item.number ? `${item.number} ${item.title}` : item.title;
  pieces.push(link(item.link, label));
  if (item.recommendation && item.recommendation.trim() !== '') {
    pieces.push(markup(' — '), italic(shorten(item.recommendation, DIGEST_RECOMMENDATION_CHARS)));
  }
  return pieces;
}

function meetingBlocks(meeting: DigestMeeting): KnownBlock[] {
  const when = `${danishDay(meeting.date)}${meeting.time ? ` kl. ${meeting.time}` : ''}`;
  const status =
    meeting.status === 'published'
      ? meeting.isNew
        ? 'Ny dagsorden er offentliggjort.'
        : 'Dagsordenen er offentliggjort.'
      : 'Dagsordenen er ikke offentliggjort endnu.';
  const blocks: KnownBlock[] = [
    section([link(meeting.link, meeting.committee, true), text(` · ${when}`), markup('\n'), text(status)]),
  ];
  if (meeting.items.length > 0) {
    const title = meeting.status === 'published' ? '*Punkter*' : '*Forventede punkter*';
    const pieces: Piece[] = [markup(title), ...meeting.items.flatMap(itemPieces)];
    const overflow: Piece[] = meeting.link ? [markup(' '), link(meeting.link, 'Se hele dagsordenen')] : [];
    blocks.push(section(pieces, { overflow }));
  }
  return blocks;
}

/**
 * A digest as a Slack message.
 *
 * @example renderDigest({ date: '2025-04-07', windowDays: 14, meetings: [] }).text
 *   // 'Kommende KKR-møder 7. april 2025: ingen møder de næste 14 dage.'
 */
export function renderDigest(digest: Digest): SlackMessage {
  const blocks: KnownBlock[] = [
    header('Kommende KKR-møder'),
    context([text(`${danishDate(digest.date)} · de næste ${digest.windowDays} dage`)]),
  ];
  if (digest.meetings.length === 0) {
    blocks.push(section([text(`Ingen kendte møder de næste ${digest.windowDays} dage.`)]));
    return {
      text: fallback([text(`Kommende KKR-møder ${danishDate(digest.date)}: ingen møder de næste ${digest.windowDays} dage.`)]),
      blocks,
    };
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
  if (notShown > 0) blocks.push(context([text(`${count(notShown, 'møde', 'møder')} mere er ikke vist her.`)]));

  const summary = digest.meetings
    .map((m) => `${m.committee} ${danishDate(m.date)} (${m.status === 'published' ? count(m.items.length, 'punkt', 'punkter') : 'forventet'})`)
    .join('; ');
  return { text: fallback([text(`Kommende KKR-møder: ${summary}`)]), blocks };
}
